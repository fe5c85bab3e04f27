"""Autosave: the text a user is typing, one row per key, one transaction per save.

The TUI calls `autosave` as the user types (debounced) and `discard_draft` once the
document is saved for real; after a crash `draft_keys` says what can be restored.
"""

from __future__ import annotations

import sqlite3

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.store.db import now, transaction
from simlab.store.documents import check_text

MAX_KEY = 200


def _check_key(key: str) -> None:
    if not isinstance(key, str) or not key or len(key) > MAX_KEY:
        raise SimlabError(_("Invalid draft key."), key="key")


def autosave(conn: sqlite3.Connection, key: str, text: str) -> None:
    _check_key(key)
    check_text(text, "text")
    with transaction(conn):
        conn.execute(
            "INSERT INTO drafts (key, text, saved_at) VALUES (?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET text = excluded.text, saved_at = excluded.saved_at",
            (key, text, now()),
        )


def draft(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT text FROM drafts WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def discard_draft(conn: sqlite3.Connection, key: str) -> None:
    with transaction(conn):
        conn.execute("DELETE FROM drafts WHERE key = ?", (key,))


def draft_keys(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT key FROM drafts ORDER BY key")]
