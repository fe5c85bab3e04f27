"""Causes planted in a run are found in its data (docs/variance.md): an extra demand
event, a longer handling time on one reason, more absence than planned. Each planted run
is read against the plan it deviates from (the original scenario and plan), as a trainee
reads a month against its plan."""

from __future__ import annotations

import functools

import yaml

from simlab.analysis import causes
from simlab.analysis.sizing import size
from simlab.lab import kpiview, runner
from tests.conftest import bundle

DAYS = 3
SEED = 5


def _changed(kind: str, change) -> runner.Bundle:
    texts = dict(bundle("energia-base").texts)
    data = yaml.safe_load(texts[kind])
    change(data)
    texts[kind] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return runner.bundle_from_texts(texts)


@functools.cache
def _run(kind: str = "", name: str = ""):
    b = bundle("energia-base")
    if kind == "event":
        b = _changed("scenario", lambda d: d["demand"].setdefault("events", []).append(
            {"date": "2026-03-03", "factor": 2.5, "label": {"it": "Bollette sbagliate"}}))
    elif kind == "aht":
        reason = next(r for r in b.scenario.reasons if r.id == name)
        mean = reason.handle["phone"].mean

        def longer(d):
            r = next(r for r in d["reasons"] if r["id"] == name)
            r["handle"]["phone"] = {"dist": "lognormal", "mean": mean * 1.6, "cv": 0.6}
        b = _changed("scenario", longer)
    elif kind == "absence":
        b = _changed("plan", lambda d: d["teams"][0].update(absence_rate=0.5))
    return runner.execute(b, seed=SEED, days=DAYS).log


def _base():
    return bundle("energia-base")


def test_an_extra_demand_event_is_found_on_its_day():
    b = _base()
    sizing = size(b.scenario, b.care, b.plan)
    found = [c for c in causes.volume(_run("event").contacts, b.scenario, sizing, DAYS)
             if c.numbers["scope"] == "day"]
    days = {(c.numbers["day"], c.numbers["channel"]) for c in found}
    assert (2, "phone") in days
    phone = next(c for c in found if (c.numbers["day"], c.numbers["channel"]) == (2, "phone"))
    assert phone.numbers["ratio"] > 2.0  # the factor 2.5 on every reason
    baseline = causes.volume(_run().contacts, b.scenario, sizing, DAYS)
    assert not [c for c in baseline if c.numbers["day"] == 2]


def test_the_event_is_named_when_the_scenario_has_it():
    b = _changed("scenario", lambda d: d["demand"].setdefault("events", []).append(
        {"date": "2026-03-03", "factor": 2.5, "label": {"it": "Bollette sbagliate"}}))
    found = causes.volume(_run("event").contacts, b.scenario, size(b.scenario, b.care, b.plan),
                          DAYS)
    assert any(c.numbers.get("event") == "Bollette sbagliate" for c in found)


def test_a_longer_handling_time_on_one_reason_is_found_with_its_numbers():
    b = _base()
    found = causes.aht(_run("aht", "autolettura").contacts, b.scenario)
    mine = [c for c in found if (c.numbers["reason"], c.numbers["channel"])
            == ("autolettura", "phone")]
    assert len(mine) == 1
    n = mine[0].numbers
    planned = next(r for r in b.scenario.reasons if r.id == "autolettura").handle["phone"].mean
    assert n["planned_s"] == planned
    assert n["excess"] > 0.4  # 60% longer, less the contacts of proficient teams
    assert n["extra_h"] == (n["actual_s"] - planned) * n["handled"] / 3600
    baseline = causes.aht(_run().contacts, b.scenario)
    assert not [c for c in baseline if c.numbers["reason"] == "autolettura"]


def test_absence_above_plan_is_found_for_its_team():
    b = _base()
    team = b.plan.teams[0]
    schedule = kpiview.schedule(b.scenario, b.plan, DAYS)
    found = causes.absence(_run("absence").agents, schedule, b.plan)
    mine = [c for c in found if c.numbers["team"] == team.id]
    assert mine and all(c.numbers["absence"] > 0.3 for c in mine)
    assert all(c.numbers["planned_absence"] == team.absence_rate for c in mine)
    baseline = causes.absence(_run().agents, schedule, b.plan)
    assert not [c for c in baseline if c.numbers["team"] == team.id
                and c.numbers["absence"] > 0.3]
