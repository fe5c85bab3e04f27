"""The designer keeps unsaved work: a change is autosaved as a draft, restored when the
model is opened again (one undo from the saved model), discarded by saving; leaving or
switching model with unsaved changes asks first."""

from __future__ import annotations

from textual.widgets import Button, Select

from simlab.lab import designer_draft
from simlab.store.workspace import Workspace
from simlab.tui.app import LabApp
from simlab.tui.screens.confirm import ConfirmScreen
from simlab.tui.screens.designer import DesignerScreen
from simlab.tui.screens.home import HomeScreen

from .helpers import drive, settle, wait_for
from .test_designer_flows import TARGET, open_designer, type_into

KEY = "designer:energia-base:energia-base.care.yaml"


def _draft(ws_path) -> str | None:
    with Workspace.open(ws_path) as ws:
        return ws.draft(KEY)


def test_a_change_is_kept_as_a_draft_and_restored(ws_path):
    app = LabApp(ws_path)

    async def script(pilot):
        screen = await open_designer(pilot)
        assert designer_draft.key(screen.opened) == KEY
        await type_into(pilot, TARGET, "0,9")
        screen.autosave.flush()  # what the timer does once typing pauses
        assert "target: 0.9" in app.ws.draft(KEY)
        await pilot.press("escape")  # unsaved: a question, not the way out
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        app.screen.query_one("#yes", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        screen = await open_designer(pilot)  # the same model again: the draft is back
        assert screen.data["service_level"]["phone"]["target"] == 0.9
        assert screen.unsaved() and screen.saved_data["service_level"]["phone"]["target"] == 0.8
        await pilot.press("ctrl+z")  # one step back is the saved model: no draft left
        await settle(pilot)
        assert screen.data["service_level"]["phone"]["target"] == 0.8 and not screen.unsaved()
        assert app.ws.draft(KEY) is None
        await pilot.press("escape")  # nothing unsaved: no question
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

    drive(app, script)


def test_staying_keeps_the_model_open_and_switching_asks(ws_path):
    app = LabApp(ws_path)

    async def script(pilot):
        screen = await open_designer(pilot)
        await type_into(pilot, TARGET, "0,85")
        await pilot.press("escape")
        await settle(pilot)
        app.screen.query_one("#no", Button).press()  # stay
        await settle(pilot)
        assert app.screen is screen and screen.data["service_level"]["phone"]["target"] == 0.85
        scenario = screen.query_one("#designer-scenario", Select)
        scenario.value = "telco-base"  # another scenario: asks too
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        app.screen.query_one("#no", Button).press()
        await settle(pilot)
        assert screen.opened.scenario.key == "energia-base"
        assert scenario.value == "energia-base"  # the select shows what is still open
        scenario.value = "telco-base"
        await settle(pilot)
        app.screen.query_one("#yes", Button).press()
        await settle(pilot)
        await wait_for(pilot, lambda: screen.opened.scenario.key == "telco-base")
        assert not screen.unsaved()

    drive(app, script)
    assert "target: 0.85" in _draft(ws_path)  # the draft outlives the app


def test_saving_discards_the_draft(ws_path):
    app = LabApp(ws_path)

    async def script(pilot):
        screen = await open_designer(pilot)
        await type_into(pilot, TARGET, "0,9")
        screen.autosave.flush()
        assert app.ws.draft(KEY) is not None
        screen.save("energia-mia")
        await settle(pilot)
        assert app.ws.draft(KEY) is None
        assert screen.opened.source.id == "energia-mia" and not screen.unsaved()
        assert isinstance(app.screen, DesignerScreen)

    drive(app, script)
