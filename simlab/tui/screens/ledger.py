"""The budget against actuals of one run, reached from its results (`B`): one row per
budget line (planned, actual, variance) and the cost per contact, fully loaded and direct.
The numbers come from `lab.ledger`, the run's `ledger.parquet`."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Label, Static

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.tui.screens.base import LabScreen
from simlab.tui.screens.results import fill


class LedgerLoaded(Message):
    def __init__(self, report=None, error: SimlabError | None = None) -> None:
        super().__init__()
        self.report, self.error = report, error


class LedgerScreen(LabScreen):
    def __init__(self, view) -> None:
        super().__init__()
        self.view = view

    @classmethod
    def keys(cls) -> list[Binding]:
        return [Binding("escape", "back", _("Back"))]

    def screen_title(self) -> str:
        return _("Budget and actuals") + (f" · {self.view.run_id}" if self.view.run_id else "")

    def body(self) -> ComposeResult:
        with VerticalScroll(id="ledger", classes="panel"):
            yield Label(_("Budget against actuals, by line"), classes="panel-title")
            yield Static(_("Planned: the plan's budget over the run's days; actual: the run's "
                           "costs (team leaders, seats, technology and knowledge base are "
                           "fixed: actual as planned)."), classes="hint")
            yield DataTable(id="ledger-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="ledger-summary")

    def on_mount(self) -> None:
        self.query_one("#ledger-table").loading = True
        self.load()

    @work(thread=True, exclusive=True, group="ledger")
    def load(self) -> None:
        from simlab.lab import ledger

        folder = None
        if self.view.run_id is not None and getattr(self.app, "ws", None) is not None:
            folder = self.app.ws.run_dir(self.view.run_id)
        try:
            self.post_message(LedgerLoaded(ledger.for_view(self.view, folder)))
        except SimlabError as e:
            self.post_message(LedgerLoaded(error=e))

    def on_ledger_loaded(self, message: LedgerLoaded) -> None:
        from simlab.reports.ledger_tables import ledger_grid, summary_text

        table = self.query_one("#ledger-table", DataTable)
        table.loading = False
        if message.error is not None:
            self.notify(str(message.error), severity="error")
            return
        fill(table, ledger_grid(message.report))
        self.query_one("#ledger-summary", Static).update(summary_text(message.report))
