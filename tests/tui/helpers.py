"""Helpers to drive the lab app with Pilot from plain (sync) tests."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from simlab.tui.app import LabApp

SIZE = (120, 40)


def drive(app: LabApp, script: Callable[..., Awaitable[None]], *, messages: list | None = None
          ) -> None:
    """Run `script(pilot)` against `app` at 120×40; every message lands in `messages`."""

    async def main() -> None:
        hook = messages.append if messages is not None else None
        async with app.run_test(size=SIZE, message_hook=hook) as pilot:
            await settle(pilot)
            await script(pilot)

    asyncio.run(main())


async def settle(pilot, rounds: int = 3) -> None:
    """Let workers finish and the screen catch up."""
    for _ in range(rounds):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def wait_for(pilot, condition: Callable[[], bool], timeout: float = 30.0) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not condition():
        if loop.time() > end:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.05)


def cells(table) -> list[list[str]]:
    """A DataTable's rows as plain strings."""
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def halfway_state(bundle, seed: int, days: int):
    """The live state a run shows once half its contacts have arrived (the engine reports
    every few thousand arrivals, so a little after half): the engine is stopped there, so
    the numbers are the same every time (no clock involved)."""
    from simlab.engine import Cancelled
    from simlab.lab import runner
    from simlab.lab.liverun import LiveRun

    live = LiveRun(bundle.care)

    def progress(view) -> bool:
        if view.fraction < 0.5:
            return True
        live(view)  # its first call always emits, with the KPIs so far
        return False

    try:
        runner.execute(bundle, seed=seed, days=days, progress=progress)
    except Cancelled:
        pass
    assert live.last is not None and 0.5 <= live.last.fraction < 1.0
    return live.last


async def show_paused_run(pilot, days: int = 7):
    """On the run screen: the live view of a run paused halfway, without a worker (the
    state comes from `halfway_state`), so that what is painted does not depend on timing.
    Returns the state shown."""
    from textual.widgets import Input

    from simlab.tui.messages import RunUpdate

    screen = pilot.app.screen
    screen.query_one("#run-days", Input).value = str(days)
    choice = screen.form.choice()
    state = halfway_state(choice.bundle, choice.seed, choice.days)
    screen.show_started(choice.bundle, choice.days)
    screen.live.done.set()  # no worker: nothing for the app to wait for when it closes
    screen.action_pause()
    screen.post_message(RunUpdate(state))
    await settle(pilot)
    return state


async def show_finished_run(pilot, days: int = 2):
    """On the run screen: a run of `days` that ended and was saved, as the worker would
    report it (run here, in the test, so that the last live state is the final one)."""
    from textual.widgets import Input

    from simlab.lab import runner
    from simlab.lab.liverun import LiveRun
    from simlab.lab.runview import RunView
    from simlab.tui.messages import RunDone, RunUpdate

    screen = pilot.app.screen
    screen.query_one("#run-days", Input).value = str(days)
    choice = screen.form.choice()
    screen.show_started(choice.bundle, choice.days)
    screen.live.done.set()
    recorder = LiveRun(choice.bundle.care)  # its last state is always the final one
    result = runner.execute(choice.bundle, seed=choice.seed, days=choice.days,
                            progress=recorder)
    run_id = runner.save(result, pilot.app.ws, label=choice.label)
    screen.post_message(RunUpdate(recorder.last))
    screen.post_message(RunDone(RunView.from_result(result, run_id, choice.label)))
    await settle(pilot)
    return result


async def open_rounds(pilot):
    """Open Round decisionali (R) and wait until the game and its staffing rows show."""
    from simlab.tui.screens.rounds import RoundsScreen

    await pilot.press("R")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, RoundsScreen)
    await wait_for(pilot, lambda: screen.game is not None and bool(screen.rows))
    await settle(pilot)
    return screen
