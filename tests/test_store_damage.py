"""Workspaces that cannot be written or were damaged, and runs that prove they are intact.

The tests run as root, where `chmod` changes nothing: a read-only workspace is made
with the probe `store.access` uses (its forced mode, or a probe that fails)."""

from __future__ import annotations

import errno
import json
import sqlite3

import pytest

from simlab.cli import main
from simlab.errors import SimlabError
from simlab.lab import runner
from simlab.store import access
from simlab.store.errors import WorkspaceError
from simlab.store.workspace import Workspace
from tests.conftest import bundle


@pytest.fixture
def ws_path(tmp_path, monkeypatch):
    path = tmp_path / "ws"
    monkeypatch.setenv("SIMLAB_WORKSPACE", str(path))
    monkeypatch.delenv(access.ENV_READ_ONLY, raising=False)
    return path


@pytest.fixture
def saved_run(ws_path):
    """A workspace holding one real run (one day of energia-base); its id."""
    result = runner.execute(bundle(), days=1)
    with Workspace.open(ws_path) as ws:
        return runner.save(result, ws)


def _flip_byte(path, offset=-100):
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


# --- read-only workspaces ------------------------------------------------------------------


def test_a_read_only_database_is_detected_and_opened_read_only(saved_run, ws_path, monkeypatch):
    def refuse(path):
        return PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(access, "_probe_file", refuse)
    with Workspace.open(ws_path) as ws:
        assert ws.read_only and "simlab.db" in ws.read_only_reason
        assert "permesso negato" in ws.read_only_reason
        assert [r.id for r in ws.runs()] == [saved_run]  # browsing works
        with pytest.raises(SimlabError, match="sola lettura"):
            ws.save_document("scenario", "x", "id: x\n")
        with pytest.raises(SimlabError, match="sola lettura"):
            ws.new_run({"seed": 1})
        ws.set_setting("theme", "dark")  # the app's preferences: for this session only
        assert ws.setting("theme") == "dark"
        ws.autosave("draft", "typing")  # no crash on the first keystroke
        assert ws.replay(saved_run, runner.rerun).ok  # replays into a temporary folder
    with Workspace.open(ws_path, read_only=True) as ws:
        assert ws.setting("theme") is None  # nothing was written
    with sqlite3.connect(ws_path / "simlab.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 1


def test_a_read_only_runs_folder_is_named(saved_run, ws_path, monkeypatch):
    real = access._probe_folder

    def refuse_runs(folder):
        if folder.name == "runs":
            return OSError(errno.EROFS, "Read-only file system", str(folder))
        return real(folder)

    monkeypatch.setattr(access, "_probe_folder", refuse_runs)
    with Workspace.open(ws_path) as ws:
        assert "runs/" in ws.read_only_reason and "sola lettura" in ws.read_only_reason


def test_a_read_only_workspace_folder_is_not_called_damaged(saved_run, ws_path, monkeypatch):
    def refuse(folder):
        return PermissionError(errno.EACCES, "Permission denied", str(folder))

    monkeypatch.setattr(access, "_probe_folder", refuse)
    with Workspace.open(ws_path) as ws:
        assert "cartella dell'area di lavoro" in ws.read_only_reason
        assert "danneggiat" not in ws.read_only_reason


def test_cli_refuses_to_simulate_into_a_read_only_workspace(saved_run, ws_path, tmp_path,
                                                            monkeypatch, capsys):
    monkeypatch.setenv(access.ENV_READ_ONLY, "1")
    assert main(["run", "energia-base", "--days", "1"]) == 2
    err = capsys.readouterr().err
    assert "sola lettura" in err and "--out" in err and "Simulazione" not in err
    out = tmp_path / "altrove"
    assert main(["run", "energia-base", "--days", "1", "--out", str(out)]) == 0
    assert (out / "run.json").is_file() and (out / "contacts.parquet").is_file()
    monkeypatch.delenv(access.ENV_READ_ONLY)
    with Workspace.open(ws_path) as ws:
        assert [r.id for r in ws.runs()] == [saved_run]


# --- an empty database beside runs ---------------------------------------------------------


def test_an_empty_database_beside_runs_is_refused_not_taken_for_new(saved_run, ws_path):
    (ws_path / "simlab.db").write_bytes(b"")
    for name in ("simlab.db-wal", "simlab.db-shm"):
        (ws_path / name).unlink(missing_ok=True)
    with pytest.raises(WorkspaceError) as info:
        Workspace.open(ws_path)
    assert info.value.reason == "corrupt"
    assert "è vuoto" in info.value.message and "1 simulazione" in info.value.message
    assert (ws_path / "simlab.db").stat().st_size == 0  # left as found


def test_an_empty_database_without_runs_is_still_a_new_workspace(tmp_path):
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "simlab.db").write_bytes(b"")
    with Workspace.open(tmp_path / "ws") as ws:
        assert ws.runs() == []


# --- runs that prove they are intact --------------------------------------------------------


def test_an_intact_run_shows_and_checks_clean(saved_run, ws_path, capsys):
    assert main(["runs", "show", saved_run]) == 0
    assert main(["workspace", "check"]) == 0
    assert "integra" in capsys.readouterr().out


@pytest.mark.parametrize("damage, named", [
    ("flip_contacts", "contacts.parquet"),
    ("edit_summary", "run.json"),
    ("delete_agents", "agents.parquet"),
])
def test_a_damaged_run_is_named_on_show_replay_and_check(saved_run, ws_path, capsys, damage,
                                                         named):
    folder = ws_path / "runs" / saved_run
    if damage == "flip_contacts":
        _flip_byte(folder / "contacts.parquet")
    elif damage == "edit_summary":
        data = json.loads((folder / "run.json").read_text(encoding="utf-8"))
        data["summary"]["contacts"] += 1000
        (folder / "run.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    else:
        (folder / "agents.parquet").unlink()
    with Workspace.open(ws_path) as ws:
        assert any(named in p for p in ws.verify_run(saved_run))
        assert saved_run in ws.damaged_runs() or damage == "flip_contacts"  # quick check
    for command in (["runs", "show", saved_run], ["runs", "replay", saved_run],
                    ["workspace", "check"]):
        assert main(command) == 1, command
        err = capsys.readouterr().err
        assert named in err and "Traceback" not in err, (command, err)


def test_an_edited_summary_in_the_database_is_noticed(saved_run, ws_path):
    with sqlite3.connect(ws_path / "simlab.db") as conn:
        conn.execute("UPDATE runs SET summary = json_set(summary, '$.contacts', 1) "
                     "WHERE id = ?", (saved_run,))
    with Workspace.open(ws_path) as ws:
        assert any("database" in p for p in ws.verify_run(saved_run))


def test_run_json_proves_itself_outside_the_workspace(tmp_path):
    from simlab.store.integrity import verify_folder

    result = runner.execute(bundle(), days=1)
    runner.write(result, tmp_path / "out")
    assert verify_folder(tmp_path / "out") == []
    path = tmp_path / "out" / "run.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["summary"]["contacts"] = 1
    path.write_text(json.dumps(data), encoding="utf-8")
    assert any("run.json" in p for p in verify_folder(tmp_path / "out"))


def test_read_only_creates_no_workspace(tmp_path, monkeypatch):
    monkeypatch.setenv(access.ENV_READ_ONLY, "1")
    with pytest.raises(WorkspaceError) as info:
        Workspace.open(tmp_path / "nuova")
    assert info.value.reason == "missing" and not (tmp_path / "nuova").exists()


def test_runs_list_marks_a_run_whose_files_are_missing(saved_run, ws_path, capsys):
    (ws_path / "runs" / saved_run / "agents.parquet").unlink()
    assert main(["runs", "list"]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if saved_run in line)
    assert "danneggiata" in row
