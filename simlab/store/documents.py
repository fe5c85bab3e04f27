"""Documents users save (scenarios, care models, plans), every version kept.

A save never overwrites: each one adds a row with the next version number, allocated
inside the write transaction so two instances cannot take the same number. Saving the
same text as the latest version adds nothing (autosave-like repeated saves would
otherwise bury the history under identical copies).
"""

from __future__ import annotations

import difflib
import sqlite3

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.store.atomic import text_sha256
from simlab.store.db import now, transaction
from simlab.store.people import require_person
from simlab.store.records import DOCUMENT_KINDS, Document

MAX_DOC_ID = 200
_COLUMNS = "kind, doc_id, version, text, sha256, saved_at, person_id"


def check_kind(kind: str) -> None:
    if kind not in DOCUMENT_KINDS:
        raise SimlabError(
            _("Unknown document kind «{kind}»; allowed: {allowed}.").format(
                kind=kind, allowed=", ".join(DOCUMENT_KINDS)), key="kind")


def check_doc_id(doc_id: str) -> None:
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise SimlabError(_("The document name cannot be empty."), key="doc_id")
    if len(doc_id) > MAX_DOC_ID or any(ord(c) < 32 for c in doc_id):
        raise SimlabError(
            _("The document name «{name}» is too long or holds control characters.").format(
                name=doc_id[:40]), key="doc_id")


def check_text(text: str, key: str) -> None:
    if not isinstance(text, str):
        raise TypeError(f"{key} must be str, not {type(text).__name__}")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # lone surrogates from a bad paste
        raise SimlabError(_("The text holds characters that cannot be saved."), key=key) from exc


def _document(row: tuple) -> Document:
    return Document(kind=row[0], doc_id=row[1], version=row[2], text=row[3], sha256=row[4],
                    saved_at=row[5], person_id=row[6])


def save_document(
    conn: sqlite3.Connection, kind: str, doc_id: str, text: str, person_id: int | None
) -> tuple[str, int]:
    """Save a new version; return its (sha256, version)."""
    check_kind(kind)
    check_doc_id(doc_id)
    check_text(text, "text")
    digest = text_sha256(text)
    with transaction(conn):
        require_person(conn, person_id)
        latest = conn.execute(
            "SELECT version, sha256 FROM documents WHERE kind = ? AND doc_id = ? "
            "ORDER BY version DESC LIMIT 1", (kind, doc_id)).fetchone()
        if latest and latest[1] == digest:
            return digest, latest[0]
        version = latest[0] + 1 if latest else 1
        conn.execute(
            f"INSERT INTO documents ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (kind, doc_id, version, text, digest, now(), person_id),
        )
    return digest, version


def document(
    conn: sqlite3.Connection, kind: str, doc_id: str, version: int | None = None
) -> Document:
    check_kind(kind)
    if version is None:
        row = conn.execute(
            f"SELECT {_COLUMNS} FROM documents WHERE kind = ? AND doc_id = ? "
            "ORDER BY version DESC LIMIT 1", (kind, doc_id)).fetchone()
    else:
        row = conn.execute(
            f"SELECT {_COLUMNS} FROM documents WHERE kind = ? AND doc_id = ? AND version = ?",
            (kind, doc_id, version)).fetchone()
    if row:
        return _document(row)
    known = [r[0] for r in conn.execute(
        "SELECT DISTINCT doc_id FROM documents WHERE kind = ? ORDER BY doc_id", (kind,))]
    if doc_id in known:
        versions = [r[0] for r in conn.execute(
            "SELECT version FROM documents WHERE kind = ? AND doc_id = ? ORDER BY version",
            (kind, doc_id))]
        raise SimlabError(
            _("«{name}» has no version {version}; saved versions: {versions}.").format(
                name=doc_id, version=version, versions=", ".join(map(str, versions))),
            key="version")
    hint = difflib.get_close_matches(doc_id, known, n=5) or known[:10]
    message = _("No saved document «{name}».").format(name=doc_id)
    if hint:
        message += " " + _("Saved ones include: {names}.").format(names=", ".join(hint))
    raise SimlabError(message, key="doc_id")


def documents(conn: sqlite3.Connection, kind: str) -> list[Document]:
    """The latest version of each document of `kind`, sorted by name."""
    check_kind(kind)
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM documents AS d WHERE kind = ? AND version = "
        "(SELECT MAX(version) FROM documents WHERE kind = d.kind AND doc_id = d.doc_id) "
        "ORDER BY doc_id", (kind,))
    return [_document(r) for r in rows]


def versions(conn: sqlite3.Connection, kind: str, doc_id: str) -> list[Document]:
    """Every saved version of one document, oldest first."""
    check_kind(kind)
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM documents WHERE kind = ? AND doc_id = ? ORDER BY version",
        (kind, doc_id))
    return [_document(r) for r in rows]
