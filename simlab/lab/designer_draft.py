"""The designer's draft: what the trainee typed and has not saved, kept in the workspace's
drafts (one per scenario and care model) as they type, and offered back when the same
model is opened again. Nothing typed is lost when the trainee switches model, leaves the
designer or the app closes; saving the model discards its draft."""

from __future__ import annotations

from simlab.errors import SimlabError
from simlab.lab.designer import Opened
from simlab.model.yamlio import dump, parse

PREFIX = "designer"


def key(opened: Opened) -> str:
    """The draft's key: the scenario and the model it edits (a workspace may hold one
    draft for each model of each scenario)."""
    return f"{PREFIX}:{opened.scenario.key}:{opened.source.key}"


def text(data: dict) -> str:
    return dump(data)


def restore(ws, opened: Opened) -> dict | None:
    """The draft of `opened`, if the workspace keeps one that differs from the model as
    saved; None otherwise (a draft that no longer parses is dropped, never shown)."""
    if ws is None:
        return None
    kept = ws.draft(key(opened))
    if kept is None:
        return None
    try:
        data, _lines = parse(kept, key(opened))
    except SimlabError:
        ws.discard_draft(key(opened))
        return None
    if not isinstance(data, dict) or data == opened.data:
        ws.discard_draft(key(opened))
        return None
    return data
