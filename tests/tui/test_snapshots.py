"""A few pictures of the lab in Italian at 120×40, on screens that do not depend on
timing. Update with `pytest tests/tui/test_snapshots.py --snapshot-update` and look at
the report before committing."""

from __future__ import annotations

from textual.widgets import Input

from simlab.tui.app import LabApp

from .helpers import SIZE, settle


async def steady(pilot) -> None:
    await settle(pilot)
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False  # a blinking cursor would make the picture flicker
    await pilot.pause()


def test_home_first_start(snap_compare, empty_ws_path):
    assert snap_compare(LabApp(empty_ws_path), terminal_size=SIZE, run_before=steady)


def test_home(snap_compare, ws_path):
    assert snap_compare(LabApp(ws_path), terminal_size=SIZE, run_before=steady)


def test_scenarios(snap_compare, ws_path):
    async def run_before(pilot):
        await pilot.press("s")
        await steady(pilot)

    assert snap_compare(LabApp(ws_path), terminal_size=SIZE, run_before=run_before)


def test_run_form(snap_compare, ws_path):
    async def run_before(pilot):
        await pilot.press("r")
        await steady(pilot)

    assert snap_compare(LabApp(ws_path), terminal_size=SIZE, run_before=run_before)


def test_help(snap_compare, ws_path):
    async def run_before(pilot):
        await pilot.press("f1")
        await steady(pilot)

    assert snap_compare(LabApp(ws_path), terminal_size=SIZE, run_before=run_before)
