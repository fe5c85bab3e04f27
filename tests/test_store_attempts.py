"""Attempts at the exercises in the workspace (schema v3): start, check, submit, a new
attempt after a submitted one, refusals, the upgrade of an older workspace, read-only."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from simlab.errors import SimlabError
from simlab.store import Workspace
from simlab.store.schema import SCHEMA_VERSION
from tests.test_store import build_v1_workspace, make_run


@pytest.fixture
def ws(tmp_path: Path):
    with Workspace.open(tmp_path / "ws") as workspace:
        yield workspace


def test_an_attempt_is_started_checked_then_submitted_and_then_final(ws: Workspace):
    anna = ws.add_person("Anna Rossi", "trainee")
    first = ws.start_attempt(anna, "uf1-x")
    assert (first.status, first.points, first.report) == ("started", None, {})
    assert ws.start_attempt(anna, "uf1-x").id == first.id  # starting again reopens it
    run_id = make_run(ws, {"a": b"1"})
    checked = ws.record_check(anna, "uf1-x", points=3, max_points=10,
                              report={"results": [{"check_id": "c", "passed": False}]},
                              run_id=run_id, files={"answers.yaml": "ab" * 32})
    assert (checked.status, checked.points, checked.max_points, checked.run_id) == (
        "checked", 3.0, 10.0, run_id)
    assert checked.report["results"][0]["check_id"] == "c"
    assert checked.files == {"answers.yaml": "ab" * 32}
    assert checked.checked_at and checked.submitted_at is None
    done = ws.record_check(anna, "uf1-x", points=10, max_points=10, report={}, run_id=None,
                           files={}, submit=True)
    assert done.status == "submitted" and done.submitted_at == done.checked_at
    with pytest.raises(SimlabError, match="non è iniziata"):
        ws.record_check(anna, "uf1-x", points=0, max_points=10, report={}, run_id=None,
                        files={})
    again = ws.start_attempt(anna, "uf1-x")  # a new attempt; the handed-in one stays
    assert again.id != first.id and again.status == "started"
    assert [a.status for a in ws.attempts(anna)] == ["submitted", "started"]
    assert ws.latest_attempt(anna, "uf1-x").id == again.id
    assert ws.latest_attempt(anna, "other") is None


def test_attempts_refuse_unknown_people_and_bad_ids(ws: Workspace):
    with pytest.raises(SimlabError, match="Persona 99 sconosciuta"):
        ws.start_attempt(99, "uf1-x")
    anna = ws.add_person("Anna", "trainee")
    with pytest.raises(SimlabError) as info:
        ws.start_attempt(anna, "../escape")
    assert info.value.key == "exercise_id"
    with pytest.raises(SimlabError, match="non è iniziata"):
        ws.record_check(anna, "never-started", points=1, max_points=1, report={},
                        run_id=None, files={})


def test_a_read_only_workspace_refuses_attempts_and_changes_nothing(tmp_path: Path):
    with Workspace.open(tmp_path / "ws") as ws:
        anna = ws.add_person("Anna", "trainee")
        ws.start_attempt(anna, "uf1-x")
    with Workspace.open(tmp_path / "ws", read_only=True) as ws:
        with pytest.raises(SimlabError, match="sola lettura"):
            ws.start_attempt(anna, "uf1-y")
        with pytest.raises(SimlabError, match="sola lettura"):
            ws.record_check(anna, "uf1-x", points=1, max_points=1, report={}, run_id=None,
                            files={})
        assert [a.exercise_id for a in ws.attempts()] == ["uf1-x"]  # reading works


def test_an_older_workspace_gains_the_attempts_table_with_its_data_kept(tmp_path: Path):
    root = tmp_path / "old"
    build_v1_workspace(root)
    with Workspace.open(root, create=False) as ws:
        assert ws.run("R000001").seed == 3
        assert ws.start_attempt(1, "uf1-x").person_id == 1  # Anna, from version 1
    conn = sqlite3.connect(root / "simlab.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
    assert conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 1
    conn.close()
    (backup,) = (root / "backups").glob("*.db")  # the pre-upgrade file is kept
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert not old.execute("SELECT 1 FROM sqlite_master WHERE name = 'attempts'").fetchone()
    old.close()
