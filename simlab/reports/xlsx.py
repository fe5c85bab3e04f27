"""XLSX workbooks for a spreadsheet: one sheet per table, numbers kept as numbers (with
a display format per column or per row), written atomically (temp name, then
`os.replace`), so a crash never leaves half a workbook under the real name.

The sheets are written as SpreadsheetML directly, a column at a time: openpyxl made one
Python object per cell and took about 45 s for 100 000 contacts; this writer takes a few
seconds (benchmarks/xlsx_export.py). The parts written are the minimum of ECMA-376
(content types, workbook, styles, worksheets) that Excel, LibreOffice and openpyxl open.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd

from simlab.store.atomic import write_bytes_atomic

# Excel's limits.
MAX_SHEET_TITLE = 31
MAX_ROWS = 1_048_576

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
# Cell styles: 0 plain, 1 bold (headers), then one per format, in FORMATS order.
_STYLE = {unit: 2 + i for i, unit in enumerate(FORMATS)}
_EPOCH = np.datetime64("1899-12-30T00:00:00", "ns")  # Excel's day 0 (1900 date system)
PROGRESS_EVERY = 10_000


@dataclass
class Sheet:
    """A table for one sheet. `column_units` gives a unit per column; `row_units` a unit
    per row (for tables whose rows are indicators), applied to every numeric cell."""

    title: str
    frame: pd.DataFrame
    column_units: dict[str, str] = field(default_factory=dict)
    row_units: list[str] | None = None


def _letters(n: int) -> str:
    out = ""
    while True:
        n, r = divmod(n, 26)
        out = chr(65 + r) + out
        if n == 0:
            return out
        n -= 1


def _text(value: object) -> str:
    """A string cell's XML; control characters (invalid in XML) become spaces."""
    text = "".join(ch if ch >= " " or ch in "\t\n" else " " for ch in str(value))
    return f' t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'


def _number_cells(values: np.ndarray, style: int) -> np.ndarray:
    """The tail of each cell (after `<c r="A1"`) of a numeric column; "" when missing."""
    x = values.astype(float)
    out = np.full(len(x), "", dtype=object)
    known = np.isfinite(x)
    head = f' s="{style}"><v>' if style else "><v>"
    out[known] = [f"{head}{v!r}</v></c>" for v in x[known].tolist()]
    return out


def _column_cells(values: pd.Series, unit: str | None) -> np.ndarray:
    """The cell tails of one column, by its type and unit."""
    style = _STYLE.get(unit or "", 0)
    if pd.api.types.is_bool_dtype(values):
        return np.where(values.to_numpy(dtype=bool), ' t="b"><v>1</v></c>', ' t="b"><v>0</v></c>'
                        ).astype(object)
    if pd.api.types.is_datetime64_any_dtype(values):
        stamps = values.to_numpy(dtype="datetime64[ns]")
        days = (stamps - _EPOCH) / np.timedelta64(1, "D")
        return _number_cells(days, style or _STYLE["datetime"])
    if isinstance(values.dtype, pd.CategoricalDtype):
        labels = np.array([_text(c) for c in values.cat.categories] + [""], dtype=object)
        return labels[values.cat.codes.to_numpy()]  # code -1 (missing) picks ""
    if pd.api.types.is_numeric_dtype(values):
        return _number_cells(values.to_numpy(), style)
    out = np.full(len(values), "", dtype=object)
    for i, v in enumerate(values.tolist()):
        if isinstance(v, (dt.datetime, dt.date, pd.Timestamp)):
            day = np.datetime64(pd.Timestamp(v).to_datetime64(), "ns")
            out[i] = _number_cells(np.array([(day - _EPOCH) / np.timedelta64(1, "D")]),
                                   style or _STYLE["date" if type(v) is dt.date else
                                                   "datetime"])[0]
        elif isinstance(v, (bool, np.bool_)):
            out[i] = f' t="b"><v>{int(v)}</v></c>'
        elif isinstance(v, (int, float, np.number)):
            out[i] = _number_cells(np.array([v]), style)[0]
        elif v is not None and not (isinstance(v, float) and np.isnan(v)):
            out[i] = _text(v)
    return out


def _sheet_xml(sheet: Sheet, written: int, progress: Callable[[int], None] | None
               ) -> tuple[bytes, int]:
    frame = sheet.frame
    letters = [_letters(i) for i in range(len(frame.columns))]
    columns = [_column_cells(frame[c], sheet.column_units.get(c)) for c in frame.columns]
    if sheet.row_units:  # rows are indicators: a numeric cell takes its row's format
        for r, unit in enumerate(sheet.row_units):
            style = _STYLE.get(unit, 0)
            for j, c in enumerate(frame.columns):
                v = frame[c].iloc[r]
                if isinstance(v, (int, float, np.number)) and not isinstance(v, (bool, np.bool_)):
                    columns[j][r] = _number_cells(np.array([v]), style)[0]
    parts = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetData><row r="1">']
    parts += [f'<c r="{a}1" s="1"' + _text(name) for a, name in zip(letters, frame.columns,
                                                                   strict=True)]
    parts.append("</row>")
    for r, cells in enumerate(zip(*columns, strict=True) if columns else ()):
        n = r + 2
        parts.append(f'<row r="{n}">' + "".join(
            f'<c r="{a}{n}"{tail}' for a, tail in zip(letters, cells, strict=True) if tail)
            + "</row>")
        written += 1
        if progress is not None and written % PROGRESS_EVERY == 0:
            progress(written)
    parts.append("</sheetData></worksheet>")
    return "".join(parts).encode("utf-8"), written


def _styles() -> str:
    fmts = "".join(f'<numFmt numFmtId="{164 + i}" formatCode="{escape(code, {chr(34): "&quot;"})}"/>'
                   for i, code in enumerate(FORMATS.values()))
    xfs = "".join(f'<xf numFmtId="{164 + i}" fontId="0" fillId="0" borderId="0" '
                  'applyNumberFormat="1"/>' for i in range(len(FORMATS)))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<numFmts count="{len(FORMATS)}">{fmts}</numFmts>'
            '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
            '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
            '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
            'borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{2 + len(FORMATS)}">'
            '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
            '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" applyFont="1"/>'
            f'{xfs}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" '
            'builtinId="0"/></cellStyles></styleSheet>')


def workbook_bytes(sheets: list[Sheet], progress: Callable[[int], None] | None = None) -> bytes:
    """The workbook as bytes; `progress(rows_written)` is called every 10 000 rows.
    Same sheets → same bytes (fixed dates inside the zip)."""
    titles = _unique([_title(s.title) for s in sheets])
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(len(sheets)))
    files = {
        "[Content_Types].xml": (
            f'{head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"'
            f'/>{overrides}</Types>'),
        "_rels/.rels": (
            f'{head}<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'{head}<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>' + "".join(
                f'<sheet name="{escape(t, {chr(34): "&quot;"})}" sheetId="{i + 1}" '
                f'r:id="rId{i + 1}"/>' for i, t in enumerate(titles)) + "</sheets></workbook>"),
        "xl/_rels/workbook.xml.rels": (
            f'{head}<Relationships xmlns="{pkg}">' + "".join(
                f'<Relationship Id="rId{i + 1}" Type="{rel}/worksheet" '
                f'Target="worksheets/sheet{i + 1}.xml"/>' for i in range(len(sheets)))
            + f'<Relationship Id="rId{len(sheets) + 1}" Type="{rel}/styles" '
            'Target="styles.xml"/></Relationships>'),
        "xl/styles.xml": _styles(),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, text in files.items():
            zf.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), text.encode("utf-8"),
                        zipfile.ZIP_DEFLATED)
        written = 0
        for i, sheet in enumerate(sheets):
            data, written = _sheet_xml(sheet, written, progress)
            zf.writestr(zipfile.ZipInfo(f"xl/worksheets/sheet{i + 1}.xml", (1980, 1, 1, 0, 0, 0)),
                        data, zipfile.ZIP_DEFLATED, compresslevel=1)
    if progress is not None:
        progress(written)  # every row is in: only the file remains to be written
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


def _unique(titles: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for t in titles:
        name, n = t, 2
        while name.lower() in seen:
            suffix = f" ({n})"
            name, n = t[:MAX_SHEET_TITLE - len(suffix)] + suffix, n + 1
        seen.add(name.lower())
        out.append(name)
    return out
