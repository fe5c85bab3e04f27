"""Results of one run: KPIs per channel and per day, volume and service level by time of
day, the contacts (filtered, paged, each with its text), export to CSV and XLSX."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import (
    DataTable,
    Label,
    ProgressBar,
    Static,
    TabbedContent,
    TabPane,
    Tabs,
)

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.reports import runinfo, tables
from simlab.tui.messages import ViewLoaded
from simlab.tui.screens.base import LabScreen
from simlab.tui.screens.elsewhere import SaveElsewhere
from simlab.tui.screens.replay import replay_binding
from simlab.tui.widgets.charts import LineChart
from simlab.tui.widgets.contacts import ContactBrowser
from simlab.tui.widgets.facts import facts_table


def care_grids(view) -> list:
    """The care-model tables of a run (`lab.care_results`), worded for the screen."""
    from simlab.lab.care_results import care_results
    from simlab.reports.sla_tables import care_grids as grids

    return grids(care_results(view.kpi_data), tables.channel_names(view.scenario))


class ExportProgress(Message):
    """Rows of the workbook written so far (`done`: every file is written)."""

    def __init__(self, rows: int, total: int, done: bool = False) -> None:
        super().__init__()
        self.rows, self.total, self.done = rows, total, done


TABS = ("tab-kpi", "tab-days", "tab-intraday", "tab-contacts")


def open_stored_run(app, run_id: str) -> None:
    record = app.ws.run(run_id)
    if record.status != "complete":
        app.notify(_("Run {id} is {status}: it has no results to show.").format(
            id=run_id, status=runinfo.status_name(record.status)), severity="warning")
        return
    problems = app.ws.verify_run(run_id)  # every hash, before any number is shown
    if problems:
        app.notify("\n".join(problems), title=_("Run {id} is damaged").format(id=run_id),
                   severity="error", timeout=20)
        return
    last = app.last_view
    if last is not None and last.run_id == run_id:  # already in memory: no need to read it
        app.open_screen(ResultsScreen(last))
    else:
        app.open_screen(ResultsScreen(run_id=run_id))


def fill(table: DataTable, grid: tables.Grid) -> None:
    table.clear(columns=True)
    for i, header in enumerate(grid.headers):
        table.add_column(header, key=f"c{i}")
    for key, row in zip(grid.keys, grid.rows, strict=True):
        table.add_row(*row, key=key)


class ResultsScreen(SaveElsewhere, LabScreen):
    def __init__(self, view=None, *, run_id: str | None = None) -> None:
        super().__init__()
        self.view = view
        self.run_id = run_id if view is None else view.run_id

    @classmethod
    def keys(cls) -> list[Binding]:
        return [Binding("escape", "back", _("Back")),
                Binding("e", "export", _("Export")),
                cls.elsewhere_binding(),
                replay_binding(show=False),  # the footer is full at 80 columns: see F1
                Binding("g", "dashboard", _("KPI dashboard"), show=False),
                Binding("B", "ledger", _("Budget and actuals"), show=False),
                *(Binding(str(i + 1), f"tab('{tab}')", show=False) for i, tab in enumerate(TABS))]

    def screen_title(self) -> str:
        return _("Results") + (f" · {self.run_id}" if self.run_id else "")

    def body(self) -> ComposeResult:
        yield Static("", id="results-header")
        with TabbedContent(id="results-tabs"):
            with TabPane(_("Indicators") + " (1)", id="tab-kpi"):
                with VerticalScroll():
                    yield DataTable(id="kpi-table", cursor_type="row", zebra_stripes=True)
                    yield Label(_("Teams"), classes="panel-title")
                    yield DataTable(id="team-table", cursor_type="none", zebra_stripes=True)
                    yield Static("", id="cost-lines")
                    yield Vertical(id="care-results")  # SLAs and expected results, if any
            with TabPane(_("By day") + " (2)", id="tab-days"):
                yield DataTable(id="day-table", cursor_type="row", zebra_stripes=True)
            with TabPane(_("Time of day") + " (3)", id="tab-intraday"):
                with Vertical():
                    yield LineChart(id="volume-chart")
                    yield LineChart(id="sl-chart")
            with TabPane(_("Contacts") + " (4)", id="tab-contacts"):
                yield Vertical(id="contacts-slot")

    def on_mount(self) -> None:
        self.query_one("#results-tabs").loading = True
        if self.view is None:
            self.load(self.run_id)
        else:
            self.prepare(self.view)

    @work(thread=True, exclusive=True, group="results")
    def load(self, run_id: str) -> None:
        from simlab.lab.runview import open_run

        try:
            view = open_run(self.app.ws, run_id)
        except SimlabError as e:
            self.post_message(ViewLoaded(error=e))
            return
        self._compute(view)
        self.post_message(ViewLoaded(view))

    @work(thread=True, exclusive=True, group="results")
    def prepare(self, view) -> None:
        self._compute(view)
        self.post_message(ViewLoaded(view))

    def _compute(self, view) -> None:
        """The KPI tables, off the UI thread (a million contacts take a second or two);
        a fresh run's record (person, date) from the workspace."""
        view.compute()
        view.care_grids = care_grids(view)
        if view.record is None and view.run_id is not None:
            try:
                view.record = self.app.ws.run(view.run_id)
            except SimlabError:
                pass

    def on_view_loaded(self, message: ViewLoaded) -> None:
        if message.error is not None:
            self.app.show_error(message.error, _("The run cannot be opened"))
            self.app.pop_screen()
            return
        self.view = view = message.view
        self.app.last_view = view
        self.refresh_bindings()
        sc = view.scenario
        self.query_one("#results-header", Static).update(facts_table(runinfo.run_facts(view)))
        fill(self.query_one("#kpi-table", DataTable), tables.kpi_grid(view.channels, sc))
        fill(self.query_one("#team-table", DataTable),
             tables.team_grid(view.teams, view.bundle.plan))
        self.query_one("#cost-lines", Static).update(
            "\n".join(f"[b]{label}[/b]: {value}" for label, value in tables.cost_lines(view.cost)))
        self._show_care_results(view.care_grids)
        fill(self.query_one("#day-table", DataTable), tables.day_grid(view.by_day, sc))
        self.query_one("#volume-chart", LineChart).show(
            _("Contacts offered per half hour, average day"),
            tables.intraday_series(view.intraday, sc, "offered", view.days))
        self.query_one("#sl-chart", LineChart).show(
            tables.sl_chart_title(view.channels, sc),
            tables.intraday_series(view.intraday, sc, "service_level", realtime_only=True),
            percent=True)
        self.query_one("#contacts-slot").mount(ContactBrowser(view, id="contacts"))
        self.query_one("#results-tabs").loading = False
        self.query_one("#kpi-table", DataTable).focus()

    def _show_care_results(self, grids) -> None:
        """The run against its care model's SLAs per priority, callbacks, ticket clocks
        and expected results, below the teams (nothing if the model states none)."""
        slot = self.query_one("#care-results", Vertical)
        slot.remove_children()
        for i, (title, grid) in enumerate(grids):
            table = DataTable(id=f"care-table-{i}", cursor_type="none", zebra_stripes=True)
            slot.mount(Label(title, classes="panel-title"), table)
            fill(table, grid)

    def action_tab(self, tab: str) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = tab
        # Focus goes with the tab (a focused widget in a hidden tab would switch it back).
        target = {"tab-kpi": "#kpi-table", "tab-days": "#day-table",
                  "tab-contacts": "#contact-table"}.get(tab)
        found = self.query(target) if target else None
        if found:
            found.first().focus()
        else:
            tabs.query_one(Tabs).focus()

    def elsewhere_result(self):
        """A fresh run the workspace did not keep (a saved one is replayed instead)."""
        if self.view is None or self.view.run_id is not None:
            return None
        return self.view.result

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # one or the other in the footer, so that it fits 80 columns
        if action == "save_elsewhere":
            return self.elsewhere_result() is not None
        if action in ("replay", "dashboard"):  # a run kept in the workspace
            return self.run_id is not None
        return True

    def action_dashboard(self) -> None:
        from simlab.tui.screens.dashboard import DashboardScreen

        if self.run_id is not None:
            self.app.open_screen(DashboardScreen(self.run_id))

    def action_ledger(self) -> None:
        from simlab.tui.screens.ledger import LedgerScreen

        if self.view is not None:
            self.app.open_screen(LedgerScreen(self.view))

    def action_replay(self) -> None:
        from simlab.tui.screens.replay import ReplayScreen

        if self.run_id is not None:
            self.app.push_screen(ReplayScreen(self.run_id))

    def on_contact_browser_open(self, message: ContactBrowser.Open) -> None:
        from simlab.tui.screens.contact import ContactScreen

        self.app.push_screen(ContactScreen(self.view, message.position))

    # -- export --------------------------------------------------------------------------

    def action_export(self) -> None:
        from simlab.tui.screens.export import ExportScreen

        if self.view is None:
            return
        browser = self.query_one(ContactBrowser)
        folder = self.app.ws.root / "exports" / (self.view.run_id or "unsaved")
        self.app.push_screen(
            ExportScreen(folder, len(browser.positions), browser.describe_selection()),
            self._export_chosen)

    def _export_chosen(self, choice: dict | None) -> None:
        if choice:
            positions = self.query_one(ContactBrowser).positions
            self.app.notify(_("Exporting to {folder}…").format(folder=choice["folder"]))
            self.export(choice["folder"], choice["formats"], positions)

    @work(thread=True, group="export")
    def export(self, folder, formats, positions) -> None:
        from simlab.reports import export

        written = []
        total = export.xlsx_rows(self.view, positions) if "xlsx" in formats else 0
        self.post_message(ExportProgress(0, total))
        try:
            if "csv" in formats:
                written += export.export_csv(self.view, folder, positions)
            if "xlsx" in formats:
                written.append(export.export_xlsx(
                    self.view, folder, positions,
                    lambda rows: self.post_message(ExportProgress(rows, total))))
        except SimlabError as e:
            self.post_message(ExportProgress(total, total, done=True))
            self.app.call_from_thread(self.app.show_error, e, _("Export failed"))
            return
        self.post_message(ExportProgress(total, total, done=True))
        self.app.call_from_thread(
            self.app.notify, _("{n} files written in {folder}").format(
                n=len(written), folder=folder), title=_("Export done"), timeout=8)

    def on_export_progress(self, message: ExportProgress) -> None:
        """A bar under the tabs from the start of an export until its files are written."""
        found = self.query("#export-progress")
        if message.done:
            found.remove()
            return
        if not found:
            bar = ProgressBar(total=max(message.total, 1), show_eta=False, id="export-progress")
            self.mount(bar, after=self.query_one("#results-tabs"))
        else:
            bar = found.first(ProgressBar)
        bar.update(progress=message.rows)

    def screen_commands(self):
        yield SystemCommand(_("Export"), _("Save the tables and contacts as CSV or XLSX"),
                            self.action_export)
        if self.run_id is not None:
            yield SystemCommand(_("KPI dashboard"), _("This run's KPIs from channel to "
                                                      "operator, with every formula"),
                                self.action_dashboard)
            yield SystemCommand(_("Replay"), _("Run it again and check that every file is "
                                               "identical"), self.action_replay)
