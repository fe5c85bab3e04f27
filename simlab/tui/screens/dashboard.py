"""The KPI dashboard of a saved run: pick a run, then tiles of the main KPIs against the
care model's targets, a table per level of the drill-down (channel → queue → team →
agent → interval: Enter opens the selected row, Escape goes back up), a formula switch
and a chart of the chosen KPI by interval. Every number comes from `lab.dashboard`."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Select, Static

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.lab import dashboard as lab_dashboard
from simlab.lab.dashboard import Step
from simlab.reports import dashboard_tables as dt
from simlab.tui.screens.base import LabScreen
from simlab.tui.screens.results import fill
from simlab.tui.widgets.charts import LineChart
from simlab.tui.widgets.runpicker import RunPicker


class BoardLoaded(Message):
    def __init__(self, board=None, run_id: str | None = None,
                 error: SimlabError | None = None) -> None:
        super().__init__()
        self.board, self.run_id, self.error = board, run_id, error


class BoardShown(Message):
    """What one path of the drill-down shows, computed off the UI thread."""

    def __init__(self, path, level, tiles, series) -> None:
        super().__init__()
        self.path, self.level, self.tiles, self.series = path, level, tiles, series


class DashboardScreen(LabScreen):
    def __init__(self, run_id: str | None = None) -> None:
        super().__init__()
        self.run_id = run_id
        self.opened_with_run = run_id is not None  # from a run's results: Escape leaves
        self.board = None
        self.path: list[Step] = []
        self.selected_kpi = "service_level"
        self.shown_path: list[Step] | None = None
        self.came_from: str | None = None

    def screen_title(self) -> str:
        title = _("KPI dashboard")
        return title + (f" · {self.run_id}" if self.run_id else "")

    def body(self) -> ComposeResult:
        with VerticalScroll(id="dash"):
            yield RunPicker("dash")
            with Vertical(id="dash-board"):
                yield Static("", id="dash-crumbs")
                with Grid(id="dash-tiles"):
                    for key in lab_dashboard.TILE_KPIS:
                        yield Static("", id=f"tile-{key}", classes="tile")
                yield DataTable(id="dash-table", cursor_type="row", zebra_stripes=True)
                yield Static(_("Enter opens the selected row, Escape goes back up."),
                             classes="hint", id="dash-hint")
                with Horizontal(id="dash-switches"):
                    yield Select([(dt.short_name(k), k) for k in dt.SELECTABLE],
                                 value=self.selected_kpi, allow_blank=False, id="dash-kpi",
                                 prompt=_("Indicator"))
                    yield Select([], allow_blank=True, id="dash-formula", prompt=_("Formula"))
                yield Static("", id="dash-formula-text")
                yield LineChart(id="dash-chart")

    def on_mount(self) -> None:
        self.query_one("#dash-board").display = False
        if self.run_id is not None:
            self.query_one("#dash-pick").display = False
            self.load(self.run_id)
        else:
            self.show_runs()

    def show_runs(self) -> None:
        self.query_one(RunPicker).show()

    def on_run_picker_chosen(self, event: RunPicker.Chosen) -> None:
        self.load(event.run_id)

    @work(thread=True, exclusive=True, group="dashboard")
    def load(self, run_id: str) -> None:
        try:
            board = lab_dashboard.open_run(self.app.ws, run_id)
        except SimlabError as e:
            self.post_message(BoardLoaded(error=e))
            return
        self.post_message(BoardLoaded(board, run_id))

    def on_board_loaded(self, message: BoardLoaded) -> None:
        if message.error is not None:
            self.app.show_error(message.error, _("The run cannot be opened"))
            if self.opened_with_run:
                self.app.pop_screen()
            return
        self.board, self.run_id, self.path = message.board, message.run_id, []
        self.query_one("#dash-pick").display = False
        self.query_one("#dash-board").display = True
        self.show_formula_choices()
        self.compute(list(self.path))

    @work(thread=True, exclusive=True, group="dashboard-view")
    def compute(self, path: list[Step]) -> None:
        board = self.board
        series = None
        if self.selected_kpi in lab_dashboard.CHART_KPIS:
            series = board.series(path, self.selected_kpi)
        self.post_message(BoardShown(path, board.level(path), board.tiles(path), series))

    def on_board_shown(self, message: BoardShown) -> None:
        board = self.board
        self.shown_path = message.path
        level = message.level
        crumbs = board.breadcrumb(message.path)
        self.query_one("#dash-crumbs", Static).update(
            f"[b]{self.run_id}[/b] · {dt.breadcrumb_text(crumbs, level.level)}")
        for tile in message.tiles:
            name, value, target = dt.tile_lines(tile)
            widget = self.query_one(f"#tile-{tile.kpi}", Static)
            widget.update(f"[b]{name}[/b]\n{value}\n{target}")
            widget.set_classes(f"tile -{dt.tile_status(tile)}")
        table = self.query_one("#dash-table", DataTable)
        fill(table, dt.level_grid(level, board.names.get(level.level or "", {}),
                                  board.formulas))
        if self.came_from is not None:  # back up: the cursor on the row it came from
            keys = [str(k) for k in level.frame.index]
            if self.came_from in keys:
                table.move_cursor(row=keys.index(self.came_from))
            self.came_from = None
        self.query_one("#dash-hint").display = level.level is not None
        self.show_chart(message.series, crumbs)
        if not self.query_one("#dash-kpi", Select).has_focus and not self.query_one(
                "#dash-formula", Select).has_focus:
            table.focus()

    def show_chart(self, series, crumbs: list[str]) -> None:
        chart = self.query_one("#dash-chart", LineChart)
        chart.display = series is not None
        if series is None:
            return
        key = self.selected_kpi
        name = self.board.choice(key).name() if key in self.board.formulas else dt.short_name(key)
        percent = dt.is_ratio(key, self.board.formulas)
        # one line: no legend, the title names it
        lines = series if len(series) != 1 else {"": next(iter(series.values()))}
        chart.show(dt.chart_title(key, name, crumbs[-1]), lines,
                   percent=percent, bars=key == "offered")

    # -- the drill-down -------------------------------------------------------------------

    @on(DataTable.RowSelected, "#dash-table")
    def row_opened(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = str(event.row_key.value)
        if self.board is None or self.shown_path is None or key == "total":
            return
        level = self.board.next_level(self.shown_path)
        if level is None:
            return
        self.path = [*self.shown_path, Step(level, key)]
        self.compute(list(self.path))

    def action_back(self) -> None:
        if self.board is not None and self.path:
            self.came_from = self.path.pop().key
            self.compute(list(self.path))
            return
        if self.board is not None and not self.opened_with_run:
            self.board, self.run_id = None, None
            self.query_one("#dash-board").display = False
            self.query_one("#dash-pick").display = True
            self.show_runs()
            return
        self.app.pop_screen()

    # -- the formula switch ---------------------------------------------------------------

    def show_formula_choices(self) -> None:
        key = self.selected_kpi
        select = self.query_one("#dash-formula", Select)
        if key not in lab_dashboard.SWITCHABLE:
            select.set_options([])
            select.disabled = True
        else:
            choices = lab_dashboard.formula_choices(key)
            with self.prevent(Select.Changed):
                select.set_options([(c.name(), c.id) for c in choices])
                select.value = self.board.choice(key).id
            select.disabled = False
        self.show_formula_text()

    def show_formula_text(self) -> None:
        key = self.selected_kpi
        text = self.query_one("#dash-formula-text", Static)
        if key in self.board.formulas:
            choice = self.board.choice(key)
            text.update(f"[b]{choice.name()}[/b]: {choice.formula()}")
        else:
            text.update(_("Contacts offered: arrivals − out of hours"))

    @on(Select.Changed, "#dash-kpi")
    def kpi_chosen(self, event: Select.Changed) -> None:
        if self.board is None or event.value is Select.BLANK:
            return
        self.selected_kpi = str(event.value)
        self.show_formula_choices()
        self.compute(list(self.shown_path or []))

    @on(Select.Changed, "#dash-formula")
    def formula_chosen(self, event: Select.Changed) -> None:
        if self.board is None or event.value is Select.BLANK:
            return
        self.board.set_formula(self.selected_kpi, str(event.value))
        self.show_formula_text()
        self.compute(list(self.shown_path or []))
