"""The survey area (`q`): build a questionnaire from the bank and save it in the
workspace, send it to a saved run, read the results; at 120×40 and 80×24; one snapshot."""

from __future__ import annotations

import asyncio

from textual.widgets import DataTable, Input, Select, SelectionList, Static

from simlab.lab import runner, surveys
from simlab.store.workspace import Workspace
from simlab.tui.app import LabApp
from simlab.tui.screens.surveys import SurveysScreen

from .helpers import cells, drive, settle, wait_for

SMALL = (80, 24)


def saved_run(ws_path) -> str:
    result = runner.execute(runner.load_bundle("ecommerce-base"), seed=3, days=2)
    with Workspace.open(ws_path) as ws:
        return runner.save(result, ws)


async def open_surveys(pilot) -> SurveysScreen:
    await pilot.press("q")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SurveysScreen)
    return pilot.app.screen


async def click(pilot, screen, button_id: str) -> None:
    button = screen.query_one(f"#{button_id}")
    button.scroll_visible(animate=False)
    await pilot.pause()
    button.press()
    await settle(pilot)


def test_build_save_send_and_read_the_results(ws_path):
    run_id = saved_run(ws_path)
    app = LabApp(ws_path)

    async def script(pilot):
        screen = await open_surveys(pilot)
        assert screen.query_one("#survey-run", Select).value == run_id
        screen.query_one("#survey-id", Input).value = "dopo-contatto"
        screen.query_one("#survey-sample", Input).value = "0,8"
        await click(pilot, screen, "survey-save")
        assert screen.query_one("#survey-saved", Select).value == "dopo-contatto"
        await click(pilot, screen, "survey-go")
        await wait_for(pilot, lambda: screen.query_one("#survey-done", Select).value
                       is not Select.NULL)
        await settle(pilot)
        facts = str(screen.query_one("#survey-facts", Static).render())
        assert "Tasso di risposta" in facts
        scores = cells(screen.query_one("#survey-scores", DataTable))
        assert scores[0][0] == "CSAT (quota di 4–5)" and scores[0][1] == "Totale"
        gaps = cells(screen.query_one("#survey-servqual", DataTable))
        assert [row[0] for row in gaps] == ["Aspetti tangibili", "Affidabilità",
                                            "Capacità di risposta", "Rassicurazione", "Empatia"]
        assert screen.query_one("#survey-gaps").display
        assert cells(screen.query_one("#survey-drivers", DataTable))
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, SurveysScreen)

    drive(app, script)
    with Workspace.open(ws_path) as ws:
        (doc_id, text), = surveys.saved_questionnaires(ws)
        assert doc_id == "dopo-contatto" and "sample: 0.8" in text
        (folder,) = surveys.workspace_surveys(ws)
        assert folder.name == f"{run_id}-dopo-contatto"
        report = surveys.analyse(surveys.load(folder))
    assert report["responses"] > 0 and report["servqual"]


def test_a_wrong_sample_is_shown_beside_the_form_and_nothing_is_saved(ws_path):
    app = LabApp(ws_path)

    async def script(pilot):
        screen = await open_surveys(pilot)
        screen.query_one("#survey-sample", Input).value = "tanti"
        await click(pilot, screen, "survey-save")
        assert "quota da 0 a 1" in str(screen.query_one("#survey-error").render())
        screen.query_one("#survey-sample", Input).value = "2"
        await click(pilot, screen, "survey-save")
        assert "2" in str(screen.query_one("#survey-error").render())

    drive(app, script)
    with Workspace.open(ws_path) as ws:
        assert surveys.saved_questionnaires(ws) == []


def test_staff_audience_offers_the_staff_items(ws_path):
    app = LabApp(ws_path)

    async def script(pilot):
        screen = await open_surveys(pilot)
        screen.query_one("#survey-audience", Select).value = "staff"
        await settle(pilot)
        items = screen.query_one("#survey-items", SelectionList)
        values = [items.get_option_at_index(i).value for i in range(items.option_count)]
        assert "st_workload_1" in values and "csat" not in values

    drive(app, script)


def test_every_panel_is_reachable_at_80x24(ws_path):
    app = LabApp(ws_path)

    async def main():
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            screen = await open_surveys(pilot)
            for widget_id in ("survey-save", "survey-go", "survey-done"):
                widget = screen.query_one(f"#{widget_id}")
                widget.scroll_visible(animate=False)
                await pilot.pause()
                assert screen.region.contains_region(widget.region), widget_id

    asyncio.run(main())


def test_survey_screen_snapshot(snap_compare, ws_path):
    async def run_before(pilot):
        await pilot.press("q")
        await settle(pilot)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    assert snap_compare(LabApp(ws_path), terminal_size=(120, 40), run_before=run_before)
