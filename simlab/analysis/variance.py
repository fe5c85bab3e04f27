"""The planned budget against a run's cost (UF2.A2, UF3.A5; docs/variance.md).

The budget of the plan (`analysis.budget`) is laid on the run's own days. Then, line by
line:

- the **flexible budget** F restates a variable line at the actual volume:
  F = B × Qa ÷ Qp, with B the budgeted amount, Qp the contacts the budget expected (the
  scenario's forecast demand) and Qa the contacts that arrived in the run; a fixed line
  keeps its budget (F = B);
- **volume variance** = F − B: what the change of volume alone is worth;
- **rate variance** = A − AQ × SR: the actual quantity (hours, minutes, contacts) paid at
  the actual rate instead of the standard rate SR (the plan's hourly cost, the scenario's
  tariffs);
- **efficiency variance** = AQ × SR − F: more or fewer hours (minutes, contacts) than the
  standard quantity for the actual volume, at the standard rate;
- volume + rate + efficiency = A − B, the total variance.

Positive variances are costs above budget: unfavourable. Lines the run does not record
(team leaders, training, seats, technology, knowledge base) are fixed and taken as
budgeted: their variances are 0 and the table says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from simlab.analysis.budget import Budget, plan_budget
from simlab.model.care import CareModel
from simlab.model.plan import OperationsPlan
from simlab.model.plan_staff import uses_contracts
from simlab.model.scenario import Scenario

VARIABLE_LINES = ("staff", "connection", "per_contact")
RECORDED_LINES = (*VARIABLE_LINES, "overhead")
COLUMNS = ("line", "subject", "budget", "flexible", "actual", "volume_var", "rate_var",
           "efficiency_var", "total_var", "recorded")


@dataclass
class Variance:
    planned_contacts: float  # Qp
    actual_contacts: float  # Qa
    lines: pd.DataFrame  # COLUMNS, a last row "total"

    @property
    def total(self) -> pd.Series:
        return self.lines.iloc[-1]


def budget_for_days(scenario: Scenario, care: CareModel, plan: OperationsPlan,
                    days: int) -> Budget:
    """The plan's budget over the run's days (the scenario's calendar cut or extended)."""
    calendar = scenario.calendar.model_copy(update={"days": days})
    return plan_budget(scenario.model_copy(update={"calendar": calendar}), care, plan)


def line_row(line: str, subject: str, budget: float, actual: float, actual_quantity: float,
             standard_rate: float, planned: float, arrived: float, variable: bool,
             recorded: bool = True) -> dict:
    """One line's flexible budget and variances (the formulas of the module's docstring)."""
    flexible = budget * arrived / planned if variable and planned > 0 else budget
    standard_cost = actual_quantity * standard_rate if variable else actual
    return {"line": line, "subject": subject, "budget": budget, "flexible": flexible,
            "actual": actual, "volume_var": flexible - budget,
            "rate_var": actual - standard_cost, "efficiency_var": standard_cost - flexible,
            "total_var": actual - budget, "recorded": recorded}


def variance(budget: Budget, costs: pd.DataFrame, arrived: int, plan: OperationsPlan,
             scenario: Scenario) -> Variance:
    """Budget against the run's cost table (`costs`: item, subject, quantity, amount)."""
    planned = float(budget.contacts["contacts"].sum())
    lines = budget.lines
    rows = []
    # staff, per team: the standard rate is the team's hourly cost in the plan
    staff_budget = lines[lines["line"] == "staff"].assign(
        team=lambda f: f["subject"].str.split("/").str[0])
    staff_costs = costs[costs["item"] == "staff"]
    cost_team = staff_costs["subject"].astype(str).str.split("/").str[0]
    for team in plan.teams:
        budgeted = staff_budget[staff_budget["team"] == team.id]
        b = float(budgeted["amount_eur"].sum())
        mine = staff_costs[cost_team == team.id]  # by contract, "team/contract"
        rate = team.hourly_cost
        if uses_contracts(team) and float(budgeted["quantity"].sum()) > 0:
            rate = b / float(budgeted["quantity"].sum())  # the contracts' mix, as budgeted
        rows.append(line_row("staff", team.id, b, float(mine["amount"].sum()),
                             float(mine["quantity"].sum()), rate, planned, arrived, True))
    tariffs = {"connection": scenario.costs.per_minute, "per_contact": scenario.costs.per_contact}
    for line, rates in tariffs.items():
        b = float(lines.loc[lines["line"] == line, "amount_eur"].sum())
        mine = costs[costs["item"] == line]
        standard = float(sum(q * float(rates.get(str(s), 0.0))
                             for s, q in zip(mine["subject"], mine["quantity"], strict=True)))
        if b or len(mine):
            # quantity × rate summed over channels: pass it as quantity 1 at that rate
            rows.append(line_row(line, "", b, float(mine["amount"].sum()), 1.0, standard,
                                 planned, arrived, True))
    b = float(lines.loc[lines["line"] == "overhead", "amount_eur"].sum())
    a = float(costs.loc[costs["item"] == "overhead", "amount"].sum())
    if b or a:
        rows.append(line_row("overhead", "", b, a, 0.0, 0.0, planned, arrived, False))
    for line in ("team_leaders", "training", "seats", "technology", "knowledge_base"):
        b = float(lines.loc[lines["line"] == line, "amount_eur"].sum())
        if b:
            rows.append(line_row(line, "", b, b, 0.0, 0.0, planned, arrived, False,
                                 recorded=False))
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    total = {c: float(frame[c].sum()) for c in COLUMNS[2:-1]}
    frame = pd.concat([frame, pd.DataFrame([{"line": "total", "subject": "", **total,
                                             "recorded": True}])], ignore_index=True)
    return Variance(planned, float(arrived), frame)


def favourable(value: float) -> str:
    """«favourable» below budget, «unfavourable» above, «none» at zero (to the cent)."""
    if math.isnan(value) or abs(value) < 0.005:
        return "none"
    return "unfavourable" if value > 0 else "favourable"
