"""Opening `simlab.db`: checks first, then WAL, pragmas and migrations.

Order matters. A folder or database that cannot be used is refused *before* SQLite
writes anything, so a damaged, foreign or newer workspace stays byte-for-byte as found:
the header is read by hand, then the file is only read (user_version, quick_check),
and only a healthy database of a known version is switched to WAL and migrated.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from simlab.errors import SimlabError, os_error_text
from simlab.i18n import _, ngettext
from simlab.store.atomic import fsync_dir
from simlab.store.errors import WorkspaceError, corrupt_error, missing_error, newer_error
from simlab.store.paths import (
    BACKUPS_DIRNAME,
    DB_NAME,
    IGNORABLE_NAMES,
    RUNS_DIRNAME,
    db_path,
    suggest_new_location,
)
from simlab.store.schema import MIGRATIONS, SCHEMA_VERSION, TABLES

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 15.0  # how long a write waits for another instance before giving up
# Names that only a simlab workspace holds: without simlab.db they mean "database lost".
_WORKSPACE_TRACES = frozenset({RUNS_DIRNAME, BACKUPS_DIRNAME, f"{DB_NAME}-wal", f"{DB_NAME}-journal"})


def now() -> str:
    """A UTC timestamp for the records (never used in anything that shapes results)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction. IMMEDIATE takes the write lock up front, so two instances
    queue on the busy timeout instead of failing when a read turns into a write."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if _is_busy(exc):
            raise SimlabError(
                _("The workspace is busy in another simlab window; try again in a moment.")
            ) from exc
        raise
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.OperationalError) and "full" in str(exc):
            raise SimlabError(
                _("The disk is full: nothing was saved. Free some space and try again.")
            ) from exc
        raise


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def open_database(root: Path, *, create: bool, read_only: bool = False) -> sqlite3.Connection:
    """Check the folder `root`, then open (or create) its database, migrated to the
    current schema. Raises `WorkspaceError` without touching anything it refuses.
    `read_only` opens an existing database without ever writing to it."""
    path = db_path(root)
    new = _check_folder(root, create=create and not read_only)
    if not new:
        _check_header(root, path)
    if read_only:
        return _open_read_only(root, path)
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
    )
    try:
        if not new:
            _check_contents(root, path, conn)
        elif not os.access(root, os.W_OK) or _probe_create(conn):
            raise SimlabError(_("Cannot create the workspace here: the folder cannot be "
                                "written. Choose another folder."), file=root)
        # Safe to write from here on. WAL lets readers and one writer work at once;
        # synchronous=FULL flushes every commit, so a power cut loses nothing saved.
        _enable_wal(conn)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        _migrate(root, conn)
    except BaseException:
        conn.close()
        raise
    if new:
        fsync_dir(root)
    return conn


def _probe_create(conn: sqlite3.Connection) -> bool:
    """True if SQLite cannot write the new database file (a read-only folder)."""
    try:
        conn.execute("PRAGMA user_version").fetchone()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.OperationalError:
        return True
    return False


def _open_read_only(root: Path, path: Path) -> sqlite3.Connection:
    """SQLite's read-only mode; where even its shared-memory file cannot be made (a WAL
    database in a read-only folder) the file is read as immutable."""
    last: sqlite3.Error | None = None
    for flags in ("mode=ro", "immutable=1"):
        conn = sqlite3.connect(f"{path.as_uri()}?{flags}", uri=True, timeout=BUSY_TIMEOUT_S,
                               isolation_level=None, check_same_thread=False)
        try:
            _check_contents(root, path, conn)
            if user_version(conn) < SCHEMA_VERSION:
                raise SimlabError(
                    _("The workspace {path} needs an update that cannot be written while it "
                      "is read-only: open it once where it can be written.").format(
                        path=root), file=root)
            conn.execute("PRAGMA query_only = ON")
            return conn
        except WorkspaceError as exc:
            conn.close()
            if exc.reason != "corrupt" or flags == "immutable=1":
                raise
            last = exc  # maybe only the shared-memory file: try immutable
        except BaseException:
            conn.close()
            raise
    assert last is not None
    raise last


def _enable_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL. The switch needs an exclusive lock and SQLite does not always wait
    for it on the busy timeout (two instances creating one workspace), so retry here."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc):
                raise
            if time.monotonic() > deadline:
                raise SimlabError(
                    _("The workspace is busy in another simlab window; try again in a moment.")
                ) from exc
            time.sleep(0.02)


def _check_folder(root: Path, *, create: bool) -> bool:
    """True if a new database must be created in `root`; raise if `root` is unusable."""
    if root.exists() and not root.is_dir():
        raise WorkspaceError(
            _("{path} is a file, not a folder: it cannot be a simlab workspace. "
              "Choose another folder, for example {suggestion}.").format(
                path=root, suggestion=suggest_new_location(root)),
            reason="not_a_workspace", path=root, suggestion=suggest_new_location(root),
        )
    if not root.exists():
        if not create:
            raise missing_error(root)
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SimlabError(
                _("Cannot create the workspace folder: {error}").format(error=os_error_text(exc)),
                file=root,
            ) from exc
    names = {p.name for p in root.iterdir()} - IGNORABLE_NAMES
    if DB_NAME in names:
        return False
    if names & _WORKSPACE_TRACES:
        suggestion = suggest_new_location(root)
        raise WorkspaceError(
            _("The workspace {path} has lost its database simlab.db (other workspace files "
              "are still there). Nothing was changed: restore simlab.db from a backup, or "
              "create a new workspace elsewhere, for example {suggestion}.").format(
                path=root, suggestion=suggestion),
            reason="missing", path=root, suggestion=suggestion,
        )
    if names:
        suggestion = suggest_new_location(root)
        raise WorkspaceError(
            _("The folder {path} already holds other files and is not a simlab workspace; "
              "simlab will not write into it. Choose another folder, for example "
              "{suggestion}.").format(path=root, suggestion=suggestion),
            reason="not_a_workspace", path=root, suggestion=suggestion,
        )
    if not create:
        raise missing_error(root)
    return True


def _read_header(path: Path) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(100)
    except OSError as exc:
        raise SimlabError(
            _("Cannot read the workspace database: {error}").format(error=os_error_text(exc)),
            file=path,
        ) from exc


def _check_header(root: Path, path: Path) -> None:
    """Read the 100-byte SQLite header by hand, before SQLite may touch the file."""
    if not path.is_file():
        raise corrupt_error(root, path, _("it is not a file"))
    header = _read_header(path)
    # Another instance may be creating the database this very moment (its first page
    # not written yet): look again a few times before calling the file damaged.
    for delay in (0.05, 0.1, 0.2):
        if not header or (len(header) == 100 and header.startswith(SQLITE_MAGIC)):
            break
        time.sleep(delay)
        header = _read_header(path)
    if not header:
        # An empty file is an empty database (a crash right after creating it), unless
        # runs are beside it: then the index of those runs was lost, and a new database
        # would hide them and number the next run after them.
        if _run_folders(root):
            suggestion = suggest_new_location(root)
            raise WorkspaceError(
                ngettext(
                    "The workspace database {file} is empty, but runs/ holds {n} run: the "
                    "index of the runs was lost. Nothing was changed: restore simlab.db from "
                    "a backup, or create a new workspace elsewhere, for example {suggestion}.",
                    "The workspace database {file} is empty, but runs/ holds {n} runs: the "
                    "index of the runs was lost. Nothing was changed: restore simlab.db from "
                    "a backup, or create a new workspace elsewhere, for example {suggestion}.",
                    len(_run_folders(root)),
                ).format(file=path, n=len(_run_folders(root)), suggestion=suggestion),
                reason="corrupt", path=root, suggestion=suggestion)
        return
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise corrupt_error(root, path, _("it is not an SQLite database"))
    found = int.from_bytes(header[60:64], "big")  # PRAGMA user_version lives here
    if found > SCHEMA_VERSION:
        raise newer_error(root, found, SCHEMA_VERSION)


def _sqlite_detail(exc: sqlite3.DatabaseError) -> str:
    """SQLite's complaint (English) in plain words."""
    text = str(exc)
    if "not a database" in text:
        return _("it is not an SQLite database")
    if "malformed" in text or "corrupt" in text:
        return _("its pages are damaged")
    if "unable to open" in text or "readonly" in text or "read-only" in text:
        return _("it cannot be opened")
    return _("SQLite cannot read it")


def _run_folders(root: Path) -> list[str]:
    runs = root / RUNS_DIRNAME
    if not runs.is_dir():
        return []
    return [p.name for p in runs.iterdir() if p.is_dir() and not p.name.startswith(".")]


def _check_contents(root: Path, path: Path, conn: sqlite3.Connection) -> None:
    """Read-only checks through SQLite: version (the WAL may hold a newer header than
    the file), structure (quick_check) and that the tables are ours."""
    try:
        # One read transaction, so the version and the table list come from one snapshot
        # even while another instance is creating or upgrading the schema.
        conn.execute("BEGIN")
        try:
            found = user_version(conn)
            if found > SCHEMA_VERSION:
                raise newer_error(root, found, SCHEMA_VERSION)
            problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
            if problems != ["ok"]:
                raise corrupt_error(root, path, _("its pages are damaged"))
            names = {row[0] for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")}
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
    except sqlite3.DatabaseError as exc:
        raise corrupt_error(root, path, _sqlite_detail(exc)) from exc
    foreign = (found == 0 and names) or (found >= 1 and not set(TABLES) <= names)
    if foreign:
        suggestion = suggest_new_location(root)
        raise WorkspaceError(
            _("{file} is an SQLite database but not a simlab workspace; it was left "
              "untouched. Choose another folder, for example {suggestion}.").format(
                file=path, suggestion=suggestion),
            reason="not_a_workspace", path=root, suggestion=suggestion,
        )


def _migrate(root: Path, conn: sqlite3.Connection) -> None:
    """Bring the schema to SCHEMA_VERSION, one transaction for all steps."""
    found = user_version(conn)
    if found == SCHEMA_VERSION:
        return
    if found >= 1:
        # An upgrade is the one write that changes old data; keep the old file first.
        _backup(root, conn, found)
    with transaction(conn):
        found = user_version(conn)  # another instance may have upgraded meanwhile
        if found > SCHEMA_VERSION:
            raise newer_error(root, found, SCHEMA_VERSION)
        for version in range(found, SCHEMA_VERSION):
            for step in MIGRATIONS[version]:
                if callable(step):
                    step(conn)
                else:
                    conn.execute(step)
        # PRAGMA user_version is transactional: the steps and the number commit together.
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _backup(root: Path, conn: sqlite3.Connection, version: int) -> Path:
    """Copy the database (consistently, via SQLite's backup API) to backups/."""
    folder = root / BACKUPS_DIRNAME
    folder.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"simlab-v{version}-{stamp}.db"
    tmp = folder / f".{target.name}.tmp"
    dest = sqlite3.connect(tmp)
    try:
        conn.backup(dest)
    finally:
        dest.close()
    try:
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_dir(folder)
    return target
