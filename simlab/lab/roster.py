"""From the UF1 requirement to a roster (UF2): `simlab plan roster`.

The care model's sizing (`analysis.sizing`, Erlang per 30-minute interval of a standard
week) says how many agents must be answering; the roster (`queueing.roster`) finds the
cheapest shifts that put that many on duty within the labour rules, and the result is an
operations plan the engine runs: one team per channel, skilled on the channel's queues.

The requirement on duty is the sizing's agents ÷ (1 − absence): breaks are not in it,
because the roster places each shift's breaks and counts them interval by interval (the
sizing's staff after shrinkage would count them twice). Deferred channels need the hours
of work a day spread over their business hours.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from simlab import fmt
from simlab.analysis.sizing import INTERVAL_S, Sizing
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.lab.design import Design, sizing
from simlab.model.common import DAY_LABELS_IT
from simlab.model.loader import check_related, load_text
from simlab.model.plan import OperationsPlan, skills_of
from simlab.model.yamlio import dump
from simlab.queueing.roster import LabourRules, Roster, ShiftTemplate, shift_templates, solve

PER_DAY = 86_400 // INTERVAL_S
# Used, and said, only when no team of the plan works the channel.
DEFAULT_ABSENCE = 0.08
# At most this share of the agents on part-time contracts unless told otherwise: at the
# same hourly cost short shifts always fit a curve better, and a centre of part-timers
# alone is not one a company can hire (a default of the lab, indicative).
DEFAULT_PART_TIME_SHARE = 0.4

COVERAGE_COLUMNS = ("day", "interval_start", "channel", "required_staff", "scheduled_staff",
                    "shortfall")


@dataclass
class ChannelRoster:
    channel: str
    absence: float
    absence_given: bool
    hourly_cost: float
    roster: Roster


@dataclass
class RosterPlan:
    design: Design
    channels: list[ChannelRoster]
    plan: OperationsPlan
    text: str  # the plan as YAML, as `--out` writes it
    coverage: pd.DataFrame = field(repr=False)

    @property
    def weekly_cost(self) -> float:
        return math.fsum(c.roster.weekly_cost for c in self.channels)

    @property
    def headcount(self) -> int:
        return sum(c.roster.headcount for c in self.channels)

    @property
    def uncovered_intervals(self) -> int:
        return int((self.coverage["shortfall"] > 1e-6).sum())


def build(design: Design, rules: LabourRules | None = None,
          max_part_time_share: float = DEFAULT_PART_TIME_SHARE) -> RosterPlan:
    """The roster of every channel of the design's scenario, and the plan it makes."""
    if not 0 <= max_part_time_share <= 1:
        raise SimlabError(_("the part-time share must be between 0 and 1"),
                          key="part-time-share")
    rules = rules or LabourRules()
    need = sizing(design)
    by_channel = {b.channel: b for b in need.basis}
    out = []
    for channel in (c.id for c in design.scenario.channels):
        absence, given = _absence(design, channel)
        required = _required(need, design, channel, by_channel[channel].kind) / (1 - absence)
        if not required.any():
            continue
        templates = _templates(design, channel, rules, by_channel[channel].hourly_cost)
        if not templates:
            raise SimlabError(_("no shift of the labour rules fits the opening hours of channel "
                                "«{c}»").format(c=channel), key=f"opening_hours.{channel}")
        try:
            roster = solve(required, templates, interval_s=INTERVAL_S,
                           max_part_time_share=max_part_time_share)
        except ValueError:  # only a part-time limit can make a roster impossible
            raise SimlabError(_("no roster of channel «{c}» keeps the part-time limit: some "
                                "intervals only part-time shifts can cover; raise "
                                "--part-time-share").format(c=channel),
                              key="part-time-share") from None
        out.append(ChannelRoster(channel, absence, given, by_channel[channel].hourly_cost, roster))
    plan, text = _plan(design, out)
    return RosterPlan(design, out, plan, text, _coverage(out))


def _absence(design: Design, channel: str) -> tuple[float, bool]:
    """The headcount-weighted absence of the plan's teams that work the channel."""
    queues = {q.id for q in design.care.queues if q.channel == channel}
    teams = [t for t in (design.plan.teams if design.plan else [])
             if queues & set(skills_of(t, design.care)) and t.headcount > 0]
    if not teams:
        return DEFAULT_ABSENCE, False
    heads = sum(t.headcount for t in teams)
    return math.fsum(t.headcount * t.absence_rate for t in teams) / heads, True


def _required(need: Sizing, design: Design, channel: str, kind: str) -> np.ndarray:
    """Agents that must be answering, (7, 48), before absence."""
    out = np.zeros((7, PER_DAY))
    if kind == "deferred":
        rows = need.deferred[need.deferred["channel"] == channel]
        for row in rows.itertuples():
            day = DAY_LABELS_IT.index(row.day)
            open_ = _open_intervals(design, channel, day)
            if row.work_hours > 0 and open_.any():
                out[day, open_] = row.work_hours / (open_.sum() * INTERVAL_S / 3600)
        return out
    rows = need.intervals[need.intervals["channel"] == channel]
    # Erlang A where the callers' patience is known: Erlang C, which lets nobody hang up,
    # asks for more agents than a centre whose callers do (docs/sizing.md)
    agents = rows["required_agents_erlang_a"].fillna(rows["required_agents"])
    for row, n in zip(rows.itertuples(), agents, strict=True):
        hours, minutes = row.interval_start.split(":")
        slot = (int(hours) * 3600 + int(minutes) * 60) // INTERVAL_S
        out[DAY_LABELS_IT.index(row.day), slot] = n
    return out


def _open_intervals(design: Design, channel: str, day: int) -> np.ndarray:
    starts = np.arange(PER_DAY) * INTERVAL_S
    open_ = np.zeros(PER_DAY, dtype=bool)
    for w in design.care.opening_hours.get(channel, []):
        if day in w.days:
            open_ |= (starts + INTERVAL_S > w.start) & (starts < w.end)
    return open_


def _templates(design: Design, channel: str, rules: LabourRules,
               hourly_cost: float) -> list[ShiftTemplate]:
    windows = design.care.opening_hours.get(channel, [])
    if not windows:
        return []
    opening = (min(w.start for w in windows), max(w.end for w in windows))
    open_days = tuple(sorted({d for w in windows for d in w.days}))
    return shift_templates(opening, rules, open_days=open_days, full_time_cost=hourly_cost)


def _plan(design: Design, channels: list[ChannelRoster]) -> tuple[OperationsPlan, str]:
    care = design.care
    names = {ch.id: ch.name for ch in design.scenario.channels}
    teams, contracts = [], []
    for c in channels:
        used = [(t, n) for t, n in zip(c.roster.templates, c.roster.agents.tolist(),
                                       strict=True) if n > 0]
        kinds = {}
        for t, _n in used:  # one contract per kind and channel: the channel's hourly cost
            kind = "part_time" if t.part_time else "full_time"
            kinds[kind] = max(kinds.get(kind, 0.0), t.working_hours_per_week())
        for kind, hours in sorted(kinds.items()):
            contracts.append({"id": f"{c.channel}-{kind}", "kind": kind,
                              "hourly_cost": round(c.hourly_cost, 2),
                              "weekly_hours": _hours(hours)})
        shifts = [_shift(t, n, f"{c.channel}-{'part_time' if t.part_time else 'full_time'}")
                  for t, n in used]
        teams.append({
            "id": f"turni-{c.channel}",
            "name": {"it": f"Turni ottimizzati, {names[c.channel].it}",
                     "en": f"Optimised roster, {names[c.channel].en or names[c.channel].it}"},
            "headcount": sum(s["agents"] for s in shifts),
            "skills": {q.id: 1.0 for q in care.queues if q.channel == c.channel},
            "absence_rate": round(c.absence, 4),
            "hourly_cost": round(c.hourly_cost, 2),
            "shifts": shifts,
        })
    data = {
        "id": f"{care.id}-turni",
        "title": {"it": f"Piano operativo dai turni ottimizzati per «{care.id}»",
                  "en": f"Operations plan from the optimised roster for «{care.id}»"},
        "scenario": design.scenario.id,
        # the contracts the roster's shifts use (model/plan_staff.py): the weekly hours
        # of each are its longest working week (the lunch is not working time)
        "contracts": contracts,
        "teams": teams,
    }
    text = ("# Written by `simlab plan roster`: the cheapest shifts that cover the care model's\n"
            "# Erlang requirement within the labour rules (docs/roster.md).\n") + dump(data)
    source = f"<{data['id']}.plan.yaml>"
    plan = load_text(OperationsPlan, text, source)
    check_related(plan, care, text, source)
    return plan, text


def _hours(value: float) -> float | int:
    value = round(float(value), 2)
    return int(value) if value == int(value) else value


def _shift(t: ShiftTemplate, agents: int, contract: str) -> dict:
    return {"days": [DAY_LABELS_IT[d] for d in t.days], "from": fmt.plan_clock(t.start_s),
            "to": fmt.plan_clock(t.start_s + t.length_s), "agents": agents, "contract": contract,
            "breaks": [{"after_min": _minutes(b.after_s), "minutes": _minutes(b.length_s),
                        "spread_min": _minutes(b.spread_s)} for b in t.breaks]}


def _minutes(seconds: float) -> float | int:
    """Minutes as the YAML shows them: whole where whole (plain floats, not numpy's)."""
    value = round(float(seconds) / 60, 2)
    return int(value) if value == int(value) else value


def _coverage(channels: list[ChannelRoster]) -> pd.DataFrame:
    rows = []
    for c in channels:
        r = c.roster
        for day in range(7):
            for slot in range(PER_DAY):
                need, have = r.required[day, slot], r.scheduled[day, slot]
                if need <= 0 and have <= 0:
                    continue
                rows.append((DAY_LABELS_IT[day], fmt.plan_clock(slot * INTERVAL_S), c.channel,
                             float(need), float(have), float(max(need - have, 0.0))))
    return pd.DataFrame(rows, columns=list(COVERAGE_COLUMNS))
