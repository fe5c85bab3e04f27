"""People (trainees, instructors, examiners) and the small settings table."""

from __future__ import annotations

import sqlite3

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.store.db import now, transaction
from simlab.store.records import ROLES, Person

MAX_NAME = 100
CURRENT_PERSON_KEY = "current_person_id"


def add_person(conn: sqlite3.Connection, name: str, role: str) -> int:
    clean = " ".join(str(name).split())  # collapse spaces so "Anna  Rossi" == "Anna Rossi"
    if not clean:
        raise SimlabError(_("The name cannot be empty."), key="name")
    if len(clean) > MAX_NAME:
        raise SimlabError(
            _("The name is too long ({n} characters, at most {max}).").format(
                n=len(clean), max=MAX_NAME), key="name")
    if role not in ROLES:
        raise SimlabError(
            _("Unknown role «{role}»; allowed: {allowed}.").format(
                role=role, allowed=", ".join(ROLES)), key="role")
    with transaction(conn):
        # Checked inside the transaction so two instances cannot both add the same name.
        clash = conn.execute(
            "SELECT id FROM people WHERE lower(name) = lower(?) AND role = ?", (clean, role)
        ).fetchone()
        if clash:
            raise SimlabError(
                _("There is already a person called «{name}» with this role.").format(
                    name=clean), key="name")
        cur = conn.execute(
            "INSERT INTO people (name, role, created_at) VALUES (?, ?, ?)", (clean, role, now())
        )
    return int(cur.lastrowid)


def _person(row: tuple) -> Person:
    return Person(id=row[0], name=row[1], role=row[2], created_at=row[3])


def people(conn: sqlite3.Connection) -> list[Person]:
    rows = conn.execute("SELECT id, name, role, created_at FROM people ORDER BY id")
    return [_person(r) for r in rows]


def person(conn: sqlite3.Connection, person_id: int) -> Person | None:
    row = conn.execute(
        "SELECT id, name, role, created_at FROM people WHERE id = ?", (person_id,)
    ).fetchone()
    return _person(row) if row else None


def require_person(conn: sqlite3.Connection, person_id: int | None) -> None:
    """Refuse an unknown person id with a user message (not a foreign-key traceback)."""
    if person_id is None:
        return
    if isinstance(person_id, bool) or not isinstance(person_id, int) or not person(
        conn, person_id
    ):
        raise SimlabError(
            _("Unknown person {id}.").format(id=person_id), key="person_id")


def get_setting(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_setting(conn: sqlite3.Connection, key: str, value: str | None) -> None:
    with transaction(conn):
        if value is None:
            conn.execute("DELETE FROM settings WHERE key = ?", (key,))
        else:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )


def set_current_person(conn: sqlite3.Connection, person_id: int | None) -> None:
    require_person(conn, person_id)
    set_setting(conn, CURRENT_PERSON_KEY, None if person_id is None else str(person_id))


def current_person(conn: sqlite3.Connection) -> Person | None:
    value = get_setting(conn, CURRENT_PERSON_KEY)
    return person(conn, int(value)) if value and value.isdigit() else None
