"""Runs: allocate an id, let the caller write files, then commit them atomically.

Life of a run: `writing` (a row, a held lock file, a temp folder
`runs/.tmp-<id>-<random>/`), then either `complete` (the folder renamed to `runs/<id>/`
and the status changed in one transaction), `aborted` (the caller gave up), or
`interrupted` (its process died; found on the next open, see `recovery`).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import sqlite3
from contextlib import suppress
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import TYPE_CHECKING, Any

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.store.atomic import fsync_dir, fsync_tree, text_sha256, tree_sha256
from simlab.store.db import now, transaction
from simlab.store.locks import FileLock
from simlab.store.paths import LOCKS_DIRNAME, RUN_JSON, TMP_PREFIX, runs_path
from simlab.store.people import require_person
from simlab.store.records import Person, RunRecord

if TYPE_CHECKING:
    from simlab.store.workspace import Workspace

MAX_LABEL = 200


def run_id_of(seq: int) -> str:
    return f"R{seq:06d}"


def lock_path(root: Path, run_id: str) -> Path:
    return runs_path(root) / LOCKS_DIRNAME / f"{run_id}.lock"


def canonical_json(value: Any, *, allow_nan: bool = False) -> str:
    """Sorted, compact JSON: the same inputs always give the same text and hash."""
    try:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, allow_nan=allow_nan,
                          separators=(",", ":"))
    except (TypeError, ValueError) as exc:  # a caller bug, not a user mistake
        raise TypeError(f"run inputs/summary must be plain JSON data: {exc}") from exc


def safe_relpath(name: str) -> str:
    """A file name inside a run folder: relative, no '..', POSIX separators."""
    path = PurePosixPath(name.replace("\\", "/"))
    if not name or path.is_absolute() or ".." in path.parts or ":" in name:
        raise ValueError(f"run file name must be a relative path inside the run: {name!r}")
    return path.as_posix()


class RunWriter:
    """A run being written. Write files under `dir` (or `path(name)`), then `commit`."""

    def __init__(self, ws: Workspace, run_id: str, tmp_dir: Path, lock: FileLock) -> None:
        self.ws = ws
        self.id = run_id
        self.dir = tmp_dir
        self._lock = lock
        self._state = "open"  # open → committed | aborted

    def path(self, name: str) -> Path:
        """Where to write file `name` of this run (its folders are created)."""
        target = self.dir / safe_relpath(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def commit(
        self, summary: dict[str, Any] | None = None, hashes: dict[str, str] | None = None
    ) -> RunRecord:
        """Flush the files, rename the folder to `runs/<id>/` and mark the run complete,
        in one transaction. `hashes` (name → sha256) are checked against the files; when
        omitted every file is hashed."""
        if self._state != "open":
            raise RuntimeError(f"run {self.id} is already {self._state}")
        on_disk = tree_sha256(self.dir)
        if hashes is None:
            hashes = on_disk
        else:
            hashes = {safe_relpath(n): h.lower() for n, h in hashes.items()}
            wrong = sorted(n for n, h in hashes.items() if on_disk.get(n) != h)
            if wrong:
                raise ValueError(f"run {self.id}: hashes do not match the files {wrong}")
            # run.json carries the summary and the other hashes: keep its hash too, so
            # that an edited run.json is noticed (verify_run).
            if RUN_JSON in on_disk:
                hashes.setdefault(RUN_JSON, on_disk[RUN_JSON])
        # A KPI may be NaN or infinite (no contacts, zero cost): keep the run, Python's
        # json reads those back. Inputs stay strict: they are what a replay hashes.
        summary_json = canonical_json(summary or {}, allow_nan=True)
        fsync_tree(self.dir)  # the data must be on disk before the rename makes it "complete"
        runs_dir = runs_path(self.ws.root)
        final = runs_dir / self.id
        conn = self.ws._connection()
        renamed = False
        with self.ws._mutex:
            try:
                with transaction(conn):
                    cur = conn.execute(
                        "UPDATE runs SET status = 'complete', summary = ?, finished_at = ? "
                        "WHERE id = ? AND status = 'writing'", (summary_json, now(), self.id))
                    if cur.rowcount != 1:
                        raise SimlabError(
                            _("Run {id} can no longer be saved: another simlab marked it "
                              "as interrupted.").format(id=self.id))
                    conn.executemany(
                        "INSERT INTO run_files (run_id, name, sha256) VALUES (?, ?, ?)",
                        [(self.id, n, h) for n, h in sorted(hashes.items())])
                    if final.exists():
                        raise SimlabError(
                            _("The folder runs/{id} already exists; the run was not saved "
                              "over it.").format(id=self.id))
                    # Renamed inside the transaction: if COMMIT fails the folder goes back,
                    # and a crash before COMMIT leaves a `writing` row that recovery moves
                    # aside. "complete" in the database always means the folder is there.
                    os.rename(self.dir, final)
                    renamed = True
                    fsync_dir(runs_dir)
            except BaseException:
                if renamed:
                    with suppress(OSError):
                        os.rename(final, self.dir)
                raise
        self._state = "committed"
        self.dir = final
        self._lock.release(unlink=True)
        return self.ws.run(self.id)

    def abort(self) -> None:
        """Give the run up: mark it aborted and delete its temporary files."""
        if self._state != "open":
            return
        self._state = "aborted"
        try:
            with self.ws._mutex, transaction(self.ws._connection()) as conn:
                conn.execute(
                    "UPDATE runs SET status = 'aborted', finished_at = ? "
                    "WHERE id = ? AND status = 'writing'", (now(), self.id))
            shutil.rmtree(self.dir, ignore_errors=True)
        finally:
            self._lock.release(unlink=True)

    def __enter__(self) -> RunWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # Leaving the block without a commit (an error, a cancel) gives the run up.
        if self._state == "open":
            self.abort()


def new_run(
    ws: Workspace,
    inputs: dict[str, Any],
    *,
    label: str,
    person_id: int | None,
    scenario_id: str | None,
) -> RunWriter:
    if not isinstance(inputs, dict):
        raise TypeError("run inputs must be a dict")
    inputs_json = canonical_json(inputs)
    label = " ".join(str(label).split())
    if len(label) > MAX_LABEL:
        raise SimlabError(
            _("The label is too long ({n} characters, at most {max}).").format(
                n=len(label), max=MAX_LABEL), key="label")
    if scenario_id is None and inputs.get("scenario_id") is not None:
        scenario_id = str(inputs["scenario_id"])
    seed = inputs.get("seed")
    seed_text = str(seed) if isinstance(seed, int) and not isinstance(seed, bool) else None
    version = inputs.get("simlab_version")
    runs_dir = runs_path(ws.root)
    runs_dir.mkdir(exist_ok=True)
    conn = ws._connection()
    with ws._mutex:
        lock: FileLock | None = None
        try:
            with transaction(conn):
                require_person(conn, person_id)
                seq = conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM runs").fetchone()[0]
                while True:
                    run_id = run_id_of(seq)
                    lock = FileLock(lock_path(ws.root, run_id))
                    # A folder with this id but no row (restored by hand) is never reused.
                    if not (runs_dir / run_id).exists() and lock.try_acquire():
                        break
                    seq += 1
                tmp_name = f"{TMP_PREFIX}{run_id}-{secrets.token_hex(4)}"
                # The lock is held before the row is visible to anyone, so another
                # instance never mistakes this live run for a crashed one.
                conn.execute(
                    "INSERT INTO runs (id, seq, label, status, person_id, scenario_id, seed, "
                    "inputs, inputs_sha256, tmp_name, created_at, simlab_version) "
                    "VALUES (?, ?, ?, 'writing', ?, ?, ?, ?, ?, ?, ?, ?)",
                    (run_id, seq, label, person_id, scenario_id, seed_text, inputs_json,
                     text_sha256(inputs_json), tmp_name, now(),
                     "" if version is None else str(version)))
        except BaseException:
            if lock is not None:
                lock.release(unlink=True)
            raise
    assert lock is not None
    writer = RunWriter(ws, run_id, runs_dir / tmp_name, lock)
    try:
        writer.dir.mkdir()
    except BaseException:
        writer.abort()
        raise
    return writer


_SELECT = (
    "SELECT r.id, r.label, r.created_at, r.status, r.scenario_id, r.seed, r.summary, "
    "r.inputs_sha256, r.simlab_version, r.finished_at, p.id, p.name, p.role, p.created_at "
    "FROM runs AS r LEFT JOIN people AS p ON p.id = r.person_id"
)


def _record(row: tuple, hashes: dict[str, str]) -> RunRecord:
    person = Person(id=row[10], name=row[11], role=row[12], created_at=row[13]) if row[10] else None
    return RunRecord(
        id=row[0], label=row[1], created_at=row[2], person=person, status=row[3],
        scenario_id=row[4], seed=int(row[5]) if row[5] is not None else None,
        summary=json.loads(row[6]) if row[6] else {}, hashes=hashes,
        inputs_sha256=row[7], simlab_version=row[8], finished_at=row[9])


def _hashes(conn: sqlite3.Connection, run_ids: list[str] | None) -> dict[str, dict[str, str]]:
    if run_ids is None:
        rows = conn.execute("SELECT run_id, name, sha256 FROM run_files ORDER BY run_id, name")
    else:
        marks = ",".join("?" * len(run_ids))
        rows = conn.execute(
            f"SELECT run_id, name, sha256 FROM run_files WHERE run_id IN ({marks}) "
            "ORDER BY run_id, name", run_ids)
    found: dict[str, dict[str, str]] = {}
    for run_id, name, digest in rows:
        found.setdefault(run_id, {})[name] = digest
    return found


def list_runs(conn: sqlite3.Connection, limit: int | None) -> list[RunRecord]:
    """Runs, newest first."""
    if limit is None:
        rows = conn.execute(f"{_SELECT} ORDER BY r.seq DESC").fetchall()
        hashes = _hashes(conn, None)
    else:
        rows = conn.execute(f"{_SELECT} ORDER BY r.seq DESC LIMIT ?", (int(limit),)).fetchall()
        hashes = _hashes(conn, [r[0] for r in rows])
    return [_record(r, hashes.get(r[0], {})) for r in rows]


def normalize_run_id(run_id: str) -> str:
    """Accept what users type for R000012: "R000012", "r12" or "12"."""
    match = re.fullmatch(r"[Rr]?0*(\d{1,9})", str(run_id).strip())
    return run_id_of(int(match.group(1))) if match else str(run_id)


def get_run(conn: sqlite3.Connection, run_id: str) -> RunRecord:
    run_id = normalize_run_id(run_id)
    row = conn.execute(f"{_SELECT} WHERE r.id = ?", (run_id,)).fetchone()
    if row is None:
        recent = [r[0] for r in conn.execute("SELECT id FROM runs ORDER BY seq DESC LIMIT 5")]
        message = _("Unknown run «{id}».").format(id=run_id)
        if recent:
            message += " " + _("Latest runs: {ids}.").format(ids=", ".join(recent))
        raise SimlabError(message, key="run_id")
    return _record(row, _hashes(conn, [run_id]).get(run_id, {}))


def run_inputs(conn: sqlite3.Connection, run_id: str) -> tuple[dict[str, Any], bool]:
    """The stored inputs of a run, and whether they still match their hash."""
    run_id = get_run(conn, run_id).id  # the friendly error for an unknown id
    text, digest = conn.execute(
        "SELECT inputs, inputs_sha256 FROM runs WHERE id = ?", (run_id,)).fetchone()
    return json.loads(text), text_sha256(text) == digest
