"""Rostering: the cheapest set of shifts that covers a weekly staffing requirement.

A classic set-covering model solved as a mixed-integer programme (scipy's `milp`, HiGHS):

    minimise    Σ_s cost_s · x_s  +  penalty · Σ_i short_i
    subject to  Σ_s cover_{s,i} · x_s + short_i ≥ required_i      for every interval i
                Σ_{s part-time} x_s ≤ p · Σ_s x_s                  (part-time limit)
                x_s ∈ {0, 1, 2, …},  short_i ≥ 0

x_s is the number of agents working shift template s (the same start on each of its days),
cover_{s,i} the share of an agent of s present in interval i (breaks staggered over their
window take their expected share), required_i the staff needed on shift. The shortfall
`short_i` keeps the problem solvable when the labour rules cannot cover an interval (a
requirement at 23:00 when no shift may start late enough): it costs far more than any shift,
so the roster covers every interval it can and reports the rest.

The labour rules live in the templates (`shift_templates`): shift lengths, breaks, weekly
hours, daily rest between shifts and a weekly rest day. Pure numbers: no I/O, no printing;
bad arguments raise ValueError in English, which callers translate.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np

DAY_S = 86_400
WEEK_DAYS = 7


@dataclass(frozen=True)
class Break:
    """A break `length_s` long that starts `after_s` into the shift, staggered across the
    team over `spread_s` (0: everyone at once). Unpaid breaks (a lunch) cost nothing."""

    after_s: float
    length_s: float
    spread_s: float = 0.0
    paid: bool = True


@dataclass(frozen=True)
class ShiftTemplate:
    """Agents who work `days` (0 = Monday … 6 = Sunday) from `start_s` for `length_s`."""

    days: tuple[int, ...]
    start_s: int
    length_s: int
    breaks: tuple[Break, ...] = ()
    part_time: bool = False
    hourly_cost: float = 0.0

    def paid_hours_per_week(self) -> float:
        unpaid = sum(b.length_s for b in self.breaks if not b.paid)
        return len(self.days) * (self.length_s - unpaid) / 3600

    def weekly_cost(self) -> float:
        return self.paid_hours_per_week() * self.hourly_cost

    def coverage(self, interval_s: int) -> np.ndarray:
        """Share of one agent of this shift present in each interval of the week, as an
        array of shape (7, intervals per day). A shift past midnight runs into the next
        day (Sunday's into Monday's, the week being a cycle)."""
        per_day = DAY_S // interval_s
        edges = np.arange(WEEK_DAYS * per_day + 1, dtype=float) * interval_s
        present = np.zeros(WEEK_DAYS * per_day)
        for day in self.days:
            start = day * DAY_S + self.start_s
            present += _overlap(edges, start, start + self.length_s)
            for b in self.breaks:
                present -= _break_overlap(edges, start + b.after_s, b)
        return np.clip(present / interval_s, 0.0, None).reshape(WEEK_DAYS, per_day)


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


def _break_overlap(edges: np.ndarray, earliest: float, b: Break) -> np.ndarray:
    """Expected absent seconds per interval for a break whose start is spread uniformly
    over [earliest, earliest + spread] across the team (exact for a fixed break)."""
    if b.spread_s <= 0:
        return _overlap(edges, earliest, earliest + b.length_s)
    # Average the absence over break starts: integrate in small equal steps (60 steps
    # is well under a second of error for any break in a 30-minute interval).
    steps = 60
    starts = earliest + (np.arange(steps) + 0.5) * b.spread_s / steps
    return sum(_overlap(edges, s, s + b.length_s) for s in starts) / steps


def solve(required: np.ndarray, templates: list[ShiftTemplate], *, interval_s: int = 1800,
          max_part_time_share: float | None = None, time_limit_s: float = 60.0,
          gap: float = 0.01) -> Roster:
    """The cheapest whole number of agents per template that covers `required`
    (shape (7, intervals per day)) wherever the templates can; see the module's docstring.
    The search stops within `gap` of the optimum (1%: a large week with fractional break
    shares can take a minute to prove the last fraction of a percent, for nothing a
    planner would notice) or after `time_limit_s`; `Roster.gap` says how close it is."""
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
    n_s, n_i = len(templates), cover.shape[0]
    costs = np.array([t.weekly_cost() for t in templates])
    # A missing agent-interval must cost more than any shift could save.
    penalty = 10.0 * (costs.max() + 1.0) * 2 * per_day
    c = np.concatenate([costs, np.full(n_i, penalty)])
    rows = [LinearConstraint(np.hstack([cover, np.eye(n_i)]), required.ravel(), np.inf)]
    if max_part_time_share is not None:
        part = np.array([t.part_time for t in templates], dtype=float)
        rows.append(LinearConstraint(
            np.concatenate([part - max_part_time_share, np.zeros(n_i)])[None, :], -np.inf, 0))
    result = milp(c, constraints=rows,
                  integrality=np.concatenate([np.ones(n_s), np.zeros(n_i)]),
                  bounds=Bounds(0, np.inf),
                  options={"time_limit": time_limit_s, "mip_rel_gap": gap, "disp": False})
    if result.x is None:
        raise ValueError(f"the roster could not be solved: {result.message}")
    agents = np.rint(result.x[:n_s]).astype(np.int64)
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
                    step_s: int = 1800, full_time_cost: float = 20.0,
                    part_time_cost: float | None = None,
                    day_sets: list[tuple[int, ...]] | None = None) -> list[ShiftTemplate]:
    """Every shift the rules allow inside the daily `opening` (from, to in seconds): each
    length, each start on a `step_s` grid, each set of working days (default: Monday to
    Friday, Monday to Saturday, and five days with Saturday and one weekday off). Breaks:
    a screen break every two hours, staggered over an hour, and an unpaid lunch in the
    middle of a shift longer than 6 hours."""
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
        for days in (day_sets or _day_sets(n_days)):
            if len(days) != n_days:
                continue
            for start in range(open_from, open_to - length + 1, step_s):
                out.append(ShiftTemplate(days, start, length, breaks, part, cost))
    return out


def _breaks(length_s: int, lunch: bool, rules: LabourRules) -> tuple[Break, ...]:
    out = [Break(at - rules.screen_break_s, rules.screen_break_s, 1800.0)
           for at in np.arange(rules.screen_break_every_s, length_s, rules.screen_break_every_s)
           if at + 1800 < length_s]
    if lunch:
        out.append(Break(length_s / 2 - rules.lunch_s / 2 - 1800, rules.lunch_s, 3600.0,
                         paid=False))
    return tuple(out)


def _day_sets(n_days: int) -> list[tuple[int, ...]]:
    """Working weeks of n_days from Monday to Saturday: Monday-Friday first, then each
    week that works Saturday and leaves one weekday off (Sunday is the rest day)."""
    if n_days >= 6:
        return [tuple(range(6))]
    return [tuple(range(n_days))] + [d for d in combinations(range(6), n_days)
                                     if 5 in d and len(set(range(5)) - set(d)) == 1]
