"""Debounced autosave of what a user types into the workspace's drafts."""

from __future__ import annotations

from textual.timer import Timer
from textual.widget import Widget

from simlab.errors import SimlabError

DELAY_S = 0.4


class Autosave:
    """`schedule(text)` as the user types: the text is saved once typing pauses, and at
    the latest when the widget goes away. `discard()` once the work is saved for real."""

    def __init__(self, owner: Widget, key: str) -> None:
        self.owner = owner
        self.key = key
        self._pending: str | None = None
        self._timer: Timer | None = None
        # The app flushes every pending draft before it closes the workspace.
        owner.app.autosaves.add(self)

    def schedule(self, text: str) -> None:
        self._pending = text
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.owner.set_timer(DELAY_S, self.flush)

    def flush(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._pending is None:
            return
        text, self._pending = self._pending, None
        ws = self.owner.app.ws
        if ws is None:
            return
        try:
            ws.autosave(self.key, text)
        except SimlabError as e:
            self.owner.app.show_error(e)

    def close(self) -> None:
        """The owner goes away: save what is pending now."""
        self.flush()
        self.owner.app.autosaves.discard(self)

    def discard(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._pending = None
        ws = self.owner.app.ws
        if ws is not None:
            ws.discard_draft(self.key)
