"""The instructor's two actions on saved runs: replay one with a key (y) and be told
whether every file is identical, and which is not; mark two or more runs (space) and
compare them (c): inputs with the plan's diff, KPIs and costs with the differences
highlighted, the intraday charts of both."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import DataTable, Static

from simlab.lab import runner
from simlab.store.workspace import Workspace
from simlab.tui.app import LabApp
from simlab.tui.screens.compare import CompareScreen
from simlab.tui.screens.replay import ReplayScreen
from simlab.tui.screens.results import ResultsScreen
from simlab.tui.screens.runs import RunsScreen
from tests.test_compare import wider_plan

from .helpers import drive, settle, wait_for


@pytest.fixture
def two_runs(ws_path, tmp_path) -> Path:
    """R000001 with the baseline plan, R000002 with five more early agents (one day)."""
    plan = tmp_path / "wider.plan.yaml"
    plan.write_text(wider_plan(), encoding="utf-8")
    with Workspace.open(ws_path) as ws:
        for plan_file in (None, plan):
            result = runner.execute(runner.load_bundle("energia-base", plan=plan_file), days=1)
            runner.save(result, ws)
    return ws_path


async def open_runs(pilot) -> RunsScreen:
    await pilot.press("v")
    await settle(pilot)
    assert isinstance(pilot.app.screen, RunsScreen)
    return pilot.app.screen


async def mark_both_and_compare(pilot) -> CompareScreen:
    await open_runs(pilot)
    await pilot.press("space", "down", "space", "c")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CompareScreen)
                   and pilot.app.screen.comparison is not None)
    await settle(pilot)
    return pilot.app.screen


def test_mark_two_runs_and_compare_them(two_runs):
    app = LabApp(two_runs)

    async def script(pilot):
        screen = await mark_both_and_compare(pilot)
        assert screen.refs == ["R000002", "R000001"]  # newest first, in the order marked
        summary = str(screen.query_one("#compare-summary", Static).render())
        assert "confrontate con R000002" in summary
        inputs = screen.query_one("#compare-inputs", DataTable)
        plan = [str(c) for c in inputs.get_row("plan")]
        assert plan[-1] == "diverso"
        assert isinstance(inputs.get_row("plan")[0], Text)  # highlighted
        assert not isinstance(inputs.get_row("seed")[0], Text)
        diff = screen.query_one("#compare-diff", Static).content.code  # a rich Syntax
        assert "+    headcount: 46" in diff and "-    headcount: 51" in diff
        await pilot.press("2")
        await settle(pilot)
        kpis = screen.query_one("#compare-kpis", DataTable)
        assert isinstance(kpis.get_row("phone/service_level")[0], Text)
        assert not isinstance(kpis.get_row("chat/service_level")[0], Text)
        assert "punti" in str(kpis.get_row("phone/service_level")[-1])
        costs = screen.query_one("#compare-costs", DataTable)
        assert isinstance(costs.get_row("staff")[0], Text)
        volume = screen.query_one("#compare-volume")
        assert volume.plt is not None

    drive(app, script)


def test_compare_asks_for_two_marked_runs(two_runs):
    app = LabApp(two_runs)

    async def script(pilot):
        screen = await open_runs(pilot)
        await pilot.press("space", "c")
        await settle(pilot)
        assert app.screen is screen
        assert any("due o più" in str(n.message) for n in app._notifications)
        await pilot.press("space")  # unmarked again
        assert screen.marked == []

    drive(app, script)


async def replayed(pilot) -> ReplayScreen:
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ReplayScreen)
                   and pilot.app.screen.finished)
    await settle(pilot)
    return pilot.app.screen


def test_replay_from_the_runs_screen_says_every_file_is_identical(two_runs):
    app = LabApp(two_runs)

    async def script(pilot):
        await open_runs(pilot)
        await pilot.press("down", "y")
        screen = await replayed(pilot)
        assert screen.run_id == "R000001"
        text = str(screen.query_one("#replay-verdict", Static).render())
        assert "R000001" in text and "ogni file è identico" in text
        assert screen.report.identical and screen.report.different == []
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, RunsScreen)

    drive(app, script)


def test_replay_names_the_file_that_differs(two_runs, monkeypatch):
    real = runner.rerun

    def drifting(inputs, out_dir, progress=None):  # as if the engine had changed
        hashes = real(inputs, out_dir, progress=progress)
        return {**hashes, "costs.parquet": "0" * 64}

    monkeypatch.setattr(runner, "rerun", drifting)
    app = LabApp(two_runs)

    async def script(pilot):
        await open_runs(pilot)
        await pilot.press("y")
        screen = await replayed(pilot)
        text = str(screen.query_one("#replay-verdict", Static).render())
        assert "risultati diversi" in text and "costs.parquet" in text
        assert "contacts.parquet" not in text

    drive(app, script)


def test_replay_from_the_results_screen(two_runs):
    app = LabApp(two_runs)

    async def script(pilot):
        await open_runs(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("y")
        screen = await replayed(pilot)
        assert screen.run_id == "R000002" and screen.report.identical

    drive(app, script)


def test_compare_fits_a_small_terminal(two_runs):
    app = LabApp(two_runs)

    async def main():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await mark_both_and_compare(pilot)
            for tab in ("1", "2", "3", "4"):
                await pilot.press(tab)
                await settle(pilot)
            tabs = screen.query_one("#compare-tabs").region
            assert tabs.height > 10 and tabs.right <= 80
            chart = screen.query_one("#compare-sl").region
            assert chart.height > 3 and chart.bottom <= 24

    asyncio.run(main())


def test_compare_snapshot(snap_compare, two_runs):
    async def run_before(pilot):
        await mark_both_and_compare(pilot)
        await pilot.press("2")
        await settle(pilot)

    assert snap_compare(LabApp(two_runs), terminal_size=(120, 40), run_before=run_before)


def test_a_damaged_run_is_not_compared_and_the_list_keeps_its_place(two_runs):
    contacts = two_runs / "runs" / "R000001" / "contacts.parquet"
    data = bytearray(contacts.read_bytes())
    data[300] ^= 0x01
    contacts.write_bytes(bytes(data))
    app = LabApp(two_runs)

    async def script(pilot):
        screen = await open_runs(pilot)
        await pilot.press("space", "down", "space", "c")
        await settle(pilot)
        assert app.screen is screen  # the comparison closed with the reason
        assert any("R000001" in str(n.message) and "contacts.parquet" in str(n.message)
                   for n in app._notifications)
        assert screen.query_one("#all-runs").selected_id() == "R000001"
        assert screen.marked == ["R000002", "R000001"]

    drive(app, script)
