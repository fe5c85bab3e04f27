"""The examiner's area Prove d'esame (z): create the packs, see who has submitted, grade
and read the sheet, through the same lab functions as the CLI."""

from __future__ import annotations

import shutil

from textual.widgets import Button, DataTable, Input, Select

from simlab.lab import exam_take
from simlab.store.workspace import Workspace
from simlab.tui.app import LabApp
from simlab.tui.screens.exams import ExamsScreen

from .helpers import drive, settle


def _rows(table: DataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def test_the_examiner_creates_monitors_and_grades_in_the_app(ws_path, tmp_path):
    with Workspace.open(ws_path) as ws:
        ws.set_current_person(ws.add_person("Dott. Bianchi", "examiner"))
    candidates = tmp_path / "candidati.csv"
    candidates.write_text("id,name\nA01,Anna Rossi\nB02,Bruno Verdi\n", encoding="utf-8")
    out, subs, grades = tmp_path / "pacchetti", tmp_path / "consegne", tmp_path / "voti"

    async def press(pilot, button_id):
        button = pilot.app.screen.query_one(f"#{button_id}", Button)
        button.scroll_visible(animate=False)
        await pilot.pause()
        button.press()
        await settle(pilot)

    async def script(pilot):
        await pilot.press("z")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ExamsScreen)
        screen.query_one("#exams-template", Select).value = "uf1-prova-modello"
        screen.query_one("#exams-candidates", Input).value = str(candidates)
        screen.query_one("#exams-out", Input).value = str(out)
        await press(pilot, "exams-create-button")
        assert (out / "chiave-esaminatore.json").is_file() and (out / "B02").is_dir()
        assert screen.query_one("#exams-key", Input).value == str(out / "chiave-esaminatore.json")
        subs.mkdir()
        shutil.copy(exam_take.submit(exam_take.open_pack(out / "A01")), subs)
        screen.query_one("#exams-submissions", Input).value = str(subs)
        screen.query_one("#exams-grades", Input).value = str(grades)
        await press(pilot, "exams-monitor")
        table = screen.query_one("#exams-table", DataTable)
        assert _rows(table) == [["A01", "Anna Rossi", "sì"], ["B02", "Bruno Verdi", "no"]]
        await press(pilot, "exams-grade-button")
        await settle(pilot)
        rows = _rows(table)
        assert (grades / "voti.xlsx").is_file()
        assert rows[0][:3] == ["A01", "Anna Rossi", "valutato"]
        assert rows[1][:3] == ["B02", "Bruno Verdi", "non consegnato"]

    drive(LabApp(ws_path), script)
