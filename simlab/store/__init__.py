"""The workspace where users' work is kept: `simlab.db` (SQLite, WAL) plus `runs/<id>/`.

Layer rule: imports only the standard library (sqlite3 included), pyarrow, and
`simlab.errors` / `simlab.i18n`; never prints.
"""

from simlab.store.atomic import file_sha256, write_bytes_atomic, write_text_atomic
from simlab.store.errors import WorkspaceError
from simlab.store.paths import ENV_VAR, resolve_workspace, suggest_new_location
from simlab.store.records import (
    ATTEMPT_STATUSES,
    DOCUMENT_KINDS,
    ROLES,
    Attempt,
    Document,
    Person,
    ReplayResult,
    RunRecord,
)
from simlab.store.runs import RunWriter
from simlab.store.workspace import Workspace

__all__ = [
    "ATTEMPT_STATUSES",
    "Attempt",
    "DOCUMENT_KINDS",
    "ENV_VAR",
    "ROLES",
    "Document",
    "Person",
    "ReplayResult",
    "RunRecord",
    "RunWriter",
    "Workspace",
    "WorkspaceError",
    "file_sha256",
    "resolve_workspace",
    "suggest_new_location",
    "write_bytes_atomic",
    "write_text_atomic",
]
