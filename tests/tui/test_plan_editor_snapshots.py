"""Pictures of the plan editor (its teams, with a message beside a field) and of the
staffing screen (the chart, and the intervals with those under the requirement in red),
in Italian at 120×40 and 80×24. Update with `--snapshot-update` and look at them."""

from __future__ import annotations

from textual.widgets import Input

from simlab.tui.app import LabApp

from .helpers import SIZE, settle, wait_for
from .test_snapshots import SMALL, steady


async def editor_with_a_mistake(pilot) -> None:
    await pilot.press("h")
    await settle(pilot)
    screen = pilot.app.screen
    await wait_for(pilot, lambda: screen.checked is not None)
    screen.query_one("#plan-tabs").active = "plan-sec-teams"
    await pilot.pause()
    screen.query_one("#f-teams-0-absence_rate", Input).value = "1,5"
    await steady(pilot)


async def staffing_tab(pilot, tab: str) -> None:
    await pilot.press("h")
    await settle(pilot)
    editor = pilot.app.screen
    await wait_for(pilot, lambda: editor.checked is not None)
    editor.action_staffing()
    await settle(pilot)
    screen = pilot.app.screen
    await wait_for(pilot, lambda: screen.result is not None)
    screen.query_one("#staff-tabs").active = tab
    await steady(pilot)


def test_plan_editor(snap_compare, ws_path):
    assert snap_compare(LabApp(ws_path), terminal_size=SIZE, run_before=editor_with_a_mistake)


def test_plan_editor_small(snap_compare, ws_path):
    assert snap_compare(LabApp(ws_path), terminal_size=SMALL, run_before=editor_with_a_mistake)


def test_staffing_chart(snap_compare, ws_path):
    async def run_before(pilot):
        await staffing_tab(pilot, "staff-tab-chart")

    assert snap_compare(LabApp(ws_path), terminal_size=SIZE, run_before=run_before)


def test_staffing_intervals_small(snap_compare, ws_path):
    async def run_before(pilot):
        await staffing_tab(pilot, "staff-tab-table")

    assert snap_compare(LabApp(ws_path), terminal_size=SMALL, run_before=run_before)


def test_staffing_roster_small(snap_compare, ws_path):
    async def run_before(pilot):
        await staffing_tab(pilot, "staff-tab-roster")

    assert snap_compare(LabApp(ws_path), terminal_size=SMALL, run_before=run_before)
