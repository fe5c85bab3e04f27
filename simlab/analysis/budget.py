"""The planned budget of a care model run with an operations plan (UF2), month by month
over the scenario's calendar (docs/budget.md).

Each line says what it is, how much of what, and its amount:

- **staff**, per team and contract: the hours the plan's shifts (and its individual
  agents' weeks) put on duty on each working day (no shift works on a holiday), less the
  team's absence, at the contract's hourly cost (else the team's): the rule a run charges
  staff by, so that plan and actual can be compared;
- **team leaders**: a team with its own `leaders` has one per `span` of its operators
  (rounded up); the plan's `budget.team_leaders` covers the other teams; paid hours per
  month;
- **training**: hours per operator per month at the team's hourly cost, and the
  individual agents' training sessions on their working days;
- **seats**, **technology**, **knowledge base**: per month;
- **connection** minutes and **fees per contact**: the expected traffic of the care
  model's sizing (`analysis.sizing`) on each day of the calendar by its weekday;
- **overhead**: the scenario's cost per day.

Monthly lines are charged by the share of the month the calendar covers, so a calendar of
four weeks in March pays 28/31 of a March seat. `Budget.daily` holds the same lines day by
day (a monthly line by 1/days-of-the-month a day): the planned side of a run's ledger.
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
from simlab.model.plan_staff import contract_of, hourly_cost
from simlab.model.scenario import Scenario

COLUMNS = ("month", "line", "subject", "quantity", "unit", "amount_eur")
DAILY_COLUMNS = ("date", "line", "subject", "quantity", "unit", "amount_eur")
LINES = ("staff", "team_leaders", "training", "back_office", "seats", "technology",
         "knowledge_base", "connection", "per_contact", "overhead")
# The subject of the individual agents' training sessions (a run records them).
SESSIONS = "/sessions"
# A shift this long or shorter is a part-time day (the rosters' contracts: 4 or 6 hours).
PART_TIME_MAX_S = 6 * 3600


@dataclass
class Budget:
    lines: pd.DataFrame  # COLUMNS, one row per month, line and subject
    contacts: pd.DataFrame  # month, contacts expected (handled) per month
    daily: pd.DataFrame | None = None  # DAILY_COLUMNS: the same lines day by day

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
    rows: list[tuple] = []  # DAILY_COLUMNS, with the date as a datetime.date
    rows += _staff(plan, days, holidays)
    rows += _individual(plan, days, holidays)
    rows += _monthly(plan, days)
    rows += _back_office(plan, days)
    traffic, contacts = _traffic(scenario, care, plan, days)
    rows += traffic
    if scenario.costs.overhead_per_day:
        rows += [(day, "overhead", "", 1, "days", scenario.costs.overhead_per_day)
                 for day in days]
    daily = pd.DataFrame(rows, columns=list(DAILY_COLUMNS))
    daily = daily.groupby(["date", "line", "subject", "unit"], sort=False,
                          as_index=False)[["quantity", "amount_eur"]].sum()
    monthly = daily.assign(month=[_month((d.year, d.month)) for d in daily["date"]])
    lines = monthly.groupby(["month", "line", "subject", "unit"], sort=False,
                            as_index=False)[["quantity", "amount_eur"]].sum()
    return Budget(lines[list(COLUMNS)], contacts, daily[list(DAILY_COLUMNS)])


def _back_office(plan: OperationsPlan, days: list[dt.date]) -> list[tuple]:
    """The complaints back office of the plan's procedures (docs/complaints.md): its
    people for its hours on each of its weekdays, as a run pays it (holidays included:
    the back office's calendar is its weekdays)."""
    cases = plan.cases
    if cases is None or cases.complaints is None:
        return []
    office = cases.complaints.back_office
    if not (office.staff and office.hourly_cost):
        return []
    hours = office.staff * office.hours_per_day
    return [(day, "back_office", "", hours, "h", hours * office.hourly_cost)
            for day in days if day.weekday() in office.days]


def _month(m: tuple[int, int]) -> str:
    return f"{m[0]:04d}-{m[1]:02d}"


def _subject(plan: OperationsPlan, team, shift: Shift | None = None, agent=None) -> str:
    """team/contract: the plan's contract id where the plan names one, else the kind of
    contract the shift's length implies (6 hours or less: part time)."""
    named = contract_of(plan, team, agent, shift)
    return f"{team.id}/{named or contract(shift)}"


def _staff(plan: OperationsPlan, days: list[dt.date], holidays: set[dt.date]) -> list[tuple]:
    rows = []
    for team in plan.teams:
        for shift in team.shifts:
            rate = hourly_cost(plan, team, shift=shift)
            hours = shift.agents * (shift.end - shift.start) / 3600 * (1 - team.absence_rate)
            subject = _subject(plan, team, shift)
            for day in days:
                if day in holidays or day.weekday() not in shift.days:
                    continue
                rows.append((day, "staff", subject, hours, "h", hours * rate))
    return rows


def _individual(plan: OperationsPlan, days: list[dt.date],
                holidays: set[dt.date]) -> list[tuple]:
    """The individual agents' weeks (model/plan_staff.py): each day their shift less the
    training sessions (staff), and the sessions (training), less the team's absence."""
    rows = []
    for team in plan.teams:
        present = 1 - team.absence_rate
        for agent in team.agents:
            rate = hourly_cost(plan, team, agent)
            subject = _subject(plan, team, agent=agent)
            for day in days:
                if day in holidays:
                    continue
                wd = day.weekday()
                train = sum(w.end - w.start for w in agent.training if wd in w.days) / 3600
                duty = sum(_on_duty(w, agent.training, wd) for w in agent.week
                           if wd in w.days) / 3600
                if duty:
                    rows.append((day, "staff", subject, duty * present, "h",
                                 duty * present * rate))
                if train:
                    rows.append((day, "training", team.id + SESSIONS, train * present, "h",
                                 train * present * rate))
    return rows


def _on_duty(window, training, weekday: int) -> float:
    """Seconds of a shift not taken by the day's training sessions."""
    taken = sum(max(0, min(window.end, t.end) - max(window.start, t.start))
                for t in training if weekday in t.days)
    return window.end - window.start - taken


def _monthly(plan: OperationsPlan, days: list[dt.date]) -> list[tuple]:
    """The lines a month charges whole, day by day: 1/days-of-the-month each day, so that
    a month the calendar covers in part pays its share."""
    b = plan.budget
    led = [t for t in plan.teams if t.leaders is not None]
    if b is None and not led:
        return []
    seats = (b.seats if b.seats is not None else peak_on_shift(plan)) if b else 0
    rows = []
    for day in days:
        part = 1 / cal.monthrange(day.year, day.month)[1]
        for team in led:
            leaders = math.ceil(team.headcount / team.leaders.span)
            hours = leaders * team.leaders.hours_per_month * part
            rows.append((day, "team_leaders", team.id, hours, "h",
                         hours * team.leaders.hourly_cost))
        if b is None:
            continue
        if b.team_leaders is not None:
            heads = sum(t.headcount for t in plan.teams if t.leaders is None)
            if heads:
                hours = math.ceil(heads / b.team_leaders.span) * b.team_leaders.hours_per_month
                rows.append((day, "team_leaders", "", hours * part, "h",
                             hours * part * b.team_leaders.hourly_cost))
        for team in plan.teams:
            hours = team.headcount * b.training_hours_per_agent_per_month * part
            if hours:
                rows.append((day, "training", team.id, hours, "h",
                             hours * hourly_cost(plan, team)))
        if b.seat_cost_per_month and seats:
            rows.append((day, "seats", "", seats * part, "seats",
                         seats * part * b.seat_cost_per_month))
        for line, amount in (("technology", b.technology_per_month),
                             ("knowledge_base", b.knowledge_base_per_month)):
            if amount:
                rows.append((day, line, "", part, "months", amount * part))
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
    sizing = size(scenario, care, plan, erlang_a=False)  # Erlang A is not read here
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
                rows.append((day, line, "", 1, "days", amount))
        contacts[month] = contacts.get(month, 0.0) + float(forecast.get(label, 0.0))
    return rows, pd.DataFrame(sorted(contacts.items()), columns=["month", "contacts"])
