"""The planned budget (analysis/budget.py, `simlab budget`): lines worked by hand, the
monthly lines by the share of the month, and a plan that agrees with what a run costs."""

from __future__ import annotations

import math

import openpyxl
import pytest

from simlab.analysis.budget import peak_on_shift, plan_budget
from simlab.lab import design, runner
from simlab.model.loader import load_text
from simlab.model.plan import OperationsPlan
from tests.test_cli import simlab

BUDGET = """
budget:
  seat_cost_per_month: 200
  technology_per_month: 3100
  knowledge_base_per_month: 620
  training_hours_per_agent_per_month: 4
  team_leaders: {span: 12, hourly_cost: 28}
"""


@pytest.fixture(scope="module")
def energia():
    d = design.load("energia-base", "energia-base")
    text = runner.load_bundle("energia-base").texts["plan"] + BUDGET
    plan = load_text(OperationsPlan, text, "<plan>")
    return d, plan, plan_budget(d.scenario, d.care, plan)


def _line(budget, line, subject=""):
    rows = budget.lines[(budget.lines["line"] == line) & (budget.lines["subject"] == subject)]
    assert len(rows) == 1, (line, subject)
    return rows.iloc[0]


def test_staff_is_the_shifts_hours_on_working_days_less_absence(energia):
    _d, _plan, budget = energia
    # reclami's full-time shift: 1 operator, 09:00-18:00, Monday to Friday; 2-29 March
    # 2026 has 20 weekdays and no holiday; absence 6%, € 23 an hour
    row = _line(budget, "staff", "reclami/full_time")
    assert row["quantity"] == pytest.approx(1 * 9 * 20 * 0.94)
    assert row["amount_eur"] == pytest.approx(1 * 9 * 20 * 0.94 * 23)


def test_monthly_lines_are_charged_by_the_share_of_the_month(energia):
    _d, plan, budget = energia
    part = 28 / 31  # the calendar covers 28 days of March
    heads = sum(t.headcount for t in plan.teams)
    assert _line(budget, "technology")["amount_eur"] == pytest.approx(3100 * part)
    assert _line(budget, "knowledge_base")["amount_eur"] == pytest.approx(620 * part)
    assert _line(budget, "seats")["amount_eur"] == pytest.approx(
        peak_on_shift(plan) * 200 * part)
    assert _line(budget, "team_leaders")["amount_eur"] == pytest.approx(
        math.ceil(heads / 12) * 160 * 28 * part)
    back = next(t for t in plan.teams if t.id == "back-office")
    assert _line(budget, "training", "back-office")["amount_eur"] == pytest.approx(
        back.headcount * 4 * part * back.hourly_cost)


def test_the_peak_on_shift_counts_overlapping_shifts_only():
    text = """
id: p
title: {it: p}
scenario: s
teams:
  - id: a
    name: {it: a}
    headcount: 7
    skills: {q: 1}
    shifts:
      - {days: lun-ven, from: "08:00", to: "14:00", agents: 3}
      - {days: lun-ven, from: "14:00", to: "20:00", agents: 4}
  - id: b
    name: {it: b}
    headcount: 2
    skills: {q: 1}
    shifts:
      - {days: sab, from: "09:00", to: "13:00", agents: 2}
"""
    # 3 then 4 on weekdays (one after the other), 2 on Saturday: the peak is 4
    assert peak_on_shift(load_text(OperationsPlan, text, "<p>")) == 4


def test_the_plan_agrees_with_what_the_run_costs():
    """The baseline month planned and simulated: staff by the same rule (time on duty
    after absence), traffic from the sizing's forecast; the run has the outage day and
    absence drawn day by day, so they agree within a few percent, not to the cent."""
    d = design.load("energia-base", "energia-base")
    planned = plan_budget(d.scenario, d.care, d.plan)
    result = runner.execute(runner.load_bundle("energia-base"))
    actual = result.summary["costs"]
    staff = float(planned.lines.loc[planned.lines["line"] == "staff", "amount_eur"].sum())
    assert staff == pytest.approx(actual["staff"], rel=0.03)
    assert planned.total == pytest.approx(actual["total"], rel=0.05)


def test_the_command_prints_and_writes_the_budget(tmp_path):
    out = tmp_path / "budget.xlsx"
    r = simlab("budget", "energia-base", "energia-base", "--scenario", "energia-base",
               "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "Budget" in r.stdout or "budget" in r.stdout
    book = openpyxl.load_workbook(out)
    assert len(book.sheetnames) == 2
    again = simlab("budget", "energia-base", "energia-base", "--scenario", "energia-base",
                   "--out", str(out))
    assert again.returncode == 2 and "Traceback" not in again.stderr
