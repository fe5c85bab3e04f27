"""Rostering: the cheapest set of shifts that covers a weekly staffing requirement.

A classic set-covering model solved as a mixed-integer programme (scipy's `milp`, HiGHS):

    minimise    Σ_s cost_s · x_s
    subject to  Σ_s cover_{s,i} · x_s ≥ required_i      for every interval i a shift reaches
                Σ_{s part-time} x_s ≤ p · Σ_s x_s        (part-time limit)
                x_s ∈ {0, 1, 2, …}

x_s is the number of agents working shift template s (the same start on each of its days),
cover_{s,i} the share of an agent of s answering in interval i (the shift less its breaks,
which a team staggers), required_i the staff needed on shift. An interval that no shift the
labour rules allow can reach (a requirement at 23:00 when no shift may end so late) is left
out and reported as short: the roster covers every interval it can.

The labour rules live in the templates (`shift_templates`): shift lengths, breaks, weekly
hours, daily rest between shifts and a weekly rest day. Pure numbers: no I/O, no printing;
bad arguments raise ValueError in English, which callers translate.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DAY_S = 86_400
WEEK_DAYS = 7


@dataclass(frozen=True)
class Break:
    """A break `length_s` long that starts `after_s` into the shift, staggered across the
    team over `spread_s` (0: everyone at once). A screen break counts as working time (by
    law), a lunch does not: `working_time` says which, for the weekly hours."""

    after_s: float
    length_s: float
    spread_s: float = 0.0
    working_time: bool = True


@dataclass(frozen=True)
class ShiftTemplate:
    """Agents who work `days` (0 = Monday … 6 = Sunday) from `start_s` for `length_s`."""

    days: tuple[int, ...]
    start_s: int
    length_s: int
    breaks: tuple[Break, ...] = ()
    part_time: bool = False
    hourly_cost: float = 0.0

    def working_hours_per_week(self) -> float:
        """The hours the labour rules count: the shift less the breaks that are not
        working time."""
        off = sum(b.length_s for b in self.breaks if not b.working_time)
        return len(self.days) * (self.length_s - off) / 3600

    def weekly_cost(self) -> float:
        """The whole time on duty at the hourly cost, as a run charges a team's staff
        (the cost table pays staffed time, breaks included)."""
        return len(self.days) * self.length_s / 3600 * self.hourly_cost

    def on_duty_share(self) -> float:
        """The share of the shift an agent is answering: the rest is breaks."""
        return 1.0 - sum(b.length_s for b in self.breaks) / self.length_s

    def coverage(self, interval_s: int) -> np.ndarray:
        """Agents of this shift answering in each interval of the week, per agent, as an
        array of shape (7, intervals per day). Breaks count as a share of every interval
        of the shift: a team staggers them, and a model with the exact minute of each
        break has fractional coefficients that make the programme a hundred times slower
        to solve for the same roster. A shift past midnight runs into the next day
        (Sunday's into Monday's: the week is a cycle)."""
        per_day = DAY_S // interval_s
        edges = np.arange(WEEK_DAYS * per_day + 1, dtype=float) * interval_s
        present = np.zeros(WEEK_DAYS * per_day)
        for day in self.days:
            start = day * DAY_S + self.start_s
            present += _overlap(edges, start, start + self.length_s)
        return (present / interval_s * self.on_duty_share()).reshape(WEEK_DAYS, per_day)


@dataclass(frozen=True)
class Roster:
    templates: tuple[ShiftTemplate, ...]
    agents: np.ndarray  # agents per template (int)
    required: np.ndarray  # (7, intervals) staff required on shift
    scheduled: np.ndarray  # (7, intervals) staff the roster puts on shift
    interval_s: int
    gap: float = 0.0  # the solver's proven distance from the optimum (0: optimal)

    @property
    def shortfall(self) -> np.ndarray:
        return np.clip(self.required - self.scheduled, 0.0, None)

    @property
    def weekly_cost(self) -> float:
        return float(sum(n * t.weekly_cost() for n, t in zip(self.agents, self.templates,
                                                              strict=True)))

    @property
    def headcount(self) -> int:
        return int(self.agents.sum())

    def covered(self, tolerance: float = 1e-6) -> bool:
        return bool((self.shortfall <= tolerance).all())


def _overlap(edges: np.ndarray, start: float, end: float) -> np.ndarray:
    """Seconds of [start, end) inside each interval [edges[i], edges[i+1]), on a weekly
    cycle (a span past the end of the week continues at its start)."""
    week = edges[-1]
    out = np.zeros(edges.size - 1)
    for shift in (0.0, -week):  # the span itself, and what wraps past Sunday midnight
        lo, hi = start + shift, end + shift
        out += np.clip(np.minimum(edges[1:], hi) - np.maximum(edges[:-1], lo), 0.0, None)
    return out


def solve(required: np.ndarray, templates: list[ShiftTemplate], *, interval_s: int = 1800,
          max_part_time_share: float | None = None, time_limit_s: float = 60.0,
          gap: float = 0.01) -> Roster:
    """The cheapest whole number of agents per template that covers `required`
    (shape (7, intervals per day)) wherever the templates can; see the module's docstring.
    The search stops within `gap` of the optimum (1%: proving the last fraction of a
    percent can take far longer, for nothing a planner would notice) or after
    `time_limit_s`; `Roster.gap` says how close it is."""
    from scipy.optimize import Bounds, LinearConstraint, milp  # slow import: only here

    required = np.asarray(required, dtype=float)
    per_day = DAY_S // interval_s
    if required.shape != (WEEK_DAYS, per_day):
        raise ValueError(f"the requirement must have shape (7, {per_day}), got {required.shape}")
    if not np.isfinite(required).all() or (required < 0).any():
        raise ValueError("the requirement must be finite and not negative")
    if not templates:
        raise ValueError("no shift template to build a roster from")
    if max_part_time_share is not None and not 0 <= max_part_time_share <= 1:
        raise ValueError("the part-time share must be between 0 and 1")
    cover = np.stack([t.coverage(interval_s).ravel() for t in templates], axis=1)
    # An interval no template reaches stays short whatever the roster: it is left out of
    # the programme (and reported), so that the objective is the cost alone and the
    # solver's relative gap means a gap in money.
    rows_in = (required.ravel() > 0) & (cover.max(axis=1) > 0)
    costs = np.array([t.weekly_cost() for t in templates])
    rows = [LinearConstraint(cover[rows_in], required.ravel()[rows_in], np.inf)]
    if max_part_time_share is not None:
        part = np.array([t.part_time for t in templates], dtype=float)
        rows.append(LinearConstraint((part - max_part_time_share)[None, :], -np.inf, 0))
    result = milp(costs, constraints=rows, integrality=np.ones(len(templates)),
                  bounds=Bounds(0, np.inf),
                  options={"time_limit": time_limit_s, "mip_rel_gap": gap, "disp": False})
    if result.x is None:
        raise ValueError(f"the roster could not be solved: {result.message}")
    agents = np.rint(result.x).astype(np.int64)
    scheduled = (cover @ agents).reshape(WEEK_DAYS, per_day)
    gap = float(getattr(result, "mip_gap", 0.0) or 0.0)
    return Roster(tuple(templates), agents, required, scheduled, interval_s, gap)


@dataclass(frozen=True)
class LabourRules:
    """What a shift may be. Defaults follow Italian law and common contracts (indicative):
    11 hours of rest between shifts and a rest day a week (D.Lgs. 66/2003, artt. 7 and 9),
    a break when the day exceeds 6 hours (art. 8), 15 minutes every 2 hours at a screen
    (D.Lgs. 81/2008, art. 175); full time 40 hours over 5 days, part time 4-6 hours a day."""

    full_time_hours: float = 8.0
    part_time_hours: tuple[float, ...] = (4.0, 6.0)
    full_time_days: int = 5
    part_time_days: tuple[int, ...] = (5, 6)
    lunch_s: float = 3600.0
    screen_break_every_s: float = 7200.0
    screen_break_s: float = 900.0
    min_rest_s: float = 11 * 3600
    max_days: int = 6
    max_weekly_hours: float = 48.0


def shift_templates(opening: tuple[int, int], rules: LabourRules = LabourRules(), *,
                    open_days: tuple[int, ...] = (0, 1, 2, 3, 4, 5), step_s: int = 1800,
                    full_time_cost: float = 20.0,
                    part_time_cost: float | None = None) -> list[ShiftTemplate]:
    """Every shift the rules allow inside the daily `opening` (from, to in seconds) of the
    `open_days`: each length, each start on a `step_s` grid, each run of working days in a
    row within the open days. Breaks: a screen break every two hours, staggered over half
    an hour, and a lunch in the middle of a shift longer than 6 hours."""
    open_from, open_to = opening
    if not 0 <= open_from < open_to <= DAY_S:
        raise ValueError("the opening hours must be a window within one day")
    part_time_cost = full_time_cost if part_time_cost is None else part_time_cost
    candidates = [(rules.full_time_hours, rules.full_time_days, False, full_time_cost)]
    candidates += [(h, d, True, part_time_cost) for h in rules.part_time_hours
                   for d in rules.part_time_days]
    out = []
    for hours, n_days, part, cost in candidates:
        length = int(hours * 3600 + (rules.lunch_s if hours > 6 else 0))
        if DAY_S - length < rules.min_rest_s:
            continue  # the same start every day would leave less than the daily rest
        if n_days > rules.max_days or hours * n_days > rules.max_weekly_hours:
            continue
        breaks = _breaks(length, hours > 6, rules)
        for days in _day_sets(n_days, open_days):
            for start in range(open_from, open_to - length + 1, step_s):
                out.append(ShiftTemplate(days, start, length, breaks, part, cost))
    return out


def _breaks(length_s: int, lunch: bool, rules: LabourRules) -> tuple[Break, ...]:
    out = [Break(at - rules.screen_break_s, rules.screen_break_s, 1800.0)
           for at in np.arange(rules.screen_break_every_s, length_s, rules.screen_break_every_s)
           if at + 1800 < length_s]
    if lunch:
        out.append(Break(length_s / 2 - rules.lunch_s / 2 - 1800, rules.lunch_s, 3600.0,
                         working_time=False))
    return tuple(out)


def _day_sets(n_days: int, open_days: tuple[int, ...]) -> list[tuple[int, ...]]:
    """Working weeks of n_days in a row (the rest days together, as rotas keep them), each
    within the days the channel opens: Monday-Friday, Tuesday-Saturday, … on a weekly cycle."""
    out = []
    for first in range(WEEK_DAYS):
        days = tuple(sorted((first + k) % WEEK_DAYS for k in range(n_days)))
        if set(days) <= set(open_days) and days not in out:
            out.append(days)
    return out
