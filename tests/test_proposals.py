"""Improvement proposals: generated from the causes, applied as concrete changes, decided
and edited by the trainee (stored atomically beside the run), and tested with a what-if
run on the same seed (docs/variance.md)."""

from __future__ import annotations

import json

import pytest

from simlab.analysis import proposals
from simlab.analysis.causes import Cause
from simlab.errors import SimlabError
from simlab.lab import evaluation, runner
from tests.conftest import bundle


def _understaffed(team: str) -> Cause:
    return Cause("understaffed", 3.2, {"channel": "phone", "weekday": 0, "weekday_name": "lun",
                                        "time": "10:00", "band_s": 36000, "missing": 4,
                                        "team": team})


def test_a_missing_operators_cause_becomes_a_shift_on_that_weekday():
    b = bundle("energia-base")
    team = b.plan.teams[0]
    made = proposals.propose([_understaffed(team.id), _understaffed(team.id)], b.care, b.plan)
    assert len(made) == 1  # one proposal per team and weekday
    p = made[0]
    assert (p.kind, p.params) == ("add_agents", {"team": team.id, "weekday": "lun",
                                                 "from": "10:00", "to": "12:00", "agents": 4})
    care, plan = proposals.apply(made, b.care, b.plan)
    changed = next(t for t in plan.teams if t.id == team.id)
    assert changed.headcount == team.headcount + 4
    new = changed.shifts[-1]
    assert (new.days, new.start, new.end, new.agents) == ((0,), 36000, 43200, 4)
    assert care == b.care


def test_other_kinds_change_the_care_model_or_the_skills():
    b = bundle("energia-base")
    queue = b.care.queues[0]
    team = next(t for t in b.plan.teams if any(p < 1 for p in t.skills.values()))
    weak = next(q for q, p in team.skills.items() if p < 1)
    causes = [Cause("starved", 0.2, {"queue": queue.id, "rival_priority": queue.priority + 2}),
              Cause("deferred", 5.0, {"channel": "email"}),
              Cause("aht", 10.0, {"team": team.id, "queue": weak})]
    made = proposals.propose(causes, b.care, b.plan)
    assert [p.kind for p in made] == ["priority", "deferred_work", "training"]
    care, plan = proposals.apply(made, b.care, b.plan)
    assert next(q for q in care.queues if q.id == queue.id).priority == queue.priority + 2
    assert care.deferred_work == "by_priority"
    assert next(t for t in plan.teams if t.id == team.id).skills[weak] == pytest.approx(
        min(1.0, team.skills[weak] + 0.15))


def test_a_bad_edit_is_refused_in_italian():
    b = bundle("energia-base")
    p = proposals.Proposal("p1", "add_agents", {"team": "nessuno", "weekday": "lun",
                                                "from": "10:00", "to": "12:00", "agents": 2}, "")
    with pytest.raises(SimlabError) as e:
        proposals.apply([p], b.care, b.plan)
    assert "team «nessuno» sconosciuto" in e.value.message


def test_decisions_are_kept_beside_the_run_and_the_whatif_runs_the_same_customers(tmp_path):
    folder = tmp_path / "run"
    b = bundle("energia-base")
    runner.write_to_folder(runner.execute(b, seed=4, days=2), folder)
    ev = evaluation.evaluate(evaluation.open_run(folder))
    team = b.plan.teams[0]
    ev.proposals = [proposals.Proposal("p1", "add_agents", {
        "team": team.id, "weekday": "lun", "from": "08:00", "to": "20:00", "agents": 10}, "")]
    evaluation.decide(ev, "p1", "accepted", {"agents": 12})
    stored = json.loads(evaluation.proposals_path(folder).read_text(encoding="utf-8"))
    assert stored["proposals"][0]["status"] == "accepted"
    assert stored["proposals"][0]["params"]["agents"] == 12
    assert not (folder / "proposals.json").exists()  # never inside the hashed run folder
    again = evaluation.evaluate(evaluation.open_run(folder))
    assert evaluation.find(again, "p1").status == "accepted"
    result = evaluation.whatif(again, ["p1"])
    assert (result["seed"], result["days"]) == (4, 2)
    # the same customers: the same arrivals on every channel
    assert {c: v["offered"] for c, v in result["before"].items()} == {
        c: v["offered"] for c, v in result["after"].items()}
    # twelve more operators from 8 to 20 on the Monday: a better phone service level, at a cost
    assert result["after"]["phone"]["service_level"] > result["before"]["phone"]["service_level"]
    assert result["cost_after"] > result["cost_before"]
    assert evaluation.find(evaluation.evaluate(evaluation.open_run(folder)), "p1").whatif
    with pytest.raises(SimlabError):
        evaluation.decide(again, "p9", "accepted")
