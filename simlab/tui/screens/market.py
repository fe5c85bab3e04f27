"""Market and competitors (UF1.A1, UF1.A2): for a scenario, its sector's competitors and
the benchmark gap table, the positioning map and the importance–performance quadrants as
charts, the segments' needs and the suggested care archetype with its reasons. The
analysis is `lab.market.analyse`; the tables and series `reports.market_tables`."""

from __future__ import annotations

from rich.markup import escape
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Select, Static, TabbedContent, TabPane

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.lab import catalog
from simlab.tui.screens.base import LabScreen
from simlab.tui.widgets.scatter import ScatterChart

TABS = ("mkt-benchmark", "mkt-map", "mkt-quadrants", "mkt-segments")


class MarketLoaded(Message):
    def __init__(self, key: str, view=None, error: SimlabError | None = None) -> None:
        super().__init__()
        self.key, self.view, self.error = key, view, error


def fill(table: DataTable, grid) -> None:
    table.clear(columns=True)
    for i, header in enumerate(grid.headers):
        table.add_column(header, key=f"c{i}")
    for i, row in enumerate(grid.rows):
        table.add_row(*row, key=str(i))


class MarketScreen(LabScreen):
    def __init__(self, scenario_key: str | None = None) -> None:
        super().__init__()
        self.scenario_key = scenario_key
        self.view = None

    @classmethod
    def keys(cls) -> list[Binding]:
        return [Binding("escape", "back", _("Back")),
                *(Binding(str(i + 1), f"tab('{tab}')", show=False) for i, tab in enumerate(TABS))]

    def screen_title(self) -> str:
        return _("Market and competitors")

    def body(self) -> ComposeResult:
        with Horizontal(id="market-pick"):
            yield Select([], prompt=_("Scenario"), id="market-scenario", compact=True)
        yield Static("", id="market-summary")
        with TabbedContent(id="market-tabs"):
            with TabPane(_("Benchmark") + " (1)", id="mkt-benchmark"):
                with VerticalScroll():
                    yield DataTable(id="market-benchmark", cursor_type="row", zebra_stripes=True)
                    yield Static(_("Competitors"), classes="panel-title")
                    yield DataTable(id="market-competitors", cursor_type="row",
                                    zebra_stripes=True)
            with TabPane(_("Positioning map") + " (2)", id="mkt-map"):
                with VerticalScroll():
                    yield Static("", id="market-map-note")
                    yield ScatterChart(id="market-map")
            with TabPane(_("Quadrants") + " (3)", id="mkt-quadrants"):
                with VerticalScroll():
                    yield ScatterChart(id="market-ipa")
                    yield DataTable(id="market-ipa-table", cursor_type="row", zebra_stripes=True)
            with TabPane(_("Segments") + " (4)", id="mkt-segments"):
                with VerticalScroll():
                    yield Static("", id="market-suggestion")
                    yield DataTable(id="market-segments", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        entries = [s for s in catalog.entries(self.app.ws)
                   if not s.source.startswith("shipped:validation/")]
        select = self.query_one("#market-scenario", Select)
        select.set_options([(str(s.model.title), s.key) for s in entries])
        keys = [s.key for s in entries]
        key = self.scenario_key if self.scenario_key in keys else (
            catalog.DEFAULT_SCENARIO if catalog.DEFAULT_SCENARIO in keys else
            keys[0] if keys else None)
        if key is not None:
            select.value = key

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "market-scenario" and event.value is not Select.NULL:
            self.scenario_key = str(event.value)
            self.query_one("#market-tabs").loading = True
            self.load(self.scenario_key)

    @work(thread=True, exclusive=True, group="market")
    def load(self, key: str) -> None:
        from simlab.lab.market import analyse

        try:
            source = next(s for s in catalog.entries(self.app.ws) if s.key == key)
            self.post_message(MarketLoaded(key, analyse(source.id, ws=self.app.ws)))
        except SimlabError as e:
            self.post_message(MarketLoaded(key, error=e))

    def on_market_loaded(self, message: MarketLoaded) -> None:
        from simlab.reports import market_tables as mt
        from simlab.reports.design_tables import benchmark_grid

        if message.key != self.scenario_key:
            return
        self.query_one("#market-tabs").loading = False
        summary = self.query_one("#market-summary", Static)
        if message.error is not None:
            self.view = None
            summary.update(escape(_("No market analysis for this scenario: {error}").format(
                error=message.error)))
            summary.add_class("error")
            return
        summary.remove_class("error")
        self.view = v = message.view
        summary.update(escape(_("{company}: sector «{sector}», {n} survey respondents").format(
            company=v.company, sector=v.sector, n=v.respondents)))
        fill(self.query_one("#market-benchmark", DataTable), benchmark_grid(v.benchmark))
        fill(self.query_one("#market-competitors", DataTable), mt.positioning_grid(v.positioning))
        self.query_one("#market-map", ScatterChart).show(
            _("Positioning map"), mt.positioning_points(v.positioning),
            xlabel=_("cost per contact (€)"), ylabel=_("service index"),
            labels=mt.positioning_labels(v.positioning))
        note = self.query_one("#market-map-note", Static)
        note.update(escape(mt.map_note(v.positioning)))
        note.display = bool(mt.map_note(v.positioning))
        self.query_one("#market-ipa", ScatterChart).show(
            _("Importance–performance (1–7)"), mt.ipa_points(v.ipa),
            xlabel=_("performance"), ylabel=_("importance"), cuts=mt.ipa_cuts(v.ipa)[::-1],
            limits=(1.0, 7.0, 1.0, 7.0))
        fill(self.query_one("#market-ipa-table", DataTable), mt.ipa_grid(v.ipa))
        self.query_one("#market-suggestion", Static).update(escape(mt.suggestion_text(v)))
        fill(self.query_one("#market-segments", DataTable), mt.segments_grid(v.segments))

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
