"""The database schema as an ordered list of migration steps.

`MIGRATIONS[i]` takes a database from `PRAGMA user_version` i to i + 1. A step is a
tuple of SQL statements or Python callables, run in one transaction together with the
new `user_version`, so a crash mid-upgrade leaves the old version intact. Steps are
append-only: a released step is never edited, or older workspaces would upgrade
differently from new ones.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

Step = str | Callable[[sqlite3.Connection], None]

# Version 1: the first released layout.
_V1: tuple[Step, ...] = (
    """CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE people (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        role       TEXT NOT NULL CHECK (role IN ('trainee', 'instructor', 'examiner')),
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE documents (
        kind      TEXT NOT NULL,
        doc_id    TEXT NOT NULL,
        version   INTEGER NOT NULL CHECK (version >= 1),
        text      TEXT NOT NULL,
        sha256    TEXT NOT NULL,
        person_id INTEGER REFERENCES people(id),
        saved_at  TEXT NOT NULL,
        PRIMARY KEY (kind, doc_id, version)
    )""",
    """CREATE TABLE drafts (
        key      TEXT PRIMARY KEY,
        text     TEXT NOT NULL,
        saved_at TEXT NOT NULL
    )""",
    # seed is TEXT: numpy seeds may exceed SQLite's 64-bit integers, and INTEGER
    # affinity would silently turn such a number into a float.
    """CREATE TABLE runs (
        id            TEXT PRIMARY KEY,
        seq           INTEGER NOT NULL UNIQUE,
        label         TEXT NOT NULL DEFAULT '',
        status        TEXT NOT NULL
                      CHECK (status IN ('writing', 'complete', 'aborted', 'interrupted')),
        person_id     INTEGER REFERENCES people(id),
        scenario_id   TEXT,
        seed          TEXT,
        inputs        TEXT NOT NULL,
        inputs_sha256 TEXT NOT NULL,
        summary       TEXT,
        tmp_name      TEXT,
        created_at    TEXT NOT NULL,
        finished_at   TEXT
    )""",
    """CREATE TABLE run_files (
        run_id TEXT NOT NULL REFERENCES runs(id),
        name   TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        PRIMARY KEY (run_id, name)
    )""",
)


def _backfill_simlab_version(conn: sqlite3.Connection) -> None:
    """Copy each run's simlab version out of its stored inputs into the new column."""
    rows = conn.execute("SELECT id, inputs FROM runs").fetchall()
    for run_id, inputs in rows:
        try:
            version = json.loads(inputs).get("simlab_version", "")
        except (ValueError, AttributeError):  # inputs that are not a JSON object
            version = ""
        conn.execute(
            "UPDATE runs SET simlab_version = ? WHERE id = ?",
            ("" if version is None else str(version), run_id),
        )


# Version 2: the simlab version of a run as a column (lists and filters need it without
# parsing every run's inputs), and an index for the recovery scan on open.
_V2: tuple[Step, ...] = (
    "ALTER TABLE runs ADD COLUMN simlab_version TEXT NOT NULL DEFAULT ''",
    _backfill_simlab_version,
    "CREATE INDEX runs_by_status ON runs (status)",
)

# Version 3: the trainees' attempts at the exercises (simlab.curriculum). One row per
# attempt; a new attempt starts after a submitted one. `report` is the last check's JSON
# (points per check, feedback), `files` the sha256 of each working file it read, so an
# instructor can tell which version of the work was checked; `run_id` links the run
# simulated from those files.
_V3: tuple[Step, ...] = (
    """CREATE TABLE attempts (
        id           INTEGER PRIMARY KEY,
        person_id    INTEGER NOT NULL REFERENCES people(id),
        exercise_id  TEXT NOT NULL,
        status       TEXT NOT NULL CHECK (status IN ('started', 'checked', 'submitted')),
        started_at   TEXT NOT NULL,
        checked_at   TEXT,
        submitted_at TEXT,
        points       REAL,
        max_points   REAL,
        report       TEXT,
        run_id       TEXT REFERENCES runs(id),
        files        TEXT NOT NULL DEFAULT '{}'
    )""",
    "CREATE INDEX attempts_by_person ON attempts (person_id, exercise_id)",
)

MIGRATIONS: tuple[tuple[Step, ...], ...] = (_V1, _V2, _V3)
SCHEMA_VERSION = len(MIGRATIONS)

# The tables every version since 1 has (later versions add more: `attempts` in v3); a
# database without them, or a version-0 one that holds other objects, belongs to
# someone else.
TABLES = ("settings", "people", "documents", "drafts", "runs", "run_files")
