"""The workspace: atomic writes, people, documents, drafts, runs, replay, migrations and
refusals. Crash and concurrency tests with real processes are in test_store_crash.py."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simlab.errors import SimlabError
from simlab.store import (
    Workspace,
    WorkspaceError,
    file_sha256,
    resolve_workspace,
    write_bytes_atomic,
    write_text_atomic,
)
from simlab.store.schema import SCHEMA_VERSION


@pytest.fixture
def ws(tmp_path: Path):
    with Workspace.open(tmp_path / "ws") as workspace:
        yield workspace


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes: to prove a refusal changed nothing."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def make_run(ws: Workspace, files: dict[str, bytes], **inputs) -> str:
    inputs = {"seed": 1, "scenario_id": "demo", "simlab_version": "0.1.0", **inputs}
    with ws.new_run(inputs, label="test") as writer:
        for name, data in files.items():
            writer.path(name).write_bytes(data)
        record = writer.commit({"calls": len(files)}, {n: sha(d) for n, d in files.items()})
    return record.id


# -- atomic writes ----------------------------------------------------------------------


def test_atomic_write_creates_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    write_text_atomic(target, "a: 1\n")
    write_text_atomic(target, "a: 2\nè: ü\n")
    assert target.read_text(encoding="utf-8") == "a: 2\nè: ü\n"
    assert os.listdir(tmp_path) == ["plan.yaml"]


@pytest.mark.parametrize("broken", ["replace", "fsync"])
def test_atomic_write_failure_keeps_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: str
) -> None:
    target = tmp_path / "report.md"
    target.write_bytes(b"old contents")

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, broken, boom)
    with pytest.raises(OSError):
        write_bytes_atomic(target, b"new contents that never land")
    monkeypatch.undo()
    assert target.read_bytes() == b"old contents"
    assert os.listdir(tmp_path) == ["report.md"]


def test_file_sha256_matches_hashlib(tmp_path: Path) -> None:
    data = os.urandom(3 * 1024 * 1024 + 7)  # more than one read chunk
    (tmp_path / "x.bin").write_bytes(data)
    assert file_sha256(tmp_path / "x.bin") == sha(data)


# -- where the workspace is -------------------------------------------------------------


def test_resolve_workspace_arg_env_default(tmp_path: Path) -> None:
    env = {"SIMLAB_WORKSPACE": str(tmp_path / "from-env")}
    assert resolve_workspace("given", environ=env, cwd=tmp_path) == tmp_path / "given"
    assert resolve_workspace(None, environ=env, cwd=tmp_path) == tmp_path / "from-env"
    assert resolve_workspace(None, environ={}, cwd=tmp_path) == tmp_path / "simlab-workspace"


def test_open_without_path_uses_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIMLAB_WORKSPACE", str(tmp_path / "envws"))
    with Workspace.open() as ws:
        assert ws.root == tmp_path / "envws"
    assert (tmp_path / "envws" / "simlab.db").is_file()


def test_new_workspace_is_wal_with_current_schema(ws: Workspace) -> None:
    conn = sqlite3.connect(ws.db_path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        conn.close()
    assert ws.check() == []


# -- people and settings ----------------------------------------------------------------


def test_people_and_current_person(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "ws") as ws:
        anna = ws.add_person("  Anna   Rossi ", "trainee")
        ws.add_person("Luca Bianchi", "instructor")
        ws.set_current_person(anna)
    with Workspace.open(tmp_path / "ws") as ws:  # settings survive a restart
        assert [(p.name, p.role) for p in ws.people()] == [
            ("Anna Rossi", "trainee"), ("Luca Bianchi", "instructor")]
        assert ws.current_person().name == "Anna Rossi"


@pytest.mark.parametrize(("name", "role", "key"), [
    ("Anna", "student", "role"), ("   ", "trainee", "name"), ("x" * 101, "trainee", "name")])
def test_add_person_rejects_bad_input(ws: Workspace, name: str, role: str, key: str) -> None:
    with pytest.raises(SimlabError) as info:
        ws.add_person(name, role)
    assert info.value.key == key
    assert ws.people() == []


def test_add_person_rejects_duplicates_and_unknown_current(ws: Workspace) -> None:
    ws.add_person("Anna Rossi", "trainee")
    with pytest.raises(SimlabError):
        ws.add_person("anna rossi", "trainee")
    with pytest.raises(SimlabError):
        ws.set_current_person(42)
    assert ws.current_person() is None


# -- documents and drafts ---------------------------------------------------------------


def test_documents_keep_every_version(ws: Workspace) -> None:
    pid = ws.add_person("Anna", "trainee")
    h1 = ws.save_document("care_model", "base", "staff: 10\n", person_id=pid)
    assert h1 == sha(b"staff: 10\n")
    ws.save_document("care_model", "base", "staff: 12\n")
    assert ws.save_document("care_model", "base", "staff: 12\n") == sha(b"staff: 12\n")
    ws.save_document("care_model", "alt", "staff: 3\n")
    assert [d.version for d in ws.document_versions("care_model", "base")] == [1, 2]
    assert ws.document("care_model", "base").text == "staff: 12\n"
    first = ws.document("care_model", "base", version=1)
    assert (first.text, first.sha256, first.person_id) == ("staff: 10\n", h1, pid)
    assert [(d.doc_id, d.version) for d in ws.documents("care_model")] == [
        ("alt", 1), ("base", 2)]
    assert ws.documents("plan") == []


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300), doc_id=st.text(
    st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=40).filter(str.strip))
def test_any_text_round_trips_with_its_hash(ws: Workspace, text: str, doc_id: str) -> None:
    digest = ws.save_document("scenario", doc_id, text)
    saved = ws.document("scenario", doc_id)
    assert (saved.text, saved.sha256, digest) == (text, sha(text.encode()), digest)
    ws.autosave(doc_id, text)
    assert ws.draft(doc_id) == text


def test_document_errors_are_user_errors(ws: Workspace) -> None:
    ws.save_document("scenario", "retail-bank", "x: 1\n")
    with pytest.raises(SimlabError) as info:
        ws.document("scenario", "retail-banc")
    assert "retail-bank" in info.value.message  # the close match is hinted
    with pytest.raises(SimlabError, match="3"):
        ws.document("scenario", "retail-bank", version=3)
    with pytest.raises(SimlabError) as info:
        ws.save_document("recipe", "x", "")
    assert info.value.key == "kind"
    with pytest.raises(SimlabError):
        ws.save_document("plan", "", "x")
    with pytest.raises(SimlabError):
        ws.save_document("plan", "p", "x", person_id=99)


def test_drafts_autosave_and_discard(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "ws") as ws:
        ws.autosave("plan:new", "staff: 1")
        ws.autosave("plan:new", "staff: 12")
        ws.autosave("scenario:x", "")
    with Workspace.open(tmp_path / "ws") as ws:
        assert ws.draft("plan:new") == "staff: 12"
        assert ws.draft_keys() == ["plan:new", "scenario:x"]
        ws.discard_draft("plan:new")
        assert ws.draft("plan:new") is None
        assert ws.draft("never") is None


def test_autosave_from_threads(ws: Workspace) -> None:
    # The TUI saves from its UI thread and from workers through one Workspace.
    def typist(n: int) -> None:
        for i in range(25):
            ws.autosave(f"k{n}", f"text {i}")

    threads = [threading.Thread(target=typist, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [ws.draft(f"k{n}") for n in range(4)] == ["text 24"] * 4


# -- runs -------------------------------------------------------------------------------


def test_run_commit_records_everything(ws: Workspace) -> None:
    pid = ws.add_person("Anna", "trainee")
    inputs = {"seed": 2**100 + 1, "scenario_id": "bank", "days": 5, "simlab_version": "0.1.0",
              "scenario": "z: 1\n", "care_model": "a: [1, 2]\n"}
    with ws.new_run(inputs, label="first try", person_id=pid) as writer:
        assert writer.dir.name.startswith(".tmp-R000001-")
        writer.path("run.json").write_text("{}")
        writer.path("tables/contacts.parquet").write_bytes(b"PAR1data")
        record = writer.commit({"service_level": 0.8})
    assert record.id == "R000001" and record.status == "complete"
    assert record.hashes == {"run.json": sha(b"{}"), "tables/contacts.parquet": sha(b"PAR1data")}
    assert (record.seed, record.scenario_id, record.label) == (2**100 + 1, "bank", "first try")
    assert record.person.name == "Anna" and record.summary == {"service_level": 0.8}
    assert record.simlab_version == "0.1.0"
    canonical = json.dumps(inputs, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert record.inputs_sha256 == sha(canonical.encode())
    assert ws.run_inputs("R000001") == inputs
    folder = ws.run_dir("R000001")
    assert folder == ws.root / "runs" / "R000001"
    assert (folder / "tables" / "contacts.parquet").read_bytes() == b"PAR1data"
    assert [p.name for p in (ws.root / "runs").iterdir() if p.name.startswith(".tmp")] == []
    assert ws.check(verify_files=True) == []


def test_summary_may_hold_nan_inputs_may_not(ws: Workspace) -> None:
    with ws.new_run({"seed": 1}) as writer:
        record = writer.commit({"asa": float("inf"), "sl": float("nan")})
    assert record.summary["asa"] == float("inf") and record.summary["sl"] != record.summary["sl"]
    with pytest.raises(TypeError):
        ws.new_run({"seed": float("nan")})
    with pytest.raises(TypeError):
        ws.new_run({"when": object()})


def test_run_ids_are_sequential_and_listed_newest_first(ws: Workspace) -> None:
    ids = [make_run(ws, {"a.txt": bytes([i])}) for i in range(3)]
    assert ids == ["R000001", "R000002", "R000003"]
    assert [r.id for r in ws.runs()] == ids[::-1]
    assert [r.id for r in ws.runs(limit=2)] == ["R000003", "R000002"]
    assert ws.runs(limit=1)[0].hashes == {"a.txt": sha(bytes([2]))}


def test_commit_refuses_wrong_hashes_then_abort_cleans(ws: Workspace) -> None:
    writer = ws.new_run({"seed": 1})
    writer.path("a.txt").write_bytes(b"real")
    with pytest.raises(ValueError):
        writer.commit({}, {"a.txt": sha(b"claimed")})
    assert ws.run(writer.id).status == "writing"
    tmp = writer.dir
    writer.abort()
    assert not tmp.exists()
    assert ws.run(writer.id).status == "aborted"
    assert not (ws.root / "runs" / writer.id).exists()


def test_exception_in_run_block_aborts(ws: Workspace) -> None:
    with pytest.raises(KeyError), ws.new_run({"seed": 1}) as writer:
        writer.path("partial.bin").write_bytes(b"x")
        raise KeyError("simulated bug in the runner")
    assert ws.run(writer.id).status == "aborted"
    assert ws.check() == []
    assert make_run(ws, {"a": b"1"}) == "R000002"  # aborted ids are never reused


def test_unknown_run_hints_known_ids(ws: Workspace) -> None:
    make_run(ws, {"a": b"1"})
    with pytest.raises(SimlabError) as info:
        ws.run("R000009")
    assert "R000001" in info.value.message
    with pytest.raises(SimlabError):
        ws.run_dir("../../etc")


def test_run_ids_as_users_type_them(ws: Workspace) -> None:
    make_run(ws, {"a": b"1"})
    for typed in ("R000001", "r1", "1", " 0001 "):
        assert ws.run(typed).id == "R000001"
    assert ws.run_dir("1") == ws.root / "runs" / "R000001"
    assert ws.run_inputs("1")["seed"] == 1


def test_orphan_folder_is_reported_and_never_reused(ws: Workspace) -> None:
    orphan = ws.root / "runs" / "R000001"
    orphan.mkdir()
    (orphan / "mine.txt").write_text("restored by hand")
    assert any("R000001" in p for p in ws.check())
    assert make_run(ws, {"a": b"1"}) == "R000002"
    assert (orphan / "mine.txt").read_text() == "restored by hand"


def test_check_reports_missing_and_changed_run_files(ws: Workspace) -> None:
    first = make_run(ws, {"a.txt": b"1", "b.txt": b"2"})
    second = make_run(ws, {"a.txt": b"3"})
    (ws.run_dir(first) / "b.txt").write_bytes(b"tampered")
    assert ws.check() == []  # a quick check does not re-hash
    assert any(first in p and "b.txt" in p for p in ws.check(verify_files=True))
    os.rename(ws.run_dir(second), ws.root / "moved-away")
    # Tests run in Italian (conftest), so match ids and names, not words.
    assert [p for p in ws.check() if second in p and "runs/" in p]


def test_dead_writer_in_same_process_is_recovered(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "ws")
    make_run(ws, {"a": b"1"})
    writer = ws.new_run({"seed": 2})
    writer.path("part.bin").write_bytes(b"half")
    with Workspace.open(tmp_path / "ws") as other:  # a live writer is left alone
        assert other.recovered == []
        assert other.run(writer.id).status == "writing"
    writer._lock.release()  # what the OS does when the writer's process dies
    with Workspace.open(tmp_path / "ws") as other:
        assert other.run(writer.id).status == "interrupted"
        assert len(other.recovered) == 1 and writer.id in other.recovered[0]
        kept = tmp_path / "ws" / "runs" / ".interrupted"
        assert [p.read_bytes() for p in kept.rglob("part.bin")] == [b"half"]
        assert other.check() == []
    ws.close()


# -- replay -----------------------------------------------------------------------------


def fake_runner(payload: bytes):
    seen = []

    def rerun(inputs: dict, folder: Path) -> dict[str, str]:
        seen.append(folder)
        data = payload + json.dumps(inputs, sort_keys=True).encode()
        (folder / "out.bin").write_bytes(data)
        return {"out.bin": file_sha256(folder / "out.bin")}

    return rerun, seen


def test_replay_same_bytes_ok_other_bytes_not(ws: Workspace) -> None:
    inputs = {"seed": 5, "scenario_id": "s"}
    rerun, seen = fake_runner(b"v1")
    with ws.new_run(inputs) as writer:
        writer.commit({}, rerun(inputs, writer.dir))
    good = ws.replay("R000001", rerun)
    assert good.ok and good.mismatches == [] and good.expected == good.actual
    changed, _seen = fake_runner(b"v2")
    bad = ws.replay("R000001", changed)
    assert not bad.ok and bad.mismatches == ["out.bin"]
    assert not any(folder.exists() for folder in seen[1:])  # temp folders removed


def test_replay_refuses_unfinished_run(ws: Workspace) -> None:
    with ws.new_run({"seed": 1}) as writer:
        with pytest.raises(SimlabError):
            ws.replay(writer.id, fake_runner(b"")[0])
        writer.abort()


# -- refusals: missing, not a workspace, corrupt, newer ---------------------------------


def test_missing_workspace_without_create(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError) as info:
        Workspace.open(tmp_path / "nope", create=False)
    assert info.value.reason == "missing"
    assert not (tmp_path / "nope").exists()
    (tmp_path / "empty").mkdir()
    with pytest.raises(WorkspaceError) as info:
        Workspace.open(tmp_path / "empty", create=False)
    assert info.value.reason == "missing" and os.listdir(tmp_path / "empty") == []


def test_lost_database_is_missing_not_recreated(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "ws") as ws:
        make_run(ws, {"a": b"1"})
    os.remove(tmp_path / "ws" / "simlab.db")
    before = snapshot(tmp_path / "ws")
    with pytest.raises(WorkspaceError) as info:
        Workspace.open(tmp_path / "ws")
    assert info.value.reason == "missing"
    assert info.value.suggestion == tmp_path / "ws-2"
    assert snapshot(tmp_path / "ws") == before


def test_folder_with_other_files_is_not_a_workspace(tmp_path: Path) -> None:
    folder = tmp_path / "Documents"
    folder.mkdir()
    (folder / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(WorkspaceError) as info:
        Workspace.open(folder)
    assert info.value.reason == "not_a_workspace"
    assert str(folder) in str(info.value)
    assert snapshot(folder) == {"thesis.docx": b"precious"}
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(WorkspaceError) as info:
        Workspace.open(tmp_path / "a-file")
    assert info.value.reason == "not_a_workspace"


def test_foreign_sqlite_database_is_not_a_workspace(tmp_path: Path) -> None:
    (tmp_path / "ws").mkdir()
    conn = sqlite3.connect(tmp_path / "ws" / "simlab.db")
    conn.execute("CREATE TABLE invoices (n INTEGER)")
    conn.commit()
    conn.close()
    before = snapshot(tmp_path / "ws")
    with pytest.raises(WorkspaceError) as info:
        Workspace.open(tmp_path / "ws")
    assert info.value.reason == "not_a_workspace"
    assert snapshot(tmp_path / "ws") == before


def test_random_bytes_database_is_corrupt_and_untouched(tmp_path: Path) -> None:
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "simlab.db").write_bytes(os.urandom(8192))
    before = snapshot(tmp_path / "ws")
    with pytest.raises(WorkspaceError) as info:
        Workspace.open(tmp_path / "ws")
    assert info.value.reason == "corrupt"
    assert info.value.suggestion is not None and not info.value.suggestion.exists()
    assert snapshot(tmp_path / "ws") == before  # byte for byte, and no -wal/-shm added


def test_damaged_page_is_corrupt_and_untouched(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "ws") as ws:
        for i in range(30):
            ws.save_document("scenario", f"s{i}", f"text {i}\n" * 300)
    db = tmp_path / "ws" / "simlab.db"
    data = bytearray(db.read_bytes())
    page = 4096
    assert len(data) > 6 * page
    data[2 * page: 6 * page] = os.urandom(4 * page)  # keep the header, wreck the b-trees
    db.write_bytes(bytes(data))
    before = snapshot(tmp_path / "ws")
    with pytest.raises(WorkspaceError) as info:
        Workspace.open(tmp_path / "ws")
    assert info.value.reason == "corrupt"
    assert snapshot(tmp_path / "ws") == before


def test_newer_workspace_is_refused_byte_for_byte(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "ws") as ws:
        ws.save_document("plan", "p", "x: 1\n")
    conn = sqlite3.connect(tmp_path / "ws" / "simlab.db")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 7}")
    conn.close()
    before = snapshot(tmp_path / "ws")
    for create in (True, False):
        with pytest.raises(WorkspaceError) as info:
            Workspace.open(tmp_path / "ws", create=create)
        assert info.value.reason == "newer"
        assert str(SCHEMA_VERSION + 7) in info.value.message
    assert snapshot(tmp_path / "ws") == before


# -- migrations -------------------------------------------------------------------------

# The version-1 layout as released, written out here (not imported) so that this test
# keeps describing old files even if someone edits the migration list by mistake.
V1_SCHEMA = """
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('trainee', 'instructor', 'examiner')),
    created_at TEXT NOT NULL);
CREATE TABLE documents (kind TEXT NOT NULL, doc_id TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1), text TEXT NOT NULL, sha256 TEXT NOT NULL,
    person_id INTEGER REFERENCES people(id), saved_at TEXT NOT NULL,
    PRIMARY KEY (kind, doc_id, version));
CREATE TABLE drafts (key TEXT PRIMARY KEY, text TEXT NOT NULL, saved_at TEXT NOT NULL);
CREATE TABLE runs (id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE,
    label TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('writing', 'complete', 'aborted', 'interrupted')),
    person_id INTEGER REFERENCES people(id), scenario_id TEXT, seed TEXT,
    inputs TEXT NOT NULL, inputs_sha256 TEXT NOT NULL, summary TEXT, tmp_name TEXT,
    created_at TEXT NOT NULL, finished_at TEXT);
CREATE TABLE run_files (run_id TEXT NOT NULL REFERENCES runs(id), name TEXT NOT NULL,
    sha256 TEXT NOT NULL, PRIMARY KEY (run_id, name));
"""


def build_v1_workspace(root: Path) -> None:
    root.mkdir()
    (root / "runs" / "R000001").mkdir(parents=True)
    (root / "runs" / "R000001" / "run.json").write_bytes(b"{}")
    inputs = json.dumps({"seed": 3, "simlab_version": "0.0.9"})
    conn = sqlite3.connect(root / "simlab.db")
    conn.executescript(V1_SCHEMA)
    conn.execute("INSERT INTO people VALUES (1, 'Anna', 'trainee', '2025-01-01')")
    conn.execute("INSERT INTO settings VALUES ('current_person_id', '1')")
    conn.execute("INSERT INTO documents VALUES ('plan', 'p', 1, 'x: 1', ?, 1, '2025-01-01')",
                 (sha(b"x: 1"),))
    conn.execute(
        "INSERT INTO runs (id, seq, status, person_id, seed, inputs, inputs_sha256, summary, "
        "created_at) VALUES ('R000001', 1, 'complete', 1, '3', ?, ?, '{\"sl\": 0.7}', '2025')",
        (inputs, sha(inputs.encode())))
    conn.execute("INSERT INTO run_files VALUES ('R000001', 'run.json', ?)", (sha(b"{}"),))
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def test_version_1_workspace_is_upgraded_with_data_kept(tmp_path: Path) -> None:
    root = tmp_path / "old"
    build_v1_workspace(root)
    with Workspace.open(root, create=False) as ws:
        record = ws.run("R000001")
        assert record.simlab_version == "0.0.9"  # backfilled by the v2 step
        assert (record.seed, record.summary, record.person.name) == (3, {"sl": 0.7}, "Anna")
        assert ws.document("plan", "p").text == "x: 1"
        assert ws.current_person().name == "Anna"
        assert ws.check(verify_files=True) == []
        assert make_run(ws, {"a": b"1"}) == "R000002"
    conn = sqlite3.connect(root / "simlab.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'runs_by_status'").fetchone()
    conn.close()
    backups = list((root / "backups").glob("simlab-v1-*.db"))
    assert len(backups) == 1  # the pre-upgrade file is kept
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 1
    old.close()
    with Workspace.open(root):  # opening again does not upgrade or back up twice
        pass
    assert len(list((root / "backups").glob("*.db"))) == 1
