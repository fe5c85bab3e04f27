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
