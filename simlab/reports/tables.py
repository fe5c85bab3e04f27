"""Tables for people: KPI grids, daily and team tables, pages of contacts, a scenario's
expected demand, with names in the user's language and numbers through `simlab.fmt`.

Every number comes from `analysis.kpi` (or from the scenario as written); this module
only chooses rows, labels and formats, so the TUI, reports and exports agree.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from simlab import fmt
from simlab.analysis.kpi import KPI_BY_KEY, KPIS, kpi_label
from simlab.i18n import _, ngettext
from simlab.model.scenario import Scenario

# The rows of the KPI grid (CLI, app, exports), in order: every per-channel KPI of the
# catalogue, so that adding a KPI to `kpi.KPIS` adds it to every view; beside some of
# them, counts and the care model's target.
_BESIDE = {"answered": ("abandoned", "out_of_hours"), "service_level": ("sl_target",)}
CHANNEL_ROWS = tuple(key for k in KPIS if k.scope == "channel"
                     for key in (k.key, *_BESIDE.get(k.key, ())))
# The columns of the daily table.
DAY_COLUMNS = ("offered", "answered", "abandoned", "service_level", "asa_s", "aht_s",
               "abandon_rate", "fcr", "in_queue_end", "backlog")
PAGE_SIZE = 100


def row_label(key: str) -> str:
    """The name of a KPI row or column: the KPI catalogue's, else ours."""
    if key in KPI_BY_KEY:
        return kpi_label(key)
    return {
        "abandoned": _("Abandoned"),
        "out_of_hours": _("Out of hours"),
        "arrivals": _("Arrivals"),
        "sl_target": _("SL target (care model)"),
        "sl_threshold_s": _("SL threshold T"),
    }.get(key, key)


def unit(key: str) -> str:
    return KPI_BY_KEY[key].unit if key in KPI_BY_KEY else "count"


def sl_text(value: float, threshold_s: float) -> str:
    """A service level with its threshold: «85,2% entro 20 s» («—» without one)."""
    if pd.isna(value):
        return fmt.DASH
    if pd.isna(threshold_s):
        return fmt.percent(value)
    return _("{sl} within {t} s").format(sl=fmt.percent(value), t=fmt.number(threshold_s))


def target_text(target: float, gap: float) -> str:
    """The care model's SL target (at the threshold of the SL row) and whether the run
    met it: «80,0%: raggiunto (+5,2 punti)»."""
    if pd.isna(target):
        return fmt.DASH
    goal = fmt.percent(target)
    if pd.isna(gap):
        return goal
    points = fmt.number(abs(gap) * 100, 1)
    if gap >= 0:
        return _("{goal}: met (+{points} points)").format(goal=goal, points=points)
    return _("{goal}: missed (−{points} points)").format(goal=goal, points=points)


def cell(values: pd.Series, key: str) -> str:
    """One cell of a KPI grid: `values` is a row of a `kpi` frame (one channel, day…)."""
    if key == "service_level":
        return sl_text(values["service_level"], values["sl_threshold_s"])
    if key == "sl_target":
        return target_text(values["sl_target"], values["sl_gap"])
    return fmt.value(values[key], unit(key))


def channel_names(scenario: Scenario) -> dict[str, str]:
    return {c.id: str(c.name) for c in scenario.channels}


def reason_names(scenario: Scenario) -> dict[str, str]:
    return {r.id: str(r.name) for r in scenario.reasons}


def segment_names(scenario: Scenario) -> dict[str, str]:
    return {s.id: str(s.name) for s in scenario.segments}


def outcome_names() -> dict[str, str]:
    """The fate of one contact, as a word in a table cell."""
    return {
        "answered": _("handled"),
        "abandoned": _("abandoned"),
        "out_of_hours": _("out of hours"),
        "open": _("still open"),
    }


def column_name(key: str, scenario: Scenario) -> str:
    return _("Total") if key == "total" else channel_names(scenario).get(key, key)


@dataclass(frozen=True)
class Grid:
    """A table ready to show: headers and rows of strings, with row keys."""

    headers: list[str]
    rows: list[list[str]]
    keys: list[str]


def kpi_grid(frame: pd.DataFrame, scenario: Scenario) -> Grid:
    """KPIs as rows, channels (and the total) as columns: `frame` is `kpi.by_channel`.
    Rows that no channel has (e.g. ticket KPIs in a phone-only scenario) are left out."""
    columns = list(frame.index)
    rows, keys = [], []
    for key in CHANNEL_ROWS:
        if frame[key].isna().all():
            continue
        rows.append([row_label(key), *(cell(frame.loc[c], key) for c in columns)])
        keys.append(key)
    return Grid([_("Indicator"), *(column_name(c, scenario) for c in columns)], rows, keys)


def day_grid(frame: pd.DataFrame, scenario: Scenario) -> Grid:
    """One row per day and channel: `frame` is `kpi.by_channel_day`."""
    names = channel_names(scenario)
    headers = [_("Date"), _("Channel"), *(row_label(k) for k in DAY_COLUMNS)]
    order = {c.id: i for i, c in enumerate(scenario.channels)}
    items = sorted(frame.iterrows(), key=lambda kv: (int(kv[0][1]), order.get(kv[0][0], 99)))
    rows, keys = [], []
    for (channel, day), values in items:
        date = fmt.date(scenario.calendar.date_of(int(day)))
        rows.append([date, names.get(channel, str(channel)),
                     *(cell(values, k) for k in DAY_COLUMNS)])
        keys.append(f"{channel}/{day}")
    return Grid(headers, rows, keys)


def team_names(plan) -> dict[str, str]:
    return {t.id: str(t.name) for t in plan.teams}


def team_grid(frame: pd.DataFrame, plan) -> Grid:
    """`frame` is `kpi.by_team`."""
    names = team_names(plan)
    headers = [_("Team"), _("Staffed hours"), _("Busy hours"), _("Break hours"),
               kpi_label("occupancy")]
    rows = [[names.get(team, str(team)), fmt.number(r["staffed_h"], 1), fmt.number(r["busy_h"], 1),
             fmt.number(r["break_h"], 1), fmt.percent(r["occupancy"])]
            for team, r in frame.iterrows()]
    return Grid(headers, rows, [str(t) for t in frame.index])


def cost_lines(cost: dict[str, float]) -> list[tuple[str, str]]:
    """(label, value) pairs: `cost` is `kpi.cost_summary`."""
    return [(_("Total cost"), fmt.euro(cost["total"])),
            (kpi_label("cost_per_contact"), fmt.euro(cost["cost_per_contact"]))]


# --------------------------------------------------------------------------- scenarios


def hourly_demand(scenario: Scenario) -> dict[str, list[float]]:
    """Expected contacts per hour of an average Monday-Friday, per channel: the weekday
    volume × the channel's share × its intraday profile (as `world.arrivals` draws them)."""
    demand = scenario.demand
    out = {}
    for channel in scenario.channels:
        profile = np.asarray(demand.intraday[channel.id], dtype=float)
        profile = profile / profile.sum()
        hourly = profile.reshape(24, -1).sum(axis=1)
        out[channel.id] = list(demand.volume_per_weekday * demand.channel_mix[channel.id] * hourly)
    return out


def days_text(days: int) -> str:
    """«1 giorno», «28 giorni»."""
    return ngettext("{n} day", "{n} days", days).format(n=fmt.number(days))


def contacts_text(n: int) -> str:
    """«1 contatto», «6.049 contatti»."""
    return ngettext("{n} contact", "{n} contacts", n).format(n=fmt.number(n))


def scenario_facts(scenario: Scenario) -> list[tuple[str, str]]:
    company = scenario.company
    cal = scenario.calendar
    last = cal.date_of(cal.days - 1)
    return [
        (_("Company"), company.name),
        (_("Sector"), company.sector),
        (_("Customers"), fmt.number(company.customers)),
        (_("Region"), company.region),
        (_("Period"), _("{start} – {end} ({days})").format(
            start=fmt.date(cal.start), end=fmt.date(last), days=days_text(cal.days))),
        (_("Contacts per weekday"), fmt.number(scenario.demand.volume_per_weekday)),
    ]


def scenario_list_grid(items: list) -> Grid:
    """The catalogue (`lab.catalog.Source` items with a valid scenario), one row each."""
    headers = [_("Id"), _("Title"), _("Company"), _("Channels"), _("Contacts per weekday"),
               _("Origin")]
    rows = []
    for item in items:
        sc = item.model
        where = _("workspace") if item.origin == "workspace" else _("shipped")
        rows.append([sc.id, str(sc.title), sc.company.name,
                     ", ".join(str(c.name) for c in sc.channels),
                     fmt.number(sc.demand.volume_per_weekday), where])
    return Grid(headers, rows, [item.key for item in items])


def channel_grid(scenario: Scenario) -> Grid:
    demand = scenario.demand
    hourly = hourly_demand(scenario)
    headers = [_("Channel"), _("Kind"), _("Share"), _("Per weekday"), _("Peak hour")]
    rows = []
    for c in scenario.channels:
        kind = _("real time") if c.kind == "realtime" else _("deferred (tickets)")
        if c.concurrency > 1:
            kind = _("{kind}, {n} at once per agent").format(kind=kind, n=c.concurrency)
        per_hour = hourly[c.id]
        peak = int(np.argmax(per_hour))
        rows.append([str(c.name), kind, fmt.percent(demand.channel_mix[c.id], 0),
                     fmt.number(demand.volume_per_weekday * demand.channel_mix[c.id]),
                     f"{peak:02d}:00 ({fmt.number(per_hour[peak])})"])
    return Grid(headers, rows, [c.id for c in scenario.channels])


def event_lines(scenario: Scenario) -> list[str]:
    return [
        _("{date}: demand × {factor} — {label}").format(
            date=fmt.date(e.date), factor=fmt.number(e.factor, 1), label=str(e.label))
        for e in scenario.demand.events
    ]


def sl_chart_title(frame: pd.DataFrame, scenario: Scenario) -> str:
    """The title of the SL-by-time-of-day chart, with each channel's threshold T:
    `frame` is `kpi.by_channel`."""
    names = channel_names(scenario)
    limits = [f"{names.get(c, c)} {fmt.number(t)} s"
              for c, t in frame["sl_threshold_s"].drop("total", errors="ignore").items()
              if not pd.isna(t)]
    return _("{sl} per half hour (threshold T: {limits})").format(
        sl=row_label("service_level"), limits=", ".join(limits) or fmt.DASH)


def intraday_series(frame: pd.DataFrame, scenario: Scenario, key: str, days: int = 1,
                    realtime_only: bool = False) -> dict[str, tuple[list[float], list[float]]]:
    """Per channel name: (start of each slot in seconds, value). `frame` is
    `kpi.intraday` (all days together); counts are divided by `days` (average day)."""
    names = channel_names(scenario)
    kinds = {c.id: c.kind for c in scenario.channels}
    out = {}
    for c in scenario.channels:
        if c.id not in frame.index.get_level_values("channel"):
            continue
        if realtime_only and kinds[c.id] != "realtime":
            continue
        part = frame.xs(c.id, level="channel")
        values = part[key].to_numpy(dtype=float)
        if unit(key) == "count":
            values = values / max(days, 1)
        out[names[c.id]] = (list(part.index.to_numpy(dtype=float)), list(values))
    return out
