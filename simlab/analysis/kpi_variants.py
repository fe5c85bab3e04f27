"""The variants of every KPI (docs/kpi.md, "Variants"): one documented formula each,
by key, so that every result can name the formula it used.

The default variant of a KPI is the formula of `analysis.kpi` (computed there, never
again here); the others are computed from the same per-contact indicators, plus a few
columns of their own (`contact_indicators`). Agent-time KPIs (occupancy, utilisation,
shrinkage, adherence) come from the `agents` table and, where the plan is known, the
scheduled time (`agent_sums`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from simlab.analysis import kpi
from simlab.analysis.kpi import N_

DEFAULT_SHORT_ABANDON_S = 5.0
DEFAULT_REPEAT_DAYS = 7
DAY_S = 86400.0


@dataclass(frozen=True)
class Variant:
    kpi: str  # the KPI's key (a column of every KPI table)
    key: str
    name: str  # English msgid
    formula: str  # English msgid
    unit: str
    scope: str = "contacts"  # contacts (from `contacts`), agents (agent time), run (costs)


def _v(kpi_key: str, key: str, name: str, formula: str, unit: str,
       scope: str = "contacts") -> Variant:
    return Variant(kpi_key, key, name, formula, unit, scope)


VARIANTS: tuple[Variant, ...] = (
    _v("service_level", "default", N_("Service level"), kpi.KPI_BY_KEY["service_level"].formula,
       "ratio"),
    _v("service_level", "offered", N_("Service level on offered contacts"),
       N_("real-time contacts answered within T ÷ (answered + all abandoned)"), "ratio"),
    _v("service_level", "answered", N_("Service level on answered contacts"),
       N_("real-time contacts answered within T ÷ answered"), "ratio"),
    _v("service_level", "no_short_abandons", N_("Service level without short abandons"),
       N_("real-time contacts answered within T ÷ (answered + abandoned after S seconds "
          "or more)"), "ratio"),
    _v("asa_s", "default", N_("Average speed of answer"), kpi.KPI_BY_KEY["asa_s"].formula,
       "seconds"),
    _v("asa_s", "tma", N_("Mean waiting time (ARERA TMA)"),
       N_("queue wait of answered and abandoned real-time contacts ÷ their number"), "seconds"),
    _v("aht_s", "default", N_("Average handling time"), kpi.KPI_BY_KEY["aht_s"].formula,
       "seconds"),
    _v("abandon_rate", "default", N_("Abandon rate"), kpi.KPI_BY_KEY["abandon_rate"].formula,
       "ratio"),
    _v("abandon_rate", "no_short_abandons", N_("Abandon rate without short abandons"),
       N_("abandoned after S seconds or more ÷ (offered − abandoned within S seconds)"),
       "ratio"),
    _v("fcr", "default", N_("First contact resolution"), kpi.KPI_BY_KEY["fcr"].formula, "ratio"),
    _v("fcr", "no_repeat", N_("First contact resolution by no repeat"),
       N_("handled contacts whose customer did not contact again within N days ÷ handled "
          "contacts whose N days are in the log"), "ratio"),
    _v("backlog", "default", N_("Backlog"), kpi.KPI_BY_KEY["backlog"].formula, "count"),
    _v("backlog", "over_target", N_("Backlog older than the target"),
       N_("open tickets whose business age has reached the first-response target"), "count"),
    _v("backlog_age_h", "default", N_("Mean backlog age"),
       N_("Σ business hours of age of open tickets ÷ open tickets"), "hours"),
    _v("backlog_age_h", "max", N_("Oldest open ticket"),
       N_("the largest business age of an open ticket, hours"), "hours"),
    _v("ticket_sla", "default", N_("Ticket SLA compliance"),
       kpi.KPI_BY_KEY["ticket_sla"].formula, "ratio"),
    _v("ticket_sla", "calendar", N_("Ticket SLA compliance in calendar time"),
       N_("tickets answered within the target in calendar time ÷ tickets whose target fell "
          "due in calendar time"), "ratio"),
    _v("frt_h", "default", N_("Mean first response time"), kpi.KPI_BY_KEY["frt_h"].formula,
       "hours"),
    _v("resolution_h", "default", N_("Mean resolution time"),
       N_("Σ business hours from arrival to resolution ÷ tickets resolved"), "hours"),
    _v("resolution_h", "median", N_("Median resolution time"),
       N_("the median of the business hours from arrival to resolution of resolved tickets"),
       "hours"),
    _v("resolution_h", "calendar", N_("Mean resolution time in calendar time"),
       N_("Σ calendar hours from arrival to resolution ÷ tickets resolved"), "hours"),
    _v("occupancy", "default", N_("Occupancy"), kpi.KPI_BY_KEY["occupancy"].formula, "ratio",
       "agents"),
    _v("utilisation", "default", N_("Utilisation"),
       N_("(handling + available time) ÷ paid time"), "ratio", "agents"),
    _v("shrinkage", "total", N_("Shrinkage"),
       N_("(breaks + absence) ÷ scheduled paid time"), "ratio", "agents"),
    _v("shrinkage", "planned", N_("Planned shrinkage"),
       N_("breaks ÷ scheduled paid time"), "ratio", "agents"),
    _v("shrinkage", "unplanned", N_("Unplanned shrinkage"),
       N_("absence (scheduled time not on duty) ÷ scheduled paid time"), "ratio", "agents"),
    _v("adherence", "default", N_("Schedule adherence"),
       N_("scheduled time on duty ÷ scheduled time"), "ratio", "agents"),
    _v("cost_per_contact", "fully_loaded", N_("Cost per contact"),
       kpi.KPI_BY_KEY["cost_per_contact"].formula, "eur", "run"),
    _v("cost_per_contact", "direct", N_("Direct cost per contact"),
       N_("(staff + connection + per-contact fees) ÷ contacts handled"), "eur", "run"),
)
VARIANT_BY_KEY = {(v.kpi, v.key): v for v in VARIANTS}
KPI_KEYS: tuple[str, ...] = tuple(dict.fromkeys(v.kpi for v in VARIANTS))
# the variant used when none is asked for: the formula of `analysis.kpi`
DEFAULTS = {k: next(v.key for v in VARIANTS if v.kpi == k) for k in KPI_KEYS}
DIRECT_COST_ITEMS = ("staff", "connection", "per_contact")


def variants_of(kpi_key: str) -> list[str]:
    return [v.key for v in VARIANTS if v.kpi == kpi_key]


def contact_indicators(contacts: pd.DataFrame, targets, *, horizon_s: float,
                       short_abandon_s: float = DEFAULT_SHORT_ABANDON_S,
                       repeat_days: float = DEFAULT_REPEAT_DAYS) -> pd.DataFrame:
    """`kpi.indicators` (the defaults) and the extra 0/1 and seconds columns whose group
    sums give every variant. `targets` is a care model (or anything with its
    `service_level` and `tickets`); `horizon_s` is the end of the log."""
    ind = kpi.indicators(contacts, targets)
    outcome = contacts["outcome"].to_numpy()
    wait = contacts["wait_s"].to_numpy(dtype=float)
    frt = contacts["frt_bh_s"].to_numpy(dtype=float)
    age = contacts["backlog_age_bh_s"].to_numpy(dtype=float)
    arrival = contacts["arrival_s"].to_numpy(dtype=float)
    ticket = ~np.isnan(frt) | ~np.isnan(age)
    realtime = ~ticket
    answered_rt = (outcome == "answered") & realtime
    abandoned = outcome == "abandoned"
    short = abandoned & (wait < short_abandon_s)
    channels = list(contacts["channel"].cat.categories)
    t = contacts["channel"].map(kpi.thresholds(targets, channels)).astype(float).to_numpy()
    target_h = {c: targets.tickets[c].first_response_h if c in targets.tickets
                else kpi.DEFAULT_FIRST_RESPONSE_H for c in channels}
    due_s = contacts["channel"].map(target_h).astype(float).to_numpy() * 3600
    open_ticket = (outcome == "open") & ticket
    answered_ticket = (outcome == "answered") & ticket
    calendar_age = horizon_s - arrival
    counted = answered_rt | abandoned
    ind["abandoned_all"] = abandoned.astype(float)
    ind["abandoned_short"] = short.astype(float)
    ind["wait_answered_abandoned"] = np.where(counted, np.nan_to_num(wait), 0.0)
    ind["answered_abandoned"] = counted.astype(float)
    # the threshold T of the contacts an SL counts, to refuse adding SLs of different T
    ind["sl_t_min"] = np.where(counted, t, np.inf)
    ind["sl_t_max"] = np.where(counted, t, -np.inf)
    ind["backlog_over_target"] = (open_ticket & (age >= due_s)).astype(float)
    ind["backlog_age"] = np.where(open_ticket, np.nan_to_num(age), 0.0)
    ind["backlog_age_max"] = np.where(open_ticket, np.nan_to_num(age), -np.inf)
    ind["ticket_met_calendar"] = (answered_ticket & (wait <= due_s)).astype(float)
    ind["ticket_due_calendar"] = (answered_ticket | (open_ticket & (calendar_age >= due_s))
                                  ).astype(float)
    res_bh = _column(contacts, "resolution_bh_s")
    resolved_ticket = ticket & ~np.isnan(res_bh)
    ind["resolution_sum"] = np.where(resolved_ticket, np.nan_to_num(res_bh), 0.0)
    ind["resolution_n"] = resolved_ticket.astype(float)
    ind["resolution_median"] = np.where(resolved_ticket, res_bh, np.nan)
    ind["resolution_calendar_sum"] = np.where(
        resolved_ticket, np.nan_to_num(_column(contacts, "resolved_s") - arrival), 0.0)
    judged, kept = no_repeat(contacts, horizon_s, repeat_days)
    ind["fcr_judged"] = judged.astype(float)
    ind["fcr_no_repeat"] = kept.astype(float)
    return ind


def _column(contacts: pd.DataFrame, name: str) -> np.ndarray:
    """A float column, all NaN where the table does not have it (a hand-made log)."""
    if name in contacts:
        return contacts[name].to_numpy(dtype=float)
    return np.full(len(contacts), np.nan)


def no_repeat(contacts: pd.DataFrame, horizon_s: float, repeat_days: float
              ) -> tuple[np.ndarray, np.ndarray]:
    """For each handled contact: can it be judged (its customer is known and its N days
    end within the log: judging only the repeated ones near the end would bias the
    ratio down), and did the customer stay away for N days. A repeat is any later
    contact of the same customer, on any channel, within N days of the arrival."""
    window = float(repeat_days) * DAY_S
    n = len(contacts)
    arrival = contacts["arrival_s"].to_numpy(dtype=float)
    customer = pd.to_numeric(contacts["customer_id"], errors="coerce").to_numpy(dtype=float) \
        if "customer_id" in contacts else np.full(n, np.nan)
    known = ~np.isnan(customer) & (customer >= 0)
    order = np.lexsort((np.arange(n), arrival, customer))  # customer, then arrival
    cust_sorted = customer[order]
    arr_sorted = arrival[order]
    next_gap = np.full(n, np.inf)
    same = cust_sorted[1:] == cust_sorted[:-1]
    next_gap[:-1] = np.where(same, arr_sorted[1:] - arr_sorted[:-1], np.inf)
    gap = np.empty(n)
    gap[order] = next_gap
    repeated = gap <= window
    handled = (contacts["outcome"].to_numpy() == "answered") & known
    judged = handled & (arrival + window <= horizon_s)
    return judged, judged & ~repeated


def ratios(sums: pd.DataFrame, formulas: dict[str, str]) -> pd.DataFrame:
    """The contact KPIs of summed indicators (rows: groups), each by its chosen variant;
    `kpi.ratios` gives the defaults."""
    base = kpi.ratios(sums)
    out = pd.DataFrame(index=sums.index)
    for col in ("offered", "answered", "abandoned", "in_queue_end"):
        out[col] = base[col]
    within = sums["answered_within"]
    answered_rt = sums["answered_realtime"]
    sl = {
        "default": base["service_level"],
        "offered": _div(within, answered_rt + sums["abandoned_all"]),
        "answered": _div(within, answered_rt),
        "no_short_abandons": _div(within, answered_rt + sums["abandoned_all"]
                                  - sums["abandoned_short"]),
    }[formulas["service_level"]]
    mixed = sums["sl_t_min"] < sums["sl_t_max"]  # SLs at different T do not add up
    out["service_level"] = np.where(mixed, np.nan, sl)
    t = sums["sl_t_min"].where(np.isfinite(sums["sl_t_min"]) & ~mixed)
    out["sl_threshold_s"] = t.where(out["service_level"].notna())
    out["asa_s"] = {"default": base["asa_s"],
                    "tma": _div(sums["wait_answered_abandoned"], sums["answered_abandoned"]),
                    }[formulas["asa_s"]]
    out["aht_s"] = base["aht_s"]
    offered = sums["arrivals"] - sums["out_of_hours"]
    out["abandon_rate"] = {
        "default": base["abandon_rate"],
        "no_short_abandons": _div(sums["abandoned_all"] - sums["abandoned_short"],
                                  offered - sums["abandoned_short"]),
    }[formulas["abandon_rate"]]
    out["fcr"] = {"default": base["fcr"],
                  "no_repeat": _div(sums["fcr_no_repeat"], sums["fcr_judged"]),
                  }[formulas["fcr"]]
    out["backlog"] = {"default": base["backlog"],
                      "over_target": sums["backlog_over_target"].astype(int),
                      }[formulas["backlog"]]
    max_age = sums["backlog_age_max"].where(np.isfinite(sums["backlog_age_max"]))
    out["backlog_age_h"] = {"default": _div(sums["backlog_age"], sums["backlog"]),
                            "max": max_age.to_numpy(dtype=float),
                            }[formulas["backlog_age_h"]] / 3600
    out["frt_h"] = base["frt_h"]
    out["resolution_h"] = {"default": _div(sums["resolution_sum"], sums["resolution_n"]),
                           "median": sums["resolution_median"].to_numpy(dtype=float),
                           "calendar": _div(sums["resolution_calendar_sum"],
                                            sums["resolution_n"]),
                           }[formulas["resolution_h"]] / 3600
    out["ticket_sla"] = {"default": base["ticket_sla"],
                         "calendar": _div(sums["ticket_met_calendar"],
                                          sums["ticket_due_calendar"]),
                         }[formulas["ticket_sla"]]
    return out


def agent_ratios(sums: pd.DataFrame, formulas: dict[str, str]) -> pd.DataFrame:
    """Agent-time KPIs of summed seconds: `staffed_s`, `busy_s`, `break_s`,
    `available_s` and, where the plan is known, `scheduled_s` and `on_duty_scheduled_s`
    (scheduled seconds the agent was on duty). Paid time is staffed time, as the costs
    count it; without a schedule, shrinkage is planned only (breaks ÷ staffed time)."""
    out = pd.DataFrame(index=sums.index)
    out["occupancy"] = _div(sums["busy_s"], sums["busy_s"] + sums["available_s"])
    out["utilisation"] = _div(sums["busy_s"] + sums["available_s"], sums["staffed_s"])
    if "scheduled_s" in sums:
        scheduled = sums["scheduled_s"]
        absent = scheduled - sums["on_duty_scheduled_s"]
        planned = _div(sums["break_s"], scheduled)
        unplanned = _div(absent, scheduled)
        out["adherence"] = _div(sums["on_duty_scheduled_s"], scheduled)
    else:
        planned = _div(sums["break_s"], sums["staffed_s"])
        unplanned = np.full(len(sums), np.nan)
        out["adherence"] = np.nan
    out["shrinkage"] = {"total": planned + unplanned, "planned": planned,
                        "unplanned": unplanned}[formulas["shrinkage"]]
    return out


def aggregate(ind: pd.DataFrame, keys) -> pd.DataFrame:
    """Group sums of the indicators; the threshold bounds, the oldest age and the median
    resolution time are a minimum, maximums and a median, not sums."""
    grouped = ind.groupby(keys, observed=True, sort=True)
    out = grouped.sum()
    for col, how in EXTREMES.items():
        out[col] = getattr(grouped[col], how)()
    return out


def total(ind: pd.DataFrame) -> pd.DataFrame:
    row = ind.sum().to_frame().T
    for col, how in EXTREMES.items():
        row[col] = getattr(ind[col], how)() if len(ind) else np.nan
    row.index = ["total"]
    return row


EXTREMES = {"sl_t_min": "min", "sl_t_max": "max", "backlog_age_max": "max",
            "resolution_median": "median"}


def cost_per_contact(costs: pd.DataFrame, contacts: pd.DataFrame, variant: str) -> float:
    """Fully loaded: every cost item (`kpi.cost_summary`); direct: without overhead."""
    if costs.empty:  # a log without costs (an import): not 0 € per contact
        return float("nan")
    if variant == "fully_loaded":
        return kpi.cost_summary(costs, contacts)["cost_per_contact"]
    handled = int((contacts["outcome"] == "answered").sum())
    direct = float(costs.loc[costs["item"].isin(DIRECT_COST_ITEMS), "amount"].sum())
    return direct / handled if handled else float("nan")


def _div(a, b) -> np.ndarray:
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return np.where(b > 0, a / np.where(b > 0, b, 1), np.nan)
