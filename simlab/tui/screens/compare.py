"""Compare runs (from the Runs screen: mark two or more with the space bar, then c): what
differs in their inputs (with the diff of the files), their KPIs and costs side by side
with the differences highlighted, and their volume and service level by time of day.
The numbers and the marks come from `lab.compare` and `reports.compare_tables`."""

from __future__ import annotations

from rich.syntax import Syntax
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Static, TabbedContent, TabPane, Tabs

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.tui.screens.base import LabScreen
from simlab.tui.widgets.charts import LineChart

TABS = ("cmp-inputs", "cmp-kpis", "cmp-costs", "cmp-intraday")
HIGHLIGHT = "bold dark_orange"


class ComparisonLoaded(Message):
    def __init__(self, comparison=None, error: SimlabError | None = None) -> None:
        super().__init__()
        self.comparison, self.error = comparison, error


def fill_marked(table: DataTable, grid) -> None:
    """A `compare_tables.MarkedGrid`: the rows that differ in the highlight colour."""
    table.clear(columns=True)
    for i, header in enumerate(grid.headers):
        table.add_column(header, key=f"c{i}")
    for key, row, marked in zip(grid.keys, grid.rows, grid.marked, strict=True):
        cells = [Text(c, style=HIGHLIGHT) if marked else c for c in row]
        table.add_row(*cells, key=key)


class CompareScreen(LabScreen):
    def __init__(self, refs: list[str]) -> None:
        super().__init__()
        self.refs = list(refs)
        self.comparison = None

    @classmethod
    def keys(cls) -> list[Binding]:
        return [Binding("escape", "back", _("Back")),
                *(Binding(str(i + 1), f"tab('{tab}')", show=False) for i, tab in enumerate(TABS))]

    def screen_title(self) -> str:
        return _("Compare runs") + " · " + ", ".join(self.refs)

    def body(self) -> ComposeResult:
        yield Static(_("Comparing…"), id="compare-summary")
        with TabbedContent(id="compare-tabs"):
            with TabPane(_("Inputs") + " (1)", id="cmp-inputs"):
                with VerticalScroll():
                    yield DataTable(id="compare-inputs", cursor_type="row", zebra_stripes=True)
                    yield Static("", id="compare-diff")
            with TabPane(_("Indicators") + " (2)", id="cmp-kpis"):
                yield DataTable(id="compare-kpis", cursor_type="row", zebra_stripes=True)
            with TabPane(_("Costs") + " (3)", id="cmp-costs"):
                yield DataTable(id="compare-costs", cursor_type="row", zebra_stripes=True)
            with TabPane(_("Time of day") + " (4)", id="cmp-intraday"):
                with Vertical():
                    yield LineChart(id="compare-volume")
                    yield LineChart(id="compare-sl")

    def on_mount(self) -> None:
        self.query_one("#compare-tabs").loading = True
        self.load(self.refs)

    @work(thread=True, exclusive=True, group="compare")
    def load(self, refs: list[str]) -> None:
        from simlab.lab.compare import compare_refs

        try:
            comparison = compare_refs(refs, self.app.ws)
            for run in comparison.runs:
                run.view.compute()  # the KPI tables, off the UI thread
        except SimlabError as e:
            self.post_message(ComparisonLoaded(error=e))
            return
        self.post_message(ComparisonLoaded(comparison))

    def on_comparison_loaded(self, message: ComparisonLoaded) -> None:
        from simlab.reports import compare_tables as ct

        if message.error is not None:
            self.app.show_error(message.error, _("The runs cannot be compared"))
            self.app.pop_screen()
            return
        self.comparison = c = message.comparison
        self.query_one("#compare-summary", Static).update(ct.summary_line(c))
        fill_marked(self.query_one("#compare-inputs", DataTable), ct.input_grid(c))
        sections = ct.diff_sections(c)
        diff = self.query_one("#compare-diff", Static)
        if sections:
            text = "\n".join(f"{title}\n{body}" for title, body in sections)
            diff.update(Syntax(text, "diff", theme="ansi_dark", background_color="default",
                               word_wrap=True))
        else:
            diff.update(_("The scenario, care model and plan are the same in every run."))
        fill_marked(self.query_one("#compare-kpis", DataTable), ct.kpi_grid(c))
        fill_marked(self.query_one("#compare-costs", DataTable), ct.cost_grid(c))
        self.query_one("#compare-volume", LineChart).show(
            _("Contacts offered per half hour, average day"), ct.chart_series(c, "offered"))
        self.query_one("#compare-sl", LineChart).show(
            _("Service level per half hour"), ct.chart_series(c, "service_level"), percent=True)
        self.query_one("#compare-tabs").loading = False
        self.query_one("#compare-inputs", DataTable).focus()

    def action_tab(self, tab: str) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = tab
        target = {"cmp-inputs": "#compare-inputs", "cmp-kpis": "#compare-kpis",
                  "cmp-costs": "#compare-costs"}.get(tab)
        if target:
            self.query_one(target).focus()
        else:
            tabs.query_one(Tabs).focus()
