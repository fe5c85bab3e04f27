"""A report as data (docs/reports.md): a title, sections of paragraphs, tables and charts.
`lab.reportbuild` fills one per audience and cadence; `report_md`, `report_html` and
`report_xlsx` render it. Table cells are raw values with a unit per column, so that a
spreadsheet keeps numbers as numbers and the text formats follow the user's locale."""

from __future__ import annotations

from dataclasses import dataclass, field

from simlab import fmt

# units of a column: text, count, ratio (shown as %), seconds, hours, eur, number (1 decimal)
UNITS = ("text", "count", "ratio", "seconds", "hours", "eur", "number")


@dataclass
class Table:
    title: str
    columns: list[str]
    units: list[str]
    rows: list[list]
    # a native chart in the spreadsheet: "bar" or "line" of these columns over column 0
    chart: str = ""
    chart_columns: list[int] = field(default_factory=list)


@dataclass
class Chart:
    """kind: `bars` (one series per name, over `x`), `lines`, `control` (a p-chart or an
    X-bar chart: `values`, `centre`, `lcl`, `ucl` per point), `pareto` (bars and the
    cumulative share)."""

    title: str
    kind: str
    x: list[str]
    series: dict[str, list[float]]
    y_label: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class Section:
    id: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


@dataclass
class Report:
    title: str
    subtitle: str
    sections: list[Section]


def cell(value, unit: str) -> str:
    """One cell as text, in the user's locale."""
    if unit == "text":
        return "" if value is None else str(value)
    if unit == "count":
        return fmt.number(value)
    if unit == "number":
        return fmt.number(value, 1)
    return fmt.value(value, unit)


def grid(table: Table):
    """The table as a `reports.tables.Grid` of strings (the CLI and the app show it)."""
    from simlab.reports.tables import Grid

    rows = [[cell(v, u) for v, u in zip(row, table.units, strict=True)] for row in table.rows]
    return Grid(list(table.columns), rows, [str(r[0]) for r in rows])
