"""A few pictures of the lab in Italian at 120×40 and at 80×24 (the smallest terminal
the lab is made for), on screens that do not depend on timing: a run's live view is
painted from a state the engine gives at a fixed point, not from a running worker. Update with `pytest tests/tui/test_snapshots.py --snapshot-update` and look at
the report before committing."""

from __future__ import annotations

from textual.widgets import Input

from simlab.lab import runner
from simlab.store.workspace import Workspace
from simlab.tui.app import LabApp

from .helpers import SIZE, settle, show_finished_run, show_paused_run
from .test_flows import core_run

SMALL = (80, 24)


async def steady(pilot) -> None:
    await settle(pilot)
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False  # a blinking cursor would make the picture flicker
    # a tab added to a TabbedContent moves its underline on a 0.02 s timer, then slides it
    # for 0.3 s: on a busy machine the picture could catch it on the way
    await pilot.pause(0.1)
    await pilot.wait_for_scheduled_animations()
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


def test_home_small(snap_compare, ws_path):
    assert snap_compare(LabApp(ws_path), terminal_size=SMALL, run_before=steady)


def test_home_first_start_small(snap_compare, empty_ws_path):
    assert snap_compare(LabApp(empty_ws_path), terminal_size=SMALL, run_before=steady)


async def paused_run(pilot):
    await pilot.press("r")
    await steady(pilot)
    await show_paused_run(pilot)
    await steady(pilot)


async def finished_run(pilot):
    await pilot.press("r")
    await steady(pilot)
    await show_finished_run(pilot)
    await steady(pilot)


def test_run_paused(snap_compare, ws_path):
    assert snap_compare(LabApp(ws_path), terminal_size=SIZE, run_before=paused_run)


def test_run_paused_small(snap_compare, ws_path):
    assert snap_compare(LabApp(ws_path), terminal_size=SMALL, run_before=paused_run)


def test_run_finished_small(snap_compare, ws_path):
    assert snap_compare(LabApp(ws_path), terminal_size=SMALL, run_before=finished_run)


def stored_run(ws_path) -> None:
    """A saved run with a fixed creation time: the results header shows it."""
    from unittest import mock

    with Workspace.open(ws_path) as ws, \
            mock.patch("simlab.store.runs.now", return_value="2026-03-02T09:30:00+00:00"):
        runner.save(core_run(), ws, label="prova")


async def open_results(pilot):
    pilot.app.screen.query_one("#recent-runs").focus()
    await pilot.press("enter")
    await steady(pilot)


def test_results(snap_compare, ws_path):
    stored_run(ws_path)
    assert snap_compare(LabApp(ws_path), terminal_size=SIZE, run_before=open_results)


def test_results_small(snap_compare, ws_path):
    stored_run(ws_path)
    assert snap_compare(LabApp(ws_path), terminal_size=SMALL, run_before=open_results)


def test_scenarios_small(snap_compare, ws_path):
    async def run_before(pilot):
        await pilot.press("s")
        await steady(pilot)

    assert snap_compare(LabApp(ws_path), terminal_size=SMALL, run_before=run_before)
