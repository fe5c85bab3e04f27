"""`simlab plan roster`: the care model's requirement becomes shifts and a plan the engine
runs, which covers every interval, keeps the part-time limit, and meets the model's target
when simulated on the same scenario."""

from __future__ import annotations

import pytest

from simlab.lab import design, roster, runner
from simlab.model.loader import load_text
from simlab.model.plan import OperationsPlan
from tests.test_cli import simlab


@pytest.fixture(scope="module")
def energia() -> roster.RosterPlan:
    return roster.build(design.load("energia-base", "energia-base"))


def test_the_roster_covers_every_interval_of_the_requirement(energia):
    cov = energia.coverage
    assert {"interval_start", "channel", "required_staff", "scheduled_staff"} <= set(cov)
    assert set(cov["channel"]) == {"phone", "chat", "email"}
    assert energia.uncovered_intervals == 0
    assert (cov["scheduled_staff"] >= cov["required_staff"] - 1e-6).all()
    # the requirement is the sizing's agents, grossed up for absence only
    phone = energia.channels[0]
    need = design.sizing(energia.design).intervals
    peak = need[need["channel"] == "phone"]["required_agents_erlang_a"].max()
    assert cov[cov["channel"] == "phone"]["required_staff"].max() == pytest.approx(
        peak / (1 - phone.absence))


def test_the_roster_keeps_the_part_time_limit_and_the_plan_adds_up(energia):
    for c in energia.channels:
        part = sum(int(n) for n, t in zip(c.roster.agents, c.roster.templates, strict=True)
                   if t.part_time)
        assert part <= roster.DEFAULT_PART_TIME_SHARE * c.roster.headcount + 1e-9
    plan = load_text(OperationsPlan, energia.text, "<roster>")
    assert sum(t.headcount for t in plan.teams) == energia.headcount
    assert plan.scenario == "energia-base"


def test_the_roster_meets_the_care_models_target_when_simulated(energia):
    bundle = runner.load_bundle("energia-base")
    bundle = runner.bundle_from_texts({**bundle.texts, "plan": energia.text})
    result = runner.execute(bundle, days=7)
    sl = result.summary["channels"]["phone"]["service_level"]
    assert sl >= bundle.care.service_level["phone"].target


def test_the_command_writes_the_plan_and_the_coverage_and_never_overwrites(tmp_path):
    plan, cov = tmp_path / "mio.plan.yaml", tmp_path / "copertura.csv"
    r = simlab("plan", "roster", "energia-base", "--scenario", "energia-base",
               "--out", str(plan), "--coverage", str(cov))
    assert r.returncode == 0, r.stderr
    assert "Turni" in r.stdout and plan.exists()
    header = cov.read_text(encoding="utf-8-sig").splitlines()[0].split(";")
    assert header[:5] == ["day", "interval_start", "channel", "required_staff",
                          "scheduled_staff"]
    again = simlab("plan", "roster", "energia-base", "--scenario", "energia-base",
                   "--out", str(plan))
    assert again.returncode == 2 and "esiste già" in again.stderr
    assert "Traceback" not in again.stderr


def test_a_part_time_share_out_of_range_is_refused_in_italian():
    r = simlab("plan", "roster", "energia-base", "--scenario", "energia-base",
               "--part-time-share", "1.5")
    assert "0 e 1" in r.stderr or "0 and 1" in r.stderr
    assert r.returncode == 2 and "Traceback" not in r.stderr
