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


def test_a_run_with_complaints_plans_its_back_office_and_names_the_case_lines(ws_path):
    """The complaints back office is a planned line (its people × hours × cost on its
    weekdays: 4 × 7.5 h × 24 € × 5 weekdays in 7 days = 3,600 €, as the run pays it), and
    the case lines are named in Italian, not by their ids."""
    from simlab.analysis.budget import plan_budget
    from simlab.curriculum.exercise import SCENARIOS_DIR
    from simlab.model.yamlio import read_text

    texts = dict(runner.load_bundle("energia-base").texts)
    texts["plan"] = read_text(SCENARIOS_DIR / "exercises/files/uf2-capstone-round.plan.yaml")
    bundle = runner.bundle_from_texts(texts)
    budget = plan_budget(bundle.scenario, bundle.care, bundle.plan)
    office = budget.lines[budget.lines["line"] == "back_office"]
    # the scenario's 28 days from Monday 2 March 2026 hold 20 weekdays
    assert float(office["amount_eur"].sum()) == pytest.approx(4 * 7.5 * 24 * 20)
    result = runner.execute(bundle, days=7)
    with Workspace.open(ws_path) as ws:
        run_id = runner.save(result, ws)
        folder = ws.run_dir(run_id)
    lines = by_line(read_table(folder, "ledger"))
    assert lines.loc["back_office", "planned"] == pytest.approx(3600)
    assert lines.loc["back_office", "actual"] == pytest.approx(3600)
    app = LabApp(ws_path)
    seen = {}

    async def script(pilot):
        app.screen.query_one("#recent-runs").focus()
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("B")
        await wait_for(pilot, lambda: isinstance(app.screen, LedgerScreen)
                       and app.screen.query_one("#ledger-table").row_count > 0)
        table = app.screen.query_one("#ledger-table")
        seen["labels"] = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]

    drive(app, script)
    assert "Back office reclami" in seen["labels"] and "Conciliazioni" in seen["labels"]
    assert not any("_" in label for label in seen["labels"])  # no line shown by its id
