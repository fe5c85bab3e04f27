"""`simlab scenario schema` describes what the loader accepts: every shipped file
validates against it (with a real JSON Schema validator), and files written as it says
load; its descriptions are in the user's language."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from simlab import i18n
from simlab.cli import main
from simlab.model import CareModel, OperationsPlan, Scenario
from simlab.model.loader import load_text
from simlab.model.schema import json_schema

ROOT = Path(__file__).resolve().parent.parent
KIND_OF = {"care": CareModel, "plan": OperationsPlan}
# Scenarios, care models and plans; in scenarios/exercises/ and scenarios/exams/ only the
# care models and plans: the exercise files and answers are checked by
# test_exercise_checks.py, the exam templates by test_exams.py, the questionnaires of
# scenarios/surveys/ by test_survey_cli.py.
SHIPPED = sorted(p for p in (ROOT / "scenarios").rglob("*.yaml")
                 if (not {"exercises", "exams"} & set(p.relative_to(ROOT / "scenarios").parts)
                     or p.name.endswith((".care.yaml", ".plan.yaml")))
                 and "surveys" not in p.relative_to(ROOT / "scenarios").parts
                 # a wrong solution may be an invalid file on purpose: its check rejects it
                 and ".wrong." not in p.name)


def _model(path: Path):
    if path.parent.name == "mappings":  # the mappings of `simlab import`
        from simlab.model.mapping import Mapping

        return Mapping
    return KIND_OF.get(path.name.split(".")[-2], Scenario)


def _as_json(text: str):
    """The YAML data as a JSON document has it (dates become their ISO text)."""
    def plain(value):
        if isinstance(value, dt.date):
            return value.isoformat()
        raise TypeError(value)

    return json.loads(json.dumps(yaml.safe_load(text), default=plain))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_file_validates_against_the_schema_and_loads(path):
    text = path.read_text(encoding="utf-8")
    schema = json_schema(_model(path))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(_as_json(text), schema, cls=jsonschema.Draft202012Validator)
    load_text(_model(path), text, path)


def test_opening_hours_are_texts_in_the_schema_as_in_the_files():
    care = (ROOT / "scenarios/energia-base.care.yaml").read_text(encoding="utf-8")
    schema = json_schema(CareModel)
    data = _as_json(care)
    channel = next(iter(data["opening_hours"]))
    window = data["opening_hours"][channel][0]
    # What the old schema asked for (days as numbers, hours as seconds) is refused...
    wrong = {**data, "opening_hours": {**data["opening_hours"], channel: [
        {**window, "days": [0, 1, 2], "from": 30600, "to": 64800}]}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(wrong, schema)
    # ... and what it asks for now validates and loads.
    right = {**data, "opening_hours": {**data["opening_hours"], channel: [
        {**window, "days": ["lun", "mar", 3], "from": "08:30", "to": "18:00"}]}}
    jsonschema.validate(right, schema)
    assert load_text(CareModel, yaml.safe_dump(right), "care.yaml").opening_hours[channel]


def test_schema_descriptions_are_italian_without_pydantic_titles(capsys):
    assert main(["scenario", "schema", "--kind", "plan"]) == 0
    schema = json.loads(capsys.readouterr().out)
    text = json.dumps(schema, ensure_ascii=False)
    assert '"title": "Piano operativo"' in text and "Operatori in questo turno" in text
    assert "After Min" not in text and "minutes after the start" not in text
    i18n.set_language("en")
    assert "Operators on this shift" in json.dumps(json_schema(OperationsPlan))


# Numbers whose bounds belong to the world generator (distributions and demand); every
# other number of the three files has a range, stated in the schema.
WORLD_OWNED = ("Constant", "Empirical", "Exponential", "Gamma", "Lognormal", "Weibull", "Part",
               "Mixture", "Demand")  # ranges checked by validators: tests/test_demand_bounds.py


def _unbounded(node, path=()):
    if isinstance(node, dict):
        if node.get("type") in ("number", "integer"):
            low = "minimum" in node or "exclusiveMinimum" in node
            high = "maximum" in node or "exclusiveMaximum" in node
            if not (low and high):
                yield "/".join(map(str, path))
        for key, value in node.items():
            yield from _unbounded(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _unbounded(value, path + (i,))


@pytest.mark.parametrize("cls", [Scenario, CareModel, OperationsPlan])
def test_every_number_has_a_range(cls):
    open_ended = [p for p in _unbounded(json_schema(cls))
                  if not any(f"$defs/{name}/" in p for name in WORLD_OWNED)]
    assert open_ended == []
