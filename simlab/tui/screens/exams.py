"""Prove d'esame (examiner): create the packs from a template and a candidates file,
see who has submitted in a folder, grade, and read the grade sheet. Thin: every step
is `lab.exam_create`'s or `lab.exam_grade`'s."""

from __future__ import annotations

from pathlib import Path

from rich.markup import escape
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, DataTable, Input, Label, Select, Static

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.tui.screens.base import LabScreen


def _row(label: str, field: Input) -> Horizontal:
    return Horizontal(Label(label, classes="field-label"), field, classes="row")


class ExamsScreen(LabScreen):
    def screen_title(self) -> str:
        return _("Exams")

    def body(self) -> ComposeResult:
        with VerticalScroll(id="exams-body"):
            with Vertical(classes="panel", id="exams-create"):
                yield Label(_("Create the packs"), classes="panel-title")
                with Horizontal(classes="row"):
                    yield Label(_("Template"), classes="field-label")
                    yield Select([], prompt=_("Choose…"), id="exams-template", compact=True)
                yield _row(_("Candidates"), Input(id="exams-candidates", compact=True,
                                                  placeholder="candidati.csv"))
                yield _row(_("Folder"), Input(id="exams-out", compact=True))
                with Horizontal(classes="buttons"):
                    yield Button(_("Create"), id="exams-create-button", variant="primary")
                    yield Checkbox(_("one .zip per candidate"), id="exams-zip", compact=True)
            with Vertical(classes="panel", id="exams-grade"):
                yield Label(_("Monitor and grade"), classes="panel-title")
                yield _row(_("Examiner's key"), Input(id="exams-key", compact=True,
                                           placeholder="chiave-esaminatore.json"))
                yield _row(_("Submissions"), Input(id="exams-submissions", compact=True))
                yield _row(_("Grades"), Input(id="exams-grades", compact=True))
                with Horizontal(classes="buttons"):
                    yield Button(_("Who has submitted"), id="exams-monitor")
                    yield Button(_("Grade"), id="exams-grade-button", variant="primary")
                    yield Button(_("Grade sheet"), id="exams-sheet")
            yield Static("", id="exams-message")
            yield DataTable(id="exams-table", zebra_stripes=True)

    def on_mount(self) -> None:
        from simlab.exam.template import load_templates

        try:
            templates = load_templates()
        except SimlabError as e:
            self._say(str(e), error=True)
            templates = []
        self.query_one("#exams-template", Select).set_options(
            [(f"{t.id} — {t.template.title}", t.id) for t in templates])
        root = Path(self.app.ws.root) if getattr(self.app, "ws", None) else Path.cwd()
        self.query_one("#exams-out", Input).value = str(root / "esami" / "pacchetti")
        self.query_one("#exams-grades", Input).value = str(root / "esami" / "voti")

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value.strip()

    def _say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#exams-message", Static)
        message.set_class(error, "error")
        message.update(escape(text))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        actions = {"exams-create-button": self._create, "exams-monitor": self._monitor,
                   "exams-grade-button": self._grade, "exams-sheet": self._sheet}
        action = actions.get(event.button.id or "")
        if action is not None:
            action()

    def _create(self) -> None:
        from simlab.lab import exam_create

        template = self.query_one("#exams-template", Select).value
        if template is Select.BLANK:
            self._say(_("Choose a template."), error=True)
            return
        try:
            made = exam_create.create(str(template), Path(self._value("exams-candidates")),
                                      Path(self._value("exams-out")), None,
                                      self.query_one("#exams-zip", Checkbox).value)
        except SimlabError as e:
            self._say(str(e), error=True)
            return
        self.query_one("#exams-key", Input).value = str(made.key_path)
        self._say(_("{n} packs written; the examiner's key is {path}: keep it apart.").format(
            n=len(made.packs), path=made.key_path))

    def _monitor(self) -> None:
        from simlab.lab import exam_grade

        try:
            rows = exam_grade.monitor(Path(self._value("exams-key")),
                                      Path(self._value("exams-submissions")))
        except SimlabError as e:
            self._say(str(e), error=True)
            return
        table = self.query_one("#exams-table", DataTable)
        table.clear(columns=True)
        table.add_columns(_("Candidate"), _("Name"), _("Submitted"))
        for ident, name, done in rows:
            table.add_row(ident, name, _("yes") if done else _("no"))
        self._say(_("Submitted: {done} of {n}.").format(
            done=sum(1 for r in rows if r[2]), n=len(rows)))

    def _grade(self) -> None:
        self._say(_("Grading…"))
        self._grade_worker(Path(self._value("exams-key")), Path(self._value("exams-submissions")),
                           Path(self._value("exams-grades")))

    @work(thread=True, exclusive=True, group="exam-grade")
    def _grade_worker(self, key: Path, submissions: Path, out: Path) -> None:
        from simlab.lab import exam_grade

        try:
            exam_grade.grade(key, submissions, out)
        except SimlabError as e:
            self.app.call_from_thread(self._say, str(e), error=True)
            return
        self.app.call_from_thread(self._sheet)

    def _sheet(self) -> None:
        from simlab.exam import grading
        from simlab.lab import exam_grade
        from simlab.reports.csvfile import frame_text

        folder = Path(self._value("exams-grades"))
        try:
            record, overrides = exam_grade.load_grades(folder)
        except SimlabError as e:
            self._say(str(e), error=True)
            return
        frame = frame_text(grading.sheet(record, overrides))
        table = self.query_one("#exams-table", DataTable)
        table.clear(columns=True)
        table.add_columns(*map(str, frame.columns))
        for row in frame.itertuples(index=False):
            table.add_row(*(str(v) for v in row))
        self._say(_("Grade sheet: {path}").format(path=folder / exam_grade.SHEET_XLSX))
