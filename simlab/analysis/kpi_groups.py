"""Every KPI by one dimension (channel, queue, team, agent, interval, day, week, month),
each by the variant asked for (`kpi_variants`), with a last row "total".

A contact belongs to the group of its own column (its channel, its queue, the team and
agent who handled it: a contact nobody handled is in the group «—»), or of its arrival
(interval of the day, day, ISO week, month). Agent-time KPIs group the `agents` rows by
team, agent or the start of their interval; by channel or queue they do not exist (an
agent's time is not split by channel) and are «—». Cost per contact exists for the
whole log only: costs are not recorded by group.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from simlab.analysis import kpi_variants as kv
from simlab.errors import SimlabError
from simlab.i18n import _

DIMENSIONS = ("channel", "queue", "team", "agent", "interval", "day", "week", "month")
NONE = "—"
DEFAULT_INTERVAL_S = 1800
CONTACT_COLUMNS = ("offered", "answered", "abandoned", "in_queue_end", "abandon_rate",
                   "service_level", "sl_threshold_s", "asa_s", "aht_s", "fcr", "backlog",
                   "backlog_age_h", "ticket_sla", "frt_h", "resolution_h")
AGENT_COLUMNS = ("occupancy", "utilisation", "shrinkage", "adherence")
COLUMNS = (*CONTACT_COLUMNS, *AGENT_COLUMNS, "cost_per_contact")


@dataclass
class KpiData:
    """What the KPIs of one log need: its tables, the targets (a care model, or anything
    with its `service_level` and `tickets`), the first day, the end of the log and, if
    the plan is known, each agent's scheduled seconds per interval (`schedule`: columns
    `agent_id`, `interval_start_s`, `scheduled_s`). `unknown` names the contact columns
    the source did not record (an imported log may lack `resolved`): the KPIs built on
    them are «—», not 0."""

    contacts: pd.DataFrame
    agents: pd.DataFrame
    costs: pd.DataFrame
    targets: object
    start: dt.date
    horizon_s: float
    schedule: pd.DataFrame | None = None
    unknown: tuple[str, ...] = ()
    short_abandon_s: float = kv.DEFAULT_SHORT_ABANDON_S
    repeat_days: float = kv.DEFAULT_REPEAT_DAYS
    interval_s: int = DEFAULT_INTERVAL_S
    _ind: pd.DataFrame | None = field(default=None, repr=False)

    def indicators(self) -> pd.DataFrame:
        if self._ind is None:
            self._ind = kv.contact_indicators(
                self.contacts, self.targets, horizon_s=self.horizon_s,
                short_abandon_s=self.short_abandon_s, repeat_days=self.repeat_days)
        return self._ind


def parse_formulas(choices: list[str] | None) -> dict[str, str]:
    """`KPI=VARIANT` texts (`--formula`) over the defaults; an unknown KPI or variant is
    a user mistake that lists the allowed values."""
    formulas = dict(kv.DEFAULTS)
    for text in choices or []:
        name, sep, variant = text.partition("=")
        name, variant = name.strip(), variant.strip()
        if not sep or name not in kv.KPI_KEYS:
            raise SimlabError(_("«{text}» is not KPI=VARIANT with a known KPI; allowed KPIs: "
                                "{allowed}").format(text=text, allowed=", ".join(kv.KPI_KEYS)),
                              key="--formula")
        if variant not in kv.variants_of(name):
            raise SimlabError(_("unknown variant «{variant}» of {kpi}; allowed: {allowed}").format(
                variant=variant, kpi=name, allowed=", ".join(kv.variants_of(name))),
                key="--formula")
        formulas[name] = variant
    return formulas


def check_dimension(by: str) -> str:
    if by not in DIMENSIONS:
        raise SimlabError(_("unknown grouping «{by}»; allowed: {allowed}").format(
            by=by, allowed=", ".join(DIMENSIONS)), key="--by")
    return by


def table(data: KpiData, by: str, formulas: dict[str, str]) -> pd.DataFrame:
    """One row per group (sorted) and a last row "total"; the columns of `COLUMNS`."""
    check_dimension(by)
    ind = data.indicators()
    keys = contact_keys(data, by)
    contact_rows = kv.ratios(pd.concat([kv.aggregate(ind, keys), kv.total(ind)]), formulas)
    agent_rows = _agent_rows(data, by, formulas)
    out = contact_rows.join(agent_rows, how="outer") if agent_rows is not None else contact_rows
    out = out.reindex([i for i in out.index if i != "total"] + ["total"])
    out["cost_per_contact"] = np.nan
    out.loc["total", "cost_per_contact"] = kv.cost_per_contact(
        data.costs, data.contacts, formulas["cost_per_contact"])
    for name in AGENT_COLUMNS:
        if name not in out:
            out[name] = np.nan
    counts = [c for c in ("offered", "answered", "abandoned", "in_queue_end")]
    out[counts] = out[counts].fillna(0).astype(int)
    if formulas["backlog"] in ("default", "over_target"):
        out["backlog"] = out["backlog"].fillna(0).astype(int)
    _mask_unknown(out, data, formulas)
    return out[list(COLUMNS)]


def contact_keys(data: KpiData, by: str) -> np.ndarray:
    c = data.contacts
    if by in ("channel", "queue", "team"):
        return _labels(c[by])
    if by == "agent":
        return _labels(c["agent_id"])
    return time_keys(c["arrival_s"].to_numpy(dtype=float), data, by)


def time_keys(seconds: np.ndarray, data: KpiData, by: str) -> np.ndarray:
    """Labels that sort in time order: «HH:MM» of the interval, ISO date, ISO week
    (2026-W05), month (2026-02)."""
    # a label per distinct slot or day, then spread: a million contacts, a few labels
    if by == "interval":
        slot = (seconds % 86400 // data.interval_s * data.interval_s).astype(int)
        values, inverse = np.unique(slot, return_inverse=True)
        labels = [f"{s // 3600:02d}:{s % 3600 // 60:02d}" for s in values]
        return np.array(labels, dtype=object)[inverse]
    values, inverse = np.unique((seconds // 86400).astype(int), return_inverse=True)
    dates = [data.start + dt.timedelta(days=int(d)) for d in values]
    if by == "day":
        labels = [v.isoformat() for v in dates]
    elif by == "week":
        labels = [f"{v.isocalendar()[0]}-W{v.isocalendar()[1]:02d}" for v in dates]
    else:
        labels = [f"{v.year}-{v.month:02d}" for v in dates]
    return np.array(labels, dtype=object)[inverse]


def _labels(values: pd.Series) -> np.ndarray:
    return values.astype(object).where(values.notna(), NONE).astype(str).to_numpy()


def _agent_rows(data: KpiData, by: str, formulas: dict[str, str]) -> pd.DataFrame | None:
    if by in ("channel", "queue"):
        return None
    seconds = agent_seconds(data)
    if by == "team":
        keys = _labels(seconds["team"])
    elif by == "agent":
        keys = _labels(seconds["agent_id"])
    else:
        keys = time_keys(seconds["interval_start_s"].to_numpy(dtype=float), data, by)
    values = seconds.drop(columns=["agent_id", "team", "interval_start_s"])
    sums = values.groupby(keys).sum()
    total = values.sum().to_frame().T
    total.index = ["total"]
    return kv.agent_ratios(pd.concat([sums, total]), formulas)


def agent_seconds(data: KpiData) -> pd.DataFrame:
    """The `agents` rows with, if the plan is known, the scheduled seconds of each agent
    and interval and how many of them the agent was on duty. A scheduled interval in
    which the agent never came (absent) has a row with nothing staffed."""
    cols = ["agent_id", "team", "interval_start_s", "staffed_s", "busy_s", "break_s",
            "available_s"]
    agents = data.agents[cols].copy()
    agents["agent_id"] = agents["agent_id"].astype(str)
    agents["team"] = agents["team"].astype(str)
    if data.schedule is None:
        return agents
    schedule = data.schedule[["agent_id", "team", "interval_start_s", "scheduled_s"]].copy()
    schedule["agent_id"] = schedule["agent_id"].astype(str)
    schedule["team"] = schedule["team"].astype(str)
    both = agents.merge(schedule, on=["agent_id", "team", "interval_start_s"], how="outer")
    both = both.fillna({c: 0.0 for c in cols[3:] + ["scheduled_s"]})
    both["on_duty_scheduled_s"] = np.minimum(both["staffed_s"], both["scheduled_s"])
    return both.sort_values(["agent_id", "interval_start_s"], kind="stable").reset_index(drop=True)


def _mask_unknown(out: pd.DataFrame, data: KpiData, formulas: dict[str, str]) -> None:
    """A KPI built on a column the source did not record is not a number."""
    if "resolved" in data.unknown and formulas["fcr"] == "default":
        out["fcr"] = np.nan
    if "customer_id" in data.unknown and formulas["fcr"] == "no_repeat":
        out["fcr"] = np.nan


def formulas_used(formulas: dict[str, str]) -> dict[str, dict[str, str]]:
    """For every result: the KPI, the variant's key, its name and formula (translated)."""
    out = {}
    for name, variant in formulas.items():
        v = kv.VARIANT_BY_KEY[(name, variant)]
        out[name] = {"variant": variant, "name": _(v.name), "formula": _(v.formula)}
    return out
