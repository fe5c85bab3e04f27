"""Attempts at the exercises: one row per attempt, each change one transaction.

An attempt is `started`, becomes `checked` each time the trainee asks for feedback (the
last report, points, run and file hashes replace the previous ones) and `submitted`
once handed in; a submitted attempt never changes again. Starting an exercise whose
last attempt is submitted opens a new attempt: the old one stays as it was handed in.
"""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.store.db import now, transaction
from simlab.store.people import require_person
from simlab.store.records import Attempt
from simlab.store.runs import canonical_json

_COLUMNS = ("id, person_id, exercise_id, status, started_at, checked_at, submitted_at, "
            "points, max_points, report, run_id, files")
_EXERCISE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def _attempt(row: tuple) -> Attempt:
    return Attempt(
        id=row[0], person_id=row[1], exercise_id=row[2], status=row[3], started_at=row[4],
        checked_at=row[5], submitted_at=row[6], points=row[7], max_points=row[8],
        report=json.loads(row[9]) if row[9] else {}, run_id=row[10],
        files=json.loads(row[11]) if row[11] else {})


def _check_ids(conn: sqlite3.Connection, person_id: int, exercise_id: str) -> None:
    if person_id is None:
        raise SimlabError(_("Choose a person first (who is doing the exercise)."),
                          key="person_id")
    require_person(conn, person_id)
    if not isinstance(exercise_id, str) or not _EXERCISE_ID.match(exercise_id):
        raise SimlabError(_("Invalid exercise id «{id}».").format(id=exercise_id),
                          key="exercise_id")


def latest(conn: sqlite3.Connection, person_id: int, exercise_id: str) -> Attempt | None:
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM attempts WHERE person_id = ? AND exercise_id = ? "
        "ORDER BY id DESC LIMIT 1", (person_id, exercise_id)).fetchone()
    return _attempt(row) if row else None


def attempts(conn: sqlite3.Connection, person_id: int | None = None) -> list[Attempt]:
    """Every attempt (of one person), oldest first."""
    if person_id is None:
        rows = conn.execute(f"SELECT {_COLUMNS} FROM attempts ORDER BY id")
    else:
        rows = conn.execute(f"SELECT {_COLUMNS} FROM attempts WHERE person_id = ? ORDER BY id",
                            (person_id,))
    return [_attempt(r) for r in rows]


def start(conn: sqlite3.Connection, person_id: int, exercise_id: str) -> Attempt:
    """The open attempt of this person at this exercise, or a new one."""
    _check_ids(conn, person_id, exercise_id)
    with transaction(conn):
        found = latest(conn, person_id, exercise_id)
        if found is not None and found.status != "submitted":
            return found
        cur = conn.execute(
            "INSERT INTO attempts (person_id, exercise_id, status, started_at) "
            "VALUES (?, ?, 'started', ?)", (person_id, exercise_id, now()))
        new_id = int(cur.lastrowid)
    return _by_id(conn, new_id)


def _by_id(conn: sqlite3.Connection, attempt_id: int) -> Attempt:
    row = conn.execute(f"SELECT {_COLUMNS} FROM attempts WHERE id = ?",
                       (attempt_id,)).fetchone()
    return _attempt(row)


def record_check(
    conn: sqlite3.Connection, person_id: int, exercise_id: str, *, points: float,
    max_points: float, report: dict[str, Any], run_id: str | None, files: dict[str, str],
    submit: bool = False,
) -> Attempt:
    """Keep a check's outcome on the open attempt (and hand it in when `submit`)."""
    _check_ids(conn, person_id, exercise_id)
    report_text, files_text = canonical_json(report), canonical_json(files)
    with transaction(conn):
        found = latest(conn, person_id, exercise_id)
        if found is None or found.status == "submitted":
            raise SimlabError(
                _("Exercise «{id}» is not started: start it first.").format(id=exercise_id),
                key="exercise_id")
        stamp = now()
        conn.execute(
            "UPDATE attempts SET status = ?, checked_at = ?, submitted_at = ?, points = ?, "
            "max_points = ?, report = ?, run_id = ?, files = ? WHERE id = ?",
            ("submitted" if submit else "checked", stamp, stamp if submit else None,
             float(points), float(max_points), report_text, run_id, files_text, found.id))
    return _by_id(conn, found.id)
