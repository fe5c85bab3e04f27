"""The examiner's area as an examiner met it (issue 13): each field on one line with its
label before it, at 80x24 and 120x40; the key's field called «Chiave» (not «Tasto», a
key of the keyboard); packs made as zip files from the app too."""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets import Button, Checkbox, Input, Label, Select

from simlab.store.workspace import Workspace
from simlab.tui.app import LabApp
from simlab.tui.screens.exams import ExamsScreen

from .helpers import settle


def _drive(app, script, size) -> None:
    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await script(pilot)
    asyncio.run(main())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_the_examiner_makes_zip_packs_and_reads_each_label_beside_its_field(
        ws_path, tmp_path, size):
    with Workspace.open(ws_path) as ws:
        ws.set_current_person(ws.add_person("Dott.ssa Russo", "examiner"))
    candidates = tmp_path / "candidati.csv"
    candidates.write_text("id;name\nA01;Nicolò D'Amato\nB02;Luè Dell'Aversana\n",
                          encoding="utf-8")
    out = tmp_path / "zip"

    async def script(pilot):
        await pilot.press("z")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ExamsScreen)
        for row in screen.query("#exams-body .row"):
            label, field = row.query_one(Label), row.children[1]
            assert label.region.y == field.region.y, str(label.render())
            assert label.region.x < field.region.x
        labels = [str(lab.render()) for lab in screen.query("#exams-body .field-label")]
        assert "Chiave" in labels and "Tasto" not in labels
        screen.query_one("#exams-template", Select).value = "uf2-prova-servizi"
        screen.query_one("#exams-candidates", Input).value = str(candidates)
        screen.query_one("#exams-out", Input).value = str(out)
        screen.query_one("#exams-zip", Checkbox).value = True
        button = screen.query_one("#exams-create-button", Button)
        button.scroll_visible(animate=False)
        await pilot.pause()
        button.press()
        await settle(pilot)

    _drive(LabApp(ws_path), script, size)
    assert sorted(p.name for p in out.iterdir()) == ["A01.zip", "B02.zip",
                                                      "chiave-esaminatore.json"]
