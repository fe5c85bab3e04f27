"""A trainee who opened the instructor's session plan: the run form starts from its
scenario, seed and days."""

from __future__ import annotations

from textual.widgets import Input, Select

from simlab.lab import session
from simlab.store.workspace import Workspace
from simlab.tui.app import LabApp
from simlab.tui.screens.run import RunScreen

from .helpers import drive, settle


def test_the_run_form_starts_from_the_open_session_plan(ws_path, tmp_path):
    plan = session.create(scenario="telco-base", seed=4242, days=3)
    path = session.write(plan, tmp_path / "oggi.session.yaml")
    with Workspace.open(ws_path) as ws:
        session.open_in(ws, path)

    async def script(pilot):
        await pilot.press("r")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, RunScreen)
        assert screen.query_one("#run-scenario", Select).value == "telco-base"
        assert screen.query_one("#run-seed", Input).value == "4242"
        assert screen.query_one("#run-days", Input).value == "3"
        hint = screen.query_one("#run-preset")
        assert hint.display and "Programma della sessione" in str(hint.render())

    drive(LabApp(ws_path), script)


def test_without_a_session_plan_the_form_has_no_hint(ws_path):
    async def script(pilot):
        await pilot.press("r")
        await settle(pilot)
        screen = pilot.app.screen
        assert screen.query_one("#run-scenario", Select).value == "energia-base"
        assert not screen.query_one("#run-preset").display

    drive(LabApp(ws_path), script)
