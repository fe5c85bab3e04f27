"""The exercises from the command line, in-process through `simlab.cli.main`: the
abilities, list, show, start, check, submit and the portfolio, for one trainee."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from simlab.cli import main
from simlab.curriculum import exercise as _exercise
from simlab.curriculum import standard

EXERCISE = "uf1-erlang-operatori"
SOLUTIONS = _exercise.EXERCISES_DIR / "solutions"


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SIMLAB_WORKSPACE", str(tmp_path / "ws"))
    monkeypatch.setenv("SIMLAB_LANG", "it")
    return tmp_path / "ws"


def _json(capsys, *argv: str):
    capsys.readouterr()
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_abilities_json_lists_the_23_abilities_in_order(capsys):
    data = _json(capsys, "abilities", "--json")
    assert [d["id"] for d in data] == [a.id for a in standard.ABILITIES]
    assert data[4] == {"id": "UF1.A5", "unit": "UF1",
                       "text": "Determinare, i parametri di prestazione previsti e i risultati attesi"}


def test_abilities_table_is_italian(capsys):
    assert main(["abilities"]) == 0
    text = capsys.readouterr().out
    assert "unità di competenza 2366" in text and "UF3.A8" in text


def test_list_without_a_workspace_shows_every_exercise_not_started(workspace, capsys):
    data = _json(capsys, "exercises", "list", "--json")
    assert {d["id"] for d in data} >= {EXERCISE}
    row = next(d for d in data if d["id"] == EXERCISE)
    assert row == {"id": EXERCISE, "unit": "UF1", "abilities": ["UF1.A5", "UF1.A3"],
                   "minutes": 75, "checks": 5, "status": "not_started"}
    assert not workspace.exists()  # listing creates nothing


def test_show_prints_the_brief_in_italian(capsys):
    assert main(["exercises", "show", EXERCISE]) == 0
    text = capsys.readouterr().out
    assert "Quanti operatori" in text and "Controlli automatici" in text and "1 giorno" in text


def test_unknown_exercise_is_one_italian_line_and_exit_2(workspace, capsys):
    assert main(["exercises", "show", "nessuna"]) == 2
    err = capsys.readouterr().err
    assert "nessuna esercitazione «nessuna»" in err and EXERCISE in err


def test_check_needs_a_started_exercise_and_a_person(workspace, capsys):
    assert main(["exercises", "start", EXERCISE]) == 2
    assert "--person" in capsys.readouterr().err
    assert main(["exercises", "start", EXERCISE, "--person", "Anna Rossi"]) == 0
    assert main(["exercises", "check", "uf1-altro", "--person", "Anna Rossi"]) == 2
    assert main(["exercises", "check", EXERCISE, "--person", "Nessuno"]) == 2
    assert "Nessuna persona di nome «Nessuno»" in capsys.readouterr().err


def test_a_trainee_starts_checks_submits_and_sees_the_portfolio(workspace, capsys):
    assert main(["exercises", "start", EXERCISE, "--person", "Anna Rossi"]) == 0
    folder = workspace / "exercises" / "1" / EXERCISE
    assert sorted(p.name for p in folder.iterdir()) == ["answers.yaml", "piano.plan.yaml"]
    assert "operatori_erlang_c:" in (folder / "answers.yaml").read_text(encoding="utf-8")

    first = _json(capsys, "exercises", "check", EXERCISE, "--person", "Anna Rossi", "--json")
    verdict = {r["check_id"]: r["passed"] for r in first["results"]}
    assert verdict == {"piano-valido": True, "sl-teorico": False, "operatori-c": False,
                       "operatori-a": False, "obiettivo-simulato": False}
    missing = next(r for r in first["results"] if r["check_id"] == "operatori-c")
    assert "Manca la risposta «operatori_erlang_c»" in missing["feedback"]
    assert "51" not in missing["feedback"]  # the feedback never gives the answer
    assert (first["points"], first["max_points"]) == (1, 10)
    listed = _json(capsys, "exercises", "list", "--json", "--person", "anna rossi")
    assert next(d for d in listed if d["id"] == EXERCISE)["status"] == "checked"

    shutil.copy(SOLUTIONS / f"{EXERCISE}.answers.yaml", folder / "answers.yaml")
    shutil.copy(SOLUTIONS / f"{EXERCISE}.plan.yaml", folder / "piano.plan.yaml")
    capsys.readouterr()
    assert main(["exercises", "submit", EXERCISE, "--person", "Anna Rossi"]) == 0
    text = capsys.readouterr().out
    assert "Punti: 10 su 10" in text and "consegnata" in text
    listed = _json(capsys, "exercises", "list", "--json", "--person", "Anna Rossi")
    assert next(d for d in listed if d["id"] == EXERCISE)["status"] == "submitted"

    folio = _json(capsys, "portfolio", "--person", "Anna Rossi", "--json")
    cells = {c["id"]: c for c in folio["abilities"]}
    assert len(cells) == 23
    assert cells["UF1.A5"]["status"] == "practised" and EXERCISE in cells["UF1.A5"]["exercises"]
    assert cells["UF1.A5"]["points"] == 9 and cells["UF1.A3"]["points"] == 1
    assert folio["minutes_spent"] == 75
    assert main(["portfolio", "--person", "Anna Rossi"]) == 0
    assert "esercitata" in capsys.readouterr().out
    # two checks, two runs kept in the workspace, linked to the attempt
    runs = _json(capsys, "exercises", "list", "--json", "--person", "Anna Rossi")
    assert runs


def test_verify_passes_for_every_shipped_exercise(capsys):
    assert main(["exercises", "verify"]) == 0
    text = capsys.readouterr().out
    assert "verificate" in text and "✗" not in text


def test_only_an_instructor_sees_the_debrief(workspace, capsys):
    from simlab.store import Workspace

    with Workspace.open(workspace) as ws:
        ws.add_person("Anna Rossi", "trainee")
        ws.add_person("Maria Esposito", "instructor")
    for name, sees in (("Anna Rossi", False), ("Maria Esposito", True)):
        capsys.readouterr()
        assert main(["exercises", "show", EXERCISE, "--person", name]) == 0
        text = capsys.readouterr().out
        assert "Valutato dal docente" in text  # the rubric: how the work is graded
        assert ("Note per il docente" in text) is sees
        assert ("51 operatori l'80,7%" in text) is sees


def test_portfolio_export_writes_html_and_xlsx_and_refuses_other_files(workspace, tmp_path,
                                                                       capsys):
    import openpyxl

    assert main(["exercises", "start", EXERCISE, "--person", "Anna Rossi"]) == 0
    page, book = tmp_path / "p.html", tmp_path / "p.xlsx"
    assert main(["portfolio", "--person", "Anna Rossi", "--export", str(page)]) == 0
    assert main(["portfolio", "--person", "Anna Rossi", "--export", str(book)]) == 0
    assert "UF3.A8" in page.read_text(encoding="utf-8")
    assert openpyxl.load_workbook(book).sheetnames
    capsys.readouterr()
    assert main(["portfolio", "--person", "Anna Rossi", "--export", str(tmp_path / "p.txt")]) == 2
    err = capsys.readouterr().err
    assert ".html o .xlsx" in err and " or " not in err


def test_abilities_fit_a_narrow_column():
    from simlab.lab.trainee import compact_abilities

    assert compact_abilities(["UF1.A1", "UF1.A2", "UF1.A6"]) == "UF1.A1 A2 A6"
    assert compact_abilities(["UF1.A5", "UF2.A3", "UF2.A7"]) == "UF1.A5 UF2.A3 A7"
    assert compact_abilities([]) == ""
