"""The exercises area in a picture at 120×40, and every classroom screen at 80×24: its
footer fits, what it is for is in sight, nothing is a placeholder."""

from __future__ import annotations

from textual.widgets import DataTable

from simlab.lab import exercises, session
from simlab.store.workspace import Workspace
from simlab.tui.app import LabApp

from .helpers import SIZE, cells, drive, settle
from .test_small_terminal import between_bars, drive_small, footer_fits
from .test_snapshots import steady


def test_exercises_area(snap_compare, ws_path):
    async def run_before(pilot):
        await pilot.press("t")
        await steady(pilot)

    assert snap_compare(LabApp(ws_path), terminal_size=SIZE, run_before=run_before)


def test_the_session_plans_exercises_come_first(ws_path, tmp_path):
    last = exercises.catalogue()[-1].id
    plan = session.create(scenario="telco-base", seed=3, days=1, exercises=[last],
                          title="Giornata UF3")
    with Workspace.open(ws_path) as ws:
        session.open_in(ws, session.write(plan, tmp_path / "g.session.yaml"))

    async def script(pilot):
        await pilot.press("t")
        await settle(pilot)
        table = pilot.app.screen.query_one("#exercise-table", DataTable)
        assert str(list(table.rows)[0].value) == last
        assert cells(table)[0][0] == "★"
        assert "Giornata UF3" in str(pilot.app.screen.query_one("#exercises-session").render())

    drive(LabApp(ws_path), script)


def test_every_classroom_screen_fits_80x24(ws_path):
    with Workspace.open(ws_path) as ws:
        ws.set_current_person(ws.add_person("Prof. Rossi", "instructor"))
    app = LabApp(ws_path)

    async def script(pilot):
        assert footer_fits(app.screen) == [], "home"
        for key, first in (("t", "#exercise-table"), ("f", "#portfolio-table"),
                           ("l", "#class-table")):
            await pilot.press(key)
            await settle(pilot)
            screen = app.screen
            assert footer_fits(screen) == [], key
            table = screen.query_one(first).region  # its header and first rows in sight
            assert between_bars(screen).contains_region(table._replace(height=3)), key
            if key == "t":  # the brief of the first exercise
                await pilot.press("enter")
                await settle(pilot)
                brief = app.screen
                assert footer_fits(brief) == [], "brief"
                assert between_bars(brief).contains_region(
                    brief.query_one("#exercise-facts").region)
                await pilot.press("escape")
                await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
        session_button = app.screen.query_one("#area-session")
        session_button.press()
        await settle(pilot)
        assert footer_fits(app.screen) == []
        assert app.screen.query_one("#session-scenario").value == "energia-base"

    drive_small(app, script)


def test_the_examiner_reads_but_does_not_work(ws_path):
    with Workspace.open(ws_path) as ws:
        ws.set_current_person(ws.add_person("Dott. Bianchi", "examiner"))

    async def script(pilot):
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = pilot.app.screen
        assert not screen.query_one("#exercise-start").display
        assert "Sola lettura" in str(screen.query_one("#exercise-status").render())
        ex = exercises.catalogue()[0]
        assert str(screen.query_one("#exercise-debrief").render()) == str(ex.debrief)
        await pilot.press("escape", "escape", "l")
        await settle(pilot)
        assert not pilot.app.screen.query_one("#class-import").display

    drive(LabApp(ws_path), script)


def test_the_instructor_writes_a_session_plan_in_the_app(ws_path):
    from textual.widgets import Button, Input, Select, SelectionList

    with Workspace.open(ws_path) as ws:
        ws.set_current_person(ws.add_person("Prof. Rossi", "instructor"))
    first = exercises.catalogue()[0].id

    async def script(pilot):
        app = pilot.app
        app.screen.query_one("#area-session", Button).press()
        await settle(pilot)
        screen = app.screen
        screen.query_one("#session-title", Input).value = "Giornata 1"
        screen.query_one("#session-scenario", Select).value = "telco-base"
        screen.query_one("#session-seed", Input).value = "99"
        screen.query_one("#session-days", Input).value = "x"
        screen.query_one("#session-write-open", Button).press()
        await settle(pilot)
        assert "numero intero" in str(screen.query_one("#session-error").render())
        screen.query_one("#session-days", Input).value = "2"
        screen.query_one("#session-exercises", SelectionList).select(first)
        screen.query_one("#session-write-open", Button).press()
        await settle(pilot)
        assert str(screen.query_one("#session-error").render()) == ""
        plan = session.load(ws_path / "sessione.session.yaml")
        assert (plan.scenario, plan.seed, plan.days, plan.exercises) == ("telco-base", 99, 2,
                                                                         [first])
        assert session.current(app.ws) == plan
        assert "Giornata 1" in str(screen.query_one("#session-current").render())

    drive(LabApp(ws_path), script)
