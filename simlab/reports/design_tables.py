"""Tables of the UF1 design tools for people: sizing (`simlab model size`), design checks
(`simlab model check`) and the market analysis (`simlab market`); the CLI prints them,
the app will show the same grids, and files take the same columns (docs/sizing.md)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from simlab import fmt
from simlab.analysis.sizing import DEFERRED_COLUMNS, INTERVAL_COLUMNS, Sizing
from simlab.i18n import _
from simlab.reports.csvfile import csv_bytes
from simlab.reports.tables import Grid
from simlab.reports.xlsx import Sheet, write_xlsx
from simlab.store.atomic import write_bytes_atomic

SIZING_UNITS = {
    "forecast_contacts": "hours", "aht_s": "seconds", "target_sl": "ratio",
    "target_s": "seconds", "required_agents": "count", "required_agents_erlang_a": "count",
    "required_staff": "count", "expected_sl": "ratio", "expected_asa_s": "seconds",
    "occupancy": "ratio", "staff_cost_eur": "eur", "open": "count", "work_hours": "hours",
    "staff_hours": "hours", "business_hours": "hours", "staff_in_business_hours": "hours",
    "staff_eur": "eur", "connection_eur": "eur", "per_contact_eur": "eur",
    "overhead_eur": "eur", "total_eur": "eur",
}


def sizing_sheets(sizing: Sizing) -> list[Sheet]:
    frames = ((_("Real-time intervals"), sizing.intervals[list(INTERVAL_COLUMNS)]),
              (_("Deferred channels"), sizing.deferred[list(DEFERRED_COLUMNS)]),
              (_("Cost per day"), sizing.days))
    return [Sheet(title, frame, {c: SIZING_UNITS.get(c, "") for c in frame.columns})
            for title, frame in frames]


def write_sizing(path: Path, sizing: Sizing) -> None:
    """`.xlsx`: the three tables as sheets; anything else: the intervals as CSV."""
    sheets = sizing_sheets(sizing)
    if path.suffix.lower() == ".xlsx":
        write_xlsx(path, sheets)
    else:
        write_bytes_atomic(path, csv_bytes(sheets[0]))


def sizing_summary_grid(sizing: Sizing) -> Grid:
    """Per real-time channel and day: contacts, peak agents and staff, staff hours."""
    headers = [_("Channel"), _("Day"), _("Contacts"), _("AHT"), _("Target"),
               _("Peak agents"), _("Peak staff"), _("Staff hours")]
    rows, keys = [], []
    frame = sizing.intervals
    for (channel, day), part in frame.groupby(["channel", "day"], sort=False):
        if part["forecast_contacts"].sum() <= 0:
            continue
        first = part.iloc[0]
        rows.append([channel, day, fmt.number(part["forecast_contacts"].sum()),
                     fmt.seconds(first["aht_s"], 0),
                     _("{sl} within {t} s").format(sl=fmt.percent(first["target_sl"], 0),
                                                   t=fmt.number(first["target_s"])),
                     fmt.number(part["required_agents"].max()),
                     fmt.number(part["required_staff"].max()),
                     fmt.hours(part["required_staff"].sum() / 2)])
        keys.append(f"{channel}/{day}")
    return Grid(headers, rows, keys)


def deferred_grid(sizing: Sizing) -> Grid:
    headers = [_("Channel"), _("Day"), _("Contacts"), _("AHT"), _("Work hours"),
               _("Staff hours"), _("Business hours"), _("Staff present")]
    rows = [[r.channel, r.day, fmt.number(r.forecast_contacts), fmt.seconds(r.aht_s, 0),
             fmt.hours(r.work_hours), fmt.hours(r.staff_hours), fmt.hours(r.business_hours),
             fmt.number(r.staff_in_business_hours, 1)] for r in sizing.deferred.itertuples()]
    return Grid(headers, rows, [f"{r[0]}/{r[1]}" for r in rows])


def cost_grid(sizing: Sizing) -> Grid:
    headers = [_("Day"), _("Staff"), _("Connection"), _("Per contact"), _("Overhead"),
               _("Total")]
    rows = [[r.day, fmt.euro(r.staff_eur), fmt.euro(r.connection_eur),
             fmt.euro(r.per_contact_eur), fmt.euro(r.overhead_eur), fmt.euro(r.total_eur)]
            for r in sizing.days.itertuples()]
    return Grid(headers, rows, [r[0] for r in rows])


def basis_facts(sizing: Sizing) -> list[tuple[str, str]]:
    """What the sizing rests on, per channel, saying which numbers are stated defaults."""
    facts = []
    for b in sizing.basis:
        parts = [_("AHT {aht}").format(aht=fmt.seconds(b.aht_s, 0))]
        if b.kind == "realtime":
            parts.append(_("patience {p}").format(p=fmt.seconds(b.patience_s, 0))
                         if b.patience_s is not None else _("patience not known: Erlang C only"))
            target = _("{sl} within {t} s").format(sl=fmt.percent(b.target_sl, 0),
                                                   t=fmt.number(b.target_s))
            parts.append(target if b.target_given else _("{target} (default)").format(
                target=target))
        shrink = _("shrinkage {s}").format(s=fmt.percent(b.shrinkage))
        parts.append(shrink if b.shrinkage_given else _("{s} (default)").format(s=shrink))
        cost = _("{eur}/hour").format(eur=fmt.euro(b.hourly_cost))
        parts.append(cost if b.cost_given else _("{s} (default)").format(s=cost))
        facts.append((b.channel, ", ".join(parts)))
    facts.append((_("Cost per day"), fmt.euro(sizing.cost_per_day)))
    facts.append((_("Cost per month"), fmt.euro(sizing.cost_per_month)))
    return facts


def frame_grid(frame: pd.DataFrame, columns: dict[str, tuple[str, str]]) -> Grid:
    """A data frame as a grid: `columns` maps a column to its header and unit."""
    headers = [header for header, _unit in columns.values()]
    rows = []
    for _i, row in frame.iterrows():
        rows.append([_cell(row[c], unit) for c, (_h, unit) in columns.items()])
    return Grid(headers, rows, [str(r[0]) for r in rows])


def _cell(value: object, unit: str) -> str:
    if value is None or value is pd.NA:
        return fmt.DASH
    if unit == "text":
        return str(value) if not (isinstance(value, float) and pd.isna(value)) else fmt.DASH
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return fmt.DASH
    if unit == "points":
        return fmt.number(value, 1)  # type: ignore[arg-type]
    return fmt.value(value, unit)


def benchmark_grid(frame: pd.DataFrame) -> Grid:
    """The benchmark gap table, each row in its metric's unit (gap > 0: better)."""
    from simlab.analysis.market import METRIC_UNITS, metric_label

    headers = [_("Metric"), _("Company"), _("Sector mean"), _("Best"), _("Worst"),
               _("Gap to mean"), _("Gap to best"), _("Beats")]
    rows = []
    for r in frame.itertuples():
        unit = METRIC_UNITS[r.metric]
        rows.append([metric_label(r.metric), *(_cell(v, unit) for v in (
            r.company, r.sector_mean, r.sector_best, r.sector_worst, r.gap_to_mean,
            r.gap_to_best)),
            fmt.DASH if pd.isna(r.beats) else f"{int(r.beats)}/{int(r.competitors)}"])
    return Grid(headers, rows, list(frame["metric"]))
