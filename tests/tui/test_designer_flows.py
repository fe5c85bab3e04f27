"""The designer and the market screen with Pilot: open, edit a field, see the loader's
message under it, see the estimate change, undo, save as a new id, load it back, compare
two models; the market screen for every shipped scenario; both at 80×24 too."""

from __future__ import annotations

import pytest
import yaml
from textual.widgets import Button, DataTable, Input, Select, Static

from simlab.store.workspace import Workspace
from simlab.tui.app import LabApp
from simlab.tui.screens.designer import DesignerScreen
from simlab.tui.screens.designer_diff import DesignDiffScreen
from simlab.tui.screens.market import MarketScreen

from .helpers import cells, drive, settle, wait_for

TARGET = "#f-service_level-phone-target"


def body_text(screen) -> str:
    return str(screen.query_one("#estimate-body", Static).render())


async def open_designer(pilot) -> DesignerScreen:
    await pilot.press("d")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, DesignerScreen)
    await wait_for(pilot, lambda: screen.estimate is not None)
    return screen


async def type_into(pilot, selector: str, text: str) -> None:
    screen = pilot.app.screen
    field = screen.query_one(selector, Input)
    screen.query_one("#designer-tabs").active = field.ancestors_with_self[
        [type(a).__name__ for a in field.ancestors_with_self].index("TabPane")].id
    await pilot.pause()
    field.value = text
    await pilot.pause()


async def press(pilot, selector: str) -> None:
    """Press a button of the form (it may be below the fold: the form scrolls)."""
    button = pilot.app.screen.query_one(selector, Button)
    button.scroll_visible(animate=False)
    await pilot.pause()
    button.press()
    await settle(pilot)


def test_edit_validate_estimate_undo(ws_path):
    app = LabApp(ws_path)

    async def script(pilot):
        screen = await open_designer(pilot)
        assert screen.opened.source.id == "energia-base" and screen.checked.errors == []
        first = screen.estimate
        slot = screen.query_one("#form-slas").error_slots[("service_level", "phone", "target")]
        assert not slot.display
        await type_into(pilot, TARGET, "abc")
        assert slot.display and "«abc» non è un numero" in str(slot.render())
        assert "Correggi gli errori" in body_text(screen)
        await type_into(pilot, TARGET, "0,95")
        assert not slot.display
        await wait_for(pilot, lambda: screen.estimate is not first
                       and screen.estimate.cost_per_month > first.cost_per_month)
        assert int(screen.estimate.channels[0][1]) > int(first.channels[0][1])
        assert screen.data["service_level"]["phone"]["target"] == 0.95
        await type_into(pilot, "#f-queues-0-priority", "12")  # a second step
        assert "al massimo 9" in str(
            screen.query_one("#form-routing").error_slots[("queues", 0, "priority")].render())
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert screen.data["queues"][0]["priority"] == 1
        assert screen.data["service_level"]["phone"]["target"] == 0.95
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert screen.data["service_level"]["phone"]["target"] == 0.80
        assert screen.query_one(TARGET, Input).value == "0,8"
        await wait_for(pilot, lambda: screen.estimate.cost_per_month == first.cost_per_month)

    drive(app, script)


def test_add_and_remove_rows(ws_path):
    app = LabApp(ws_path)

    async def script(pilot):
        screen = await open_designer(pilot)
        windows = len(screen.data["opening_hours"]["phone"])
        screen.query_one("#designer-tabs").active = "sec-channels"
        await pilot.pause()
        await press(pilot, "#add-opening_hours-phone")
        assert len(screen.data["opening_hours"]["phone"]) == windows + 1
        assert screen.query_one(f"#f-opening_hours-phone-{windows}-from", Input).value == "09:00"
        await type_into(pilot, f"#f-opening_hours-phone-{windows}-to", "08:00")
        assert any("fine" in m for _p, m in screen.checked.errors)  # the end before the start
        await press(pilot, f"#del-opening_hours-phone-{windows}")
        assert len(screen.data["opening_hours"]["phone"]) == windows
        assert screen.checked.errors == []

    drive(app, script)


def test_save_as_load_back_and_compare(ws_path):
    app = LabApp(ws_path)

    async def script(pilot):
        screen = await open_designer(pilot)
        await type_into(pilot, TARGET, "0,9")
        await pilot.press("ctrl+s")  # a shipped model: «save as» asks for an id
        await settle(pilot)
        field = app.screen.query_one("#save-as-id", Input)
        assert field.value == "energia-base-mio"
        field.value = "vesuvio-premium"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.opened.source.key == "ws:vesuvio-premium" and not screen.opened.shipped
        assert screen.query_one("#designer-model", Select).value == "ws:vesuvio-premium"
        # load the shipped one, then ours back
        screen.query_one("#designer-model", Select).value = "energia-base.care.yaml"
        await settle(pilot)
        assert screen.data["service_level"]["phone"]["target"] == 0.8
        screen.query_one("#designer-model", Select).value = "ws:vesuvio-premium"
        await settle(pilot)
        assert screen.data["service_level"]["phone"]["target"] == 0.9
        assert screen.query_one(TARGET, Input).value == "0,9"
        await type_into(pilot, TARGET, "0,85")
        await pilot.press("ctrl+s")  # ours: a new version, no question
        await settle(pilot)
        await press(pilot, "#designer-compare")
        diff = app.screen
        assert isinstance(diff, DesignDiffScreen)
        rows = cells(diff.query_one("#diff-table", DataTable))
        assert ["service_level.phone.target", "0,85", "0,80"] in rows
        assert all(r[1] != r[2] for r in rows)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen

    drive(app, script)
    with Workspace.open(ws_path) as ws:
        versions = ws.document_versions("care_model", "vesuvio-premium")
    # the phone SL target of each version (the model holds other 0.9s, e.g. an SLA)
    assert [yaml.safe_load(v.text)["service_level"]["phone"]["target"]
            for v in versions] == [0.9, 0.85]


def test_a_mistake_in_save_as_is_said_and_nothing_is_saved(ws_path):
    app = LabApp(ws_path)

    async def script(pilot):
        screen = await open_designer(pilot)
        await press(pilot, "#designer-save-as")
        app.screen.query_one("#save-as-id", Input).value = "Nome Sbagliato"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.opened.shipped

    drive(app, script)
    with Workspace.open(ws_path) as ws:
        assert ws.documents("care_model") == []


@pytest.mark.parametrize("scenario", ["energia-base", "ecommerce-base", "telco-base"])
def test_the_market_screen_opens_for_each_shipped_scenario(ws_path, scenario):
    app = LabApp(ws_path)

    async def script(pilot):
        await pilot.press("m")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MarketScreen)
        screen.query_one("#market-scenario", Select).value = scenario
        await settle(pilot)
        await wait_for(pilot, lambda: screen.view is not None
                       and screen.view.scenario_id == scenario)
        await settle(pilot)
        benchmark = cells(screen.query_one("#market-benchmark", DataTable))
        assert len(benchmark) == 8
        competitors = cells(screen.query_one("#market-competitors", DataTable))
        assert len(competitors) >= 4 and competitors[-1][0] == screen.view.company
        assert "Archetipo di customer care suggerito" in str(
            screen.query_one("#market-suggestion", Static).render())
        for key in ("2", "3", "4", "1"):
            await pilot.press(key)
            await pilot.pause()
        assert screen.query_one("#market-tabs").active == "mkt-benchmark"

    drive(app, script)


def test_both_screens_work_at_80x24(ws_path):
    import asyncio

    app = LabApp(ws_path)

    async def main():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_designer(pilot)
            for pane in ("sec-positioning", "sec-channels", "sec-slas", "sec-routing",
                         "sec-targets"):
                screen.query_one("#designer-tabs").active = pane
                await pilot.pause()
            await type_into(pilot, TARGET, "abc")
            slot = screen.query_one("#form-slas").error_slots[
                ("service_level", "phone", "target")]
            assert slot.display and slot.region.height > 0  # seen, not cut off
            button = screen.query_one("#designer-compare", Button)
            assert button.region.right <= 80
            await pilot.press("escape")  # unsaved changes: the question fits 80x24 too
            await settle(pilot)
            leave = app.screen.query_one("#yes", Button)
            assert leave.region.height > 0 and leave.region.right <= 80
            leave.press()
            await settle(pilot)
            await pilot.press("m")
            await settle(pilot)
            market = app.screen
            await wait_for(pilot, lambda: market.view is not None)
            assert market.query_one("#market-tabs").region.height > 10

    asyncio.run(main())


def test_export_writes_the_deliverable(ws_path, tmp_path):
    from textual.widgets import Tabs

    app = LabApp(ws_path)
    out = tmp_path / "consegna.html"

    async def script(pilot):
        screen = await open_designer(pilot)
        screen.query_one(Tabs).focus()
        await pilot.press("e")
        await settle(pilot)
        field = app.screen.query_one("#design-export-path", Input)
        assert field.value.endswith("energia-base-modello.html")
        field.value = str(out)
        await pilot.press("enter")
        await settle(pilot)
        await wait_for(pilot, out.exists)
        assert app.screen is screen

    drive(app, script)
    assert "Modello di customer care" in out.read_text(encoding="utf-8")
