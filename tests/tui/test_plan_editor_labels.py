"""The plan editor (h) names every field of the plan in Italian: the procedures and staff
parts of the schema showed their keys («contract», «auto acknowledgement»…)."""

from __future__ import annotations

from textual.widgets import Label

from simlab.lab.careform import _LABELS, field_label, model_fields
from simlab.model.plan import OperationsPlan
from simlab.tui.app import LabApp

from .helpers import drive, settle
from .test_plan_editor_flows import open_editor


def _keys(fields, out: set[str]) -> set[str]:
    for key, spec in fields:
        out.add(key)
        for sub in (spec.item, getattr(spec, "model", None)):
            if sub is not None and getattr(sub, "fields", None):
                _keys(sub.fields, out)
        if getattr(spec, "fields", None):
            _keys(spec.fields, out)
    return out


def test_every_key_of_the_plan_has_a_name():
    keys = _keys(model_fields(OperationsPlan), set())
    assert {"contract", "auto_acknowledgement", "back_office", "escalation"} <= keys
    fallback = [k for k in sorted(keys) if field_label(k) == k.replace("_", " ")
                and k not in _LABELS()]
    assert fallback == []
    assert field_label("contract") == "Contratto"
    assert field_label("auto_acknowledgement") == "Presa in carico automatica"
    assert field_label("no_such_key") == "no such key"  # an unknown key still shows


def test_the_shifts_tab_says_contratto(ws_path):
    seen = {}

    async def script(pilot):
        screen = await open_editor(pilot)
        screen.query_one("#plan-tabs").active = "plan-sec-shifts"
        await settle(pilot)
        pane = screen.query_one("#plan-sec-shifts")
        seen["labels"] = {str(w.render()) for w in pane.query(Label)}

    drive(LabApp(ws_path), script)
    assert "Contratto" in seen["labels"] and "contract" not in seen["labels"]
