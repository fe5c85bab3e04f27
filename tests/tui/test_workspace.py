"""The workspace: nothing is lost (autosave), nothing is overwritten (problems get an
Italian message and an offer of another folder)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Input

from simlab.lab import catalog
from simlab.store.workspace import Workspace
from simlab.tui.app import LabApp
from simlab.tui.screens.home import HomeScreen
from simlab.tui.screens.workspace import WorkspaceScreen

from .helpers import drive, settle


def damaged(folder):
    folder.mkdir()
    (folder / "simlab.db").write_bytes(b"this is not a database" * 10)


def newer(folder):
    Workspace.open(folder).close()
    with sqlite3.connect(folder / "simlab.db") as conn:
        conn.execute("PRAGMA user_version = 999")
    conn.close()


@pytest.mark.parametrize(("spoil", "headline"), [(damaged, "danneggiata"),
                                                   (newer, "più recente")])
def test_a_bad_workspace_is_left_alone_and_another_folder_offered(tmp_path, monkeypatch,
                                                                   spoil, headline):
    monkeypatch.chdir(tmp_path)
    broken = tmp_path / "ws"
    spoil(broken)
    before = (broken / "simlab.db").read_bytes()
    app = LabApp(broken)

    async def script(pilot):
        screen = app.screen
        assert isinstance(screen, WorkspaceScreen)
        assert headline in str(screen.query_one(".panel-title").render())
        folder = screen.query_one("#workspace-folder", Input)
        assert folder.value == str(tmp_path / "ws-2")
        folder.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.ws.root == tmp_path / "ws-2"

    drive(app, script)
    assert (broken / "simlab.db").read_bytes() == before


def test_a_folder_of_other_files_is_refused_in_the_dialog_too(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "tesi.docx").write_text("mine")
    app = LabApp(tmp_path / "missing", explicit=True)

    async def script(pilot):
        screen = app.screen
        assert isinstance(screen, WorkspaceScreen)
        assert "non c'è ancora" in str(screen.query_one(".panel-title").render()).lower()
        folder = screen.query_one("#workspace-folder", Input)
        folder.value = str(tmp_path / "notes")
        folder.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)  # refused, the input kept
        assert "non è un'area di lavoro" in str(screen.query_one("#workspace-error").render())
        assert folder.value == str(tmp_path / "notes")

    drive(app, script)
    assert [p.name for p in (tmp_path / "notes").iterdir()] == ["tesi.docx"]
    assert not (tmp_path / "missing").exists()


def test_the_name_typed_is_autosaved_and_restored(empty_ws_path):
    app = LabApp(empty_ws_path)

    async def script(pilot):
        assert app.focused.id == "person-name"
        await pilot.press(*"Gennaro")
        await pilot.pause(0.6)

    drive(app, script)
    with Workspace.open(empty_ws_path) as ws:
        assert json.loads(ws.draft("tui.person-form"))["name"] == "Gennaro"
    app = LabApp(empty_ws_path)

    async def again(pilot):
        assert app.screen.query_one("#person-name", Input).value == "Gennaro"
        await pilot.press("space", *"Russo", "enter")
        await settle(pilot)
        assert "Gennaro Russo" in str(app.screen.query_one("#person-now").render())

    drive(app, again)
    with Workspace.open(empty_ws_path) as ws:
        assert ws.current_person().name == "Gennaro Russo"
        assert ws.draft("tui.person-form") is None


def test_quitting_saves_what_is_being_typed(empty_ws_path):
    app = LabApp(empty_ws_path)

    async def script(pilot):
        await pilot.press(*"Lucia", "ctrl+q")

    drive(app, script)
    with Workspace.open(empty_ws_path) as ws:
        assert json.loads(ws.draft("tui.person-form"))["name"] == "Lucia"


def test_theme_toggle_is_remembered(ws_path):
    app = LabApp(ws_path)

    async def script(pilot):
        assert app.theme == "textual-dark"
        await pilot.press("f2")
        assert app.theme == "textual-light"

    drive(app, script)
    app = LabApp(ws_path)

    async def again(pilot):
        assert app.theme == "textual-light"

    drive(app, again)


def test_workspace_scenarios_and_care_models_are_offered(ws_path):
    shipped = Path(catalog.find("energia-base"))
    care = catalog.companion(shipped, "care").read_text(encoding="utf-8")
    scenario = shipped.read_text(encoding="utf-8")
    with Workspace.open(ws_path) as ws:
        ws.save_document("care_model", "mio-modello",
                         care.replace("id: energia-base\n", "id: mio-modello\n", 1))
        ws.save_document("scenario", "energia-mia",
                         scenario.replace("id: energia-base\n", "id: energia-mia\n", 1))
    app = LabApp(ws_path)

    async def script(pilot):
        await pilot.press("s")
        await settle(pilot)
        listed = [str(o.id) for o in app.screen.query_one("#scenario-list").options]
        assert "ws:energia-mia" in listed and "energia-base" in listed
        await pilot.press("r")
        await settle(pilot)
        cares = app.screen.form.cares
        assert [c.key for c in cares] == ["energia-base.care.yaml", "ws:mio-modello"]
        assert "area di lavoro" in cares[1].label

    drive(app, script)
