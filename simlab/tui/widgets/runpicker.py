"""The choice of a saved run that opens a screen's board: the variance screen, the report
screen and the KPI dashboard start with it. The complete runs of the workspace (a run still
going or stopped has no results to show), a hint when there are none; Enter on a row posts
`RunPicker.Chosen` with the run's id.

The ids of its parts carry the screen's prefix (`var`: `#var-pick`, `#var-no-runs`,
`#var-runs`), so that each screen keeps its own styles and tests."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Label, Static

from simlab.i18n import _
from simlab.tui.widgets.runs import RunsTable


class RunPicker(Vertical):
    class Chosen(Message):
        def __init__(self, run_id: str) -> None:
            super().__init__()
            self.run_id = run_id

    def __init__(self, prefix: str) -> None:
        super().__init__(id=f"{prefix}-pick", classes="panel")
        self.prefix = prefix

    def compose(self) -> ComposeResult:
        yield Label(_("Choose a saved run (Enter opens it)"), classes="panel-title")
        yield Static(_("No complete run yet: start one from «New run»."),
                     id=f"{self.prefix}-no-runs", classes="hint")
        yield RunsTable(id=f"{self.prefix}-runs")

    def show(self) -> None:
        """The complete runs, afresh (one may have been saved since), the table focused."""
        records = [r for r in self.app.ws.runs() if r.status == "complete"]
        self.query_one(f"#{self.prefix}-no-runs").display = not records
        table = self.query_one(RunsTable)
        table.display = bool(records)
        table.show(records)
        table.focus()

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(str(event.row_key.value)))
