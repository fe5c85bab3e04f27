"""The decision rounds area (R): start a game, change a shift row's operators with the
check beside the field, play the round in a worker, read the rounds side by side; the
same files and numbers as lab.rounds. Pictures at 120×40 and 80×24."""

from __future__ import annotations

from textual.widgets import Button, DataTable, Input, Label, Select, Static

from simlab.lab import rounds
from simlab.tui.app import LabApp

from .helpers import cells, drive, open_rounds, settle, wait_for
from .test_snapshots import SMALL, steady

SCENARIO, SEED = "ecommerce-base", 5


def _game_with_one_round(ws_path) -> rounds.Game:
    g = rounds.start_game(ws_path, SCENARIO, weeks=3, seed=SEED, budget_per_week=27_000,
                          game_id="partita")
    rounds.play_round(g)
    return rounds.load_game(ws_path, g.id)


def test_capital_r_opens_the_rounds_and_plays_a_round_with_new_staffing(ws_path):
    _game_with_one_round(ws_path)
    app = LabApp(ws_path)
    seen = {}

    async def script(pilot):
        screen = await open_rounds(pilot)
        table = screen.query_one("#rounds-table", DataTable)
        seen["before"] = cells(table)
        # week 2 of a game starting on Monday 9 November 2026 starts on the 16th
        seen["status"] = str(screen.query_one("#rounds-status", Static).render())
        field = screen.query_one("#staff-telefono-0", Input)
        field.value = "tre"
        await pilot.pause()
        assert "numero intero" in str(screen.query_one("#staff-error-telefono-0", Label)
                                      .render())
        screen.action_play()  # refused: the field is wrong, nothing is played
        await pilot.pause()
        assert screen.query_one("#rounds-error", Label).render()
        assert not screen.playing
        field.value = "7"
        await pilot.pause()
        assert str(screen.query_one("#staff-error-telefono-0", Label).render()) == ""
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: screen.game is not None and len(screen.game.played) == 2,
                       timeout=120)
        await settle(pilot)
        seen["after"] = cells(screen.query_one("#rounds-table", DataTable))
        seen["next"] = screen.query_one("#staff-telefono-0", Input).value

    drive(app, script)
    assert seen["status"] == "Settimana 2 di 3 da giocare, dal 16/11/2026."
    assert len(seen["before"][0]) == 2 and len(seen["after"][0]) == 3  # label + rounds
    game = rounds.load_game(ws_path, "partita")
    assert [s["headcount"]["telefono"] for s in game.played] == [13, 15]
    assert "agents: 7" in game.plan_text(2) and seen["next"] == "7"  # the plan in force
    # the app's table is the lab's comparison of the rounds
    from simlab.lab.rounds_view import game_grid

    assert seen["after"] == game_grid(game).rows


def test_a_new_game_from_the_app_and_a_bad_number_of_weeks(ws_path):
    app = LabApp(ws_path)

    async def script(pilot):
        await pilot.press("R")
        await settle(pilot)
        screen = pilot.app.screen
        assert screen.query_one("#rounds-play", Button).disabled
        screen.query_one("#rounds-weeks", Input).value = "12"
        screen.start_game()
        await pilot.pause()
        assert "tra 2 e 8" in str(screen.query_one("#rounds-new-error", Label).render())
        screen.query_one("#rounds-weeks", Input).value = "2"
        screen.query_one("#rounds-seed", Input).value = "9"
        screen.start_game()
        await settle(pilot)
        await wait_for(pilot, lambda: screen.game is not None and bool(screen.rows))
        assert screen.query_one("#rounds-games", Select).value == screen.game.id
        assert not screen.query_one("#rounds-play", Button).disabled

    drive(app, script)
    assert [g.seed for g in rounds.list_games(ws_path)] == [9]


async def _open_rounds(pilot) -> None:
    await open_rounds(pilot)
    await steady(pilot)


def test_rounds_picture(snap_compare, ws_path):
    _game_with_one_round(ws_path)
    assert snap_compare(LabApp(ws_path), terminal_size=(120, 40), run_before=_open_rounds)


def test_rounds_picture_small(snap_compare, ws_path):
    """At 80×24, scrolled to the staffing editor: a shift row and its check fit."""
    _game_with_one_round(ws_path)

    async def run_before(pilot):
        await _open_rounds(pilot)
        screen = pilot.app.screen
        screen.query_one("#staff-telefono-1", Input).value = "-2"  # its check beside it
        screen.query_one("#rounds-next").scroll_visible(animate=False, top=True)
        await steady(pilot)

    assert snap_compare(LabApp(ws_path), terminal_size=SMALL, run_before=run_before)
