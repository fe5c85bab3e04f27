"""Saved runs: every run kept in the workspace, newest first; Enter opens its results,
y replays the selected one, the space bar marks runs and c compares those marked."""

from __future__ import annotations

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label, Static

from simlab.i18n import _
from simlab.tui.screens.base import LabScreen
from simlab.tui.screens.replay import replay_binding
from simlab.tui.widgets.runs import RunsTable


class RunsScreen(LabScreen):
    def __init__(self) -> None:
        super().__init__()
        self.marked: list[str] = []  # in the order they were marked: the first is the base

    @classmethod
    def keys(cls) -> list[Binding]:
        return [Binding("escape", "back", _("Back")),
                replay_binding(),
                Binding("space", "mark", _("Mark"),
                        tooltip=_("Mark or unmark the selected run for the comparison")),
                Binding("c", "compare", _("Compare"),
                        tooltip=_("Compare the marked runs side by side"))]

    def screen_title(self) -> str:
        return _("Saved runs")

    def body(self) -> ComposeResult:
        with Vertical(classes="panel", id="runs-panel"):
            yield Label(_("Runs (Enter: results · space: mark to compare)"),
                        classes="panel-title")
            yield Static(_("No runs yet: start one from «New run»."), id="no-runs")
            yield RunsTable(id="all-runs", marks=True)

    def on_mount(self) -> None:
        self.show_runs()

    def on_screen_resume(self) -> None:
        self.show_runs()

    def show_runs(self) -> None:
        records = self.app.ws.runs()
        known = {r.id for r in records}
        self.marked = [m for m in self.marked if m in known]
        self.query_one("#no-runs").display = not records
        table = self.query_one(RunsTable)
        selected = table.selected_id()  # back from a run or a comparison: the same row
        table.display = bool(records)
        table.show(records, frozenset(self.marked))
        if selected in known:
            table.move_cursor(row=table.get_row_index(selected))
        if records:
            table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from simlab.tui.screens.results import open_stored_run

        # open_stored_run checks every hash first: altered results are not shown.
        open_stored_run(self.app, str(event.row_key.value))

    def action_mark(self) -> None:
        table = self.query_one(RunsTable)
        run_id = table.selected_id()
        if run_id is None:
            return
        if run_id in self.marked:
            self.marked.remove(run_id)
        else:
            self.marked.append(run_id)
        table.set_mark(run_id, run_id in self.marked)

    def action_compare(self) -> None:
        from simlab.tui.screens.compare import CompareScreen

        if len(self.marked) < 2:
            self.app.notify(_("Mark two or more runs with the space bar, then press c."),
                            severity="warning")
            return
        self.app.open_screen(CompareScreen(self.marked))

    def action_replay(self) -> None:
        from simlab.tui.screens.replay import ReplayScreen

        run_id = self.query_one(RunsTable).selected_id()
        if run_id is not None:
            self.app.push_screen(ReplayScreen(run_id))

    def screen_commands(self):
        yield SystemCommand(_("Replay"), _("Run the selected run again and check its files"),
                            self.action_replay)
        yield SystemCommand(_("Compare"), _("Compare the marked runs side by side"),
                            self.action_compare)
