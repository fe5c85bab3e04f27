"""The designer's headless part (lab.careform, lab.designer): the form read from the
schema, the values typed, the loader's messages at each field, the estimate from the
sizing, undo, saving in the workspace and the diff of two models."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import Field

from simlab.errors import SimlabError
from simlab.lab import careform, design, designer
from simlab.model.care import CareModel
from simlab.model.common import Strict
from simlab.store.workspace import Workspace


@pytest.fixture
def ws(tmp_path: Path):
    with Workspace.open(tmp_path / "ws") as w:
        w.set_current_person(w.add_person("Anna Esposito", "trainee"))
        yield w


def opened(name: str = "energia-base", ws=None) -> designer.Opened:
    sc = next(s for s in designer.scenarios(ws) if s.id == name)
    return designer.open_model(sc, designer.models(sc, ws)[0], ws)


# --- the form from the schema ----------------------------------------------------------


def test_every_field_of_the_care_model_is_in_one_section():
    placed = [key for _s, fields in careform.sections() for key, _spec in fields]
    expected = [info.alias or name for name, info in CareModel.model_fields.items()]
    assert sorted(placed) == sorted(expected)
    assert len(placed) == len(set(placed))
    order = [s for s, _f in careform.sections()]
    assert order == ["positioning", "catalogue", "channels", "ivr", "slas", "routing",
                     "targets"]


def test_the_catalogue_and_the_ivr_have_their_sections():
    specs = {k: (sec, s) for sec, fields in careform.sections() for k, s in fields}
    section, services = specs["services"]
    assert section == "catalogue" and services.kind == "rows"
    assert dict(services.item.fields)["quality"].choices == ("basic", "standard", "premium")
    assert dict(services.item.fields)["features"].kind == "rows"  # a list of {it, en}
    assert specs["support_activities"][0] == "catalogue"
    section, ivr = specs["ivr"]
    assert section == "ivr" and ivr.kind == "mapping" and ivr.item.kind == "model"
    assert specs["realtime_sla"][0] == "slas" and specs["expected_results"][0] == "targets"


def test_a_field_is_edited_by_its_type():
    specs = {k: s for _sec, fields in careform.sections() for k, s in fields}
    assert specs["positioning"].kind == "choice" and specs["positioning"].optional
    assert specs["positioning"].choices == ("cost_leader", "value", "premium")
    assert specs["title"].kind == "i18n"
    assert specs["target_segments"].kind == "words"
    assert specs["queues"].kind == "rows" and specs["queues"].item.kind == "model"
    assert [k for k, _s in specs["queues"].item.fields][:3] == ["id", "name", "channel"]
    hours = specs["opening_hours"]  # a channel's list of time windows
    assert hours.kind == "mapping" and hours.item.kind == "rows"
    window = dict(hours.item.item.fields)
    assert set(window) == {"days", "from", "to"} and window["from"].kind == "raw"
    assert specs["kpi_targets"].kind == "model" and specs["kpi_targets"].optional
    assert specs["budget_per_month_eur"].kind == "number"
    assert dict(specs["queues"].item.fields)["priority"].kind == "integer"


class _Option(Strict):
    digit: int = Field(ge=0, le=9)
    label: str
    self_service_share: float = 0.0


class _Grown(Strict):
    """A care model as a later schema may grow it: new fields land by their names."""

    id: str
    ivr_menu: list[_Option] = []
    callback_offer: bool = False
    mystery: dict[str, int] = {}


def test_a_new_field_of_the_schema_lands_in_a_section_with_no_new_code():
    found = {key: (section, spec.kind) for section, fields in careform.sections(_Grown)
             for key, spec in fields}
    assert found["ivr_menu"] == ("ivr", "rows")
    assert found["callback_offer"] == ("slas", "bool")
    assert found["mystery"] == ("other", "mapping")


def test_typed_text_becomes_the_value_the_yaml_holds():
    number = careform.Spec("number")
    assert careform.from_text(number, "0,8") == 0.8
    assert careform.from_text(number, "1.200,5") == 1200.5
    assert careform.from_text(number, "20") == 20
    assert careform.from_text(number, "abc") == "abc"  # kept: validation names it
    assert careform.from_text(number, " ") is None
    words = careform.Spec("words", item=careform.Spec("text"))
    assert careform.from_text(words, "residenziale, , microbusiness") == [
        "residenziale", "microbusiness"]
    assert careform.to_text(words, ["a", "b"]) == "a, b"
    assert careform.to_text(number, 0.8) == "0,8" and careform.to_text(number, 20.0) == "20"


def test_values_are_set_and_removed_by_path_without_touching_the_original():
    data = {"a": {"b": [1, 2]}}
    changed = careform.with_value(data, ("a", "b", 1), 5)
    assert changed == {"a": {"b": [1, 5]}} and data == {"a": {"b": [1, 2]}}
    assert careform.with_value(data, ("x", "y"), 1)["x"] == {"y": 1}
    assert careform.with_value(data, ("a", "b", 2), 3)["a"]["b"] == [1, 2, 3]
    assert careform.without(data, ("a", "b", 0)) == {"a": {"b": [2]}}
    assert careform.with_value(data, ("a",), None) == {}


# --- validation ------------------------------------------------------------------------


def test_a_shipped_model_is_valid_and_bad_values_get_the_loaders_messages():
    o = opened()
    assert designer.validate(o, o.data).errors == []
    data = careform.with_value(o.data, ("service_level", "phone", "target"), "abc")
    data = careform.with_value(data, ("queues", 0, "priority"), 12)
    errors = dict(designer.validate(o, data).errors)
    assert errors[("service_level", "phone", "target")] == "«abc» non è un numero"
    assert errors[("queues", 0, "priority")] == "«12» deve essere al massimo 9"


def test_what_the_scenario_requires_is_checked_once_the_schema_is_met():
    o = opened()
    data = careform.with_value(o.data, ("queues", 0, "channel"), "fax")
    checked = designer.validate(o, data)
    assert checked.care is None
    [(path, message)] = checked.errors
    assert path == ("queues", 0, "channel") and "fax" in message and "phone" in message


def test_an_error_goes_beside_the_field_that_leads_to_it():
    editors = [("queues",), ("queues", 0, "channel"), ("title", "it")]
    assert designer.field_of(("queues", 0, "channel"), editors) == ("queues", 0, "channel")
    assert designer.field_of(("queues", 3, "id"), editors) == ("queues",)
    assert designer.field_of(("budget",), editors) is None


# --- the estimate ----------------------------------------------------------------------


def test_the_estimate_is_the_sizing_of_model_size():
    o = opened()
    e = designer.estimate(o, designer.validate(o, o.data).care)
    cli = design.sizing(design.load(None, "energia-base"))
    assert e.cost_per_day == pytest.approx(cli.cost_per_day, rel=1e-12)
    assert e.cost_per_month == pytest.approx(cli.cost_per_month, rel=1e-12)
    peak = int(cli.intervals[cli.intervals["channel"] == "phone"]["required_agents"].max())
    assert ("phone", str(peak)) == e.channels[0][:2]


def test_a_stricter_target_needs_more_staff_and_costs_more():
    o = opened()
    base = designer.estimate(o, designer.validate(o, o.data).care)
    strict = careform.with_value(o.data, ("service_level", "phone", "target"), 0.95)
    tighter = designer.estimate(o, designer.validate(o, strict).care)
    assert int(tighter.channels[0][1]) > int(base.channels[0][1])
    assert tighter.cost_per_month > base.cost_per_month


def test_the_estimate_says_when_the_budget_is_exceeded():
    o = opened()
    data = careform.with_value(o.data, ("budget_per_month_eur",), 1000)
    e = designer.estimate(o, designer.validate(o, data).care)
    assert "superato" in e.lines()[-1]
    assert any(f.severity == "error" and "budget" in f.message for f in e.findings)


# --- undo ------------------------------------------------------------------------------


def test_typing_in_one_field_is_one_step_of_undo():
    h = designer.History({"a": 1, "b": 1})
    h.record({"a": 12, "b": 1}, ("a",))
    h.record({"a": 123, "b": 1}, ("a",))  # the same field: the same step
    h.record({"a": 123, "b": 2}, ("b",))
    assert h.steps() == 2
    assert h.undo() == {"a": 123, "b": 1}
    assert h.undo() == {"a": 1, "b": 1}
    assert h.undo() is None
    h.record({"a": 1, "b": 1}, ("a",))  # no change: no step
    assert h.steps() == 0


# --- saving ----------------------------------------------------------------------------


def test_a_shipped_model_is_saved_only_with_a_new_id(ws):
    o = opened(ws=ws)
    with pytest.raises(SimlabError, match="incluso|nuovo"):
        designer.save(ws, o, o.data)
    changed = careform.with_value(o.data, ("service_level", "phone", "target"), 0.9)
    saved = designer.save(ws, o, changed, "energia-mio")
    assert saved.origin == "workspace" and saved.id == "energia-mio"
    listed = designer.models(o.scenario, ws)
    assert [s.key for s in listed] == ["energia-base.care.yaml", "ws:energia-mio"]
    back = designer.open_model(o.scenario, listed[1], ws)
    assert back.data["service_level"]["phone"]["target"] == 0.9
    assert designer.validate(back, back.data).care == designer.validate(
        o, {**changed, "id": "energia-mio"}).care
    # the shipped file is as it was
    assert designer.models(o.scenario, ws)[0].text == o.source.text


def test_saving_again_keeps_the_older_version_and_save_as_never_takes_another_id(ws):
    o = opened(ws=ws)
    designer.save(ws, o, o.data, "mio")
    mine = designer.open_model(o.scenario, designer.models(o.scenario, ws)[1], ws)
    designer.save(ws, mine, careform.with_value(mine.data, ("queues", 0, "priority"), 2))
    versions = ws.document_versions("care_model", "mio")
    assert len(versions) == 2 and "priority: 1" in versions[0].text
    with pytest.raises(SimlabError, match="mio"):
        designer.save(ws, o, o.data, "mio")
    with pytest.raises(SimlabError):
        designer.save(ws, mine, careform.with_value(mine.data, ("queues", 0, "priority"), 99))
    assert len(ws.document_versions("care_model", "mio")) == 2
    assert designer.suggested_id(o, ws) == "energia-base-mio"


# --- the diff --------------------------------------------------------------------------


def test_the_diff_shows_what_differs_and_reads_values_as_the_schema_does():
    o = opened()
    assert all(r.status == "same" for r in designer.diff(o.data, o.data))
    same_days = careform.with_value(o.data, ("opening_hours", "phone", 0, "days"),
                                    ["lun", "mar", "mer", "gio", "ven"])
    assert all(r.status == "same" for r in designer.diff(o.data, same_days))
    other = careform.with_value(o.data, ("service_level", "phone", "target"), 0.9)
    other = careform.with_value(other, ("budget_per_month_eur",), 250000)
    other = careform.with_value(other, ("kpi_targets", "nps"), 20)  # the baseline has none
    changed = {r.key: r for r in designer.diff(o.data, other) if r.status != "same"}
    assert set(changed) == {"service_level.phone.target", "budget_per_month_eur",
                            "kpi_targets.nps"}
    assert changed["kpi_targets.nps"].status == "added"
    assert changed["budget_per_month_eur"].status == "changed"
    assert changed["service_level.phone.target"].right.startswith("0")


def test_the_deliverable_is_written_from_the_saved_model(ws, tmp_path):
    o = opened(ws=ws)
    changed = careform.with_value(o.data, ("service_level", "phone", "target"), 0.9)
    with pytest.raises(SimlabError, match="salva"):
        designer.export(ws, o, changed, tmp_path / "x.html")
    designer.save(ws, o, changed, "vesuvio-90")
    mine = designer.open_model(o.scenario, designer.models(o.scenario, ws)[1], ws)
    out = designer.export(ws, mine, mine.data, tmp_path / "vesuvio.md", "md")
    text = out.read_text(encoding="utf-8")
    assert "Modello di customer care" in text and "90" in text
    assert designer.export(ws, o, o.data, tmp_path / "base.html").read_text(
        encoding="utf-8").lstrip().lower().startswith("<!doctype html")
