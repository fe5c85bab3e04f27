"""The portfolio: the 23 abilities of the standard (practised, partly, not yet) with the
exercises behind each, hours spent and points; exported as a self-contained HTML page or
an XLSX workbook (`reports.portfolio`). The rules are `curriculum.portfolio`'s."""

from __future__ import annotations

from pathlib import Path

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Input, Label, Static

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.lab import trainee
from simlab.reports import portfolio as report
from simlab.reports.classroom import coverage_name
from simlab.store.classes import member_key
from simlab.tui.screens.base import LabScreen
from simlab.tui.screens.exercises import points_text

MARKS = {"practised": "●", "partly": "◐", "not_yet": "○"}


class PortfolioScreen(LabScreen):
    def screen_title(self) -> str:
        return _("Portfolio")

    def body(self) -> ComposeResult:
        with VerticalScroll(id="portfolio-body"):
            with Vertical(classes="panel", id="portfolio-panel"):
                yield Label("", id="portfolio-title", classes="panel-title")
                yield Static("", id="portfolio-facts")
                yield DataTable(id="portfolio-table", cursor_type="row", zebra_stripes=True)
                yield Static("", id="portfolio-detail", classes="hint")
            with Vertical(classes="panel", id="portfolio-export"):
                yield Label(_("Export the portfolio"), classes="panel-title")
                with Horizontal(classes="row"):
                    yield Label(_("File"), classes="field-label")
                    yield Input(id="portfolio-file", compact=True)
                with Horizontal(classes="buttons"):
                    yield Button(_("Export as HTML"), id="portfolio-html", variant="primary")
                    yield Button(_("Export as XLSX"), id="portfolio-xlsx")
                yield Label("", id="portfolio-error", classes="error")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(_("Ability"), _("Coverage"), _("Exercises"), _("Points"),
                          _("Text of the standard"))
        self.show()
        table.focus()

    def on_screen_resume(self) -> None:
        self.show()

    def refresh_person(self) -> None:
        super().refresh_person()
        if self.is_mounted:
            self.show()

    def show(self) -> None:
        person = self.app.ws.current_person()
        if person is None:
            self.view = None
            self.query_one("#portfolio-title", Label).update(_("Portfolio"))
            self.query_one("#portfolio-facts", Static).update(
                _("Say who you are on the home screen: the portfolio is yours."))
            return
        self.view = view = trainee.my_portfolio(self.app.ws, person)
        self.query_one("#portfolio-title", Label).update(
            _("Portfolio of {name}").format(name=escape(person.name)))
        self.query_one("#portfolio-facts", Static).update(" · ".join([
            _("Abilities practised: {n} of {total}").format(n=view.practised,
                                                          total=len(view.rows)),
            _("Hours spent: {h}").format(h=report.hours_text(view.minutes)),
            _("Points: {p}").format(p=points_text(view.points, view.max_points)),
        ]))
        table = self.query_one(DataTable)
        table.clear()
        for row in view.rows:
            table.add_row(row.ability_id, f"{MARKS[row.status]} {coverage_name(row.status)}",
                          ", ".join(row.exercises) or "—",
                          points_text(row.points, row.max_points) if row.max_points else "",
                          row.ability, key=row.ability_id)
        file_input = self.query_one("#portfolio-file", Input)
        if not file_input.value:
            file_input.value = str(Path(self.app.ws.root) / f"portfolio-{member_key(person.name)}.html")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.view is None or event.row_key is None:
            return
        row = next((r for r in self.view.rows if r.ability_id == event.row_key.value), None)
        if row is not None:
            behind = ", ".join(row.exercises) or _("no exercise trains it yet")
            self.query_one("#portfolio-detail", Static).update(
                f"[b]{row.ability_id}[/b] {escape(row.ability)}\n"
                + _("Exercises: {list}").format(list=escape(behind)))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id in ("portfolio-html", "portfolio-xlsx"):
            self.export(event.button.id.removeprefix("portfolio-"))

    def export(self, kind: str) -> None:
        if self.view is None:
            return
        text = self.query_one("#portfolio-file", Input).value.strip()
        error = self.query_one("#portfolio-error", Label)
        if not text:
            error.update(_("Write the file to use."))
            return
        path = Path(text).expanduser().with_suffix(f".{kind}")
        try:
            written = report.export(self.view, path)
        except SimlabError as e:
            error.update(escape(str(e)))
            return
        error.update("")
        self.query_one("#portfolio-file", Input).value = str(written)
        self.app.notify(_("Saved as {path}").format(path=written), title=_("Portfolio"))
