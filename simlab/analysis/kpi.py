"""KPIs of a run: one documented formula each (docs/kpi.md).

Every screen, report and CLI table takes its numbers from here, never from its own
arithmetic. Ratios are NaN when their denominator is zero (shown as «—»).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from simlab.analysis.exactsum import exact_group_sums, exact_sum
from simlab.i18n import _
from simlab.model.care import CareModel

DEFAULT_THRESHOLD_S = 20.0
DEFAULT_FIRST_RESPONSE_H = 24.0


@dataclass(frozen=True)
class Kpi:
    key: str
    name: str  # English msgid; show with _()
    acronym: str
    formula: str  # English msgid; show with _()
    unit: str  # ratio, seconds, hours, count, eur
    scope: str = "channel"  # channel: a row of the KPI grid per channel; team; run


def N_(text: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a msgid for extraction without translating it now (translated when shown)."""
    return text


KPIS: tuple[Kpi, ...] = (
    Kpi("offered", N_("Contacts offered"), "", N_("arrivals − out of hours"), "count"),
    Kpi("answered", N_("Contacts handled"), "", N_("contacts an agent answered or worked"), "count"),
    Kpi("service_level", N_("Service level"), "SL",
        N_("real-time contacts answered within T ÷ (answered + abandoned after T); T is the "
           "channel's threshold in the care model"), "ratio"),
    Kpi("asa_s", N_("Average speed of answer"), "ASA",
        N_("queue wait of answered real-time contacts ÷ answered real-time contacts"),
        "seconds"),
    Kpi("aht_s", N_("Average handling time"), "AHT",
        N_("handling time (talk + hold + after-contact work) ÷ handled contacts"), "seconds"),
    Kpi("abandon_rate", N_("Abandon rate"), "",
        N_("abandoned ÷ offered"), "ratio"),
    Kpi("fcr", N_("First contact resolution"), "FCR",
        N_("resolved at first contact ÷ handled contacts"), "ratio"),
    Kpi("occupancy", N_("Occupancy"), "",
        N_("handling time ÷ (handling + available time)"), "ratio", "team"),
    Kpi("in_queue_end", N_("Still in queue at the end"), "",
        N_("real-time contacts (calls, chats) still waiting at the end of the period"),
        "count"),
    Kpi("backlog", N_("Backlog"), "",
        N_("deferred contacts (tickets) still open at the end of the period"), "count"),
    Kpi("frt_h", N_("Mean first response time"), "FRT",
        N_("Σ business hours from arrival to first response ÷ tickets answered"), "hours"),
    Kpi("ticket_sla", N_("Ticket SLA compliance"), "",
        N_("tickets answered within the first-response target ÷ tickets whose target fell due"),
        "ratio"),
    Kpi("cost_per_contact", N_("Cost per contact"), "",
        N_("total cost ÷ contacts handled"), "eur", "run"),
)
KPI_BY_KEY = {k.key: k for k in KPIS}


def kpi_label(key: str) -> str:
    k = KPI_BY_KEY[key]
    return f"{_(k.name)} ({k.acronym})" if k.acronym else _(k.name)


def thresholds(care: CareModel, channels: list[str]) -> dict[str, float]:
    return {c: care.service_level[c].threshold_s if c in care.service_level else DEFAULT_THRESHOLD_S
            for c in channels}


# The indicators whose group sums give every KPI, in this order: 0/1 ones are counts,
# the last three are seconds.
INDICATORS = ("arrivals", "out_of_hours", "answered", "abandoned", "backlog", "in_queue_end",
              "answered_within", "abandoned_after", "wait_answered", "answered_realtime",
              "handle", "resolved", "frt", "tickets_answered", "ticket_met", "ticket_due")
SECONDS = ("wait_answered", "handle", "frt")


def _is(column: pd.Series, label: str) -> np.ndarray:
    """column == label, on the category codes when the column has them (no strings)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        names = list(column.cat.categories)
        if label not in names:
            return np.zeros(len(column), dtype=bool)
        return column.cat.codes.to_numpy() == names.index(label)
    return column.to_numpy() == label


def _per_channel(contacts: pd.DataFrame, values: dict[str, float]) -> np.ndarray:
    """A channel's value for each contact, looked up by category code."""
    names = list(contacts["channel"].cat.categories)
    table = np.array([values[c] for c in names] + [np.nan], dtype=float)
    return table[contacts["channel"].cat.codes.to_numpy()]  # code -1 (none) reads NaN


def indicator_parts(contacts: pd.DataFrame, care: CareModel) -> dict[str, np.ndarray]:
    """Every indicator per contact: the 0/1 ones as booleans (one byte a contact, and
    counted exactly), the seconds as float64. `indicators` is the same as a table."""
    channels = list(contacts["channel"].cat.categories)
    t = _per_channel(contacts, thresholds(care, channels))
    due_s = _per_channel(contacts, {c: care.tickets[c].first_response_h if c in care.tickets
                                    else DEFAULT_FIRST_RESPONSE_H for c in channels}) * 3600
    outcome = contacts["outcome"]
    wait = contacts["wait_s"].to_numpy()
    answered = _is(outcome, "answered")
    abandoned = _is(outcome, "abandoned")
    frt = contacts["frt_bh_s"].to_numpy()
    age = contacts["backlog_age_bh_s"].to_numpy()
    # A deferred contact (ticket) has a first-response time once answered, and an age in
    # business time while still open; a real-time contact has neither.
    no_frt = np.isnan(frt)
    ticket = ~no_frt | ~np.isnan(age)
    still_open = _is(outcome, "open")
    realtime_answered = answered & no_frt
    return {
        "arrivals": np.ones(len(contacts), dtype=bool),
        "out_of_hours": _is(outcome, "out_of_hours"),
        "answered": answered,
        "abandoned": abandoned,
        # Backlog counts tickets only; a call or chat still waiting at the horizon is
        # "still in queue at the end", never backlog (docs/kpi.md).
        "backlog": still_open & ticket,
        "in_queue_end": still_open & ~ticket,
        "answered_within": realtime_answered & (wait <= t),
        "abandoned_after": abandoned & (wait > t),
        "wait_answered": np.where(realtime_answered, wait, 0.0),
        "answered_realtime": realtime_answered,
        "handle": np.where(answered, contacts["handle_s"].to_numpy(), 0.0),
        # answered & resolved: a self-service exit is resolved without being handled
        "resolved": contacts["resolved"].to_numpy().astype(bool) & answered,
        "frt": np.nan_to_num(frt),
        "tickets_answered": ~no_frt,
        "ticket_met": ~no_frt & (frt <= due_s),
        "ticket_due": ticket & (~no_frt | (age >= due_s)),
    }


def indicators(contacts: pd.DataFrame, care: CareModel) -> pd.DataFrame:
    """Per contact 0/1 (and seconds) columns whose group sums give every KPI."""
    parts = indicator_parts(contacts, care)
    return pd.DataFrame({name: parts[name].astype(float) for name in INDICATORS})


def group_sums(parts: dict[str, np.ndarray], codes: np.ndarray, n_groups: int,
               total: bool = False) -> pd.DataFrame:
    """The sums of the indicators per group 0 … n_groups-1 (`codes`, one per contact),
    with no table of indicators: counts by `np.bincount`, seconds exactly rounded
    (analysis.exactsum): both exact, whatever the order of the contacts. With `total`,
    a last row: the sums over all contacts."""
    codes = np.asarray(codes, dtype=np.intp)
    out = {}
    for name in INDICATORS:
        values = parts[name]
        if name in SECONDS:
            out[name] = exact_group_sums(values, codes, n_groups, total)
        else:
            counts = np.bincount(codes[values], minlength=n_groups)
            if total:
                counts = np.append(counts, counts.sum())
            out[name] = counts.astype(float)
    return pd.DataFrame(out)


def ratios(sums: pd.DataFrame) -> pd.DataFrame:
    """KPIs from summed indicators (rows: groups)."""
    def div(a, b):
        return np.where(b > 0, a / np.where(b > 0, b, 1), np.nan)

    offered = sums["arrivals"] - sums["out_of_hours"]
    out = pd.DataFrame(index=sums.index)
    out["arrivals"] = sums["arrivals"].astype(int)
    out["out_of_hours"] = sums["out_of_hours"].astype(int)
    out["offered"] = offered.astype(int)
    out["answered"] = sums["answered"].astype(int)
    out["abandoned"] = sums["abandoned"].astype(int)
    out["backlog"] = sums["backlog"].astype(int)
    out["in_queue_end"] = sums["in_queue_end"].astype(int)
    out["service_level"] = div(sums["answered_within"],
                               sums["answered_realtime"] + sums["abandoned_after"])
    out["asa_s"] = div(sums["wait_answered"], sums["answered_realtime"])
    out["aht_s"] = div(sums["handle"], sums["answered"])
    out["abandon_rate"] = div(sums["abandoned"], offered)
    out["fcr"] = div(sums["resolved"], sums["answered"])
    out["frt_h"] = div(sums["frt"], sums["tickets_answered"]) / 3600
    out["ticket_sla"] = div(sums["ticket_met"], sums["ticket_due"])
    return out


def sl_columns(frame: pd.DataFrame, channel: pd.Index | np.ndarray, care: CareModel
               ) -> pd.DataFrame:
    """Add the SL threshold T, the care model's SL target and the gap (SL − target) to
    rows whose channel is `channel`. A row without an SL (no real-time contact) has none."""
    channels = [str(c) for c in channel]
    limits = thresholds(care, sorted(set(channels)))
    has_sl = ~frame["service_level"].isna().to_numpy()
    t = np.array([limits[c] for c in channels], dtype=float)
    target = np.array([care.service_level[c].target if c in care.service_level else np.nan
                       for c in channels], dtype=float)
    frame["sl_threshold_s"] = np.where(has_sl, t, np.nan)
    frame["sl_target"] = np.where(has_sl, target, np.nan)
    frame["sl_gap"] = frame["service_level"] - frame["sl_target"]
    return frame


def by_channel(contacts: pd.DataFrame, care: CareModel) -> pd.DataFrame:
    """KPIs per channel and a last row "total". The total SL exists only when every
    channel with an SL uses the same threshold T: SLs at different T do not add up."""
    parts = indicator_parts(contacts, care)
    names = list(contacts["channel"].cat.categories)
    codes = contacts["channel"].cat.codes.to_numpy()
    # the last row, "total": the sums over all contacts, exact like the rows'
    sums = group_sums(parts, codes, len(names), total=True)
    sums.index = [*names, "total"]
    out = ratios(sums)
    per_channel = sl_columns(out.iloc[:-1].copy(), out.index[:-1], care)
    used = per_channel["sl_threshold_s"].dropna().unique()
    shared = float(used[0]) if len(used) == 1 else np.nan
    total_row = out.iloc[-1:].copy()
    if np.isnan(shared):
        total_row["service_level"] = np.nan
    total_row["sl_threshold_s"] = shared if not total_row["service_level"].isna().all() else np.nan
    total_row["sl_target"] = np.nan  # targets are per channel
    total_row["sl_gap"] = np.nan
    return pd.concat([per_channel, total_row])


def by_channel_day(contacts: pd.DataFrame, care: CareModel) -> pd.DataFrame:
    day = (contacts["arrival_s"].to_numpy() // 86400).astype(int)
    return _by_channel_and(contacts, care, day, "day")


def intraday(contacts: pd.DataFrame, care: CareModel, interval_s: int = 1800) -> pd.DataFrame:
    """Volume and KPIs per time of day (all days together), per channel."""
    slot = ((contacts["arrival_s"].to_numpy() % 86400) // interval_s * interval_s).astype(int)
    return _by_channel_and(contacts, care, slot, "time_s")


def _by_channel_and(contacts: pd.DataFrame, care: CareModel, second: np.ndarray,
                    level: str) -> pd.DataFrame:
    """KPIs per (channel, second key), rows in the order of channel names and then of
    the key, only the pairs some contact has: as a pandas group-by on both gives them."""
    parts = indicator_parts(contacts, care)
    names = np.array(contacts["channel"].cat.categories, dtype=object)
    by_name = np.argsort(names, kind="stable")
    rank = np.empty(len(names), dtype=np.intp)
    rank[by_name] = np.arange(len(names))
    values, position = np.unique(second, return_inverse=True)
    width = max(len(values), 1)
    group = rank[contacts["channel"].cat.codes.to_numpy()] * width + position
    sums = group_sums(parts, group, len(names) * width)
    seen = np.flatnonzero(sums["arrivals"].to_numpy() > 0)
    sums = sums.iloc[seen]
    sums.index = pd.MultiIndex.from_arrays(
        [pd.Index(list(names[by_name][seen // width])), pd.Index(values[seen % width])],
        names=["channel", level])
    out = ratios(sums)
    return sl_columns(out, out.index.get_level_values("channel"), care)


def by_team(agents: pd.DataFrame) -> pd.DataFrame:
    """Occupancy = busy ÷ (busy + available); hours per team (sums exactly rounded)."""
    columns = ["staffed_s", "busy_s", "break_s", "available_s"]
    sums = pd.DataFrame({name: team_sums(agents, name) for name in columns})
    out = sums / 3600
    out.columns = ["staffed_h", "busy_h", "break_h", "available_h"]
    denom = sums["busy_s"] + sums["available_s"]
    out["occupancy"] = np.where(denom > 0, sums["busy_s"] / denom.where(denom > 0, 1), np.nan)
    return out


def team_sums(agents: pd.DataFrame, column: str) -> pd.Series:
    """`column` summed per team (every team of the category, in its order), exactly
    rounded."""
    team = agents["team"]
    names = pd.Index(team.cat.categories, name="team")
    sums = exact_group_sums(agents[column].to_numpy(dtype=float), team.cat.codes.to_numpy(),
                            len(names))
    return pd.Series(sums, index=names, name=column)


def cost_summary(costs: pd.DataFrame, contacts: pd.DataFrame) -> dict[str, float]:
    amount = costs["amount"].to_numpy(dtype=float)
    total = exact_sum(amount)
    handled = int((contacts["outcome"] == "answered").sum())
    items = costs["item"].to_numpy()
    return {
        "total": total,
        "handled": handled,
        "cost_per_contact": total / handled if handled else float("nan"),
        **{f"{item}": exact_sum(amount[items == item]) for item in np.unique(items).tolist()},
    }
