"""The roster (queueing/roster.py): coverage worked by hand, the optimum of small covering
problems, the labour rules, and never dearer than a hand-made roster on its own needs."""

from __future__ import annotations

import numpy as np
import pytest

from simlab.queueing.roster import (
    Break,
    LabourRules,
    ShiftTemplate,
    shift_templates,
    solve,
)

H = 3600
HALF = 1800


def week(**cells: float) -> np.ndarray:
    """A (7, 48) requirement, zero but for cells named like d0_i16=2."""
    out = np.zeros((7, 48))
    for name, value in cells.items():
        day, slot = name[1:].split("_i")
        out[int(day), int(slot)] = value
    return out


def test_a_shift_covers_its_intervals_less_the_share_of_its_breaks():
    # 08:00-12:00 is intervals 16-23; a 15-minute break in 4 hours leaves 15/16 of an
    # agent answering in each of them (a team staggers its breaks)
    shift = ShiftTemplate((0,), 8 * H, 4 * H, (Break(105 * 60, 15 * 60),))
    cover = shift.coverage(HALF)
    assert cover.shape == (7, 48)
    expected = np.zeros(48)
    expected[16:24] = 1 - 15 / 240
    assert cover[0] == pytest.approx(expected)
    assert cover[1:].sum() == 0


def test_a_night_shift_on_sunday_runs_into_monday():
    cover = ShiftTemplate((6,), 22 * H, 4 * H).coverage(HALF)
    assert cover[6, 44:].sum() == pytest.approx(4)
    assert cover[0, :4].sum() == pytest.approx(4)


def test_the_cheapest_cover_of_a_small_morning_is_found():
    # Need 1, 2, 2, 1 agents at 08:00-10:00 on Monday; one-hour shifts at 08:00, 08:30 and
    # 09:00 cover (16, 17), (17, 18), (18, 19). By hand: x0 ≥ 1, x0 + x1 ≥ 2, x1 + x2 ≥ 2,
    # x2 ≥ 1, so the least is one of each, 3 hours at 1 an hour.
    shifts = [ShiftTemplate((0,), 8 * H + k * HALF, H, hourly_cost=1.0) for k in range(3)]
    roster = solve(week(d0_i16=1, d0_i17=2, d0_i18=2, d0_i19=1), shifts)
    assert roster.agents.tolist() == [1, 1, 1]
    assert roster.covered()
    assert roster.weekly_cost == pytest.approx(3.0)


def test_a_cheaper_part_time_shift_is_limited_by_the_part_time_share():
    full = ShiftTemplate((0,), 8 * H, 4 * H, hourly_cost=2.0)
    part = ShiftTemplate((0,), 8 * H, 4 * H, part_time=True, hourly_cost=1.0)
    need = np.zeros((7, 48))
    need[0, 16:24] = 10
    assert solve(need, [full, part]).agents.tolist() == [0, 10]
    assert solve(need, [full, part], max_part_time_share=0.3).agents.tolist() == [7, 3]


def test_what_no_shift_can_cover_is_reported_and_the_rest_is_covered():
    shifts = [ShiftTemplate((0,), 8 * H, 4 * H, hourly_cost=1.0)]
    roster = solve(week(d0_i16=3, d0_i47=2), shifts)
    assert roster.agents.tolist() == [3]
    assert roster.shortfall[0, 47] == pytest.approx(2)
    assert roster.shortfall.sum() == pytest.approx(2)
    assert not roster.covered()


def test_bad_requirements_are_refused():
    shifts = [ShiftTemplate((0,), 8 * H, 4 * H)]
    with pytest.raises(ValueError, match="shape"):
        solve(np.zeros((7, 24)), shifts)
    with pytest.raises(ValueError, match="negative"):
        solve(-np.ones((7, 48)), shifts)
    with pytest.raises(ValueError, match="template"):
        solve(np.zeros((7, 48)), [])


def test_every_generated_shift_keeps_the_labour_rules():
    rules = LabourRules()
    shifts = shift_templates((8 * H, 20 * H), rules)
    assert shifts
    for s in shifts:
        assert 8 * H <= s.start_s and s.start_s + s.length_s <= 20 * H
        assert 86_400 - s.length_s >= rules.min_rest_s
        assert len(s.days) <= rules.max_days and 6 not in s.days
        assert s.working_hours_per_week() <= rules.max_weekly_hours
        worked = s.length_s - sum(b.length_s for b in s.breaks if not b.working_time)
        if worked > 6 * H:  # a day over six hours has its lunch
            assert any(not b.working_time for b in s.breaks)
        assert all(b.after_s + b.spread_s + b.length_s <= s.length_s for b in s.breaks)
    full = [s for s in shifts if not s.part_time]
    assert {s.working_hours_per_week() for s in full} == {40.0}


def test_the_roster_is_never_dearer_than_a_hand_made_one_on_the_same_needs():
    """A hand-made week (energia-base's front office, as its plan writes it): the staff it
    puts on shift is the requirement; the optimum over its shifts and the generated ones
    covers it and costs no more (the hand-made roster is one feasible answer)."""
    lunch = Break(210 * 60, 3600, 7200, working_time=False)
    screen = Break(150 * 60, 900, 3600)
    weekdays = (0, 1, 2, 3, 4)
    hand = [(ShiftTemplate(weekdays, 8 * H, 4 * H, (Break(105 * 60, 900, 1800),), True, 21), 8),
            (ShiftTemplate(weekdays, 8 * H, 6 * H, (screen,), True, 21), 7),
            (ShiftTemplate(weekdays, 12 * H, 6 * H, (screen,), True, 21), 3),
            (ShiftTemplate(weekdays, 14 * H, 6 * H, (screen,), True, 21), 10),
            (ShiftTemplate(weekdays, 9 * H, 9 * H, (lunch,), False, 21), 2),
            (ShiftTemplate((5,), 9 * H, 4 * H, (Break(105 * 60, 900, 1800),), True, 21), 9)]
    need = sum(n * t.coverage(HALF) for t, n in hand)
    hand_cost = sum(n * t.weekly_cost() for t, n in hand)
    templates = [t for t, _n in hand] + shift_templates((8 * H, 20 * H), full_time_cost=21)
    roster = solve(need, templates)
    assert roster.covered(tolerance=1e-6)
    assert roster.weekly_cost <= hand_cost + 1e-6
