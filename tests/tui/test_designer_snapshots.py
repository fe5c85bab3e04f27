"""Pictures of the designer (its SLA section, with a message under a field and the
estimate) and of the market screen (the positioning map), in Italian at 120×40; the
designer also at 80×24. Update with `--snapshot-update` and look at them."""

from __future__ import annotations

from textual.widgets import Input

from simlab.tui.app import LabApp

from .helpers import SIZE, settle, wait_for
from .test_snapshots import SMALL, steady


async def designer_with_a_mistake(pilot) -> None:
    await pilot.press("d")
    await settle(pilot)
    screen = pilot.app.screen
    await wait_for(pilot, lambda: screen.estimate is not None)
    screen.query_one("#designer-tabs").active = "sec-slas"
    await pilot.pause()
    screen.query_one("#f-service_level-chat-threshold_s", Input).value = "-5"
    await steady(pilot)


def test_designer(snap_compare, ws_path):
    assert snap_compare(LabApp(ws_path), terminal_size=SIZE, run_before=designer_with_a_mistake)


def test_designer_small(snap_compare, ws_path):
    async def run_before(pilot):
        await pilot.press("d")
        await settle(pilot)
        screen = pilot.app.screen
        await wait_for(pilot, lambda: screen.estimate is not None)
        await steady(pilot)

    assert snap_compare(LabApp(ws_path), terminal_size=SMALL, run_before=run_before)


def test_market_map(snap_compare, ws_path):
    async def run_before(pilot):
        await pilot.press("m")
        await settle(pilot)
        screen = pilot.app.screen
        await wait_for(pilot, lambda: screen.view is not None)
        await pilot.press("2")
        await steady(pilot)

    assert snap_compare(LabApp(ws_path), terminal_size=SIZE, run_before=run_before)
