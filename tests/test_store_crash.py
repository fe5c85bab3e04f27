"""The workspace under real processes: killed with SIGKILL mid-run and mid-save, and two
instances writing at once. Each child is a fresh `python -c` so nothing is shared with
the test process but the folder."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from simlab.store import Workspace

pytestmark = pytest.mark.skipif(os.name == "nt", reason="uses SIGKILL")

REPO = Path(__file__).resolve().parents[1]


def spawn(code: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)


def wait_for(path: Path, proc: subprocess.Popen[str], timeout: float = 20.0) -> str:
    # The child writes the file non-atomically, so wait for its text, not its name.
    deadline = time.monotonic() + timeout
    while not (path.exists() and path.read_text()):
        if proc.poll() is not None:
            raise AssertionError(f"child exited early: {proc.stderr.read()}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("child never got ready")
        time.sleep(0.01)
    return path.read_text()


def kill(proc: subprocess.Popen[str]) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL


def integrity_ok(root: Path) -> bool:
    conn = sqlite3.connect(root / "simlab.db")
    try:
        return conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()


def seed_workspace(root: Path) -> str:
    """A workspace with one complete run and one document, to prove they survive."""
    with Workspace.open(root) as ws:
        ws.save_document("scenario", "bank", "volume: 100\n")
        with ws.new_run({"seed": 1, "scenario_id": "bank"}, label="before") as writer:
            writer.path("run.json").write_bytes(b'{"ok": true}')
            return writer.commit({"sl": 0.9}).id


MID_RUN = """
    import sys, time, pathlib
    from simlab.store import Workspace
    root, ready = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    ws = Workspace.open(root)
    writer = ws.new_run({"seed": 7, "scenario_id": "bank"}, label="doomed")
    with open(writer.path("tables/contacts.parquet"), "wb") as f:
        f.write(b"PAR1" + b"x" * 100_000)   # part of a file, never closed
        f.flush()
        ready.write_text(writer.id)
        time.sleep(60)
"""


def test_kill_mid_run_marks_it_interrupted_and_keeps_the_rest(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    earlier = seed_workspace(root)
    child = spawn(MID_RUN, str(root), str(tmp_path / "ready"))
    run_id = wait_for(tmp_path / "ready", child)
    # While the child is alive another instance must not take its run for a crashed one.
    with Workspace.open(root) as ws:
        assert ws.recovered == [] and ws.run(run_id).status == "writing"
    kill(child)

    assert integrity_ok(root)
    with Workspace.open(root) as ws:
        assert ws.run(run_id).status == "interrupted"
        assert len(ws.recovered) == 1 and run_id in ws.recovered[0]
        partial = list((root / "runs" / ".interrupted").rglob("contacts.parquet"))
        assert len(partial) == 1 and partial[0].stat().st_size == 100_004  # moved, not deleted
        assert ws.run(earlier).status == "complete"
        assert ws.document("scenario", "bank").text == "volume: 100\n"
        assert ws.check(verify_files=True) == []
        with ws.new_run({"seed": 8}) as writer:
            writer.path("run.json").write_bytes(b"{}")
            assert writer.commit().id > run_id
    with Workspace.open(root) as ws:  # recovery happens once
        assert ws.recovered == []


MID_COMMIT = """
    import sys, time, pathlib
    import simlab.store.runs as runs
    from simlab.store import Workspace
    root, ready = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    ws = Workspace.open(root)
    writer = ws.new_run({"seed": 9}, label="dies in commit")
    writer.path("run.json").write_bytes(b"{}")

    def stall(path):  # called right after the rename, before COMMIT
        ready.write_text(writer.id)
        time.sleep(60)

    runs.fsync_dir = stall
    writer.commit({"never": "saved"})
"""


def test_kill_between_rename_and_commit(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    earlier = seed_workspace(root)
    child = spawn(MID_COMMIT, str(root), str(tmp_path / "ready"))
    run_id = wait_for(tmp_path / "ready", child)
    assert (root / "runs" / run_id).is_dir()  # renamed, but not committed yet
    kill(child)

    assert integrity_ok(root)
    with Workspace.open(root) as ws:
        record = ws.run(run_id)
        assert record.status == "interrupted" and record.summary == {}
        # "complete" is never claimed for a folder the database did not commit.
        assert not (root / "runs" / run_id).exists()
        assert list((root / "runs" / ".interrupted").rglob("run.json"))
        assert ws.run(earlier).status == "complete"
        assert ws.check(verify_files=True) == []


SAVE_LOOP = """
    import sys, pathlib
    from simlab.store import Workspace
    ws = Workspace.open(pathlib.Path(sys.argv[1]))
    start = int(sys.argv[2])
    for i in range(start, start + 100_000):
        text = f"version: {i}\\n" + "x" * (i % 50) * 100
        digest = ws.save_document("plan", "p", text)
        print("doc", i, digest, flush=True)
        ws.autosave("plan:p", f"draft {i}")
        print("draft", i, flush=True)
"""


@pytest.mark.parametrize("kill_after", [7, 23, 41])
def test_kill_during_save_loop_loses_nothing_reported(tmp_path: Path, kill_after: int) -> None:
    root = tmp_path / "ws"
    Workspace.open(root).close()
    child = spawn(SAVE_LOOP, str(root), "0")
    reported_docs: dict[int, str] = {}
    last_draft = -1
    for line in child.stdout:
        kind, i, *rest = line.split()
        if kind == "doc":
            reported_docs[int(i)] = rest[0]
        else:
            last_draft = int(i)
        if len(reported_docs) >= kill_after:
            break
    kill(child)
    for line in child.stdout.read().splitlines():  # lines already in the pipe count too
        kind, i, *rest = line.split()
        if kind == "doc":
            reported_docs[int(i)] = rest[0]
        else:
            last_draft = int(i)

    assert integrity_ok(root)
    with Workspace.open(root) as ws:
        versions = {d.version: d for d in ws.document_versions("plan", "p")}
        for i, digest in reported_docs.items():  # version i+1 holds text i
            assert versions[i + 1].sha256 == digest
            assert versions[i + 1].text.startswith(f"version: {i}\n")
        assert max(versions) in (len(reported_docs), len(reported_docs) + 1)
        draft = ws.draft("plan:p")
        assert draft is not None and int(draft.split()[1]) in (last_draft, last_draft + 1)
        ws.save_document("plan", "p", "after the crash\n")
        assert ws.check() == []


WORKER = """
    import sys, time, pathlib
    from simlab.store import Workspace
    root, go, name = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3]
    while not go.exists():
        time.sleep(0.005)
    ws = Workspace.open(root)   # both create the workspace at the same moment
    for i in range(20):
        with ws.new_run({"seed": i, "worker": name}, label=name) as writer:
            writer.path("run.json").write_text(f"{name} {i}")
            print("run", writer.commit({"i": i}).id, flush=True)
        ws.save_document("plan", "shared", f"{name} {i}\\n")
        ws.save_document("plan", name, f"v{i}\\n")
        ws.autosave(name, str(i))
    ws.close()
"""


def test_two_instances_writing_at_once(tmp_path: Path) -> None:
    root, go = tmp_path / "ws", tmp_path / "go"
    children = [spawn(WORKER, str(root), str(go), name) for name in ("alpha", "beta")]
    time.sleep(0.3)  # let both interpreters start, then release them together
    go.touch()
    outputs = []
    for child in children:
        out, err = child.communicate(timeout=60)
        assert child.returncode == 0, err
        outputs.append(out.split())
    ids = [word for out in outputs for word in out if word.startswith("R")]
    assert len(ids) == 40 and len(set(ids)) == 40

    assert integrity_ok(root)
    with Workspace.open(root) as ws:
        records = ws.runs()
        assert sorted(r.id for r in records) == sorted(ids)
        assert {r.status for r in records} == {"complete"}
        assert sorted(r.id for r in records) == [f"R{n:06d}" for n in range(1, 41)]
        for r in records:
            assert (ws.run_dir(r.id) / "run.json").read_text() == f"{r.label} {r.summary['i']}"
        shared = ws.document_versions("plan", "shared")
        assert [d.version for d in shared] == list(range(1, 41))
        assert sorted(d.text for d in shared) == sorted(
            f"{n} {i}\n" for n in ("alpha", "beta") for i in range(20))
        for name in ("alpha", "beta"):
            assert len(ws.document_versions("plan", name)) == 20
            assert ws.draft(name) == "19"
        assert ws.check(verify_files=True) == []
