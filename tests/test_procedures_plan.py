"""Bad procedures in a plan are refused with an Italian message naming the key, its
line and the allowed values; good ones load, and a plan without them is unchanged."""

from __future__ import annotations

import pytest

from simlab.errors import SimlabError
from simlab.i18n import set_language
from simlab.lab import runner
from simlab.model.plan import OperationsPlan
from simlab.model.yamlio import dump
from tests.procedures_helpers import run

ROOT = runner.load_bundle("telco-base")
EXP = "{dist: exponential, mean: 3600}"


@pytest.fixture(autouse=True)
def _italian():
    set_language("it")
    yield


def _load(procedures_yaml: str) -> None:
    texts = dict(ROOT.texts)
    texts["plan"] = texts["plan"] + "\nprocedures:\n" + procedures_yaml
    runner.bundle_from_texts(texts)


def _refused(procedures_yaml: str) -> str:
    with pytest.raises(SimlabError) as e:
        _load(procedures_yaml)
    return str(e.value)


def test_good_procedures_load():
    _load(f"  repeats: {{share: 0.5, delay_s: {EXP}}}\n"
          f"  reserve: [{{team: reclami, queue: tel-commerciale, above: 4}}]\n")


def test_an_unknown_l2_queue_is_named_with_the_allowed_ones():
    err = _refused(f"  escalation:\n    - {{from: [tel-tecnica], to: secondo-livello, "
                   f"handle_s: {EXP}, resolve: 0.8, sla_h: 8}}\n")
    assert "secondo-livello" in err and "inesistente" in err and "email-backoffice" in err
    assert "procedures.escalation[0].to" in err


def test_an_l2_queue_cannot_be_its_own_l1():
    err = _refused(f"  escalation:\n    - {{from: [tel-tecnica], to: tel-tecnica, "
                   f"handle_s: {EXP}, resolve: 0.8, sla_h: 8}}\n")
    assert "non può essere anche una coda di primo livello" in err


def test_a_reserve_skill_the_team_holds_is_refused():
    err = _refused("  reserve: [{team: commerciale, queue: tel-tecnica}]\n")
    assert "ha già la competenza «tel-tecnica»" in err and "procedures.reserve[0].queue" in err


def test_outsourcing_needs_one_rule_of_two():
    err = _refused("  outsourcing: [{queue: tel-commerciale, share: 0.2, above: 5, "
                   "price_per_contact: 4}]\n")
    assert "«share» oppure «above»" in err
    err = _refused("  outsourcing: [{queue: tel-commerciale, price_per_contact: 4}]\n")
    assert "«share» oppure «above»" in err


def test_out_of_range_values_name_the_range():
    err = _refused(f"  repeats: {{share: 1.5, delay_s: {EXP}}}\n")
    assert "procedures.repeats.share" in err
    err = _refused("  campaigns: [{id: c1, teams: [nessuno], calls_per_day: 10, "
                   "window: {days: lun-ven, from: '10:00', to: '12:00'}, contact_rate: 0.5, "
                   f"handle_s: {EXP}}}]\n")
    assert "nessuno" in err and "commerciale" in err  # the unknown team, and the known ones


def test_an_unknown_escalation_reason_is_refused_when_the_run_starts():
    plan = OperationsPlan.model_validate({**ROOT.plan.model_dump(by_alias=True), "procedures": {
        "escalation": [{"from": ["tel-tecnica"], "to": "email-backoffice", "reasons": ["meteo"],
                        "handle_s": {"dist": "constant", "value": 60}, "resolve": 1, "sla_h": 1}]}})
    with pytest.raises(SimlabError) as e:
        from simlab.engine import simulate
        from simlab.world import build
        simulate(build(ROOT.scenario, days=1), ROOT.care, plan)
    assert "meteo" in str(e.value) and "guasto" in str(e.value)


def test_a_plan_without_procedures_is_written_as_before():
    """No «procedures» key when there are none: replayed run files keep their bytes."""
    assert "procedures" not in dump(ROOT.plan.model_dump(mode="json", by_alias=True))
    assert run(None).tasks is None
