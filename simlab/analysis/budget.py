"""The planned budget of a care model run with an operations plan (UF2), month by month
over the scenario's calendar (docs/budget.md).

Each line says what it is, how much of what, and its amount:

- **staff**, per team and contract: the hours the plan's shifts put on duty on each
  working day (no shift works on a holiday), less the team's absence, at its hourly cost:
  the rule a run charges staff by, so that plan and actual can be compared;
- **team leaders**: one per `span` operators (rounded up), paid hours per month;
- **training**: hours per operator per month at the team's hourly cost;
- **seats**, **technology**, **knowledge base**: per month;
- **connection** minutes and **fees per contact**: the expected traffic of the care
  model's sizing (`analysis.sizing`) on each day of the calendar by its weekday;
- **overhead**: the scenario's cost per day.

Monthly lines are charged by the share of the month the calendar covers, so a calendar of
four weeks in March pays 28/31 of a March seat.
"""

from __future__ import annotations

import calendar as cal
import datetime as dt
import math
from dataclasses import dataclass

import pandas as pd

from simlab.analysis.sizing import size
from simlab.model.care import CareModel
from simlab.model.common import DAY_LABELS_IT
from simlab.model.plan import OperationsPlan, Shift
from simlab.model.scenario import Scenario

COLUMNS = ("month", "line", "subject", "quantity", "unit", "amount_eur")
LINES = ("staff", "team_leaders", "training", "seats", "technology", "knowledge_base",
         "connection", "per_contact", "overhead")
# A shift this long or shorter is a part-time day (the rosters' contracts: 4 or 6 hours).
PART_TIME_MAX_S = 6 * 3600


@dataclass
class Budget:
    lines: pd.DataFrame  # COLUMNS, one row per month, line and subject
    contacts: pd.DataFrame  # month, contacts expected (handled) per month

    @property
    def total(self) -> float:
        return float(self.lines["amount_eur"].sum())

    def by_month(self) -> pd.DataFrame:
        """Month × line, amounts in euro, with a total column."""
        table = self.lines.pivot_table(index="month", columns="line", values="amount_eur",
                                       aggfunc="sum", fill_value=0.0, observed=False)
        table = table[[c for c in LINES if c in table.columns]]
        table["total"] = table.sum(axis=1)
        return table

    def cost_per_contact(self) -> float:
        handled = float(self.contacts["contacts"].sum())
        return self.total / handled if handled > 0 else math.nan


def contract(shift: Shift) -> str:
    return "part_time" if shift.end - shift.start <= PART_TIME_MAX_S else "full_time"


def plan_budget(scenario: Scenario, care: CareModel, plan: OperationsPlan) -> Budget:
    days = [scenario.calendar.date_of(d) for d in range(scenario.calendar.days)]
    holidays = set(scenario.calendar.holidays)
    months = sorted({(d.year, d.month) for d in days})
    covered = {m: sum(1 for d in days if (d.year, d.month) == m) for m in months}
    share = {m: covered[m] / cal.monthrange(*m)[1] for m in months}
    rows: list[tuple] = []
    rows += _staff(plan, days, holidays)
    rows += _monthly(plan, share)
    traffic, contacts = _traffic(scenario, care, plan, days)
    rows += traffic
    rows += [(_month(m), "overhead", "", covered[m], "days",
              covered[m] * scenario.costs.overhead_per_day)
             for m in months if scenario.costs.overhead_per_day]
    lines = pd.DataFrame(rows, columns=list(COLUMNS))
    lines = lines.groupby(["month", "line", "subject", "unit"], sort=False,
                          as_index=False)[["quantity", "amount_eur"]].sum()
    return Budget(lines[list(COLUMNS)], contacts)


def _month(m: tuple[int, int]) -> str:
    return f"{m[0]:04d}-{m[1]:02d}"


def _staff(plan: OperationsPlan, days: list[dt.date], holidays: set[dt.date]) -> list[tuple]:
    rows = []
    for team in plan.teams:
        for shift in team.shifts:
            hours = shift.agents * (shift.end - shift.start) / 3600 * (1 - team.absence_rate)
            for day in days:
                if day in holidays or day.weekday() not in shift.days:
                    continue
                rows.append((_month((day.year, day.month)), "staff",
                             f"{team.id}/{contract(shift)}", hours, "h",
                             hours * team.hourly_cost))
    return rows


def _monthly(plan: OperationsPlan, share: dict[tuple[int, int], float]) -> list[tuple]:
    """The lines a month charges whole, by the share of the month in the calendar."""
    b = plan.budget
    if b is None:
        return []
    heads = sum(t.headcount for t in plan.teams)
    seats = b.seats if b.seats is not None else peak_on_shift(plan)
    rows = []
    for m, part in share.items():
        month = _month(m)
        if b.team_leaders is not None:
            leaders = math.ceil(heads / b.team_leaders.span)
            hours = leaders * b.team_leaders.hours_per_month * part
            rows.append((month, "team_leaders", "", hours, "h",
                         hours * b.team_leaders.hourly_cost))
        for team in plan.teams:
            hours = team.headcount * b.training_hours_per_agent_per_month * part
            if hours:
                rows.append((month, "training", team.id, hours, "h", hours * team.hourly_cost))
        if b.seat_cost_per_month and seats:
            rows.append((month, "seats", "", seats * part, "seats",
                         seats * part * b.seat_cost_per_month))
        for line, amount in (("technology", b.technology_per_month),
                             ("knowledge_base", b.knowledge_base_per_month)):
            if amount:
                rows.append((month, line, "", part, "months", amount * part))
    return rows


def peak_on_shift(plan: OperationsPlan) -> int:
    """The most operators on shift at the same time in the week: the seats the plan needs."""
    peak = 0
    for weekday in range(7):
        edges = sorted({t for team in plan.teams for s in team.shifts if weekday in s.days
                        for t in (s.start, s.end)})
        for t in edges:
            on = sum(s.agents for team in plan.teams for s in team.shifts
                     if weekday in s.days and s.start <= t < s.end)
            peak = max(peak, on)
    return peak


def _traffic(scenario: Scenario, care: CareModel, plan: OperationsPlan,
             days: list[dt.date]) -> tuple[list[tuple], pd.DataFrame]:
    """Connection minutes and fees per contact of the sizing's standard week, laid on the
    calendar by weekday, and the contacts it expects per month."""
    sizing = size(scenario, care, plan)
    per_weekday = sizing.days.set_index("day")
    forecast = pd.concat([sizing.intervals.groupby("day")["forecast_contacts"].sum(),
                          sizing.deferred.groupby("day")["forecast_contacts"].sum()]
                         ).groupby(level=0).sum()
    rows, contacts = [], {}
    for day in days:
        label = DAY_LABELS_IT[day.weekday()]
        month = _month((day.year, day.month))
        row = per_weekday.loc[label]
        for line in ("connection", "per_contact"):
            amount = float(row[f"{line}_eur"])
            if amount:
                rows.append((month, line, "", 1, "days", amount))
        contacts[month] = contacts.get(month, 0.0) + float(forecast.get(label, 0.0))
    return rows, pd.DataFrame(sorted(contacts.items()), columns=["month", "contacts"])
