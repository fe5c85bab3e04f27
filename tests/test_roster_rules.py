"""The roster keeps the labour rules on any small requirement (a property test): every
interval a lawful shift can reach is covered, every shift it uses keeps the rules (length,
rest between shifts, days a week, weekly hours, part-time share), and it costs no more than
a hand-made roster built from the same lawful shifts (one per needed interval)."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simlab.queueing.roster import LabourRules, shift_templates, solve

H = 3600
RULES = LabourRules()
OPEN = (8 * H, 20 * H)
TEMPLATES = shift_templates(OPEN, RULES, full_time_cost=20.0, part_time_cost=18.0)


@st.composite
def requirements(draw) -> np.ndarray:
    """A week of half hours with a few busy cells, some outside the opening (06:00-22:00),
    where no lawful shift reaches."""
    need = np.zeros((7, 48))
    for _ in range(draw(st.integers(1, 6))):
        day = draw(st.integers(0, 6))
        first = draw(st.integers(12, 42))
        length = draw(st.integers(1, 6))
        need[day, first:first + length] = draw(st.integers(1, 4))
    return need


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(requirements(), st.sampled_from([None, 0.0, 0.5, 1.0]))
def test_the_roster_keeps_the_labour_rules_and_covers_what_they_allow(need, share):
    roster = solve(need, TEMPLATES, max_part_time_share=share)
    reach = sum(t.coverage(1800) for t in TEMPLATES
                if share != 0.0 or not t.part_time) > 0
    short = roster.shortfall
    # covered wherever some lawful shift reaches; short only where none does
    assert (short[reach] <= 1e-6).all()
    assert (short[~reach] == need[~reach]).all()
    used = [(t, n) for t, n in zip(roster.templates, roster.agents, strict=True) if n > 0]
    for t, _n in used:
        assert OPEN[0] <= t.start_s and t.start_s + t.length_s <= OPEN[1]
        assert 86_400 - t.length_s >= RULES.min_rest_s  # 11 h between two shifts
        assert len(t.days) <= RULES.max_days  # a day of rest a week
        assert t.working_hours_per_week() <= RULES.max_weekly_hours
        hours = t.working_hours_per_week() / len(t.days)
        assert hours == RULES.full_time_hours or hours in RULES.part_time_hours
    if share is not None:
        part = sum(n for t, n in used if t.part_time)
        assert part <= share * roster.headcount + 1e-9
    # a hand-made roster: for each needed cell one lawful shift that reaches it, as many
    # agents as the cell needs; the optimum costs no more (the solver's gap allowed)
    hand = 0.0
    for day, slot in zip(*np.nonzero(need * reach), strict=True):
        for t in TEMPLATES:
            if (share != 0.0 or not t.part_time) and t.coverage(1800)[day, slot] > 0:
                cover = t.coverage(1800)[day, slot]
                hand += np.ceil(need[day, slot] / cover) * t.weekly_cost()
                break
    if share is None or share == 1.0:  # the hand roster ignores the part-time share
        assert roster.weekly_cost <= hand * (1 + roster.gap) + 1e-6
