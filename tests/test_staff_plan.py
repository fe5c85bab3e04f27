"""Contracts, individual agents and team leaders (model/plan_staff.py): a two-team plan over
the first week of energia-base's calendar (Monday 2 – Sunday 8 March 2026, no holiday),
budgeted by hand, simulated, and its ledger against the run's costs."""

from __future__ import annotations

import math

import pytest

from simlab.analysis.ledger import build_ledger, by_line, ledger_summary
from simlab.analysis.variance import budget_for_days
from simlab.errors import SimlabError
from simlab.lab import runner
from simlab.model.loader import load_text
from simlab.model.plan import OperationsPlan

PLAN = """
id: staff-test
title: {it: "Piano con contratti"}
scenario: energia-base
contracts:
  - {id: ft, kind: full_time, hourly_cost: 20, weekly_hours: 40}
  - {id: pt, kind: part_time, hourly_cost: 16, weekly_hours: 20}
teams:
  - id: fo
    name: {it: "Front office"}
    headcount: 3
    skills: {tel-commerciale: 1.0, tel-tecnico: 1.0, tel-reclami: 1.0}
    contract: ft
    leaders: {span: 8, hourly_cost: 30, hours_per_month: 155}
    shifts:
      - {days: lun-ven, from: "09:00", to: "17:00", agents: 2}
    agents:
      - id: anna
        contract: pt
        week:
          - {days: lun-mer, from: "09:00", to: "13:00"}
          - {days: gio, from: "14:00", to: "18:00"}
        training:
          - {days: gio, from: "14:00", to: "16:00"}
  - id: bo
    name: {it: "Back office"}
    headcount: 2
    skills: {chat-generale: 1.0, email-generale: 1.0, email-reclami: 1.0}
    hourly_cost: 18
    shifts:
      - {days: lun-sab, from: "08:00", to: "14:00", agents: 2}
"""


@pytest.fixture(scope="module")
def week():
    base = runner.load_bundle("energia-base")
    bundle = runner.bundle_from_texts({**base.texts, "plan": PLAN})
    result = runner.execute(bundle, days=7)
    return bundle, result


def _amount(frame, line, subject, column="amount_eur", key="line"):
    rows = frame[(frame[key] == line) & (frame["subject"] == subject)]
    return float(rows[column].sum())


def test_the_budget_charges_each_contract_and_the_team_leaders(week):
    bundle, _result = week
    b = budget_for_days(bundle.scenario, bundle.care, bundle.plan, 7)
    lines = b.lines
    # two full-timers 8 h × 5 days at € 20; Anna 3 × 4 h + (4 − 2 training) h at € 16,
    # her 2 h of training at € 16; the back office 2 × 6 h × 6 days at € 18 (6 h: part time)
    assert _amount(lines, "staff", "fo/ft") == pytest.approx(2 * 8 * 5 * 20)
    assert _amount(lines, "staff", "fo/pt") == pytest.approx((3 * 4 + 2) * 16)
    assert _amount(lines, "training", "fo/sessions") == pytest.approx(2 * 16)
    assert _amount(lines, "staff", "bo/part_time") == pytest.approx(2 * 6 * 6 * 18)
    # one leader for 3 operators (span 8): 155 h a month × 7/31 of March × € 30 = 1,050
    assert _amount(lines, "team_leaders", "fo") == pytest.approx(1050.0)
    assert math.ceil(3 / 8) == 1


def test_the_engine_runs_the_agents_own_week(week):
    _bundle, result = week
    agents = result.log.agents
    staffed = agents.groupby("agent_id", observed=False)["staffed_s"].sum() / 3600
    # Anna: Monday–Wednesday 4 h, Thursday 14–18 less training 14–16: 14 h on the queues,
    # plus the minutes an operator stays to finish the contact in hand at the end of a shift
    assert 14.0 <= staffed["fo-anna"] < 14.0 + 4 * 0.5
    assert 40.0 <= staffed["fo-001"] < 40.0 + 5 * 0.5
    assert 36.0 <= staffed["bo-001"] < 36.0 + 6 * 0.5
    costs = result.log.costs
    assert _amount(costs, "staff", "fo/ft", "amount", "item") == pytest.approx(
        (staffed["fo-001"] + staffed["fo-002"]) * 20)
    assert _amount(costs, "staff", "fo/pt", "amount", "item") == pytest.approx(
        staffed["fo-anna"] * 16)
    assert _amount(costs, "training", "fo", "amount", "item") == pytest.approx(2 * 16)
    assert _amount(costs, "staff", "bo", "amount", "item") == pytest.approx(
        (staffed["bo-001"] + staffed["bo-002"]) * 18)
    answered = result.log.contacts[result.log.contacts["agent_id"] == "fo-anna"]
    assert len(answered) > 0
    thursday = answered[(answered["start_s"] // 86400) == 3]
    # on Thursday she answers only after her training, from 16:00
    assert (thursday["start_s"] % 86400 >= 16 * 3600 - 1e-6).all()


def test_the_ledger_actuals_are_the_runs_costs(week):
    bundle, result = week
    led = runner.run_ledger(result)
    assert list(led.columns) == ["date", "line", "planned", "actual"]
    costs = result.log.costs.groupby("item")["amount"].sum()
    table = by_line(led)
    for item, amount in costs.items():
        assert table.loc[item, "actual"] == pytest.approx(amount)
    # the team leaders are not recorded by the run: actual = planned
    assert table.loc["team_leaders", "actual"] == pytest.approx(1050.0)
    assert table.loc["team_leaders", "planned"] == pytest.approx(1050.0)
    # staff: planned and actual agree but for the minutes spent finishing the last
    # contact of a shift (no absence, no holiday)
    assert table.loc["staff", "planned"] <= table.loc["staff", "actual"] < 1.05 * table.loc[
        "staff", "planned"]
    handled = int((result.log.contacts["outcome"] == "answered").sum())
    s = ledger_summary(led, handled)
    direct = sum(costs.get(i, 0.0) for i in ("staff", "connection", "per_contact"))
    assert s["cost_per_contact_direct"] == pytest.approx(direct / handled)
    assert s["cost_per_contact_fully_loaded"] == pytest.approx(
        (costs.sum() + 1050.0) / handled)
    assert len(set(led["date"])) == 7


def test_a_line_the_run_adds_reaches_the_ledger_spread_over_the_days(week):
    """Another procedure's line (compensation here) is read from the cost table, spread
    evenly, with nothing planned."""
    bundle, result = week
    import pandas as pd

    costs = pd.concat([result.log.costs, pd.DataFrame(
        [("compensation", "", 7, "cases", 140.0)], columns=result.log.costs.columns)])
    b = budget_for_days(bundle.scenario, bundle.care, bundle.plan, 7)
    dates = [bundle.scenario.calendar.date_of(d) for d in range(7)]
    led = build_ledger(b, costs, result.log.contacts, result.log.agents, dates)
    comp = led[led["line"] == "compensation"]
    assert comp["actual"].tolist() == pytest.approx([20.0] * 7)
    assert comp["planned"].sum() == 0


def test_a_plan_without_contracts_costs_as_before():
    """The baseline plan has no contract: one staff row per team at the team's cost."""
    result = runner.execute(runner.load_bundle("energia-base"), days=1)
    staff = result.log.costs[result.log.costs["item"] == "staff"]
    assert staff["subject"].tolist() == [t.id for t in result.bundle.plan.teams]


@pytest.mark.parametrize(("change", "words"), [
    (("contract: ft\n", "contract: xx\n"), "contratto «xx» sconosciuto"),
    (("to: \"18:00\"}\n        training", "to: \"20:00\"}\n        training"), None),
    (("{days: gio, from: \"14:00\", to: \"18:00\"}", "{days: mar, from: \"20:00\", to: \"23:00\"}"),
     "almeno 11 ore"),
    (("{days: lun-mer, from: \"09:00\"", "{days: lun-dom, from: \"09:00\""), "riposo"),
    (("headcount: 3", "headcount: 4"), "organico"),
    (("weekly_hours: 20", "weekly_hours: 10"), "contratto «pt»"),
])
def test_bad_staff_plans_are_refused_in_italian(change, words, monkeypatch):
    monkeypatch.setenv("SIMLAB_LANG", "it")
    text = PLAN.replace(*change, 1)
    assert text != PLAN
    if words is None:  # Thursday 14:00–20:00: 20 hours with training, legal, loads
        load_text(OperationsPlan, text, "<p>")
        return
    with pytest.raises(SimlabError) as e:
        load_text(OperationsPlan, text, "<p>")
    assert words in e.value.message and e.value.line is not None


def test_the_staff_facts_the_exercises_check(week):
    """curriculum/staff_checks.py on the plan above, by hand: one leader for the front
    office (3 ÷ 8 rounded up), none for the back office; part time: Anna and the back
    office's two 6-hour shifts, 3 of 5 operators."""
    from simlab.curriculum import staff_checks as sc

    bundle, _result = week
    plan = bundle.plan
    assert sc.leaders(plan) == {"fo": 1}
    assert sc.spans(plan) == {"fo": 8, "bo": None}
    assert sc.contract_kinds(plan) == {"full_time": 2, "part_time": 3}
    assert sc.staff_fact(plan, "part_time_share") == pytest.approx(0.6)
    assert sc.staff_fact(plan, "individual_agents") == 1


def test_the_budget_command_exports_markdown_with_the_contracts(tmp_path):
    from tests.test_cli import simlab

    plan = tmp_path / "staff.plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    out = tmp_path / "budget.md"
    r = simlab("budget", "energia-base", str(plan), "--scenario", "energia-base",
               "--out", str(out))
    assert r.returncode == 0, r.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# ") and "| " in text
    assert "Front office, ft" in text and "Front office, pt" in text
    bad = tmp_path / "bad.plan.yaml"
    bad.write_text(PLAN.replace("contract: ft\n", "contract: xx\n"), encoding="utf-8")
    r = simlab("budget", "energia-base", str(bad), "--scenario", "energia-base")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "xx" in r.stderr


def test_the_variance_reads_the_staff_costs_by_contract(week):
    """analysis.variance on a plan with contracts: each team's actual staff cost is the sum
    of its contracts' rows, not zero."""
    from simlab.analysis.variance import variance

    bundle, result = week
    b = budget_for_days(bundle.scenario, bundle.care, bundle.plan, 7)
    arrived = len(result.log.contacts)
    v = variance(b, result.log.costs, arrived, bundle.plan, bundle.scenario)
    fo = v.lines[(v.lines["line"] == "staff") & (v.lines["subject"] == "fo")].iloc[0]
    costs = result.log.costs
    expected = costs.loc[(costs["item"] == "staff")
                         & costs["subject"].str.startswith("fo/"), "amount"].sum()
    assert fo["actual"] == pytest.approx(expected) and expected > 0
    assert fo["volume_var"] + fo["rate_var"] + fo["efficiency_var"] == pytest.approx(
        fo["total_var"])


def test_simlab_run_prints_the_cost_per_contact_fully_loaded_and_direct(tmp_path):
    from tests.test_cli import simlab

    plan = tmp_path / "staff.plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    out = tmp_path / "run"
    r = simlab("run", "energia-base", "--plan", str(plan), "--days", "1", "--no-save",
               "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "pieno" in r.stdout and "diretto" in r.stdout
    assert (out / "ledger.parquet").is_file()
