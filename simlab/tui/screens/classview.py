"""The class (instructor; read-only for the examiner): trainees' workspaces imported,
the table per exercise (who, status, points, time), each trainee's coverage of the
abilities, their runs (Enter replays one and confirms it is identical), and the course
register exported as CSV or XLSX. The work is `lab.classroom`'s."""

from __future__ import annotations

from pathlib import Path

from rich.markup import escape
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Input, Label, Static

from simlab import fmt
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.lab import classroom
from simlab.reports import classroom as tables
from simlab.reports.runinfo import when
from simlab.tui.screens.base import LabScreen


class ClassScreen(LabScreen):
    def screen_title(self) -> str:
        return _("Class")

    def editable(self) -> bool:
        person = self.app.ws.current_person()
        return (person is not None and person.role == "instructor"
                and not self.app.ws.read_only)

    def body(self) -> ComposeResult:
        with VerticalScroll(id="class-body"):
            with Vertical(classes="panel", id="class-panel"):
                yield Label(_("The class per exercise"), classes="panel-title")
                yield Static("", id="class-facts")
                yield DataTable(id="class-table", cursor_type="row", zebra_stripes=True)
                yield Label(_("Abilities practised"), classes="panel-title")
                yield DataTable(id="class-coverage", cursor_type="row", zebra_stripes=True)
                yield Label(_("Trainees' runs (Enter replays one and compares)"),
                            classes="panel-title")
                yield DataTable(id="class-runs", cursor_type="row", zebra_stripes=True)
                yield Static("", id="class-replay")
            with Vertical(classes="panel", id="class-import"):
                yield Label(_("Import the trainees' workspaces"), classes="panel-title")
                yield Static(_("Folders (or .zip files) separated by «;»: each trainee's "
                               "simlab-workspace."), classes="hint")
                with Horizontal(classes="row"):
                    yield Input(id="class-folders", compact=True,
                                placeholder=_("e.g. /media/usb/anna; /media/usb/ciro"))
                    yield Button(_("Import"), id="class-import-go", variant="primary")
            with Vertical(classes="panel", id="class-export"):
                yield Label(_("Course register"), classes="panel-title")
                with Horizontal(classes="row"):
                    yield Label(_("File"), classes="field-label")
                    yield Input(id="class-file", compact=True)
                with Horizontal(classes="buttons"):
                    yield Button(_("Export as XLSX"), id="class-xlsx", variant="primary")
                    yield Button(_("Export as CSV"), id="class-csv")
                yield Label("", id="class-error", classes="error")

    def on_mount(self) -> None:
        self.query_one("#class-table", DataTable).add_columns(
            _("Exercise"), _("Trainee"), _("Status"), _("Points"), _("Time (min)"))
        self.query_one("#class-runs", DataTable).add_columns(
            _("Trainee"), _("Run"), _("Label"), _("Date"), _("Scenario"), _("Seed"))
        self.query_one("#class-file", Input).value = str(Path(self.app.ws.root) /
                                                         "registro.xlsx")
        self.query_one("#class-import").display = self.editable()
        self.show()

    def show(self) -> None:
        found, problems = classroom.members(self.app.ws)
        self.found = found
        for problem in problems:
            self.app.notify(problem, severity="error", timeout=10)
        facts = self.query_one("#class-facts", Static)
        if not found:
            facts.update(_("The class is empty: import the trainees' workspaces (the "
                           "instructor does it, here or with «simlab class import DIR…»)."))
        else:
            facts.update(_("Trainees: {names}").format(
                names=escape(", ".join(m.name for m in found))))
        rows = classroom.register(found)
        table = self.query_one("#class-table", DataTable)
        table.clear()
        for ex_id, ex_rows in classroom.by_exercise(rows).items():
            for i, r in enumerate(ex_rows):
                table.add_row(ex_id if i == 0 else "", r.trainee, tables.status_name(r.status),
                              "" if r.points is None else
                              f"{fmt.number(r.points, 1)} / {fmt.number(r.max_points, 1)}",
                              "" if r.minutes is None else fmt.number(r.minutes),
                              key=f"{ex_id}/{r.key}")
        grid = tables.coverage_grid(classroom.coverage(found))
        cover = self.query_one("#class-coverage", DataTable)
        cover.clear(columns=True)
        cover.add_columns(*grid.headers)
        for row, key in zip(grid.rows, grid.keys, strict=True):
            cover.add_row(*row, key=key)
        runs = self.query_one("#class-runs", DataTable)
        runs.clear()
        for m in found:
            for r in m.runs:
                runs.add_row(m.name, r.id, r.label, when(r.created_at), r.scenario_id or "",
                             "" if r.seed is None else str(r.seed), key=f"{m.key}/{r.id}")

    # -- import, replay, export -------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button = event.button.id
        if button == "class-import-go":
            self.start_import()
        elif button in ("class-xlsx", "class-csv"):
            self.export(button.removeprefix("class-"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "class-folders":
            self.start_import()

    def start_import(self) -> None:
        if not self.editable():
            return
        text = self.query_one("#class-folders", Input).value
        paths = [Path(p.strip()).expanduser() for p in text.split(";") if p.strip()]
        if not paths:
            self.app.notify(_("Write the folders to import."), severity="warning")
            return
        self.query_one("#class-import-go", Button).disabled = True
        self.import_worker(paths)

    @work(thread=True, exclusive=True, group="class-import")
    def import_worker(self, paths: list[Path]) -> None:
        try:
            report = classroom.import_sources(self.app.ws, paths)
        except SimlabError as e:
            self.app.call_from_thread(self.import_done, None, e)
            return
        self.app.call_from_thread(self.import_done, report, None)

    def import_done(self, report, error: SimlabError | None) -> None:
        self.query_one("#class-import-go", Button).disabled = False
        if error is not None:
            self.app.show_error(error)
            return
        for problem in report.problems:
            self.app.notify(str(problem), title=_("Not imported"), severity="error",
                            timeout=15)
        self.app.notify(report.summary(), title=_("Class"))
        self.show()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id != "class-runs":
            return
        key, _sep, run_id = str(event.row_key.value).partition("/")
        self.query_one("#class-replay", Static).update(
            _("Replaying run {id}…").format(id=run_id))
        self.replay_worker(key, run_id)

    @work(thread=True, exclusive=True, group="class-replay")
    def replay_worker(self, key: str, run_id: str) -> None:
        try:
            result = classroom.replay_run(self.app.ws, key, run_id)
        except SimlabError as e:
            text = f"✗ {escape(str(e))}"
        else:
            text = (_("✓ Run {id} replayed: every file is identical.").format(id=run_id)
                    if result.ok else
                    _("✗ Run {id} replayed with different results:").format(id=run_id)
                    + " " + ", ".join(result.mismatches))
        self.app.call_from_thread(self.query_one("#class-replay", Static).update, text)

    def export(self, fmt_name: str) -> None:
        text = self.query_one("#class-file", Input).value.strip()
        error = self.query_one("#class-error", Label)
        if not text:
            error.update(_("Write the file to use."))
            return
        path = Path(text).expanduser().with_suffix(f".{fmt_name}")
        try:
            written = classroom.export(self.app.ws, path, fmt_name)
        except SimlabError as e:
            error.update(escape(str(e)))
            return
        error.update("")
        self.query_one("#class-file", Input).value = str(written)
        self.app.notify(_("Saved as {path}").format(path=written), title=_("Course register"))
