"""Budget and actuals (B on a run's results): the ledger of the run's file, by line."""

from __future__ import annotations

import pytest

from simlab.analysis.ledger import by_line
from simlab.lab import runner
from simlab.store.runfiles import read_table
from simlab.store.workspace import Workspace
from simlab.tui.app import LabApp
from simlab.tui.screens.ledger import LedgerScreen
from simlab.tui.screens.results import ResultsScreen

from .helpers import drive, settle, wait_for
from .test_flows import core_run
from .test_small_terminal import drive_small


@pytest.mark.parametrize("small", [False, True])
def test_b_opens_the_budget_against_actuals_of_the_run(ws_path, small):
    result = core_run()
    with Workspace.open(ws_path) as ws:
        run_id = runner.save(result, ws)
        folder = ws.run_dir(run_id)
    lines = by_line(read_table(folder, "ledger"))
    app = LabApp(ws_path)

    async def script(pilot):
        app.screen.query_one("#recent-runs").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("B")
        await wait_for(pilot, lambda: isinstance(app.screen, LedgerScreen)
                       and app.screen.query_one("#ledger-table").row_count > 0)
        table = app.screen.query_one("#ledger-table")
        text = " ".join(str(c) for i in range(table.row_count) for c in table.get_row_at(i))
        assert "Operatori" in text and "Totale" in text
        assert table.row_count == len(lines) + 1
        summary = str(app.screen.query_one("#ledger-summary").render())
        assert "pieno" in summary and "diretto" in summary
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)

    (drive_small if small else drive)(app, script)
