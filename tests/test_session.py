"""The session plan of a lab day: written by the instructor, opened by the trainees,
the same scenario, seed and days for everyone."""

from __future__ import annotations

import datetime as dt

import pytest

from simlab.cli import main
from simlab.errors import SimlabError
from simlab.lab import session
from simlab.store.workspace import Workspace


def _plan(**kw):
    args = {"scenario": "telco-base", "seed": 7, "days": 2, "title": "Giornata 1",
            "date": dt.date(2026, 12, 7)}
    return session.create(**{**args, **kw})


def test_a_plan_written_and_read_back_is_the_same(tmp_path):
    plan = _plan()
    path = session.write(plan, tmp_path / "g1.session.yaml")
    assert session.load(path) == plan
    assert (plan.scenario, plan.seed, plan.days, str(plan.title)) == ("telco-base", 7, 2,
                                                                        "Giornata 1")


def test_days_default_to_the_scenarios_own():
    from simlab.lab import catalog

    own = catalog.resolve("scenario", "energia-base").model.calendar.days
    assert _plan(scenario="energia-base", days=None).days == own


def test_a_plan_is_never_written_over_an_existing_file(tmp_path):
    path = session.write(_plan(), tmp_path / "g1.session.yaml")
    before = path.read_bytes()
    with pytest.raises(SimlabError, match="esiste già"):
        session.write(_plan(seed=8), path)
    assert path.read_bytes() == before
    with pytest.raises(SimlabError, match=r"\.session\.yaml"):
        session.write(_plan(), tmp_path / "g1.yaml")


def test_wrong_values_name_the_option():
    with pytest.raises(SimlabError) as e:
        _plan(seed=-1)
    assert e.value.key == "--seed"
    with pytest.raises(SimlabError) as e:
        _plan(days=0)
    assert e.value.key == "--days"
    with pytest.raises(SimlabError, match="nessuno scenario «nessuno»"):
        _plan(scenario="nessuno")


def test_a_broken_file_names_file_line_and_key(tmp_path):
    good = session.text(_plan())
    bad = tmp_path / "bad.session.yaml"
    bad.write_text(good.replace("seed: 7", "seed: sette"), encoding="utf-8")
    with pytest.raises(SimlabError) as e:
        session.load(bad)
    line = next(i for i, t in enumerate(good.splitlines(), 1) if t.startswith("seed:"))
    assert (e.value.file, e.value.line, e.value.key) == (str(bad), line, "seed")
    assert "non è un numero intero" in e.value.message
    bad.write_text(good.replace("scenario: telco-base", "scenario: telco"), encoding="utf-8")
    with pytest.raises(SimlabError) as e:
        session.load(bad)
    assert e.value.key == "scenario" and "telco-base" in e.value.message
    bad.write_text(good + "colore: blu\n", encoding="utf-8")
    with pytest.raises(SimlabError) as e:
        session.load(bad)
    assert e.value.key == "colore"


def test_opened_in_a_workspace_it_presets_the_run_form(tmp_path):
    path = session.write(_plan(), tmp_path / "g1.session.yaml")
    with Workspace.open(tmp_path / "ws") as ws:
        assert session.current(ws) is None and session.run_preset(ws) is None
        session.open_in(ws, path)
    path.unlink()  # the workspace keeps its own copy of the text
    with Workspace.open(tmp_path / "ws") as ws:
        preset = session.run_preset(ws)
        assert (preset.scenario_key, preset.seed, preset.days) == ("telco-base", 7, 2)
        session.close_in(ws)
        assert session.current(ws) is None


def test_ordered_puts_the_plans_exercises_first():
    plan = _plan()
    assert session.ordered(["a", "b", "c"], None) == ["a", "b", "c"]
    assert session.ordered(["a", "b", "c"], plan.model_copy(update={"exercises": ["c", "x"]})
                           ) == ["c", "a", "b"]


def test_cli_create_open_show(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SIMLAB_WORKSPACE", str(tmp_path / "ws"))
    out = tmp_path / "g1.session.yaml"
    assert main(["session", "create", "--scenario", "telco-base", "--seed", "11", "--days",
                 "1", "--out", str(out)]) == 0
    assert main(["session", "open", str(out)]) == 0
    capsys.readouterr()
    assert main(["session", "show", "--json"]) == 0
    import json

    shown = json.loads(capsys.readouterr().out)
    assert (shown["scenario"], shown["seed"], shown["days"]) == ("telco-base", 11, 1)
    assert main(["session", "create", "--scenario", "telco-base", "--seed", "1", "--out",
                 str(out)]) == 2  # never over an existing file
    assert "esiste già" in capsys.readouterr().err


def test_the_example_in_the_docs_loads():
    import re
    from pathlib import Path

    text = (Path(__file__).parents[1] / "docs" / "classroom.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", text, re.S).group(1)
    plan = session.loads(example, "docs/classroom.md")
    assert (plan.scenario, plan.seed, plan.days) == ("telco-base", 7, 2)
