"""The results' «Indicatori» tab shows the ticket conversations (the plan's customer
replies): the ticket SLA table gains the replies and the next responses, the same rows
as `simlab kpi`."""

from __future__ import annotations

import dataclasses

from textual.widgets import DataTable

from simlab.lab import care_results, runner
from simlab.lab.runview import RunView
from simlab.model.plan import OperationsPlan
from simlab.reports import sla_tables, tables
from simlab.tui.app import LabApp
from simlab.tui.screens.results import ResultsScreen

from .helpers import cells, drive, settle


def _view() -> RunView:
    b = runner.load_bundle("ecommerce-base")
    care = b.care.model_validate({**b.care.model_dump(by_alias=True), "ticket_sla": [
        {"channel": "email", "first_response_h": 24, "next_response_h": 8,
         "resolution_h": 72}]})
    data = b.plan.model_dump(by_alias=True)
    data["procedures"] = {"replies": {"share": 0.5,
                                      "delay_s": {"dist": "exponential", "mean": 3600}}}
    bundle = dataclasses.replace(b, care=care, plan=OperationsPlan.model_validate(data))
    return RunView.from_result(runner.execute(bundle, days=1))


def test_results_show_the_next_responses(ws_path):
    view = _view()
    app = LabApp(ws_path)

    async def script(pilot):
        app.open_screen(ResultsScreen(view))
        await settle(pilot)
        shown = list(app.screen.query("#care-results DataTable").results(DataTable))
        want = sla_tables.care_grids(care_results.care_results(view.kpi_data),
                                     tables.channel_names(view.scenario))
        assert [cells(t) for t in shown] == [g.rows for _, g in want]
        at = next(i for i, (_, g) in enumerate(want) if g.keys[:1] == ["tk0"])
        ticket = cells(shown[at])[0]
        assert len(ticket) == 11 and "entro 8 h" in ticket[9]

    drive(app, script)
