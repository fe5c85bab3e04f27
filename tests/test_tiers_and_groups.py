"""Tiers and skill groups honoured (docs/care-model.md, «Tiers and skill groups»): an L2
queue receives contacts only by escalation from L1, `model check` says so when only an
L2 queue would take some contacts, an IVR cannot route to L2, and a plan team may name a
skill group instead of listing its queues."""

from __future__ import annotations

import numpy as np
import pytest

from simlab.analysis import design_check
from simlab.engine import simulate
from simlab.engine.prepare import compile_run
from simlab.errors import SimlabError
from simlab.i18n import set_language
from simlab.lab import runner
from simlab.model.care import CareModel
from simlab.model.common import At
from simlab.model.plan import OperationsPlan
from simlab.world import build

EXP = {"dist": "exponential", "mean": 600}
ESCALATE = {"escalation": [{"from": ["tel-reclami"], "to": "email-reclami",
                            "handle_s": EXP, "resolve": 0.8, "sla_h": 8}]}


@pytest.fixture(autouse=True)
def _italian():
    set_language("it")


def _bundle():
    return runner.load_bundle("telco-base")


def _care(**extra) -> CareModel:
    # without the shipped groups and queue tiers, so that each test sets its own
    data = _bundle().care.model_dump(by_alias=True)
    for q in data["queues"]:
        q["tier"] = None
    return CareModel.model_validate({**data, "skill_groups": [], **extra})


def _plan(procedures: dict | None = None, skills: dict | None = None) -> OperationsPlan:
    data = _bundle().plan.model_dump(by_alias=True)
    data["procedures"] = procedures
    for t in data["teams"]:
        if skills and t["id"] in skills:
            t["skills"] = skills[t["id"]]
    return OperationsPlan.model_validate(data)


def _run(care: CareModel, plan: OperationsPlan, days: int = 2):
    care.check_against(_bundle().scenario)
    plan.check_against(care)
    return simulate(build(_bundle().scenario, 5, days), care, plan, seed=5)


L2_GROUP = [{"id": "reclami-scritti", "name": {"it": "Reclami scritti"}, "tier": "L2",
             "queues": ["email-reclami"]}]


def test_an_l2_queue_receives_only_escalations():
    plain = _run(_care(), _plan(ESCALATE))
    assert (plain.contacts["queue"] == "email-reclami").sum() > 0  # reached directly
    log = _run(_care(skill_groups=L2_GROUP), _plan(ESCALATE))
    c, t = log.contacts, log.tasks
    assert (c["queue"] == "email-reclami").sum() == 0  # customers never reach it
    # the written complaints go to the email catch-all of L1 instead
    complaints = c[(c["channel"] == "email") & (c["reason"] == "reclamo")]
    assert len(complaints) > 0 and (complaints["queue"] == "email-backoffice").all()
    escalated = t[t["kind"] == "escalation"]
    assert len(escalated) > 0 and (escalated["queue"] == "email-reclami").all()
    assert (escalated["outcome"] == "done").any()  # and L2 works them


def test_a_queue_s_own_tier_does_the_same():
    care = _care()
    data = care.model_dump(by_alias=True)
    next(q for q in data["queues"] if q["id"] == "email-reclami")["tier"] = "L2"
    log = _run(CareModel.model_validate(data), _plan(ESCALATE))
    assert (log.contacts["queue"] == "email-reclami").sum() == 0


def test_model_check_names_contacts_only_l2_would_take():
    scenario = _bundle().scenario
    assert design_check.l2_only_routes(scenario, _bundle().care) == []
    assert design_check.l2_only_routes(scenario, _care(skill_groups=L2_GROUP)) == []
    tech = [{"id": "tecnici", "name": {"it": "Tecnici"}, "tier": "L2", "queues": ["tel-tecnica"]}]
    found = design_check.l2_only_routes(scenario, _care(skill_groups=tech))
    assert len(found) == 1 and found[0].severity == design_check.ERROR
    assert found[0].code == "l2-direct-route" and found[0].ability == "UF1.A3"
    assert "tel-tecnica" in found[0].message and "guasto" in found[0].message
    assert "escalation" in found[0].message
    # and the run refuses them with the same reason
    world = build(scenario, 5, 1)
    with pytest.raises(SimlabError) as e:
        compile_run(world, _care(skill_groups=tech), _bundle().plan, 5)
    assert "guasto" in str(e.value) and "L2" in str(e.value)


def test_the_ivr_cannot_route_to_l2():
    data = _care(skill_groups=L2_GROUP).model_dump(by_alias=True)
    data["queues"].append({"id": "tel-l2", "name": {"it": "Specialisti"}, "channel": "phone",
                           "reasons": ["guasto"], "tier": "L2"})
    data["ivr"] = {"phone": {"levels": [{"id": "menu", "prompt_s": 5, "options": [
        {"id": "tecnico", "label": {"it": "Guasti"}, "time_s": 3, "reasons": ["guasto"],
         "queue": "tel-l2"},
        {"id": "altro", "label": {"it": "Altro"}, "time_s": 3}]}]}}
    with pytest.raises(At) as e:
        CareModel.model_validate(data).check_against(_bundle().scenario)
    assert "tel-l2" in str(e.value) and "escalation" in str(e.value)


def test_a_tier_contradicted_by_a_group_is_refused():
    data = _care(skill_groups=L2_GROUP).model_dump(by_alias=True)
    next(q for q in data["queues"] if q["id"] == "email-reclami")["tier"] = "L1"
    with pytest.raises(At) as e:
        CareModel.model_validate(data).check_against(_bundle().scenario)
    assert "email-reclami" in str(e.value) and "reclami-scritti" in str(e.value)


FRONT = [{"id": "front-tel", "name": {"it": "Front office telefono"}, "tier": "L1",
          "queues": ["tel-commerciale", "tel-tecnica"]}]


def _records(log) -> dict[str, np.ndarray]:
    c = log.contacts
    return {k: c[k].cat.codes.to_numpy() if c[k].dtype.name == "category" else c[k].to_numpy()
            for k in ("queue", "outcome", "start_s", "end_s", "agent_id", "resolved")}


def test_a_team_naming_a_skill_group_works_its_queues():
    care = _care(skill_groups=FRONT)
    listed = _run(care, _plan(skills={"commerciale": {"tel-commerciale": 1.0,
                                                      "tel-tecnica": 1.0}}), days=1)
    grouped = _run(care, _plan(skills={"commerciale": {"front-tel": 1.0}}), days=1)
    for k, v in _records(listed).items():
        np.testing.assert_array_equal(v, _records(grouped)[k], err_msg=k)
    # beside the group, a queue listed by itself keeps its own proficiency: the shipped
    # plan's {tel-commerciale: 1.0, tel-tecnica: 0.7}
    base = _run(care, _plan(), days=1)
    beside = _run(care, _plan(skills={"commerciale": {"front-tel": 1.0, "tel-tecnica": 0.7}}),
                  days=1)
    for k, v in _records(base).items():
        np.testing.assert_array_equal(v, _records(beside)[k], err_msg=k)
    # and the group matters: at 1.0 on tel-tecnica the run differs from the shipped 0.7
    assert not np.array_equal(_records(base)["end_s"], _records(grouped)["end_s"])


def test_an_unknown_skill_is_refused_naming_queues_and_groups():
    care = _care(skill_groups=FRONT)
    with pytest.raises(At) as e:
        _plan(skills={"commerciale": {"nessuna": 1.0}}).check_against(care)
    assert "nessuna" in str(e.value) and "front-tel" in str(e.value)
    assert "coda o gruppo di competenze" in str(e.value)
