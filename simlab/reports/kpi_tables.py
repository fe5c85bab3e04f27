"""The KPI tables of `simlab kpi` for people: by one dimension (a row per group), the
formulas used, and the regulatory views; as a grid to show and as a sheet to export."""

from __future__ import annotations

import pandas as pd

from simlab import fmt
from simlab.analysis import kpi_variants as kv
from simlab.analysis.kpi_groups import COLUMNS
from simlab.i18n import _
from simlab.reports.tables import Grid
from simlab.reports.xlsx import Sheet

COUNT_COLUMNS = ("offered", "answered", "abandoned", "in_queue_end")


def column_label(key: str, formulas: dict[str, str]) -> str:
    """A column's name: the chosen variant's name for a KPI, ours for the counts."""
    if key in formulas:
        return _(kv.VARIANT_BY_KEY[(key, formulas[key])].name)
    return {"offered": _("Contacts offered"), "answered": _("Contacts handled"),
            "abandoned": _("Abandoned"), "in_queue_end": _("Still in queue at the end"),
            "sl_threshold_s": _("SL threshold T")}[key]


def column_unit(key: str, formulas: dict[str, str]) -> str:
    if key in formulas:
        return kv.VARIANT_BY_KEY[(key, formulas[key])].unit
    return "seconds" if key == "sl_threshold_s" else "count"


def shown_columns(frame: pd.DataFrame) -> list[str]:
    """The columns with at least one value (a phone-only log has no ticket KPI)."""
    return [c for c in COLUMNS if c in COUNT_COLUMNS or frame[c].notna().any()]


def group_label(key: str, by: str) -> str:
    return _("Total") if key == "total" else str(key)


MAX_GROUP_COLUMNS = 8


def kpi_table_grid(frame: pd.DataFrame, by: str, formulas: dict[str, str]) -> Grid:
    """A few groups (channels, teams): a column per group and a row per KPI, as the
    results grid; many (agents, days): a row per group."""
    columns = shown_columns(frame)
    if len(frame) <= MAX_GROUP_COLUMNS:
        rows = [[column_label(c, formulas),
                 *(fmt.value(frame.at[k, c], column_unit(c, formulas)) for k in frame.index)]
                for c in columns]
        return Grid([_("Indicator"), *(group_label(str(k), by) for k in frame.index)], rows,
                    columns)
    rows = [[group_label(str(k), by),
             *(fmt.value(frame.at[k, c], column_unit(c, formulas)) for c in columns)]
            for k in frame.index]
    return Grid([dimension_label(by), *(column_label(c, formulas) for c in columns)], rows,
                [str(k) for k in frame.index])


def kpi_sheet(frame: pd.DataFrame, by: str, formulas: dict[str, str]) -> Sheet:
    """The table for CSV or XLSX: headers in the user's language, numbers as numbers."""
    columns = shown_columns(frame)
    data = {dimension_label(by): [group_label(str(k), by) for k in frame.index]}
    units = {}
    for c in columns:
        label = column_label(c, formulas)
        data[label] = frame[c].to_numpy()
        units[label] = column_unit(c, formulas)
    return Sheet(_("Indicators"), pd.DataFrame(data), units)


def formulas_sheet(formulas: dict[str, str]) -> Sheet:
    rows = [(name, variant, _(kv.VARIANT_BY_KEY[(name, variant)].name),
             _(kv.VARIANT_BY_KEY[(name, variant)].formula)) for name, variant in formulas.items()]
    return Sheet(_("Formulas"), pd.DataFrame(rows, columns=[
        _("Indicator"), _("Variant"), _("Name"), _("Formula")]))


def formula_lines(formulas: dict[str, str], frame: pd.DataFrame | None = None
                  ) -> list[tuple[str, str]]:
    """Name and formula of each KPI (of those the table shows, given `frame`)."""
    shown = set(shown_columns(frame)) if frame is not None else set(formulas)
    return [(_(kv.VARIANT_BY_KEY[(n, v)].name), _(kv.VARIANT_BY_KEY[(n, v)].formula))
            for n, v in formulas.items() if n in shown]


def regulatory_grid(rows: list[dict]) -> Grid:
    """Each indicator with its value, the preset's threshold and met / missed."""
    out = []
    for r in rows:
        met = "—" if r["met"] is None else (_("met") if r["met"] else _("missed"))
        out.append([_(r["name"]), fmt.value(r["value"], r["unit"]),
                    f"{r['op']} {fmt.value(r['threshold'], r['unit'])}", met])
    return Grid([_("Indicator (indicative)"), _("Value"), _("Threshold"), _("Outcome")], out,
                [r["key"] for r in rows])


def dimension_label(by: str) -> str:
    return {"channel": _("Channel"), "queue": _("Queue"), "team": _("Team"),
            "agent": _("Operator"), "interval": _("Interval"), "day": _("Day"),
            "week": _("Week"), "month": _("Month")}[by]
