"""The files a user gets: one CSV dialect (Italian spreadsheet) and XLSX workbooks that
keep numbers as numbers, from the same sheets."""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import openpyxl
import pandas as pd
import pytest

from simlab.lab import runner
from simlab.lab.runview import RunView
from simlab.reports import export
from simlab.reports.csvfile import csv_bytes
from simlab.reports.xlsx import Sheet, workbook_bytes


def small_sheet() -> Sheet:
    frame = pd.DataFrame({
        "N.": np.array([0, 1, 12345], dtype=np.int64),
        "Arrivo": pd.to_datetime(["2026-03-02 08:05:09", "2026-03-02 23:59:59",
                                  "2026-03-03 00:00:00"]),
        "Giorno": [dt.date(2026, 3, 2), dt.date(2026, 3, 2), dt.date(2026, 3, 3)],
        "Canale": pd.Categorical(["Telefono", "Chat; web", "Telefono"]),
        "Attesa (s)": [12.0, 7.25, np.nan],
        "Quota": [0.5, 0.123456, 1.0],
        "Risolto": [True, False, True],
    })
    return Sheet("contatti", frame, {"Arrivo": "datetime", "Giorno": "date",
                                     "Attesa (s)": "seconds", "Quota": "ratio"})


def test_csv_dialect_worked_by_hand():
    text = csv_bytes(small_sheet()).decode("utf-8")
    assert text.startswith("\ufeff")
    assert text[1:].split("\r\n") == [
        "N.;Arrivo;Giorno;Canale;Attesa (s);Quota;Risolto",
        "0;02/03/2026 08:05:09;02/03/2026;Telefono;12;0,5;Sì",
        '1;02/03/2026 23:59:59;02/03/2026;"Chat; web";7,2;0,1235;No',
        "12345;03/03/2026 00:00:00;03/03/2026;Telefono;;1;Sì",
        "",
    ]


def test_xlsx_keeps_numbers_dates_and_formats():
    progress: list[int] = []
    data = workbook_bytes([small_sheet()], progress.append)
    assert data == workbook_bytes([small_sheet()])  # same sheets, same bytes
    assert progress == [3]
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book["contatti"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("N.", "Arrivo", "Giorno", "Canale", "Attesa (s)", "Quota", "Risolto")
    assert rows[1] == (0, dt.datetime(2026, 3, 2, 8, 5, 9), dt.datetime(2026, 3, 2), "Telefono",
                       12, 0.5, True)
    assert rows[2][3] == "Chat; web" and rows[2][6] is False
    assert rows[3][4] is None  # NaN: an empty cell
    assert ws["B2"].number_format == "dd/mm/yyyy hh:mm:ss"
    assert ws["C2"].number_format == "dd/mm/yyyy"
    assert ws["F2"].number_format == "0.0%" and ws["A1"].font.b


def test_indicator_sheet_formats_each_row_by_its_unit():
    frame = pd.DataFrame([["SL", 0.8], ["ASA", 12.5]], columns=["Indicatore", "Telefono"])
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(
        [Sheet("indicatori", frame, row_units=["ratio", "seconds"])])))
    ws = book["indicatori"]
    assert (ws["B2"].value, ws["B2"].number_format) == (0.8, "0.0%")
    assert (ws["B3"].value, ws["B3"].number_format) == (12.5, "#,##0.0")


@pytest.fixture(scope="module")
def view():
    return RunView.from_result(runner.execute(runner.load_bundle("energia-base"), days=2))


def test_export_csv_headers_are_italian_and_numbers_italian(view, tmp_path):
    export.export_csv(view, tmp_path)
    lines = (tmp_path / "indicatori.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Indicatore;Telefono")
    offered = lines[1].split(";")
    assert offered[0] == "Contatti offerti" and offered[1].isdigit()  # no decimals
    threshold = next(line for line in lines if line.startswith("Soglia T"))
    assert threshold.split(";")[1:3] == ["20", "60"]
    contacts = (tmp_path / "contatti.csv").read_text(encoding="utf-8-sig").splitlines()
    first = contacts[1].split(";")
    assert first[2].count("/") == 2 and len(first[2]) == 19  # dd/mm/yyyy hh:mm:ss
    assert first[-1] in ("Sì", "No") and "." not in first[9]


def test_xlsx_has_every_contact_beyond_the_old_cap_of_100000(view, monkeypatch, tmp_path):
    """The workbook is no longer cut at 100 000 contacts: only at Excel's own row limit
    (checked with a lower limit, so the test stays small)."""
    assert export.XLSX_CONTACT_LIMIT == 1_048_575
    monkeypatch.setattr(export, "XLSX_CONTACT_LIMIT", 1000)
    path = export.export_xlsx(view, tmp_path)
    book = openpyxl.load_workbook(path, read_only=True)
    assert sum(1 for _ in book["contatti"].iter_rows()) == 1001
