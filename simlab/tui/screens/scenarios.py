"""Scenarios: the shipped and the workspace's, with description, company, channels,
volumes and the expected demand by hour of a weekday."""

from __future__ import annotations

from rich.markup import escape
from rich.table import Table
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from simlab.i18n import _
from simlab.lab import catalog, sources
from simlab.reports import tables
from simlab.tui.screens.base import LabScreen
from simlab.tui.widgets.charts import LineChart
from simlab.tui.widgets.facts import facts_table


def grid_table(grid: tables.Grid) -> Table:
    table = Table(expand=False, box=None, header_style="bold", pad_edge=False)
    for i, header in enumerate(grid.headers):
        table.add_column(header, justify="left" if i == 0 else "right")
    for row in grid.rows:
        table.add_row(*row)
    return table


class ScenariosScreen(LabScreen):
    def __init__(self) -> None:
        super().__init__()
        self.items: list[sources.Source] = []

    @classmethod
    def keys(cls) -> list[Binding]:
        return [Binding("escape", "back", _("Back")),
                Binding("r", "run", _("New run"), tooltip=_("Simulate this scenario"))]

    def screen_title(self) -> str:
        return _("Scenarios")

    def body(self) -> ComposeResult:
        with Horizontal(id="scenarios"):
            yield OptionList(id="scenario-list", classes="panel")
            # One scroll for text and chart: at 80×24 the chart alone would fill the panel.
            with VerticalScroll(id="scenario-detail", classes="panel"):
                yield Label("", id="scenario-title", classes="panel-title")
                yield Static("", id="scenario-description")
                yield LineChart(id="scenario-chart")
                yield Static("", id="scenario-facts")
                yield Static("", id="scenario-channels")
                yield Static("", id="scenario-events")

    def on_mount(self) -> None:
        self.query_one("#scenario-list").loading = True
        self.load()

    @work(thread=True, exclusive=True, group="scenarios")
    def load(self) -> None:
        items = sources.scenarios(self.app.ws)
        self.app.call_from_thread(self.show_items, items)

    def show_items(self, items: list[sources.Source]) -> None:
        self.items = items
        options = self.query_one("#scenario-list", OptionList)
        options.loading = False
        options.clear_options()
        for s in items:
            label = str(s.model.title) if s.model is not None else s.key
            where = _("shipped") if s.origin == sources.SHIPPED else _("workspace")
            options.add_option(Option(f"{label}\n[dim]{where} · {s.key}[/dim]", id=s.key))
        if items:
            keys = [s.key for s in items]
            options.highlighted = keys.index(catalog.DEFAULT_SCENARIO) \
                if catalog.DEFAULT_SCENARIO in keys else 0
            options.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show(self.current())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_run()

    def current(self) -> sources.Source | None:
        index = self.query_one("#scenario-list", OptionList).highlighted
        return self.items[index] if index is not None and index < len(self.items) else None

    def show(self, source: sources.Source | None) -> None:
        if source is None:
            return
        sc = source.model
        if sc is None:
            self.query_one("#scenario-title", Label).update(source.key)
            self.query_one("#scenario-description", Static).update(
                escape(_("This scenario cannot be used: {error}").format(error=source.error)))
            for part in ("facts", "channels", "events"):
                self.query_one(f"#scenario-{part}", Static).update("")
            self.query_one(LineChart).display = False
            return
        self.query_one("#scenario-title", Label).update(str(sc.title))
        self.query_one("#scenario-description", Static).update(escape(str(sc.description)))
        self.query_one("#scenario-facts", Static).update(facts_table(tables.scenario_facts(sc)))
        self.query_one("#scenario-channels", Static).update(
            grid_table(tables.channel_grid(sc)))
        events = tables.event_lines(sc)
        self.query_one("#scenario-events", Static).update(
            (_("Events") + ":\n" + "\n".join(f"• {escape(e)}" for e in events)) if events else "")
        names = tables.channel_names(sc)
        hourly = tables.hourly_demand(sc)
        chart = self.query_one(LineChart)
        chart.display = True
        chart.show(_("Expected contacts per hour, average weekday"),
                   {names[c]: ([h * 3600 for h in range(24)], v) for c, v in hourly.items()})

    def action_run(self) -> None:
        from simlab.tui.screens.run import RunScreen

        source = self.current()
        if source is None or source.model is None:
            return
        self.app.open_screen(RunScreen(scenario_key=source.key))
