"""The results' «Indicatori» tab shows the run against its own care model: the SLAs per
priority, the ticket SLAs and the expected results, the same rows as `simlab kpi`."""

from __future__ import annotations

import dataclasses

from textual.widgets import DataTable

from simlab.lab import care_results, runner
from simlab.lab.runview import RunView
from simlab.reports import sla_tables, tables
from simlab.tui.app import LabApp
from simlab.tui.screens.results import ResultsScreen

from .helpers import cells, drive, settle


def _view(**extra) -> RunView:
    bundle = runner.load_bundle("energia-base")
    raw = {**bundle.care.model_dump(by_alias=True), **extra}
    care = bundle.care.model_validate(raw)
    return RunView.from_result(runner.execute(dataclasses.replace(bundle, care=care), days=1))


def test_results_show_the_care_model_tables(ws_path):
    view = _view(
        realtime_sla=[{"channel": "phone", "threshold_s": 20, "target": 0.8}],
        ticket_sla=[{"channel": "email", "first_response_h": 24, "resolution_h": 72}],
        expected_results=[{"kpi": "asa_s", "variant": "tma", "target": 180,
                           "channel": "phone"}])
    app = LabApp(ws_path)

    async def script(pilot):
        app.open_screen(ResultsScreen(view))
        await settle(pilot)
        screen = app.screen
        titles = [str(w.render()) for w in screen.query("#care-results Label")]
        assert titles == ["SLA in tempo reale per priorità",
                          "SLA dei ticket per priorità (ore lavorative)",
                          "Risultati attesi del modello di customer care"]
        shown = list(screen.query("#care-results DataTable").results(DataTable))
        want = sla_tables.care_grids(care_results.care_results(view.kpi_data),
                                     tables.channel_names(view.scenario))
        assert [cells(t) for t in shown] == [g.rows for _, g in want]
        assert cells(shown[0])[0][0] == "Telefono" and cells(shown[2])[0][1] == "asa_s=tma"

    drive(app, script)


def test_results_without_care_model_rules_show_no_such_table(ws_path):
    view = _view(realtime_sla=[], ticket_sla=[], expected_results=[])
    app = LabApp(ws_path)

    async def script(pilot):
        app.open_screen(ResultsScreen(view))
        await settle(pilot)
        assert len(app.screen.query("#care-results > *")) == 0
        assert app.screen.query_one("#kpi-table", DataTable).row_count > 0

    drive(app, script)
