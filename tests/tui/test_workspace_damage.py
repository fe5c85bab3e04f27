"""The app with a workspace it cannot write, or holding a damaged run: it says so in
Italian, lets the user browse or choose another folder, and never crashes."""

from __future__ import annotations

from textual.widgets import Button, Input

from simlab.lab import runner
from simlab.store import access
from simlab.store.workspace import Workspace
from simlab.tui.app import LabApp
from simlab.tui.screens.home import HomeScreen
from simlab.tui.screens.runs import RunsScreen
from simlab.tui.screens.workspace import WorkspaceScreen
from tests.conftest import bundle

from .helpers import drive, settle


def test_a_read_only_workspace_can_be_browsed_without_a_crash(ws_path, monkeypatch):
    monkeypatch.setenv(access.ENV_READ_ONLY, "1")
    app = LabApp(ws_path)

    async def script(pilot):
        screen = app.screen
        assert isinstance(screen, WorkspaceScreen)
        assert "sola lettura" in str(screen.query_one(".panel-title").render())
        assert screen.query_one("#workspace-folder", Input).value.endswith("ws-2")
        screen.query_one("#workspace-browse", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and app.ws.read_only
        app.set_lab_theme("textual-light")  # saved for the session only: no traceback
        await pilot.press("tab", "a", "b")
        await settle(pilot)

    drive(app, script)
    monkeypatch.delenv(access.ENV_READ_ONLY)
    with Workspace.open(ws_path) as ws:
        assert ws.setting("theme") is None


def test_a_read_only_workspace_offers_another_folder(ws_path, tmp_path, monkeypatch):
    monkeypatch.setenv(access.ENV_READ_ONLY, "1")
    app = LabApp(ws_path)

    async def script(pilot):
        monkeypatch.delenv(access.ENV_READ_ONLY)  # the new folder can be written
        screen = app.screen
        screen.query_one("#workspace-folder", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.ws.root == tmp_path / "ws-2" and not app.ws.read_only

    drive(app, script)


def test_a_damaged_run_is_marked_and_its_results_not_shown(ws_path):
    result = runner.execute(bundle(), days=1)
    with Workspace.open(ws_path) as ws:
        run_id = runner.save(result, ws)
    (ws_path / "runs" / run_id / "agents.parquet").unlink()
    app = LabApp(ws_path)

    async def script(pilot):
        await settle(pilot)
        recent = app.screen.query_one("#recent-runs")  # Home's latest runs say it too
        assert "danneggiata" in [str(c) for c in recent.get_row(run_id)]
        app.open_screen(RunsScreen())
        await settle(pilot)
        table = app.screen.query_one("#all-runs")
        assert "danneggiata" in [str(c) for c in table.get_row(run_id)]
        app.screen.on_data_table_row_selected(type("E", (), {"row_key": type(
            "K", (), {"value": run_id})()})())
        await settle(pilot)
        assert isinstance(app.screen, RunsScreen)  # the altered results are not opened
        assert any("agents.parquet" in str(n.message) for n in app._notifications)

    drive(app, script)
