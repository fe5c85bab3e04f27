"""The KPI dashboard in the app: `g` from Home, a saved run picked, the drill-down with
Enter and Escape, a formula switch that changes the table's numbers, at 120×40 and 80×24;
and one picture of it."""

from __future__ import annotations

import functools

from textual.widgets import DataTable, Select, Static

from simlab import fmt
from simlab.lab import dashboard as lab_dashboard
from simlab.lab import runner
from simlab.store.workspace import Workspace
from simlab.tui.app import LabApp
from simlab.tui.screens.dashboard import DashboardScreen

from .helpers import cells, drive, settle

DAYS = 2


@functools.cache
def saved_result() -> runner.RunResult:
    return runner.execute(runner.load_bundle("energia-base"), seed=5, days=DAYS)


def save_run(ws_path) -> str:
    with Workspace.open(ws_path) as ws:
        return runner.save(saved_result(), ws, label="cruscotto")


def row_cells(table: DataTable) -> dict[str, list[str]]:
    return dict(zip([str(k.value) for k in table.rows], cells(table), strict=True))


async def open_dashboard(pilot) -> DataTable:
    await pilot.press("g")
    await settle(pilot)
    assert isinstance(pilot.app.screen, DashboardScreen)
    await pilot.press("enter")  # the latest saved run
    await settle(pilot)
    return pilot.app.screen.query_one("#dash-table", DataTable)


def core_board(formulas=None) -> lab_dashboard.Dashboard:
    """The same run's dashboard straight from the core, with some formulas switched."""
    from simlab.lab.runview import RunView

    board = lab_dashboard.for_view(RunView.from_result(saved_result()))
    for name, choice in (formulas or {}).items():
        board.set_formula(name, choice)
    return board


def expected(path, kpi_key: str) -> dict[str, str]:
    """The value of `kpi_key` per row, as the core gives it and fmt formats it."""
    frame = core_board().level(path).frame
    return {str(k): fmt.value(frame.at[k, kpi_key], "count") for k in frame.index}


def test_drill_down_with_enter_and_back_up_with_escape(ws_path):
    save_run(ws_path)
    app = LabApp(ws_path)

    async def script(pilot):
        table = await open_dashboard(pilot)
        screen = pilot.app.screen
        rows = row_cells(table)
        assert list(rows) == ["chat", "email", "phone", "total"]
        want = expected([], "offered")
        assert [r[1] for r in rows.values()] == list(want.values())
        assert "Tutti i canali" in str(screen.query_one("#dash-crumbs", Static).content)
        # open the phone, then its first queue, then its first team
        table.move_cursor(row=2)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.path == [lab_dashboard.Step("channel", "phone")]
        crumbs = str(screen.query_one("#dash-crumbs", Static).content)
        assert "Telefono" in crumbs and "per coda" in crumbs
        queues = row_cells(table)
        assert "tel-commerciale" in queues
        assert [r[1] for r in queues.values()] == list(
            expected(screen.path, "offered").values())
        table.move_cursor(row=0)
        await pilot.press("enter")
        await settle(pilot)
        assert [s.level for s in screen.path] == ["channel", "queue"]
        assert "per gruppo" in str(screen.query_one("#dash-crumbs", Static).content)
        # the total row opens nothing
        table.move_cursor(row=table.row_count - 1)
        await pilot.press("enter")
        await settle(pilot)
        assert len(screen.path) == 2
        # back up twice: the channels again, the cursor on the phone
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert screen.path == []
        assert list(row_cells(table)) == ["chat", "email", "phone", "total"]
        assert table.cursor_row == 2
        # once more: back to the choice of a run, and then out
        await pilot.press("escape")
        await settle(pilot)
        assert screen.board is None and screen.query_one("#dash-pick").display
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, DashboardScreen)

    drive(app, script)


def test_a_formula_switch_recomputes_the_table_and_names_the_formula(ws_path):
    save_run(ws_path)
    app = LabApp(ws_path)

    async def script(pilot):
        table = await open_dashboard(pilot)
        screen = pilot.app.screen
        sl_column = 1 + screen.board.level([]).columns.index("service_level")
        before = {k: r[sl_column] for k, r in row_cells(table).items()}
        text = str(screen.query_one("#dash-formula-text", Static).content)
        assert text.startswith("[b]Livello di servizio[/b]: contatti in tempo reale gestiti")
        screen.query_one("#dash-formula", Select).value = "offered"
        await settle(pilot)
        after = {k: r[sl_column] for k, r in row_cells(table).items()}
        assert after != before
        frame = core_board({"service_level": "offered"}).level([]).frame
        assert after["phone"].startswith(fmt.percent(frame.at["phone", "service_level"]))
        text = str(screen.query_one("#dash-formula-text", Static).content)
        assert "(gestiti + tutti gli abbandonati)" in text
        # the ASA's switch: TMA also counts the abandoned calls' wait
        screen.query_one("#dash-kpi", Select).value = "asa_s"
        await settle(pilot)
        screen.query_one("#dash-formula", Select).value = "tma"
        await settle(pilot)
        assert "TMA" in str(screen.query_one("#tile-asa_s", Static).content)

    drive(app, script)


def test_the_dashboard_fits_80_by_24(ws_path):
    import asyncio

    save_run(ws_path)
    app = LabApp(ws_path)

    async def main():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            table = await open_dashboard(pilot)
            assert table.row_count == 4
            screen = pilot.app.screen
            # every tile is on the screen, two rows of four
            tiles = [screen.query_one(f"#tile-{k}") for k in lab_dashboard.TILE_KPIS]
            assert all(t.region.width >= 15 for t in tiles)
            assert len({t.region.y for t in tiles}) == 2
            table.move_cursor(row=2)
            await pilot.press("enter")
            await settle(pilot)
            assert screen.path[0].key == "phone"

    asyncio.run(main())


def test_dashboard_snapshot(snap_compare, ws_path):
    save_run(ws_path)

    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(LabApp(ws_path), terminal_size=(120, 40), run_before=run_before)


def test_a_saved_runs_results_open_its_dashboard_with_g(ws_path):
    run_id = save_run(ws_path)
    app = LabApp(ws_path)

    async def script(pilot):
        from simlab.tui.screens.results import open_stored_run

        open_stored_run(pilot.app, run_id)
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, DashboardScreen) and screen.run_id == run_id
        assert not screen.query_one("#dash-pick").display
        assert screen.query_one("#dash-table", DataTable).row_count == 4
        await pilot.press("escape")  # opened from the results: Escape goes back there
        await settle(pilot)
        assert type(pilot.app.screen).__name__ == "ResultsScreen"

    drive(app, script)
