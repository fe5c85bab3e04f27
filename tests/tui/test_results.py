"""Results: export to CSV and XLSX; the help lists every KPI with its formula."""

from __future__ import annotations

import openpyxl
from textual.widgets import Input, RadioButton, Select

from simlab.analysis.kpi import KPIS, kpi_label
from simlab.i18n import _
from simlab.lab import runner
from simlab.store.workspace import Workspace
from simlab.tui.app import LabApp
from simlab.tui.screens.export import ExportScreen
from simlab.tui.screens.help import HelpScreen
from simlab.tui.screens.results import ExportProgress, ResultsScreen

from .helpers import drive, settle, wait_for
from .test_flows import core_run


def test_export_csv_and_xlsx_of_the_filtered_contacts(ws_path, tmp_path):
    result = core_run()
    with Workspace.open(ws_path) as ws:
        run_id = runner.save(result, ws)
    app = LabApp(ws_path)
    out = tmp_path / "consegna"
    messages: list = []

    async def script(pilot):
        app.screen.query_one("#recent-runs").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        app.screen.query_one("#filter-channel", Select).value = "chat"
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        assert str(dialog.default_folder).endswith(f"exports/{run_id}")
        dialog.query_one("#export-folder", Input).value = str(out)
        dialog.query_one("#format-both", RadioButton).value = True
        await pilot.click("#export-go")
        await wait_for(pilot, lambda: (out / f"{run_id}.xlsx").exists())
        await settle(pilot)

    drive(app, script, messages=messages)
    progress = [m for m in messages if isinstance(m, ExportProgress)]
    # The bar shows from the start until every file is written, counting rows.
    assert progress[0].rows == 0 and progress[-1].done
    assert any(0 < m.rows and not m.done for m in progress)
    contacts = result.log.contacts
    chats = int((contacts["channel"] == "chat").sum())
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{run_id}.xlsx", "contatti.csv", "costi.csv", "fasce_orarie.csv", "giorni.csv",
         "gruppi.csv", "indicatori.csv"])
    lines = (out / "contatti.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == chats + 1 and lines[0].startswith("N.;Cliente;Arrivo;Canale")
    book = openpyxl.load_workbook(out / f"{run_id}.xlsx", read_only=True)
    assert book.sheetnames == ["indicatori", "giorni", "fasce_orarie", "gruppi", "costi",
                               "contatti"]
    rows = list(book["indicatori"].iter_rows(values_only=True))
    sl = next(r for r in rows if r[0] == "Livello di servizio (SL)")
    phone = result.summary["channels"]["phone"]["service_level"]
    assert abs(sl[1] - phone) < 1e-12  # a number, not a formatted string
    # Phone and chat have different thresholds T: no total SL mixes them.
    assert result.summary["channels"]["total"]["service_level"] is None
    assert len(sl) < len(rows[0]) or sl[-1] is None
    assert sum(1 for _ in book["contatti"].iter_rows()) == chats + 1


def table_text(static) -> str:
    """The cells of the rich Table a Static shows."""
    table = static.content
    return " ".join(str(cell) for column in table.columns for cell in column._cells)


def test_help_lists_keys_and_every_kpi_with_its_formula(ws_path):
    app = LabApp(ws_path)

    async def script(pilot):
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = table_text(app.screen.query_one("#help-kpis"))
        for k in KPIS:
            assert kpi_label(k.key) in text
            assert _(k.formula) in text
        keys_text = table_text(app.screen.query_one("#help-keys"))
        assert "Simula questo scenario" in keys_text and "Annulla simulazione" in keys_text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)

    drive(app, script)
