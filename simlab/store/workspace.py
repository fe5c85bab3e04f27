"""`Workspace`: the one object the CLI and the TUI use to keep users' work.

It owns one SQLite connection (shared by threads behind a lock, because the TUI saves
from workers and from the UI thread) and the `runs/` folder. Each public method is one
transaction, so there is nothing to "save" at the end and nothing half-saved after a
crash.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.store import attempts as _attempts
from simlab.store import documents as _documents
from simlab.store import drafts as _drafts
from simlab.store import people as _people
from simlab.store import recovery as _recovery
from simlab.store import runs as _runs
from simlab.store.access import forced_read_only, read_only_reason
from simlab.store.db import open_database
from simlab.store.integrity import (
    RUN_JSON,
    quick_check_run,
    read_only_message,
    verify_stored_run,
)
from simlab.store.paths import db_path, resolve_workspace, runs_path
from simlab.store.records import Attempt, Document, Person, ReplayResult, RunRecord
from simlab.store.runs import RunWriter
from simlab.store.schema import SCHEMA_VERSION


class Workspace:
    """A workspace folder: `simlab.db` plus `runs/<id>/`. Open it with `Workspace.open`."""

    SCHEMA_VERSION = SCHEMA_VERSION

    def __init__(self, root: Path, conn: sqlite3.Connection,
                 read_only_reason: str | None = None) -> None:
        self.root = root
        self._conn: sqlite3.Connection | None = conn
        self._mutex = threading.RLock()
        # Why nothing can be saved here (None: writable). Browsing and replaying into a
        # temporary folder still work; every write is refused with this reason.
        self.read_only_reason = read_only_reason
        # Read-only: the preferences and the current person chosen in this session, kept
        # in memory so that the app works (theme, who is using it) without writing.
        self._session: dict[str, str | None] = {}
        # What recovery did on open (interrupted runs moved aside), for the UI to show once.
        self.recovered: list[str] = []

    # -- opening and closing ------------------------------------------------------------

    @classmethod
    def open(
        cls, path: str | os.PathLike[str] | None = None, *, create: bool = True,
        read_only: bool = False,
    ) -> Workspace:
        """Open the workspace at `path` (else `$SIMLAB_WORKSPACE`, else
        `./simlab-workspace/`), creating it in a missing or empty folder if `create`.
        Raises `WorkspaceError` (reason missing/corrupt/newer/not_a_workspace) and then
        has changed nothing. A workspace that cannot be written (or `read_only`) opens
        read-only: see `read_only_reason`."""
        root = resolve_workspace(path)
        reason = None
        if db_path(root).is_file():
            reason = read_only_reason(root)
            if read_only and reason is None:
                reason = _("it was opened read-only on purpose")
        elif read_only or forced_read_only():
            create = False  # read-only means creating nothing either
        conn = open_database(root, create=create, read_only=reason is not None)
        ws = cls(root, conn, reason)
        if reason is not None:
            return ws  # nothing to recover: recovery writes
        try:
            runs_path(root).mkdir(exist_ok=True)
            ws.recovered = _recovery.recover(conn, root)
        except BaseException:
            ws.close()
            raise
        return ws

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    def require_writable(self) -> None:
        """Refuse now, with the Italian reason, work that will end in a write (before a
        simulation that would otherwise be thrown away)."""
        self._writable()

    def _writable(self) -> None:
        if self.read_only_reason is not None:
            raise SimlabError(read_only_message(self.root, self.read_only_reason))

    @property
    def db_path(self) -> Path:
        return db_path(self.root)

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise RuntimeError("the workspace is closed")
        return self._conn

    def close(self) -> None:
        with self._mutex:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Workspace({str(self.root)!r})"

    # -- people and settings ------------------------------------------------------------

    def add_person(self, name: str, role: str) -> int:
        """Add a trainee, instructor or examiner; return their id."""
        self._writable()
        with self._mutex:
            return _people.add_person(self._connection(), name, role)

    def people(self) -> list[Person]:
        with self._mutex:
            return _people.people(self._connection())

    def person(self, person_id: int) -> Person:
        with self._mutex:
            found = _people.person(self._connection(), person_id)
        if found is None:
            raise SimlabError(_("Unknown person {id}.").format(id=person_id), key="person_id")
        return found

    def set_current_person(self, person_id: int | None) -> None:
        with self._mutex:
            if self.read_only:
                _people.require_person(self._connection(), person_id)
                self._session[_people.CURRENT_PERSON_KEY] = (
                    None if person_id is None else str(person_id))
                return
            _people.set_current_person(self._connection(), person_id)

    def current_person(self) -> Person | None:
        with self._mutex:
            if _people.CURRENT_PERSON_KEY in self._session:
                value = self._session[_people.CURRENT_PERSON_KEY]
                return None if value is None else _people.person(self._connection(), int(value))
            return _people.current_person(self._connection())

    def setting(self, key: str) -> str | None:
        with self._mutex:
            if key in self._session:
                return self._session[key]
            return _people.get_setting(self._connection(), key)

    def set_setting(self, key: str, value: str | None) -> None:
        """Store a small user preference (None removes it). Read-only: for this session."""
        with self._mutex:
            if self.read_only:
                self._session[key] = value
                return
            _people.set_setting(self._connection(), key, value)

    # -- documents and drafts -----------------------------------------------------------

    def save_document(
        self, kind: str, doc_id: str, yaml_text: str, *, person_id: int | None = None
    ) -> str:
        """Save a new version of a scenario, care model or plan; return its sha256."""
        self._writable()
        with self._mutex:
            digest, _version = _documents.save_document(
                self._connection(), kind, doc_id, yaml_text, person_id)
        return digest

    def document(self, kind: str, doc_id: str, version: int | None = None) -> Document:
        """One version of a document (the latest by default)."""
        with self._mutex:
            return _documents.document(self._connection(), kind, doc_id, version)

    def documents(self, kind: str) -> list[Document]:
        """The latest version of every document of `kind`."""
        with self._mutex:
            return _documents.documents(self._connection(), kind)

    def document_versions(self, kind: str, doc_id: str) -> list[Document]:
        """Every version of one document, oldest first."""
        with self._mutex:
            return _documents.versions(self._connection(), kind, doc_id)

    def autosave(self, key: str, text: str) -> None:
        if self.read_only:
            return  # nowhere to keep drafts; the app said so when it opened the workspace
        with self._mutex:
            _drafts.autosave(self._connection(), key, text)

    def draft(self, key: str) -> str | None:
        with self._mutex:
            return _drafts.draft(self._connection(), key)

    def discard_draft(self, key: str) -> None:
        if self.read_only:
            return
        with self._mutex:
            _drafts.discard_draft(self._connection(), key)

    def draft_keys(self) -> list[str]:
        """Keys with unsaved work (after a crash: what can be restored)."""
        with self._mutex:
            return _drafts.draft_keys(self._connection())

    # -- runs -----------------------------------------------------------------------------

    def new_run(
        self,
        inputs: dict[str, Any],
        *,
        label: str = "",
        person_id: int | None = None,
        scenario_id: str | None = None,
    ) -> RunWriter:
        """Start a run: a new id and a temp folder to write into; `commit` or `abort` it.
        `scenario_id` defaults to `inputs["scenario_id"]`; the seed and simlab version
        are read from `inputs["seed"]` and `inputs["simlab_version"]`."""
        self._writable()
        return _runs.new_run(self, inputs, label=label, person_id=person_id,
                             scenario_id=scenario_id)

    def runs(self, limit: int | None = None) -> list[RunRecord]:
        """Runs, newest first."""
        with self._mutex:
            return _runs.list_runs(self._connection(), limit)

    def run(self, run_id: str) -> RunRecord:
        with self._mutex:
            return _runs.get_run(self._connection(), run_id)

    def run_inputs(self, run_id: str) -> dict[str, Any]:
        """The inputs a run was started with, exactly as stored."""
        with self._mutex:
            inputs, intact = _runs.run_inputs(self._connection(), run_id)
        if not intact:
            raise SimlabError(
                _("The stored inputs of run {id} do not match their hash: the database was "
                  "altered.").format(id=run_id), file=self.db_path, key=run_id)
        return inputs

    def run_dir(self, run_id: str) -> Path:
        """The folder `runs/<id>/` of a run (it exists once the run is complete)."""
        record = self.run(run_id)  # refuses unknown ids, so no path outside runs/
        return runs_path(self.root) / record.id

    def replay(
        self, run_id: str, rerun: Callable[[dict[str, Any], Path], dict[str, str]]
    ) -> ReplayResult:
        """Run `rerun(inputs, tmpdir)` again and compare the hashes it returns with the
        stored ones. The temp folder is removed afterwards."""
        record = self.run(run_id)
        run_id = record.id
        if record.status != "complete":
            raise SimlabError(
                _("Run {id} cannot be replayed: it is {status}, not complete.").format(
                    id=run_id, status=record.status), key=run_id)
        inputs = self.run_inputs(run_id)
        with tempfile.TemporaryDirectory(prefix=f"simlab-replay-{run_id}-") as tmp:
            actual = {str(k): str(v).lower() for k, v in rerun(inputs, Path(tmp)).items()}
        # run.json holds the summary and the hashes themselves: its own hash proves the
        # stored run intact (verify_run), the replay compares the data files.
        expected = {k: v for k, v in record.hashes.items() if k != RUN_JSON}
        return ReplayResult(run_id=run_id, ok=actual == expected, expected=expected,
                            actual=actual)

    # -- attempts at the exercises ---------------------------------------------------------

    def start_attempt(self, person_id: int, exercise_id: str) -> Attempt:
        """The open attempt of `person_id` at `exercise_id`, or a new one."""
        self._writable()
        with self._mutex:
            return _attempts.start(self._connection(), person_id, exercise_id)

    def record_check(
        self, person_id: int, exercise_id: str, *, points: float, max_points: float,
        report: dict[str, Any], run_id: str | None, files: dict[str, str],
        submit: bool = False,
    ) -> Attempt:
        """Keep a check's report on the open attempt; `submit` hands it in (final)."""
        self._writable()
        with self._mutex:
            return _attempts.record_check(
                self._connection(), person_id, exercise_id, points=points,
                max_points=max_points, report=report, run_id=run_id, files=files,
                submit=submit)

    def latest_attempt(self, person_id: int, exercise_id: str) -> Attempt | None:
        with self._mutex:
            return _attempts.latest(self._connection(), person_id, exercise_id)

    def attempts(self, person_id: int | None = None) -> list[Attempt]:
        """Every attempt (of one person), oldest first."""
        with self._mutex:
            return _attempts.attempts(self._connection(), person_id)

    # -- health ---------------------------------------------------------------------------

    def check(self, *, verify_files: bool = False) -> list[str]:
        """Problems found (empty when healthy); with `verify_files`, re-hash run files."""
        with self._mutex:
            return _recovery.check(self._connection(), self.root, verify_files=verify_files)

    def verify_run(self, run_id: str) -> list[str]:
        """What is wrong with the stored files of a complete run, each naming its file
        (empty when intact): missing or changed files, an edited run.json or summary."""
        record = self.run(run_id)
        if record.status != "complete":
            return []
        return verify_stored_run(record, runs_path(self.root) / record.id)

    def damaged_runs(self, records: list[RunRecord] | None = None) -> dict[str, list[str]]:
        """Complete runs whose files are missing or whose run.json changed (the quick
        check, cheap enough for every list), with what is wrong."""
        found = {}
        for record in self.runs() if records is None else records:
            if record.status == "complete":
                problems = quick_check_run(record, runs_path(self.root) / record.id)
                if problems:
                    found[record.id] = problems
        return found
