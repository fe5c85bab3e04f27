"""The decision rounds area with a complaint procedure: the back office's people are a
field of the staffing editor with its own bound, the rounds show the complaints, and at
80×24 the comparison keeps its labels in place while the rounds scroll."""

from __future__ import annotations

import asyncio

from textual.widgets import DataTable, Input, Label

from simlab.curriculum.exercise import SCENARIOS_DIR
from simlab.lab import rounds
from simlab.tui.app import LabApp
from simlab.tui.screens.rounds import LABEL_NARROW

from .helpers import cells, drive, open_rounds, settle, wait_for

START = SCENARIOS_DIR / "exercises/files/uf2-capstone-round.plan.yaml"


def _game(ws_path, played: int) -> None:
    g = rounds.start_game(ws_path, "energia-base", plan=str(START), weeks=4, seed=20260302,
                          budget_per_week=66_000, game_id="reclami")
    for _ in range(played):
        rounds.play_round(rounds.load_game(ws_path, g.id))


def test_the_back_office_people_are_a_field_of_the_next_round(ws_path):
    _game(ws_path, 1)
    seen = {}

    async def script(pilot):
        screen = await open_rounds(pilot)
        field = screen.query_one("#staff-_backoffice-0", Input)
        assert field.value == "4"
        field.value = "501"  # more than a back office may have (the schema's 500)
        await pilot.pause()
        seen["error"] = str(screen.query_one("#staff-error-_backoffice-0", Label).render())
        field.value = "5"
        await pilot.pause()
        seen["fine"] = str(screen.query_one("#staff-error-_backoffice-0", Label).render())
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: screen.game is not None and len(screen.game.played) == 2,
                       timeout=120)
        await settle(pilot)
        rows = cells(screen.query_one("#rounds-table", DataTable))
        seen["rows"] = {r[0]: r[1:] for r in rows}

    drive(LabApp(ws_path), script)
    assert seen["error"] == "da 0 a 500" and seen["fine"] == ""
    game = rounds.load_game(ws_path, "reclami")
    assert [s["complaints"]["office_staff"] for s in game.played] == [4, 5]
    assert seen["rows"]["Back office reclami (persone)"] == ["4", "5"]
    assert seen["rows"]["Reclami gestiti nei tempi"] == ["100,0%", "100,0%"]


def test_at_80_columns_the_labels_are_cut_and_stay_while_the_rounds_scroll(ws_path):
    _game(ws_path, 2)
    seen = {}

    async def main():
        async with LabApp(ws_path).run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_rounds(pilot)
            table = screen.query_one("#rounds-table", DataTable)
            seen["fixed"] = table.fixed_columns
            seen["labels"] = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
            seen["width"] = table.ordered_columns[0].width

    asyncio.run(main())
    assert seen["fixed"] == 1 and seen["width"] == LABEL_NARROW
    assert max(map(len, seen["labels"])) <= LABEL_NARROW
    # the two service levels stay apart once cut
    assert "Livello di servizio (Telefo…" in seen["labels"]
    assert "Reclami gestiti nei tempi" in seen["labels"]
