"""Tables of a comparison of runs (`lab.compare.Comparison`) for people: the inputs, the
KPIs per channel and the costs, each run beside the first with its difference («Δ»), and
the rows that differ marked so the CLI and the app highlight the same ones."""

from __future__ import annotations

from dataclasses import dataclass, field

from simlab import fmt
from simlab.i18n import _
from simlab.reports.runinfo import input_name
from simlab.reports.tables import Grid, channel_names, column_name, row_label, sl_text


@dataclass(frozen=True)
class MarkedGrid(Grid):
    """A `Grid` whose rows that differ between the runs are marked."""

    marked: list[bool] = field(default_factory=list)


def _channel_name(comparison, channel: str) -> str:
    """A channel's name from the first run whose scenario has it (runs of different
    scenarios can be compared)."""
    for run in comparison.runs:
        names = channel_names(run.view.scenario)
        if channel in names:
            return names[channel]
    return column_name(channel, comparison.runs[0].view.scenario)


def _run_headers(comparison) -> list[str]:
    names = [r.name for r in comparison.runs]
    out = [names[0]]
    for name in names[1:]:
        out += [name, _("Δ {run}").format(run=name)]
    return out


def input_grid(comparison) -> MarkedGrid:
    """Scenario, care model, plan (their ids), seed and days of every run."""
    names = {"seed": _("Seed"), "days": _("Days")}
    headers = [_("Input"), *(r.name for r in comparison.runs)]
    rows, keys, marked = [], [], []
    for row in comparison.inputs:
        label = names.get(row.key) or input_name(row.key)
        values = list(row.values)
        if row.key in names:
            values = [fmt.number(int(v)) if row.key == "days" else v for v in values]
        rows.append([label, *values, _("differs") if row.differs else _("same")])
        keys.append(row.key)
        marked.append(row.differs)
    return MarkedGrid([*headers, _("Compared")], rows, keys, marked)


def delta_text(delta: float | None, unit: str) -> str:
    """A difference from the first run: «+2,3 punti» for a rate, «−4,1 s», «+12», «=»."""
    if delta is None:
        return fmt.DASH
    if abs(delta) < 1e-9:
        return "="
    sign = "+" if delta > 0 else "−"
    if unit == "ratio":
        return _("{sign}{n} points").format(sign=sign, n=fmt.number(abs(delta), 1))
    digits = 0 if unit == "count" else 1 if unit in ("seconds", "hours") else 2
    text = fmt.number(abs(delta), digits)
    suffix = {"seconds": " s", "hours": " h"}.get(unit, "")
    if unit == "eur":
        return f"{sign}€ {text}"
    return f"{sign}{text}{suffix}"


def _value(value: float | None, unit: str, key: str, threshold: float | None) -> str:
    if key == "service_level" and threshold is not None:
        return sl_text(float("nan") if value is None else value, threshold)
    return fmt.value(value, unit)


def kpi_grid(comparison) -> MarkedGrid:
    """One row per channel and KPI: each run's value and its difference from the first."""
    thresholds = [r.view.channels["sl_threshold_s"] for r in comparison.runs]
    headers = [_("Channel"), _("Indicator"), *_run_headers(comparison)]
    rows, keys, marked = [], [], []
    for row in comparison.kpis:
        cells = [_channel_name(comparison, row.group), row_label(row.key)]
        for i, value in enumerate(row.values):
            t = thresholds[i].get(row.group) if row.group in thresholds[i].index else None
            t = None if t is None or t != t else float(t)
            cells.append(_value(value, row.unit, row.key, t))
            if i > 0:
                cells.append(delta_text(row.deltas[i - 1], row.unit))
        rows.append(cells)
        keys.append(f"{row.group}/{row.key}")
        marked.append(row.differs)
    return MarkedGrid(headers, rows, keys, marked)


def cost_name(key: str) -> str:
    return {"total": _("Total cost"), "cost_per_contact": row_label("cost_per_contact"),
            "handled": _("Contacts handled"), "staff": _("Staff"),
            "connection": _("Connection"), "per_contact": _("Fee per contact"),
            "overhead": _("Overhead")}.get(key, key)


def cost_grid(comparison) -> MarkedGrid:
    headers = [_("Cost"), *_run_headers(comparison)]
    rows, keys, marked = [], [], []
    for row in comparison.costs:
        cells = [cost_name(row.key)]
        for i, value in enumerate(row.values):
            cells.append(fmt.value(value, row.unit))
            if i > 0:
                cells.append(delta_text(row.deltas[i - 1], row.unit))
        rows.append(cells)
        keys.append(row.key)
        marked.append(row.differs)
    return MarkedGrid(headers, rows, keys, marked)


def diff_sections(comparison) -> list[tuple[str, str]]:
    """(title, unified diff) for every input file that differs from the first run's."""
    out = []
    for row in comparison.inputs:
        for i, diff in enumerate(row.diffs, start=1):
            if diff:
                out.append((_("{what}: {first} → {other}").format(
                    what=input_name(row.key), first=comparison.runs[0].name,
                    other=comparison.runs[i].name), diff))
    return out


def summary_line(comparison) -> str:
    """One sentence: how many runs, and whether anything differs."""
    n = len(comparison.runs)
    if not comparison.differs:
        return _("{n} runs compared: no differences.").format(n=n)
    changed = sum(r.differs for r in comparison.kpis)
    return _("{n} runs compared against {first}: {k} indicators differ.").format(
        n=n, first=comparison.runs[0].name, k=changed)


def chart_series(comparison, key: str) -> dict[str, tuple[list[float], list[float]]]:
    """For a chart: per «run · channel», (half-hour starts in s, values). `key` is
    "offered" (per average day, every channel) or "service_level" (real-time ones)."""
    out = {}
    for run, series in zip(comparison.runs, comparison.intraday, strict=True):
        for channel, (starts, offered, sl) in series.items():
            values = offered if key == "offered" else sl
            if key != "offered" and all(v is None for v in values):
                continue
            points = [(t, v) for t, v in zip(starts, values, strict=True) if v is not None]
            name = f"{run.name} · {_channel_name(comparison, channel)}"
            out[name] = ([t for t, _v in points], [v for _t, v in points])
    return out
