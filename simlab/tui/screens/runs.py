"""Saved runs: every run kept in the workspace, newest first; Enter opens its results."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Label, Static

from simlab.i18n import _
from simlab.tui.screens.base import LabScreen
from simlab.tui.widgets.runs import RunsTable


class RunsScreen(LabScreen):
    def screen_title(self) -> str:
        return _("Saved runs")

    def body(self) -> ComposeResult:
        with Vertical(classes="panel", id="runs-panel"):
            yield Label(_("Runs in this workspace (Enter opens the results)"),
                        classes="panel-title")
            yield Static(_("No runs yet: start one from «New run»."), id="no-runs")
            yield RunsTable(id="all-runs")

    def on_mount(self) -> None:
        self.show_runs()

    def on_screen_resume(self) -> None:
        self.show_runs()

    def show_runs(self) -> None:
        records = self.app.ws.runs()
        self.query_one("#no-runs").display = not records
        table = self.query_one(RunsTable)
        table.display = bool(records)
        table.show(records)
        if records:
            table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from simlab.tui.screens.results import open_stored_run

        # open_stored_run checks every hash first: altered results are not shown.
        open_stored_run(self.app, str(event.row_key.value))
