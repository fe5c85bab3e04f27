"""The app in exam mode (`simlab exam take PACK`): only the pack's tasks, a visible timer,
autosave of every answer and file, simulations where the exam allows them, and the submit
key. No workspace is opened: everything lives in the pack's working folder, offline.

The screen is thin: reading and writing the pack, simulating and submitting are
`lab.exam_take`'s.
"""

from __future__ import annotations

import time
from pathlib import Path

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Collapsible, Footer, Input, Label, Select, Static, TextArea

from simlab.errors import SimlabError
from simlab.i18n import _, language
from simlab.lab import exam_take, exam_tools

SAVE_EVERY_S = 5  # the timer's state; answers and files are saved at every change


def _text(value: dict) -> str:
    return (value.get("en") or value["it"]) if language() == "en" else value["it"]


def _clock(seconds: float) -> str:
    seconds = int(max(0, seconds))
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


class ExamApp(App[int]):
    CSS = """
    #timer { dock: top; height: 1; background: $boost; padding: 0 1; }
    #body { padding: 0 1; }
    .question { margin-top: 1; }
    TextArea { height: 12; }
    #tools { height: auto; margin-top: 1; }
    #result { margin-top: 1; }
    #top { height: auto; }
    #top Select { width: 1fr; }
    #queue-lab { margin-top: 1; }
    #queue-lab Input { width: 24; }
    #queue-lab .field-label { width: 38; margin: 0 1 0 0; }
    #queue-lab Horizontal { height: auto; }
    """
    TITLE = "simlab"

    def __init__(self, pack_path: Path) -> None:
        super().__init__()
        self.pack = exam_take.open_pack(pack_path)
        saved = exam_take.state(self.pack)
        self.elapsed = float(saved.get("elapsed_s", 0.0))
        ids = [t["id"] for t in self.pack.tasks]
        self.task_id = saved.get("task") if saved.get("task") in ids else ids[0]
        self._tick_at = time.monotonic()
        self._saved_at = self.elapsed
        self._loading = False

    BINDINGS = [
        Binding("i", "submit", _("Submit"), tooltip=_("Hand in the exam")),
        Binding("escape", "quit", _("Back"), tooltip=_("Close (your work is already saved)")),
        Binding("ctrl+q", "quit", _("Quit"), priority=True),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="timer")
        with VerticalScroll(id="body", can_focus=False):
            yield Label(_text(self.pack.exam["title"]) + " — "
                        + self.pack.exam["candidate"]["name"], classes="title")
            with Horizontal(id="top"):
                yield Select([(_text(t["title"]), t["id"]) for t in self.pack.tasks],
                             value=self.task_id, allow_blank=False, id="task")
                # «i» is a letter inside an answer: the button hands in from anywhere
                yield Button(_("Submit"), id="submit-button", variant="primary")
            yield VerticalScroll(id="task-body", can_focus=False)
        yield Footer()

    def on_mount(self) -> None:
        self._show_timer()
        self.set_interval(1, self._tick)
        self.call_after_refresh(self._show_task)

    # -- timer -----------------------------------------------------------------------------

    def _tick(self) -> None:
        if exam_take.is_closed(self.pack):
            return  # the clock stopped when the exam closed
        now = time.monotonic()
        self.elapsed += now - self._tick_at
        self._tick_at = now
        if exam_take.remaining_s(self.pack, self.elapsed) <= 0:
            self._close()
            return
        self._show_timer()
        if self.elapsed - self._saved_at >= SAVE_EVERY_S:  # not «% 5»: a late tick skips it
            self._save_state()

    def _close(self) -> None:
        """Time is up: the lab hands in what was saved and closes the work; the screen
        only stops taking input."""
        try:
            path = exam_take.close_on_time(self.pack, self.elapsed, self.task_id)
        except (SimlabError, OSError) as e:
            self.notify(str(e), title=_("Not submitted"), severity="error", timeout=30)
            return
        self._show_timer()
        self._lock()
        self.notify(_("Time is up: your work was handed in as last saved ({path}).").format(
            path=path), title=_("Exam closed"), timeout=30)

    def _lock(self) -> None:
        for widget in self.query("#task-body Input, #task-body TextArea, #task-body Button"):
            widget.disabled = True

    def _show_timer(self) -> None:
        left = exam_take.remaining_s(self.pack, self.elapsed)
        text = _("Time: {elapsed} elapsed, {left} left").format(
            elapsed=_clock(self.elapsed), left=_clock(left))
        if exam_take.is_closed(self.pack):
            text += " — " + _("time is up: the exam is closed and was handed in")
        self.query_one("#timer", Static).update(text)

    def _save_state(self) -> None:
        exam_take.save_state(self.pack, elapsed_s=self.elapsed, task=self.task_id)
        self._saved_at = self.elapsed

    # -- the task --------------------------------------------------------------------------

    async def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "task" and event.value != self.task_id:
            self.task_id = str(event.value)
            self._save_state()
            await self._show_task()

    async def _show_task(self) -> None:
        task = self.pack.task(self.task_id)
        body = self.query_one("#task-body", VerticalScroll)
        await body.remove_children()  # gone before the next task's widgets take their ids
        self._loading = True
        answers = exam_take.answers(self.pack)
        widgets = [Static(_text(task["brief"]))]
        for q in task["questions"]:
            widgets.append(Label(_text(q["text"]), classes="question"))
            widgets.append(Input(answers.get(q["id"], ""), id=f"q-{q['id']}"))
        for d in task["deliverables"]:
            if d["kind"] in ("plan", "care", "report"):
                widgets.append(Label(d["file"], classes="question"))
                widgets.append(TextArea(exam_take.read_file(self.pack, d["file"]),
                                        id=f"f-{d['file'].replace('.', '_')}"))
        if task["needs_run"] and "simulate" in self.pack.exam.get("tools", []):
            widgets.append(Horizontal(Button(_("Simulate"), id="simulate"), id="tools"))
            widgets.append(Static(id="result"))
        if exam_tools.queue_allowed(self.pack):
            widgets.append(self._queue_lab())
        await body.mount_all(widgets)
        self.call_after_refresh(self._loaded)

    def _queue_lab(self) -> Collapsible:
        """The queue lab's theory, the tool the exam allows beside the task."""
        rows = [Horizontal(Label(f.label, classes="field-label"),
                           Input(id=f"queue-{f.id}", compact=True)) for f in exam_tools.queue_fields()]
        return Collapsible(*rows, Button(_("Compute"), id="queue-compute"),
                           Static(id="queue-result"),
                           title=_("Queue lab (Erlang theory)"), collapsed=True, id="queue-lab")

    def _loaded(self) -> None:
        self._loading = False
        first = self.query("#task-body Input, #task-body TextArea")
        if first:
            first.first().focus()  # the candidate types at once, no hunting for the field
        if exam_take.is_closed(self.pack):
            self._lock()

    # -- autosave --------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._loading or not (event.input.id or "").startswith("q-"):
            return
        self._guard(exam_take.save_answer, self.pack, event.input.id[2:], event.value)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self._loading:
            return
        task = self.pack.task(self.task_id)
        for d in task["deliverables"]:
            if event.text_area.id == f"f-{d['file'].replace('.', '_')}":
                self._guard(exam_take.save_file, self.pack, d["file"], event.text_area.text)

    def _guard(self, action, *args) -> None:
        try:
            action(*args)
            self._save_state()
        except (SimlabError, OSError) as e:
            self.notify(str(e), title=_("Not saved"), severity="error", timeout=15)

    # -- simulate and submit ---------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "simulate":
            self.query_one("#result", Static).update(_("Simulating…"))
            self._simulate(self.task_id)
        elif event.button.id == "submit-button":
            self.action_submit()
        elif event.button.id == "queue-compute":
            typed = {f.id: self.query_one(f"#queue-{f.id}", Input).value
                     for f in exam_tools.queue_fields()}
            try:
                text = "\n".join(exam_tools.queue_theory(self.pack, typed))
            except SimlabError as e:
                text = str(e)
            self.query_one("#queue-result", Static).update(text)

    @work(thread=True, exclusive=True, group="exam-run")
    def _simulate(self, task_id: str) -> None:
        try:
            view = exam_take.simulate(self.pack, task_id)
            text = "\n".join(exam_tools.run_lines(view))
        except SimlabError as e:
            text = str(e)
        self.call_from_thread(self.query_one("#result", Static).update, text)

    def action_submit(self) -> None:
        if not exam_take.is_closed(self.pack):
            self._save_state()
        try:
            path = exam_take.submit(self.pack)
        except (SimlabError, OSError) as e:
            self.notify(str(e), title=_("Not submitted"), severity="error", timeout=15)
            return
        self.notify(_("Submission written: {path}").format(path=path), title=_("Submitted"),
                    timeout=15)

    async def action_quit(self) -> None:
        if not exam_take.is_closed(self.pack):
            self._save_state()
        self.exit(0)


def run_exam(pack_path: Path) -> int:
    app = ExamApp(pack_path)
    app.run()
    return app.return_code or 0
