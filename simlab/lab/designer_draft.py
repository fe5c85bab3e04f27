"""The designer's draft: what the trainee typed and has not saved, kept in the workspace's
drafts (one per scenario and care model) as they type, and offered back when the same
model is opened again. Nothing typed is lost when the trainee switches model, leaves the
designer or the app closes; saving the model discards its draft."""

from __future__ import annotations

from simlab.lab import workdocs
from simlab.lab.designer import Opened

PREFIX = "designer"


def key(opened: Opened) -> str:
    """The draft's key: the scenario and the model it edits (a workspace may hold one
    draft for each model of each scenario)."""
    return f"{PREFIX}:{opened.scenario.key}:{opened.source.key}"


def text(data: dict) -> str:
    return workdocs.draft_text(data)


def restore(ws, opened: Opened) -> dict | None:
    """The draft of `opened`, if the workspace keeps one that differs from the model as
    saved; None otherwise (a draft that no longer parses, or is the model again, is
    dropped, never shown)."""
    data = workdocs.read_draft(ws, key(opened), opened.data)
    if data is None and ws is not None and ws.draft(key(opened)) is not None:
        ws.discard_draft(key(opened))
    return data
