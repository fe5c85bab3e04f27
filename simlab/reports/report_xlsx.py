"""A report (`report_doc.Report`) as an XLSX workbook: a first sheet with the title and
the text of every section, then one sheet per table, numbers kept as numbers with their
format, and native spreadsheet charts where a table asks for one. The same report gives
the same bytes: fixed document dates and fixed times inside the ZIP."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

from simlab.i18n import _
from simlab.reports.report_doc import Report, Table
from simlab.store.atomic import write_bytes_atomic

FORMATS = {"count": "#,##0", "ratio": "0.0%", "seconds": "#,##0.0", "hours": "#,##0.0",
           "eur": "#,##0.00 [$€-410]", "number": "#,##0.0"}
FIXED = datetime(2000, 1, 1)
MAX_TITLE = 31
BAD_TITLE = set('[]:*?/\\')


def _title(text: str, used: set[str]) -> str:
    base = "".join("_" if ch in BAD_TITLE else ch for ch in text)[:MAX_TITLE] or "tabella"
    name, i = base, 2
    while name.lower() in used:
        suffix = f" {i}"
        name, i = base[:MAX_TITLE - len(suffix)] + suffix, i + 1
    used.add(name.lower())
    return name


def _sheet(wb, table: Table, used: set[str]) -> None:
    from openpyxl.chart import BarChart, LineChart, Reference
    from openpyxl.styles import Font

    ws = wb.create_sheet(_title(table.title, used))
    ws.append(list(table.columns))
    for c in ws[1]:
        c.font = Font(bold=True)
    for row in table.rows:
        ws.append([None if isinstance(v, float) and v != v else v for v in row])
    for j, unit in enumerate(table.units, start=1):
        if unit in FORMATS:
            for (c,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                c.number_format = FORMATS[unit]
        ws.column_dimensions[ws.cell(1, j).column_letter].width = max(
            12, min(40, len(str(table.columns[j - 1])) + 2))
    if table.chart and table.rows:
        chart = BarChart() if table.chart == "bar" else LineChart()
        chart.title = table.title
        n = len(table.rows) + 1
        for j in table.chart_columns:
            chart.add_data(Reference(ws, min_col=j + 1, min_row=1, max_row=n), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=n))
        chart.width, chart.height = 24, 9
        ws.add_chart(chart, f"{ws.cell(1, len(table.columns) + 2).column_letter}2")


def workbook_bytes(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    summary = wb.active
    summary.title = _("Report")[:MAX_TITLE]
    summary.append([report.title])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append([report.subtitle])
    used = {summary.title.lower()}
    for s in report.sections:
        summary.append([])
        summary.append([s.title])
        summary.cell(summary.max_row, 1).font = Font(bold=True)
        for p in s.paragraphs:
            summary.append([p])
        for t in s.tables:
            summary.append([_("Table: {title}").format(title=t.title)])
    summary.column_dimensions["A"].width = 120
    for s in report.sections:
        for t in s.tables:
            _sheet(wb, t, used)
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.properties.creator = "simlab"
    raw = io.BytesIO()
    wb.save(raw)
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same entries with a fixed time each, and fixed document dates (openpyxl stamps
    the time of writing in both)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps «modified» with now
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                              rb"\g<1>2000-01-01T00:00:00Z", data)
            target.writestr(fixed, data)
    return out.getvalue()


def write(path: Path, report: Report) -> None:
    write_bytes_atomic(path, workbook_bytes(report))
