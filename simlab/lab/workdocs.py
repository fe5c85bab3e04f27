"""Saving what a trainee edits in the app as a document of the workspace: the care model
of the designer and the operations plan of the plan editor alike. Save (a new version:
the older ones stay), «save as» with a free id, the draft of unsaved work offered back.

The rules are one: a shipped document is never written over (it needs a new id), «save
as» never takes the id of another document of the workspace, what is saved is checked to
load again. Only the words (a care model, an operations plan) and the checks differ: each
editor gives its `Kind` and its own validation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from simlab.errors import SimlabError
from simlab.lab import catalog
from simlab.lab.careform import Path_, get
from simlab.model.loader import load_text
from simlab.model.yamlio import dotted, dump, parse


class Opened(Protocol):
    """What an editor has open: `lab.designer.Opened`, `lab.planeditor.Opened`."""

    scenario: catalog.Source
    source: catalog.Source
    data: dict

    @property
    def shipped(self) -> bool: ...


@dataclass(frozen=True)
class Kind:
    """One kind of edited document: its catalogue kind, its schema and its words (each
    translated when called: the Italian of «un modello» and «un piano» differ)."""

    kind: str  # catalog's kind: "care" or "plan"
    schema: type
    header: Callable[[], str]  # the YAML's first line, a comment
    not_saved: Callable[[], str]  # "… {error}"
    shipped_id: Callable[[], str]  # "… {id} …": the id is a shipped document's
    taken_id: Callable[[], str]  # "… {id} …": another document of the workspace has it

    @property
    def doc_kind(self) -> str:
        return catalog.DOC_KIND[self.kind]


def shipped_ids(kind: str = "care") -> set[str]:
    """The ids of the shipped care models (or plans: `kind` "plan")."""
    ids = set()
    for path in catalog.scenario_files():
        companion = catalog.companion(path, kind)
        if companion.is_file():
            ids.add(catalog.file_source(kind, companion).id)
    return ids


def describe(error: tuple[Path_, str]) -> str:
    path, message = error
    return f"{dotted(path)}: {message}" if path else message


def to_yaml(kind: Kind, data: dict) -> str:
    return kind.header() + "\n" + dump(data)


def save(ws, kind: Kind, opened: Opened, data: dict,
         validate: Callable[[dict], tuple[Any, list[tuple[Path_, str]]]],
         new_id: str | None = None, person_id: int | None = None, *,
         existing: set[str] = frozenset(), draft_key: str | None = None) -> catalog.Source:
    """Save `data` (with `new_id`: «save as») as a document of the workspace; `validate`
    gives the model, or None and the errors; `existing` adds ids the workspace holds
    beside its documents; `draft_key`, a draft the save makes stale."""
    if new_id is not None:
        data = {**data, "id": new_id.strip()}
    model, errors = validate(data)
    if model is None:
        path, message = errors[0]
        raise SimlabError(kind.not_saved().format(error=describe((path, message))),
                          key=dotted(path) or None)
    doc_id = model.id
    if doc_id in shipped_ids(kind.kind):
        raise SimlabError(kind.shipped_id().format(id=doc_id), key="id")
    editing = opened.source.id if not opened.shipped else None
    taken = set(existing) | {doc.doc_id for doc in ws.documents(kind.doc_kind)}
    if new_id is not None and doc_id in taken and doc_id != editing:
        raise SimlabError(kind.taken_id().format(id=doc_id), key="id")
    text = to_yaml(kind, data)
    where = f"workspace:{kind.doc_kind}/{doc_id}"
    load_text(kind.schema, text, where)  # what is saved loads
    ws.save_document(kind.doc_kind, doc_id, text, person_id=person_id)
    if draft_key is not None:
        ws.discard_draft(draft_key)
    doc = ws.document(kind.doc_kind, doc_id)
    return catalog.Source(f"ws:{doc_id}", catalog.WORKSPACE_ORIGIN, doc.text,
                          f"{where} v{doc.version}", model)


def suggested_id(kind: Kind, opened: Opened, ws) -> str:
    """A free id for «save as»: the document's id with «-mio» (and a number if taken)."""
    taken = shipped_ids(kind.kind) | {doc.doc_id for doc in ws.documents(kind.doc_kind)}
    base = str(get(opened.data, ("id",), "") or opened.scenario.id)[:56]
    candidate, n = f"{base}-mio", 2
    while candidate in taken:
        candidate, n = f"{base}-mio-{n}", n + 1
    return candidate


# --- drafts: nothing typed is lost ------------------------------------------------------


def draft_text(data: dict) -> str:
    return dump(data)


def read_draft(ws, key: str, saved: dict) -> dict | None:
    """The unsaved work kept under `key`, when there is some that reads as a mapping and
    differs from `saved` (the document as saved); None otherwise."""
    if ws is None:
        return None
    text = ws.draft(key)
    if not text:
        return None
    try:
        data, _lines = parse(text, f"workspace:draft/{key}")
    except SimlabError:
        return None  # a draft that no longer reads is not worth an error
    if not isinstance(data, dict) or data == saved:
        return None
    return data
