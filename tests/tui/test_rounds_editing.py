"""The next round's staffing as a trainee edits it in the Rounds screen (R): a shift row
added to a team (checked beside its fields, in Italian), removed again, played; and a
round played with an operations plan of the workspace, or refused with the check's
message. The saved rounds are read back with lab.rounds."""

from __future__ import annotations

import asyncio

import pandas as pd
from textual.widgets import Button, Input, Label, Select

from simlab.lab import rounds
from simlab.model.shipped import SHIPPED_DIR
from simlab.store.workspace import Workspace
from simlab.tui.app import LabApp
from simlab.tui.screens.rounds import RoundsScreen
from simlab.tui.widgets.shiftrows import NewShiftRow

from .helpers import drive, open_rounds, settle, wait_for
from .test_snapshots import SMALL

SCENARIO, SEED, GAME = "ecommerce-base", 5, "partita"
BASE = (SHIPPED_DIR / "ecommerce-base.plan.yaml").read_text(encoding="utf-8")
EVENING = (18 * 3600, 21 * 3600)


def _game_with_one_round(ws_path) -> None:
    g = rounds.start_game(ws_path, SCENARIO, weeks=3, seed=SEED, budget_per_week=27_000,
                          game_id=GAME)
    rounds.play_round(g)


async def _add_row(pilot, screen: RoundsScreen, team: str, values: dict) -> NewShiftRow:
    before = len(screen.query(NewShiftRow))
    screen.query_one(f"#addshift-{team}", Button).press()
    await wait_for(pilot, lambda: len(screen.query(NewShiftRow)) == before + 1)
    row = max(screen.query(NewShiftRow), key=lambda r: r.number)  # the newest, not the last
    assert row.team == team
    for field, value in values.items():
        row.query_one(f"#{row.field_id(field)}", Input).value = value
    await pilot.pause()
    return row


def _error(row: NewShiftRow) -> str:
    return str(row.query_one(f"#addshift-{row.number}-error", Label).render())


async def _play_and_wait(pilot, screen: RoundsScreen, played: int) -> None:
    await wait_for(pilot, lambda: screen.game is not None and len(screen.game.played) == played,
                   timeout=120)
    await settle(pilot)


def test_an_added_evening_row_is_played_and_its_operators_work_the_evening(ws_path):
    _game_with_one_round(ws_path)
    seen = {}

    async def script(pilot):
        screen = await open_rounds(pilot)
        row = await _add_row(pilot, screen, "telefono",
                             {"days": "lun-ven", "start": "18:00", "end": "21:00",
                              "agents": "2"})
        seen["check"] = _error(row)
        assert row.parent is not None and row.parent.id == "rounds-staffing"
        await pilot.press("ctrl+r")
        await _play_and_wait(pilot, screen, 2)
        # the next round starts from the plan just played: the row is now one of its rows
        seen["rows"] = [r.label for r in screen.rows if r.team == "telefono"]
        seen["added"] = len(screen.query(NewShiftRow))

    drive(LabApp(ws_path), script)
    assert seen["check"] == "" and seen["added"] == 0
    assert seen["rows"][-1] == "lun-ven 18:00–21:00"
    game = rounds.load_game(ws_path, GAME)
    plan = rounds.check_plan(game, game.plan_text(2))
    new = plan.teams[0].shifts[-1]
    assert (new.days, new.start, new.end, new.agents) == ((0, 1, 2, 3, 4), *EVENING, 2)
    assert [s["headcount"]["telefono"] for s in game.played] == [13, 15]
    # operators 14 and 15 of the phone team work in week 2 only, and only in the evening
    agents = pd.read_parquet(game.folder / "round-02" / "agents.parquet")
    new_ones = agents[agents.agent_id.isin(["telefono-014", "telefono-015"])
                      & (agents.staffed_s > 0)]
    assert set(new_ones.agent_id) == {"telefono-014", "telefono-015"}
    day = new_ones.interval_start_s // 86400
    hour = new_ones.interval_start_s % 86400
    assert day.min() >= 7 and day.max() < 14
    assert hour.min() >= EVENING[0] and hour.max() < EVENING[1]
    assert set(day % 7) <= {0, 1, 2, 3, 4}


def test_a_wrong_field_shows_its_italian_message_and_nothing_is_played(ws_path):
    _game_with_one_round(ws_path)
    seen = {}

    async def script(pilot):
        screen = await open_rounds(pilot)
        row = await _add_row(pilot, screen, "telefono",
                             {"days": "lun-ven", "start": "21:00", "end": "18:00",
                              "agents": "-1"})
        seen["check"] = _error(row)
        seen["invalid"] = [f for f in ("days", "start", "end", "agents")
                           if row.query_one(f"#{row.field_id(f)}", Input).has_class("-invalid")]
        screen.action_play()
        await pilot.pause()
        seen["refused"] = str(screen.query_one("#rounds-error", Label).render())
        seen["playing"] = screen.playing
        await settle(pilot)

    drive(LabApp(ws_path), script)
    assert seen["check"] == ("Alle: l'ora di fine deve venire dopo l'ora di inizio; "
                             "Operatori: da 0 a 5000")
    assert seen["invalid"] == ["end", "agents"]
    assert seen["refused"] == ("chiave «teams[0].shifts[5].to»: l'ora di fine deve venire "
                               "dopo l'ora di inizio")
    assert not seen["playing"]
    assert len(rounds.load_game(ws_path, GAME).played) == 1


def test_a_removed_row_is_not_in_the_round_played(ws_path):
    _game_with_one_round(ws_path)
    seen = {}

    async def script(pilot):
        screen = await open_rounds(pilot)
        kept = await _add_row(pilot, screen, "digitale",
                              {"days": "sab", "start": "20:00", "end": "24:00", "agents": "1"})
        gone = await _add_row(pilot, screen, "telefono",
                              {"days": "lun-ven", "start": "18:00", "end": "21:00",
                               "agents": "3"})
        gone.query_one(f"#addshift-{gone.number}-remove", Button).press()
        await wait_for(pilot, lambda: len(screen.query(NewShiftRow)) == 1)
        seen["left"] = [r.shift() for r in screen.query(NewShiftRow)] == [kept.shift()]
        await pilot.press("ctrl+r")
        await _play_and_wait(pilot, screen, 2)

    drive(LabApp(ws_path), script)
    assert seen["left"]
    game = rounds.load_game(ws_path, GAME)
    first, second = (rounds.check_plan(game, game.plan_text(r)) for r in (1, 2))
    assert second.teams[0].shifts == first.teams[0].shifts  # the removed row is not there
    late = second.teams[1].shifts[-1]
    assert (late.days, late.start, late.end, late.agents) == ((5,), 20 * 3600, 24 * 3600, 1)
    assert [s["headcount"]["digitale"] for s in game.played] == [10, 11]


def _save_plans(ws_path) -> str:
    """Plans of the workspace: for the game's scenario, one that only staffs more
    (accepted; returned) and one that changes an hourly cost (refused); and one for
    another scenario, which the list leaves out."""
    more = BASE.replace("id: ecommerce-base", "id: piu-telefono", 1).replace(
        "headcount: 13", "headcount: 15", 1).replace(
        'from: "09:00", to: "14:00", agents: 5', 'from: "09:00", to: "14:00", agents: 7', 1)
    dearer = BASE.replace("id: ecommerce-base", "id: piu-caro", 1).replace(
        "hourly_cost: 19.0", "hourly_cost: 21.0", 1)
    assert more.count("agents: 7") == 1 and dearer != BASE
    energy = (SHIPPED_DIR / "energia-base.plan.yaml").read_text(encoding="utf-8")
    with Workspace.open(ws_path) as ws:
        ws.save_document("plan", "piu-telefono", more)
        ws.save_document("plan", "piu-caro", dearer)
        ws.save_document("plan", "energia-mio", energy)
    return more


def test_a_round_is_played_with_a_plan_of_the_workspace_and_a_refused_one_says_why(ws_path):
    _game_with_one_round(ws_path)
    more = _save_plans(ws_path)
    seen = {}

    async def script(pilot):
        screen = await open_rounds(pilot)
        pick = screen.query_one("#rounds-plan-file", Select)
        button = screen.query_one("#rounds-play-file", Button)
        seen["options"] = sorted(screen.plan_files)
        seen["disabled"] = button.disabled  # nothing chosen yet
        pick.value = "piu-caro"
        await pilot.pause()
        button.press()
        await pilot.pause()
        seen["refused"] = str(screen.query_one("#rounds-error", Label).render())
        seen["playing"] = screen.playing
        pick.value = "piu-telefono"
        await pilot.pause()
        button.press()
        await _play_and_wait(pilot, screen, 2)
        seen["error"] = str(screen.query_one("#rounds-error", Label).render())

    drive(LabApp(ws_path), script)
    assert seen["options"] == ["piu-caro", "piu-telefono"] and seen["disabled"]
    # the check's own message (lab.rounds), naming the plan and the key refused
    assert seen["refused"].startswith(
        "workspace:plan/piu-caro v1, chiave «teams[0].hourly_cost»: ")
    assert "hourly_cost" in seen["refused"].split(": ", 1)[1] and not seen["playing"]
    assert seen["error"] == ""
    game = rounds.load_game(ws_path, GAME)
    assert game.plan_text(2) == more
    assert [s["headcount"]["telefono"] for s in game.played] == [13, 15]


def test_at_80x24_the_headings_and_an_added_row_fit(ws_path):
    _game_with_one_round(ws_path)
    seen = {}

    async def main():
        async with LabApp(ws_path).run_test(size=SMALL) as pilot:
            await settle(pilot)
            screen = await open_rounds(pilot)
            row = await _add_row(pilot, screen, "telefono", {"end": "17:00"})
            row.scroll_visible(animate=False)
            await settle(pilot)
            width = screen.query_one("#rounds-staffing").content_region.right
            seen["right"] = max(w.region.right for w in row.query("Input, Button"))
            seen["width"] = width
            seen["heading"] = [str(w.render()) for w in
                               screen.query_one("#staff-headings").query(Label)]
            seen["error_shown"] = row.query_one(f"#addshift-{row.number}-error").display

    asyncio.run(main())
    assert seen["heading"] == ["Gruppo", "Giorni · dalle–alle", "Operatori"]
    assert seen["right"] <= seen["width"] and seen["error_shown"]
