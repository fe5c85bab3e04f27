"""Help: how to start, the keys of each screen (read from the screens themselves), and
what each KPI means with its formula (from the KPI catalogue)."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from simlab.analysis.kpi import KPIS, kpi_label
from simlab.i18n import _
from simlab.tui.screens.base import LabScreen

UNITS = {"ratio": "%", "seconds": "s", "hours": "h", "count": "n", "eur": "€"}


def key_sections() -> list[tuple[str, list[Binding]]]:
    from simlab.tui.app import LabApp
    from simlab.tui.screens.compare import CompareScreen
    from simlab.tui.screens.designer import DesignerScreen
    from simlab.tui.screens.exercises import ExerciseScreen
    from simlab.tui.screens.home import HomeScreen
    from simlab.tui.screens.market import MarketScreen
    from simlab.tui.screens.planeditor import PlanEditorScreen
    from simlab.tui.screens.results import ResultsScreen
    from simlab.tui.screens.run import RunScreen
    from simlab.tui.screens.runs import RunsScreen
    from simlab.tui.screens.scenarios import ScenariosScreen
    from simlab.tui.widgets.contacts import ContactBrowser

    return [
        (_("Everywhere"), LabApp.keys() + [
            Binding("tab", "", _("Next field or table")),
            Binding("enter", "", _("Press the button, open the selected row")),
            Binding("escape", "", _("Back, or close a dialog")),
        ]),
        (_("Home"), HomeScreen.keys()),
        (_("Scenarios"), ScenariosScreen.keys()),
        (_("New run"), RunScreen.keys()),
        (_("Results"), ResultsScreen.keys() + [Binding("1-4", "", _("Show a tab"))]),
        (_("Saved runs"), RunsScreen.keys()),
        (_("Compare runs"), CompareScreen.keys() + [Binding("1-4", "", _("Show a tab"))]),
        (_("Contacts"), ContactBrowser.keys()),
        (_("Exercise"), ExerciseScreen.keys()),
        (_("Care model"), DesignerScreen.keys()),
        (_("Market and competitors"), MarketScreen.keys() + [Binding("1-4", "", _("Show a tab"))]),
        (_("Operations plan"), PlanEditorScreen.keys()),
    ]


class HelpScreen(LabScreen):
    def screen_title(self) -> str:
        return _("Help")

    def body(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="panel"):
            yield Label(_("How to start"), classes="panel-title")
            yield Static(_(
                "1. On the home screen, say who you are (name and role).\n"
                "2. «Scenarios» shows the companies you can simulate: their customers, "
                "channels and demand.\n"
                "3. «New run» simulates a scenario with a care model and an operations plan; "
                "you can pause or cancel it, and it is saved in the workspace when it ends.\n"
                "4. «Results» shows the indicators per channel and per day, the charts by time "
                "of day and every contact with the customer's own words; «Export» writes them "
                "for a spreadsheet.\n"
                "Everything you type is saved as you go. Ctrl+P opens the list of commands."),
                id="help-start")
            yield Label(_("Keys"), classes="panel-title")
            yield Static(self.keys_table(), id="help-keys")
            yield Label(_("Indicators (KPI)"), classes="panel-title")
            yield Static(self.kpi_table(), id="help-kpis")

    def keys_table(self) -> Table:
        table = Table(box=None, header_style="bold", pad_edge=False)
        for header in (_("Where"), _("Key"), _("What it does")):
            table.add_column(header)
        for section, bindings in key_sections():
            for i, (key, text) in enumerate(self.key_rows(bindings)):
                table.add_row(section if i == 0 else "", key, text)
        return table

    def key_rows(self, bindings: list[Binding]) -> list[tuple[str, str]]:
        """(key, what it does) in order; a key that toggles (pause/resume) is one row.
        The footer shows a binding's short description, the help its tooltip if any."""
        rows: dict[str, list[str]] = {}
        for binding in bindings:
            text = binding.tooltip or binding.description
            if not text:
                continue
            texts = rows.setdefault(self.app.get_key_display(binding), [])
            if text not in texts:
                texts.append(text)
        return [(key, " / ".join(texts)) for key, texts in rows.items()]

    def kpi_table(self) -> Table:
        table = Table(box=None, header_style="bold", pad_edge=False)
        table.add_column(_("Indicator"))
        table.add_column(_("Formula"))
        table.add_column(_("Unit"))
        for k in KPIS:
            table.add_row(kpi_label(k.key), _(k.formula), UNITS.get(k.unit, k.unit))
        return table
