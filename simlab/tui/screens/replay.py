"""Replay (y): a stored run is simulated again from its stored inputs in a worker, with
progress, and the lab says whether every file came out identical, and which did not
(`lab.replay`, the same call as `simlab runs replay ID`)."""

from __future__ import annotations

import threading

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Label, ProgressBar, Static

from simlab.engine import Cancelled
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.tui.screens.base import LabModal


class ReplayProgress(Message):
    def __init__(self, fraction: float) -> None:
        super().__init__()
        self.fraction = fraction


class ReplayDone(Message):
    """`report` is a `lab.replay.ReplayReport`; `error` a SimlabError; both None: stopped."""

    def __init__(self, report=None, error: SimlabError | None = None) -> None:
        super().__init__()
        self.report, self.error = report, error


def replay_binding(show: bool = True) -> Binding:
    return Binding("y", "replay", _("Replay"), show=show,
                   tooltip=_("Replay the run and check that every file is identical"))


def verdict(report) -> tuple[str, bool]:
    """What the replay proved, in words, and whether it is good news."""
    lines = []
    if report.damaged:
        lines.append(_("The stored files of run {id} are damaged:").format(id=report.run_id))
        lines += [f"  - {p}" for p in report.damaged]
    if report.identical:
        lines.append(_("✓ Run {id} replayed: every file is identical.").format(id=report.run_id))
    else:
        lines.append(_("✗ Run {id} replayed with different results:").format(id=report.run_id))
        lines += [f"  - {name}" for name in report.different]
    return "\n".join(lines), report.identical and not report.damaged


class ReplayScreen(LabModal):
    def __init__(self, run_id: str) -> None:
        super().__init__()
        self.run_id = run_id
        self.stop = threading.Event()
        self.finished = False
        self.report = None

    @classmethod
    def keys(cls) -> list[Binding]:
        return [Binding("escape", "close", _("Close"))]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="replay-dialog"):
            yield Label(_("Replay of run {id}").format(id=self.run_id), classes="panel-title")
            yield Static(_("The run is simulated again from its stored inputs (scenario, care "
                           "model, plan, seed, days); then every file is compared with the "
                           "stored one."))
            yield ProgressBar(total=1.0, show_eta=False, id="replay-progress")
            yield Static(_("Replaying…"), id="replay-verdict")
            with Horizontal(classes="buttons"):
                yield Button(_("Close"), id="replay-close", variant="primary")

    def on_mount(self) -> None:
        self.replay(self.app.ws, self.run_id)

    @work(thread=True, exclusive=True, group="replay")
    def replay(self, ws, run_id: str) -> None:
        from simlab.lab.replay import replay

        shown = [0.0]

        def progress(view) -> bool:
            if view.fraction - shown[0] >= 0.01 or view.fraction >= 1.0:
                shown[0] = view.fraction
                self.post_message(ReplayProgress(view.fraction))
            return not self.stop.is_set()

        try:
            report = replay(ws, run_id, progress)
        except Cancelled:
            self.post_message(ReplayDone())
            return
        except SimlabError as e:
            self.post_message(ReplayDone(error=e))
            return
        self.post_message(ReplayDone(report))

    def on_replay_progress(self, message: ReplayProgress) -> None:
        self.query_one("#replay-progress", ProgressBar).update(progress=message.fraction)

    def on_replay_done(self, message: ReplayDone) -> None:
        self.finished = True
        self.report = message.report
        text = self.query_one("#replay-verdict", Static)
        if message.error is not None:
            text.update(str(message.error))
            text.add_class("error")
            return
        if message.report is None:
            text.update(_("Replay stopped."))
            return
        self.query_one("#replay-progress", ProgressBar).update(progress=1.0)
        words, good = verdict(message.report)
        text.update(words)
        text.add_class("ok" if good else "error")
        self.query_one("#replay-close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_close()

    def action_close(self) -> None:
        self.stop.set()  # a replay still running stops at the engine's next callback
        self.dismiss(self.report)
