"""«Save elsewhere» (w): a run finished in a workspace that cannot keep it is offered a
new or empty folder, gets there the very files `simlab run --out` writes, and is never
written over another run."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Label, Static

from simlab.cli import main
from simlab.store import access
from simlab.store.runfiles import read_run
from simlab.tui.app import LabApp
from simlab.tui.screens.confirm import ConfirmScreen
from simlab.tui.screens.elsewhere import SavedElsewhere, SaveElsewhereScreen
from simlab.tui.screens.home import HomeScreen
from simlab.tui.screens.run import RunScreen
from simlab.tui.screens.workspace import WorkspaceScreen

from .helpers import drive, settle, wait_for

SEED, DAYS = 5, 1


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


async def finish_read_only_run(pilot) -> RunScreen:
    """In a read-only workspace: browse it, run energia-base for a day with seed 5."""
    app = pilot.app
    assert isinstance(app.screen, WorkspaceScreen)
    app.screen.query_one("#workspace-browse").press()
    await settle(pilot)
    assert isinstance(app.screen, HomeScreen) and app.ws.read_only
    await pilot.press("r")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, RunScreen)
    screen.query_one("#run-days", Input).value = str(DAYS)
    screen.query_one("#run-seed", Input).value = str(SEED)
    await pilot.press("ctrl+r")
    await wait_for(pilot, lambda: screen.state != "running")
    await settle(pilot)
    return screen


def test_a_run_the_workspace_cannot_keep_goes_to_another_folder(ws_path, tmp_path,
                                                                 monkeypatch):
    monkeypatch.setenv(access.ENV_READ_ONLY, "1")
    messages: list = []
    app = LabApp(ws_path)
    target = tmp_path / "copia"

    async def script(pilot):
        screen = await finish_read_only_run(pilot)
        assert screen.state == "done" and screen.view.run_id is None
        # the dialog is offered at once, saying why
        dialog = app.screen
        assert isinstance(dialog, SaveElsewhereScreen)
        assert "sola lettura" in str(dialog.query_one("#elsewhere-why", Static).render())
        field = dialog.query_one("#elsewhere-folder", Input)
        assert field.value == str(Path("simlab-runs") / f"energia-base-seed-{SEED}")
        field.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert "copia" in str(screen.query_one("#run-outcome", Static).render())
        # a second time to the same folder: refused in the dialog, nothing overwritten
        await pilot.press("w")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SaveElsewhereScreen)
        dialog.query_one("#elsewhere-folder", Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog
        assert "contiene già una simulazione" in str(
            dialog.query_one("#elsewhere-error", Label).render())
        await pilot.press("escape")
        await settle(pilot)

    drive(app, script, messages=messages)
    saved = {id(m): m for m in messages if isinstance(m, SavedElsewhere)}.values()
    assert [m.error for m in saved] == [None]  # (the hook sees a message more than once)
    assert read_run(target)["inputs"]["seed"] == SEED
    # the same bytes as the CLI's --out for the same run
    monkeypatch.delenv(access.ENV_READ_ONLY)
    cli_out = tmp_path / "cli-out"
    assert main(["run", "energia-base", "--seed", str(SEED), "--days", str(DAYS), "--out",
                 str(cli_out), "--no-save"]) == 0
    ours, theirs = files(target), files(cli_out)
    assert set(ours) == {"run.json", "contacts.parquet", "agents.parquet", "costs.parquet",
                         "ledger.parquet"}
    # run.json names where the scenario came from the same way; every byte is equal
    assert ours == theirs


def test_leaving_an_unsaved_run_asks_first(ws_path, monkeypatch):
    monkeypatch.setenv(access.ENV_READ_ONLY, "1")
    app = LabApp(ws_path)

    async def script(pilot):
        screen = await finish_read_only_run(pilot)
        await pilot.press("escape")  # closes the offered dialog: nothing written
        await settle(pilot)
        assert app.screen is screen and screen.unsaved()
        await pilot.press("escape")  # leaving the run screen: asked, then kept
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("ctrl+q")  # quitting asks too
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen) and app.is_running
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen

    drive(app, script)


def test_the_dialog_fits_a_small_terminal(ws_path, monkeypatch):
    monkeypatch.setenv(access.ENV_READ_ONLY, "1")
    app = LabApp(ws_path)

    async def main_():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await finish_read_only_run(pilot)
            dialog = app.screen
            assert isinstance(dialog, SaveElsewhereScreen)
            for widget_id in ("#elsewhere-folder", "#elsewhere-go", "#elsewhere-cancel"):
                region = dialog.query_one(widget_id).region
                assert region.height > 0 and region.bottom <= 24 and region.right <= 80, \
                    widget_id

    import asyncio

    asyncio.run(main_())


def test_a_failed_save_of_any_kind_offers_another_folder(ws_path, monkeypatch):
    import errno
    import sqlite3

    from simlab.lab import runner

    app = LabApp(ws_path)
    failures = iter([OSError(errno.ENOSPC, "No space left on device", str(ws_path)),
                     sqlite3.OperationalError("database is locked")])

    def failing_save(*args, **kwargs):
        raise next(failures)

    monkeypatch.setattr(runner, "save", failing_save)

    async def script(pilot):
        for expected in ("il disco è pieno", "OperationalError"):
            await pilot.press("r")
            await settle(pilot)
            screen = app.screen
            screen.query_one("#run-days", Input).value = "1"
            await pilot.press("ctrl+r")
            await wait_for(pilot, lambda s=screen: s.state != "running")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, SaveElsewhereScreen), expected
            assert expected in str(dialog.query_one("#elsewhere-why", Static).render())
            await pilot.press("escape")  # the dialog; the run stays on screen
            await settle(pilot)
            assert app.screen is screen and screen.unsaved()
            await pilot.press("escape", "enter")  # leave: asked, «Lose the run» is not
            await settle(pilot)  # the default, so Enter keeps it
            assert app.screen is screen
            screen.view.run_id = "gone"  # (as if kept) so that the test can leave
            await pilot.press("escape")
            await settle(pilot)

    drive(app, script)
