"""The contact browser: after a filter or a page change every row shows in full, at
once, and the row the user opens is the contact its number says."""

from __future__ import annotations

from textual.widgets import DataTable, Select

from simlab.lab import runner
from simlab.reports import contact_tables
from simlab.store.workspace import Workspace
from simlab.tui.app import LabApp
from simlab.tui.screens.contact import ContactScreen
from simlab.tui.screens.results import ResultsScreen
from simlab.tui.widgets.contacts import ContactBrowser

from .helpers import cells, drive, settle
from .test_flows import core_run


def fits(table: DataTable) -> list[str]:
    """Cells wider than their column right now (before the table's idle re-measure)."""
    cut = []
    for column, *values in zip(table.columns.values(), *cells(table), strict=True):
        room = column.get_render_width(table) - 2 * table.cell_padding
        cut += [v for v in values if len(v) > room]
    return cut


def test_filter_and_page_show_whole_rows_and_open_the_contact_shown(ws_path):
    result = core_run()
    with Workspace.open(ws_path) as ws:
        runner.save(result, ws)
    app = LabApp(ws_path)
    opened = {}

    async def script(pilot):
        app.screen.query_one("#recent-runs").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("4")
        await settle(pilot)
        table = app.screen.query_one("#contact-table", DataTable)
        browser = app.screen.query_one(ContactBrowser)
        # Handled synchronously, as the user sees it before the table's next idle moment.
        select = app.screen.query_one("#filter-outcome", Select)
        select.value = "abandoned"
        browser.on_select_changed(Select.Changed(select, "abandoned"))
        assert table.row_count and fits(table) == []
        assert {row[4] for row in cells(table)} == {"abbandonato"}
        select.value = Select.NULL
        await settle(pilot)
        browser.action_page(2)  # page 3: numbers of three digits
        assert cells(table)[0][0] == "200" and fits(table) == []
        first = cells(table)[0][0]
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactScreen)
        opened["id"], opened["shown"] = app.screen.detail["id"], first

    drive(app, script)
    assert str(opened["id"]) == opened["shown"].replace(".", "")


def test_widths_cover_every_contact_of_the_run():
    result = core_run()
    from simlab.lab.runview import RunView

    view = RunView.from_result(result)
    widths = contact_tables.contact_widths(view)
    rows = contact_tables.contact_rows(view, range(len(view.contacts)))
    for i, width in enumerate(widths):
        assert max(len(r[i]) for r in rows) <= width, contact_tables.contact_headers()[i]
