"""XLSX workbooks for a spreadsheet: one sheet per table, numbers kept as numbers (with
a display format per column or per row), written atomically (temp name, then
`os.replace`), so a crash never leaves half a workbook under the real name."""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from simlab.store.atomic import write_bytes_atomic

# Excel's limits.
MAX_SHEET_TITLE = 31

# Number formats by unit (see analysis.kpi.Kpi.unit).
FORMATS = {
    "ratio": "0.0%",
    "seconds": "#,##0.0",
    "hours": "#,##0.0",
    "eur": "#,##0.00 [$€-410]",
    "count": "#,##0",
    "date": "dd/mm/yyyy",
    "datetime": "dd/mm/yyyy hh:mm:ss",
}


@dataclass
class Sheet:
    """A table for one sheet. `column_units` gives a unit per column; `row_units` a unit
    per row (for tables whose rows are indicators), applied to every numeric cell."""

    title: str
    frame: pd.DataFrame
    column_units: dict[str, str] = field(default_factory=dict)
    row_units: list[str] | None = None


def cell_value(value: object) -> object:
    """A value openpyxl can store: NaN and missing become empty, numpy becomes Python."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, (str, int, float, bool, dt.date, dt.datetime)):
        return value
    return str(value)


def workbook_bytes(sheets: list[Sheet], progress: Callable[[int], None] | None = None) -> bytes:
    """The workbook as bytes; `progress(rows_written)` is called every 10 000 rows."""
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    written = 0
    for sheet in sheets:
        ws = wb.create_sheet(_title(sheet.title))
        header = []
        for name in sheet.frame.columns:
            cell = WriteOnlyCell(ws, value=str(name))
            cell.font = bold
            header.append(cell)
        ws.append(header)
        formats = [FORMATS.get(sheet.column_units.get(c, ""), None) for c in sheet.frame.columns]
        for r, row in enumerate(sheet.frame.itertuples(index=False, name=None)):
            row_format = FORMATS.get(sheet.row_units[r]) if sheet.row_units else None
            cells = []
            for value, fmt in zip(row, formats, strict=True):
                value = cell_value(value)
                number_format = fmt or (row_format if isinstance(value, (int, float))
                                        and not isinstance(value, bool) else None)
                if number_format and value is not None:
                    cell = WriteOnlyCell(ws, value=value)
                    cell.number_format = number_format
                    cells.append(cell)
                else:
                    cells.append(value)
            ws.append(cells)
            written += 1
            if progress is not None and written % 10_000 == 0:
                progress(written)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_xlsx(path: str | Path, sheets: list[Sheet],
               progress: Callable[[int], None] | None = None) -> Path:
    path = Path(path)
    write_bytes_atomic(path, workbook_bytes(sheets, progress))
    return path


def _title(title: str) -> str:
    """Excel refuses some characters and titles over 31 characters."""
    clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in title)
    return clean[:MAX_SHEET_TITLE] or "Sheet"
