"""Messages a run's worker posts to its screen (from the worker thread: `post_message`
is thread-safe). Tests assert on them, not only on what is painted."""

from __future__ import annotations

from textual.message import Message

from simlab.errors import SimlabError
from simlab.lab.liverun import LiveState


class RunUpdate(Message):
    def __init__(self, state: LiveState) -> None:
        super().__init__()
        self.state = state


class RunPhase(Message):
    """The run moved on: "summarising" (KPIs after the last contact) or "saving"."""

    def __init__(self, phase: str) -> None:
        super().__init__()
        self.phase = phase


class RunDone(Message):
    def __init__(self, view, save_error: SimlabError | None = None) -> None:
        super().__init__()
        self.view = view  # runview.RunView
        self.save_error = save_error


class RunCancelled(Message):
    pass


class RunFailed(Message):
    def __init__(self, error: SimlabError) -> None:
        super().__init__()
        self.error = error


class ViewLoaded(Message):
    """A stored run was read back (for the results screen)."""

    def __init__(self, view=None, error: SimlabError | None = None) -> None:
        super().__init__()
        self.view = view
        self.error = error
