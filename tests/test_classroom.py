"""The instructor's class: trainees' workspaces imported (a damaged one reported, the
others imported), the class table, the course register in CSV and XLSX, a trainee's
run replayed."""

from __future__ import annotations

import functools
import io
import json
import zipfile

import openpyxl
import pytest

from simlab.cli import main
from simlab.errors import SimlabError
from simlab.lab import classroom, exercises, runner
from simlab.store.workspace import Workspace
from tests.conftest import bundle

EXERCISE = "uf1-erlang-operatori"


@functools.cache
def _one_day():
    return runner.execute(bundle("erlang-c"), days=1)


def _report(ex_id: str, passed: bool) -> dict:
    """A check report as lab.exercises keeps it: every check passed, or none."""
    ex = exercises.exercise(ex_id)
    results = [{"check_id": c.id, "kind": c.kind, "passed": passed,
                "points": c.points if passed else 0.0, "max_points": c.points,
                "feedback": "", "abilities": list(c.abilities)} for c in ex.checks]
    points = sum(r["points"] for r in results)
    return {"exercise_id": ex_id, "run_id": None, "points": points,
            "max_points": ex.automatic_points, "results": results}


def _trainee_workspace(path, name: str, *, submit: bool, runs: int = 1) -> list[str]:
    """A trainee's workspace with one attempt at EXERCISE and `runs` runs; run ids."""
    ids = []
    with Workspace.open(path) as ws:
        person = ws.add_person(name, "trainee")
        ws.add_person("Prof. Rossi", "instructor")  # not a trainee: never imported
        ws.start_attempt(person, EXERCISE)
        report = _report(EXERCISE, passed=submit)
        ws.record_check(person, EXERCISE, points=report["points"],
                        max_points=report["max_points"], report=report, run_id=None,
                        files={}, submit=submit)
        for _ in range(runs):
            ids.append(runner.save(_one_day(), ws, person_id=person))
    return ids


@pytest.fixture
def instructor(tmp_path, monkeypatch):
    path = tmp_path / "docente"
    monkeypatch.setenv("SIMLAB_WORKSPACE", str(path))
    with Workspace.open(path) as ws:
        ws.set_current_person(ws.add_person("Prof. Rossi", "instructor"))
    return path


def test_two_workspaces_and_a_damaged_one(tmp_path, instructor):
    anna_runs = _trainee_workspace(tmp_path / "anna", "Anna Esposito", submit=True, runs=2)
    _trainee_workspace(tmp_path / "ciro", "Ciro Russo", submit=False)
    # Anna's second run is damaged after the fact: reported, the rest of her work imported
    (tmp_path / "anna" / "runs" / anna_runs[1] / "contacts.parquet").write_bytes(b"rotto")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "simlab.db").write_bytes(b"questo non e' un database SQLite" * 100)
    with Workspace.open(instructor) as ws:
        report = classroom.import_sources(
            ws, [tmp_path / "anna", broken, tmp_path / "ciro", tmp_path / "nessuno"])
        assert report.imported == ["Anna Esposito", "Ciro Russo"]
        assert (report.runs, report.attempts) == (2, 2)
        problems = [str(p) for p in report.problems]
        assert len(problems) == 3, problems
        assert f"simulazione {anna_runs[1]} non importata" in problems[0]
        assert "contacts.parquet" in problems[0]
        assert str(broken) in problems[1] and "non importato" in problems[1]
        assert "nessuno" in problems[2]
        found, bad = classroom.members(ws)
    assert bad == []
    assert [m.name for m in found] == ["Anna Esposito", "Ciro Russo"]
    assert [r.id for r in found[0].runs] == [anna_runs[0]]
    rows = {(r.trainee, r.exercise_id): r for r in classroom.register(found)}
    anna, ciro = rows["Anna Esposito", EXERCISE], rows["Ciro Russo", EXERCISE]
    assert (anna.status, anna.points) == ("submitted", exercises.exercise(EXERCISE)
                                          .automatic_points)
    assert (ciro.status, ciro.points) == ("checked", 0.0)
    cover = {(c.trainee, c.ability_id): c.status for c in classroom.coverage(found)}
    assert len(cover) == 2 * 23
    assert cover["Anna Esposito", "UF1.A5"] == "practised"
    assert cover["Ciro Russo", "UF1.A5"] == "partly"
    assert cover["Anna Esposito", "UF3.A8"] == "not_yet"


def test_importing_again_replaces_the_trainee_and_keeps_the_others(tmp_path, instructor):
    _trainee_workspace(tmp_path / "anna", "Anna Esposito", submit=False)
    _trainee_workspace(tmp_path / "ciro", "Ciro Russo", submit=False)
    with Workspace.open(instructor) as ws:
        classroom.import_sources(ws, [tmp_path / "anna", tmp_path / "ciro"])
    with Workspace.open(tmp_path / "anna") as trainee:
        person = trainee.people()[0].id
        report = _report(EXERCISE, passed=True)
        trainee.record_check(person, EXERCISE, points=report["points"],
                             max_points=report["max_points"], report=report, run_id=None,
                             files={}, submit=True)
    with Workspace.open(instructor) as ws:
        classroom.import_sources(ws, [tmp_path / "anna"])
        found, _ = classroom.members(ws)
    statuses = {r.trainee: r.status for r in classroom.register(found)
                if r.exercise_id == EXERCISE}
    assert statuses == {"Anna Esposito": "submitted", "Ciro Russo": "checked"}


def test_a_zipped_workspace_is_a_submitted_file(tmp_path, instructor):
    _trainee_workspace(tmp_path / "anna", "Anna Esposito", submit=True, runs=0)
    archive = tmp_path / "anna.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for f in (tmp_path / "anna").rglob("*"):
            zf.write(f, "anna/" + f.relative_to(tmp_path / "anna").as_posix())
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("../fuori.txt", "no")
    with Workspace.open(instructor) as ws:
        report = classroom.import_sources(ws, [archive, evil])
    assert report.imported == ["Anna Esposito"]
    assert "fuori dalla sua cartella" in str(report.problems[0])
    assert not (tmp_path / "fuori.txt").exists()


def test_a_read_only_instructor_workspace_refuses_the_import(tmp_path, instructor):
    _trainee_workspace(tmp_path / "anna", "Anna Esposito", submit=False, runs=0)
    with Workspace.open(instructor, read_only=True) as ws, pytest.raises(SimlabError,
                                                                         match="sola lettura"):
        classroom.import_sources(ws, [tmp_path / "anna"])


def test_register_exports_read_back(tmp_path, instructor):
    _trainee_workspace(tmp_path / "anna", "Anna Esposito", submit=True, runs=0)
    _trainee_workspace(tmp_path / "ciro", "Ciro Russo", submit=False, runs=0)
    with Workspace.open(instructor) as ws:
        classroom.import_sources(ws, [tmp_path / "anna", tmp_path / "ciro"])
        csv_path = classroom.export(ws, tmp_path / "registro.csv", "csv")
        xlsx_path = classroom.export(ws, tmp_path / "registro.xlsx", "xlsx")
    n_ex = len(exercises.catalogue())
    lines = csv_path.read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0].split(";")[:5] == ["Corsista", "Unità", "Esercitazione", "Titolo", "Stato"]
    assert len(lines) == 1 + 2 * n_ex
    anna = next(line.split(";") for line in lines if line.startswith("Anna Esposito;UF1;"
                                                                     + EXERCISE))
    full = exercises.exercise(EXERCISE).automatic_points
    assert anna[4] == "consegnata" and anna[5] == f"{full:g}".replace(".", ",")
    book = openpyxl.load_workbook(io.BytesIO(xlsx_path.read_bytes()))
    register, abilities = book.worksheets
    assert register.max_row == 1 + 2 * n_ex and abilities.max_row == 1 + 2 * 23
    values = [[c.value for c in row] for row in register.iter_rows(min_row=2)]
    row = next(v for v in values if v[:3] == ["Anna Esposito", "UF1", EXERCISE])
    assert row[5] == full
    with pytest.raises(SimlabError):
        classroom.export(ws, tmp_path / "registro.txt", "pdf")


def test_a_trainees_run_replays_identically(tmp_path, instructor):
    run_id = _trainee_workspace(tmp_path / "anna", "Anna Esposito", submit=False)[0]
    with Workspace.open(instructor) as ws:
        classroom.import_sources(ws, [tmp_path / "anna"])
        result = classroom.replay_run(ws, "Anna Esposito", run_id)
    assert result.ok and result.mismatches == []


def test_cli_import_show_export(tmp_path, instructor, capsys):
    _trainee_workspace(tmp_path / "anna", "Anna Esposito", submit=True, runs=0)
    assert main(["class", "import", str(tmp_path / "anna"), str(tmp_path / "manca")]) == 1
    captured = capsys.readouterr()
    assert "Anna Esposito" in captured.out and "manca" in captured.err
    assert main(["class", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [t["name"] for t in shown["trainees"]] == ["Anna Esposito"]
    assert {r["exercise"]: r["status"] for r in shown["register"]}[EXERCISE] == "submitted"
    assert main(["class", "show"]) == 0
    assert "Anna Esposito" in capsys.readouterr().out
    assert main(["class", "export", "--format", "csv", "--out", str(tmp_path / "r.csv")]) == 0
    assert (tmp_path / "r.csv").read_bytes().startswith("\ufeff".encode())
