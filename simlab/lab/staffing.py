"""The staffing of an operations plan against the care model's requirement (UF2): per
30-minute interval of a standard week and per channel, the operators who must be
answering (the Erlang sizing of `simlab model size`, as `simlab plan roster` reads it)
and the operators the plan has answering, after absence and breaks; the roster of shifts
and its cost. The app's staffing screen and `simlab plan coverage` show this.

Scheduled staff in an interval = (1 − the team's absence) × Σ over the shift's operators
of the seconds each is on duty and not on a break in the interval ÷ 1800. Breaks are
placed as the engine places them: operator j of n takes a break `after_min +
spread_min · j / n` minutes into the shift, if it ends before the shift does.

A team works the channel of its first skill (the queue written first): a team skilled
on a phone and an email queue counts for the phone; what it can spare for the other
channel is not counted, so the coverage of that channel is, if anything, understated.
Cost per week: the hours on shift of the operators present at the team's hourly cost,
as the planned budget charges them (breaks are paid).
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from simlab import fmt
from simlab.analysis.sizing import INTERVAL_S
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.lab.design import Design, sizing
from simlab.lab.roster import _required  # the requirement exactly as the roster reads it
from simlab.model.care import CareModel
from simlab.model.common import DAY_LABELS_IT
from simlab.model.plan import OperationsPlan, Shift, Team, skills_of
from simlab.model.scenario import Scenario

PER_DAY = 86_400 // INTERVAL_S
COVERAGE_COLUMNS = ("day", "interval_start", "channel", "required_staff", "scheduled_staff",
                    "shortfall")
TOLERANCE = 1e-9


@dataclass(frozen=True)
class ShiftRow:
    """One shift of the roster table."""

    team: int  # index of the team in the plan
    shift: int  # index of the shift in the team
    team_id: str
    channel: str | None  # None: the team's skills match no queue of the care model
    days: tuple[int, ...]
    start_s: int
    end_s: int
    agents: int
    hours_per_week: float  # hours on shift of all its operators, absence not deducted
    cost_per_week: float


@dataclass
class Staffing:
    channels: list[str]
    required: dict[str, np.ndarray]  # (7, 48) operators that must be answering
    scheduled: dict[str, np.ndarray]  # (7, 48) operators answering, after absence, breaks
    shifts: list[ShiftRow]
    coverage: pd.DataFrame = field(repr=False)

    @property
    def weekly_cost(self) -> float:
        return math.fsum(s.cost_per_week for s in self.shifts)

    def short(self, channel: str) -> np.ndarray:
        """(7, 48): True where the plan has fewer operators answering than required."""
        return self.scheduled[channel] < self.required[channel] - TOLERANCE

    def under(self, channel: str | None = None) -> int:
        """How many intervals are under the requirement (of one channel, or all)."""
        channels = self.channels if channel is None else [channel]
        return int(sum(self.short(c).sum() for c in channels))


def requirement(scenario: Scenario, care: CareModel) -> dict[str, np.ndarray]:
    """Operators that must be answering per channel, (7, 48): Erlang A where the callers'
    patience is known, else Erlang C; deferred work spread over the business hours. It
    does not depend on the plan, so the screen computes it once."""
    design = Design(scenario, care, None, "")
    need = sizing(design)
    kinds = {b.channel: b.kind for b in need.basis}
    return {c.id: _required(need, design, c.id, kinds[c.id]) for c in scenario.channels}


def team_channel(team: Team, care: CareModel) -> str | None:
    by_queue = {q.id: q.channel for q in care.queues}
    return next((by_queue[q] for q in skills_of(team, care) if q in by_queue), None)


def on_duty(shift: Shift, interval_s: int = INTERVAL_S) -> np.ndarray:
    """Operators of `shift` on duty and not on a break, per interval of the week (7, n),
    nobody absent."""
    per_day = 86_400 // interval_s
    edges = np.arange(per_day + 1, dtype=float) * interval_s
    n = shift.agents
    day = n * _overlap(edges, shift.start, shift.end)
    for j in range(n):
        for b in shift.breaks:
            at = shift.start + 60 * (b.after_min + b.spread_min * j / n)
            if at + 60 * b.minutes < shift.end:
                day -= _overlap(edges, at, at + 60 * b.minutes)
    out = np.zeros((7, per_day))
    for d in shift.days:
        out[d] += day / interval_s
    return out


def _overlap(edges: np.ndarray, start: float, end: float) -> np.ndarray:
    return np.clip(np.minimum(edges[1:], end) - np.maximum(edges[:-1], start), 0.0, None)


def staffing(required: dict[str, np.ndarray], plan: OperationsPlan, care: CareModel,
             channels: list[str]) -> Staffing:
    """The plan's operators answering against `required`, shift by shift, and the cost."""
    scheduled = {c: np.zeros((7, PER_DAY)) for c in channels}
    rows = []
    for ti, team in enumerate(plan.teams):
        channel = team_channel(team, care)
        for si, shift in enumerate(team.shifts):
            if channel in scheduled:
                scheduled[channel] += (1 - team.absence_rate) * on_duty(shift)
            hours = shift.agents * len(shift.days) * (shift.end - shift.start) / 3600
            rows.append(ShiftRow(ti, si, team.id, channel, tuple(shift.days), shift.start,
                                 shift.end, shift.agents, hours,
                                 hours * (1 - team.absence_rate) * team.hourly_cost))
    return Staffing(channels, required, scheduled, rows, _frame(channels, required, scheduled))


def _frame(channels: list[str], required: dict[str, np.ndarray],
           scheduled: dict[str, np.ndarray]) -> pd.DataFrame:
    out = []
    for c in channels:
        need, have = required[c], scheduled[c]
        for day in range(7):
            for slot in range(PER_DAY):
                n, h = float(need[day, slot]), float(have[day, slot])
                if n <= 0 and h <= TOLERANCE:
                    continue
                out.append((DAY_LABELS_IT[day], clock(slot * INTERVAL_S), c, n, round(h, 6),
                            round(max(n - h, 0.0), 6)))
    return pd.DataFrame(out, columns=list(COVERAGE_COLUMNS))


def clock(seconds: float) -> str:
    return fmt.plan_clock(seconds)


def of_design(design: Design) -> Staffing:
    """`simlab plan coverage`: the design's plan against its care model's requirement."""
    if design.plan is None:
        raise SimlabError(_("no operations plan to compare with the requirement"), key="plan")
    channels = [c.id for c in design.scenario.channels]
    return staffing(requirement(design.scenario, design.care), design.plan, design.care,
                    channels)


# --- editing the roster by hand --------------------------------------------------------


def with_agents(data: dict, team: int, shift: int, agents: int) -> dict:
    """A copy of the plan's data with `agents` operators on a shift; the team's headcount
    moves by as many, so that the plan stays consistent (headcount = the shifts' sum)."""
    if not isinstance(agents, int) or isinstance(agents, bool) or agents < 0:
        raise SimlabError(_("the operators on a shift must be a whole number, 0 or more"),
                          key=f"teams.{team}.shifts.{shift}.agents")
    out = copy.deepcopy(data)
    try:
        row = out["teams"][team]
        before = row["shifts"][shift].get("agents", 0)
    except (KeyError, IndexError, TypeError):
        raise SimlabError(_("no shift {shift} in team {team}").format(
            shift=shift + 1, team=team + 1), key=f"teams.{team}.shifts") from None
    row["shifts"][shift]["agents"] = agents
    if isinstance(before, int) and isinstance(row.get("headcount"), int):
        row["headcount"] += agents - before
    return out
