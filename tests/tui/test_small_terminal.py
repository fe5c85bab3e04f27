"""The lab in an 80×24 terminal: what each screen is for stays visible, and every key
of the footer fits beside the command palette's."""

from __future__ import annotations

import asyncio
import io

from rich.console import Console
from textual.geometry import Region
from textual.widgets import Footer

from simlab import fmt
from simlab.tui.app import LabApp
from simlab.tui.screens.results import ResultsScreen

from .helpers import settle, show_finished_run, show_paused_run, wait_for

SMALL = (80, 24)


def drive_small(app, script) -> None:
    async def main() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            await script(pilot)

    asyncio.run(main())


def painted(static) -> str:
    """What a Static shows, laid out at its own width."""
    console = Console(width=static.content_region.width, file=io.StringIO(), record=True)
    console.print(static.content)
    return console.export_text()


def between_bars(screen) -> Region:
    """The part of the screen between the title bar and the footer."""
    top = screen.query_one("#titlebar").region.bottom
    return Region(0, top, screen.region.width, screen.query_one(Footer).region.y - top)


def footer_fits(screen) -> list[str]:
    """The footer keys that are cut or hidden under the command palette key."""
    footer = screen.query_one(Footer)
    keys = [k for k in footer.query("FooterKey") if "-command-palette" not in k.classes]
    palette = footer.query("FooterKey.-command-palette")
    right = palette.first().region.x if palette else footer.region.right
    return [f"{k.key_display} {k.description}" for k in keys
            if k.region.right > right or k.region.width == 0]


def test_footer_keys_fit_on_every_screen(ws_path):
    app = LabApp(ws_path)

    async def script(pilot):
        assert footer_fits(app.screen) == [], "home"
        for key, name in (("s", "scenarios"), ("r", "run"), ("f1", "help")):
            await pilot.press(key)
            await settle(pilot)
            assert footer_fits(app.screen) == [], name
            await pilot.press("escape")
            await settle(pilot)

    drive_small(app, script)


def test_home_keeps_every_area_reachable(ws_path):
    app = LabApp(ws_path)

    async def script(pilot):
        screen = app.screen
        title = screen.query_one("#titlebar-title")
        assert len(str(title.render())) <= title.content_region.width  # not cut
        for area in ("scenarios", "run", "runs", "exercises", "portfolio", "help"):
            button = screen.query_one(f"#area-{area}")
            button.focus()
            # focus scrolls Home (smoothly: on a loaded machine it takes a few frames)
            await wait_for(pilot, lambda b=button: between_bars(screen).contains_region(b.region))
        table = screen.query_one("#recent-runs")
        assert not table.display  # no runs yet: the hint says how to start one
        hint = screen.query_one("#no-runs")
        # a smooth scroll still running from the last focus may carry Home on: ask again
        # until the hint is in sight (wait_for fails if it never is)
        def hint_in_sight() -> bool:
            hint.scroll_visible(animate=False)
            return between_bars(screen).contains_region(hint.region)

        await wait_for(pilot, hint_in_sight)

    drive_small(app, script)


def test_live_view_of_a_paused_run_is_in_sight(ws_path):
    app = LabApp(ws_path)

    async def script(pilot):
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        state = await show_paused_run(pilot)
        body = screen.query_one("#run-body").region
        for part in ("#live-status", "#live-clock", "#live-table", "#run-pause", "#run-cancel"):
            assert body.contains_region(screen.query_one(part).region), part
        assert "In pausa" in str(screen.query_one("#live-status").render())
        # Every column is there in the width the panel has: long headers wrap.
        text = painted(screen.query_one("#live-table"))
        assert "abbandono" in text.split() and "ASA" in text
        assert fmt.number(state.arrived) in str(screen.query_one("#live-clock").render())
        for channel, name in screen.query_one("#live").channels.items():
            assert name.split()[0] in text
            assert fmt.value(state.kpis[channel]["abandon_rate"], "ratio") in text

    drive_small(app, script)


def test_finished_run_shows_its_outcome_and_opens_results(ws_path):
    app = LabApp(ws_path)

    async def script(pilot):
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        await show_finished_run(pilot)
        body = screen.query_one("#run-body").region
        for part in ("#run-open", "#run-outcome", "#live-table"):
            assert body.contains_region(screen.query_one(part).region), part
        assert "R000001" in str(screen.query_one("#run-outcome").render())
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        assert footer_fits(app.screen) == []
        await pilot.press("4")
        await settle(pilot)
        app.screen.query_one("#contact-table").focus()
        await pilot.pause()
        assert footer_fits(app.screen) == [], "contacts"

    drive_small(app, script)

