"""Sizing a care model (UF1.A3, UF1.A5): the operators a scenario's demand needs to meet
the care model's targets, interval by interval, and what they cost (docs/sizing.md).

For a standard week (Monday to Sunday; holidays and one-off events left out, they are
not the norm a budget is built on): the forecast of each 30-minute interval is
volume × channel mix × weekday factor × intraday share, the scenario's expected demand;
the AHT is the mean of the handle-time distributions weighted by the reasons' shares.
Real-time channels get the agents of Erlang C (and of Erlang A where every segment's
patience is known), deferred channels the hours of work a day. Staff = agents ÷
(1 − shrinkage).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.model.care import CareModel
from simlab.model.common import DAY_LABELS_IT
from simlab.model.plan import OperationsPlan, skills_of
from simlab.model.scenario import Scenario
from simlab.queueing import agents_for_service_level, erlang_c_metrics

INTERVAL_S = 1800
INTERVALS = 86400 // INTERVAL_S
# Stated defaults, used (and reported) only where the files say nothing.
DEFAULT_SHRINKAGE = 0.30
DEFAULT_HOURLY_COST = 20.0
DEFAULT_TARGET = (20.0, 0.80)  # SL 80/20
DAYS_PER_MONTH = 365.0 / 12.0
MAX_AGENTS = 10_000  # the staffing search's bound (queueing.agents_for_service_level)

INTERVAL_COLUMNS = (
    "day", "interval_start", "channel", "open", "forecast_contacts", "aht_s", "target_sl",
    "target_s", "required_agents", "required_agents_erlang_a", "required_staff",
    "expected_sl", "expected_asa_s", "occupancy", "staff_cost_eur",
)
DEFERRED_COLUMNS = (
    "day", "channel", "forecast_contacts", "aht_s", "work_hours", "staff_hours",
    "business_hours", "staff_in_business_hours", "staff_cost_eur",
)


@dataclass(frozen=True)
class ChannelBasis:
    """What the sizing of one channel rests on, and where each number came from."""

    channel: str
    kind: str
    aht_s: float
    concurrency: int
    patience_s: float | None
    target_s: float
    target_sl: float
    target_given: bool
    shrinkage: float
    shrinkage_given: bool
    hourly_cost: float
    cost_given: bool


@dataclass
class Sizing:
    intervals: pd.DataFrame
    deferred: pd.DataFrame
    days: pd.DataFrame  # cost per day: staff, connection, per contact, overhead, total
    basis: list[ChannelBasis] = field(default_factory=list)

    @property
    def cost_per_week(self) -> float:
        return float(self.days["total_eur"].sum())

    @property
    def cost_per_day(self) -> float:
        return self.cost_per_week / 7.0

    @property
    def cost_per_month(self) -> float:
        return self.cost_per_day * DAYS_PER_MONTH


def channel_aht(scenario: Scenario, channel: str) -> float:
    """Mean handle time: the reasons' means weighted by their shares."""
    total = sum(r.share for r in scenario.reasons)
    return math.fsum(r.share * r.handle[channel].mean for r in scenario.reasons) / total


def channel_patience(scenario: Scenario, channel: str) -> float | None:
    """Mean patience of the callers of a channel (segments weighted by share × preference),
    or None when any segment that uses it has no patience given (infinite: Erlang C)."""
    weights = [(s.share * s.channel_preference.get(channel, 0.0), s) for s in scenario.segments]
    used = [(w, s) for w, s in weights if w > 0]
    if not used or any(s.patience.get(channel) is None for _w, s in used):
        return None
    total = math.fsum(w for w, _s in used)
    return math.fsum(w * s.patience[channel].mean for w, s in used) / total


def half_hour_shares(profile: list[float]) -> list[float]:
    """An intraday profile (24 hourly or 96 quarter-hourly shares) as 48 half-hour shares."""
    total = math.fsum(profile)
    if len(profile) == 24:
        halves = [p / 2 for p in profile for _ in range(2)]
    else:
        halves = [profile[i] + profile[i + 1] for i in range(0, 96, 2)]
    return [h / total for h in halves] if total > 0 else halves


def open_seconds(care: CareModel, channel: str, weekday: int, start: int, end: int) -> int:
    """Seconds of [start, end) of a weekday within the channel's opening hours."""
    return sum(max(0, min(end, w.end) - max(start, w.start))
               for w in care.opening_hours.get(channel, []) if weekday in w.days)


def staffing_terms(plan: OperationsPlan | None, care: CareModel,
                   channel: str) -> tuple[float | None, float | None]:
    """Shrinkage and hourly cost of the teams that work a channel's queues, weighted by
    headcount: shrinkage = 1 − (1 − absence) × (1 − share of shift time on breaks)."""
    if plan is None:
        return None, None
    queues = {q.id for q in care.queues if q.channel == channel}
    teams = [t for t in plan.teams if queues & set(skills_of(t, care)) and t.headcount > 0]
    if not teams:
        return None, None
    heads = sum(t.headcount for t in teams)
    shrink = cost = 0.0
    for t in teams:
        paid = math.fsum(s.agents * (s.end - s.start) / 60 for s in t.shifts)
        breaks = math.fsum(s.agents * b.minutes for s in t.shifts for b in s.breaks)
        break_share = breaks / paid if paid > 0 else 0.0
        shrink += t.headcount * (1 - (1 - t.absence_rate) * (1 - break_share))
        cost += t.headcount * t.hourly_cost
    return shrink / heads, cost / heads


def basis(scenario: Scenario, care: CareModel, plan: OperationsPlan | None,
          shrinkage: float | None = None) -> list[ChannelBasis]:
    out = []
    for ch in scenario.channels:
        target = care.service_level.get(ch.id)
        plan_shrink, plan_cost = staffing_terms(plan, care, ch.id)
        shrink = shrinkage if shrinkage is not None else plan_shrink
        out.append(ChannelBasis(
            channel=ch.id, kind=ch.kind, aht_s=channel_aht(scenario, ch.id),
            concurrency=ch.concurrency, patience_s=channel_patience(scenario, ch.id),
            target_s=target.threshold_s if target else DEFAULT_TARGET[0],
            target_sl=target.target if target else DEFAULT_TARGET[1],
            target_given=target is not None,
            shrinkage=DEFAULT_SHRINKAGE if shrink is None else shrink,
            shrinkage_given=shrink is not None,
            hourly_cost=DEFAULT_HOURLY_COST if plan_cost is None else plan_cost,
            cost_given=plan_cost is not None,
        ))
    return out


def agents_needed(contacts: float, b: ChannelBasis, patience: float | None) -> int:
    """Agents for one interval: Erlang C (A) servers for the target, shared by an
    operator's `concurrency` sessions (a chat agent holds several at once)."""
    if contacts <= 0:
        return 0
    if b.target_sl >= 1.0:  # no finite staff answers every call within a threshold
        raise SimlabError(_("a target of 100% cannot be reached by any number of agents: "
                            "set a share below 1"), key=f"service_level.{b.channel}")
    try:
        servers = agents_for_service_level(contacts / INTERVAL_S, b.aht_s, b.target_s,
                                           b.target_sl, patience_mean_s=patience)
    except ValueError:
        raise SimlabError(_("the target of «{channel}» needs more than {max} agents in an "
                            "interval: check the demand and the target").format(
                                channel=b.channel, max=MAX_AGENTS),
                          key=f"service_level.{b.channel}") from None
    return math.ceil(servers / b.concurrency)


def size(scenario: Scenario, care: CareModel, plan: OperationsPlan | None = None,
         shrinkage: float | None = None, erlang_a: bool = True) -> Sizing:
    """The sizing of a standard week (module docstring). `shrinkage` overrides the plan's.
    `erlang_a=False` leaves out the Erlang A agents (the slow part), for the budget,
    which reads only the forecast and Erlang C's wait."""
    bases = basis(scenario, care, plan, shrinkage)
    demand = scenario.demand
    rows, deferred = [], []
    for b in bases:
        shares = half_hour_shares(demand.intraday[b.channel])
        factors = demand.weekday_factors_of(b.channel)
        # deferred work that arrives while closed waits for the next open day: what the
        # week's last closed days receive (a weekend) is worked on its first open day
        carried = _carried_into_week(care, b, factors, demand.volume_per_weekday
                                     * demand.channel_mix[b.channel])
        for weekday in range(7):
            volume = demand.volume_per_weekday * demand.channel_mix[b.channel] * factors[weekday]
            if b.kind == "deferred":
                carried = _deferred_day(deferred, care, b, weekday, volume, carried)
                continue
            for i, share in enumerate(shares):
                rows.append(_interval(care, b, weekday, i, volume * share, erlang_a))
    intervals = pd.DataFrame(rows, columns=list(INTERVAL_COLUMNS))
    deferred_frame = pd.DataFrame(deferred, columns=list(DEFERRED_COLUMNS))
    return Sizing(intervals, deferred_frame, _day_costs(scenario, intervals, deferred_frame),
                  bases)


def _interval(care: CareModel, b: ChannelBasis, weekday: int, i: int, contacts: float,
              erlang_a: bool = True) -> dict:
    start = i * INTERVAL_S
    is_open = open_seconds(care, b.channel, weekday, start, start + INTERVAL_S) > 0
    row = {"day": DAY_LABELS_IT[weekday], "interval_start": f"{start // 3600:02d}:"
           f"{start % 3600 // 60:02d}", "channel": b.channel, "open": int(is_open),
           "forecast_contacts": contacts, "aht_s": b.aht_s, "target_sl": b.target_sl,
           "target_s": b.target_s, "required_agents": 0, "required_agents_erlang_a": None,
           "required_staff": 0, "expected_sl": None, "expected_asa_s": None,
           "occupancy": None, "staff_cost_eur": 0.0}
    if not is_open or contacts <= 0:
        return row
    agents = agents_needed(contacts, b, None)
    servers = agents * b.concurrency
    metrics = erlang_c_metrics(contacts / INTERVAL_S, b.aht_s, servers, b.target_s)
    staff = math.ceil(agents / (1 - b.shrinkage) - 1e-9)
    row.update(required_agents=agents, required_staff=staff,
               expected_sl=metrics.service_level, expected_asa_s=metrics.asa_s,
               occupancy=metrics.occupancy,
               staff_cost_eur=staff * INTERVAL_S / 3600 * b.hourly_cost)
    if b.patience_s is not None and erlang_a:
        row["required_agents_erlang_a"] = agents_needed(contacts, b, b.patience_s)
    return row


def _carried_into_week(care: CareModel, b: ChannelBasis, factors: list[float],
                       volume: float) -> float:
    if b.kind != "deferred":
        return 0.0
    carried = 0.0
    for weekday in range(6, -1, -1):
        if open_seconds(care, b.channel, weekday, 0, 86400) > 0:
            return carried
        carried += volume * factors[weekday]
    return 0.0  # never open: nothing is worked (model check reports it)


def _deferred_day(rows: list[dict], care: CareModel, b: ChannelBasis, weekday: int,
                  contacts: float, carried: float) -> float:
    """One day of a deferred channel: the day's contacts plus those carried from closed
    days, worked in the channel's business hours. Returns what is carried on."""
    business_h = open_seconds(care, b.channel, weekday, 0, 86400) / 3600
    worked = contacts + carried if business_h > 0 else 0.0
    work_h = worked * b.aht_s / 3600
    staff_h = work_h / (1 - b.shrinkage)
    rows.append({"day": DAY_LABELS_IT[weekday], "channel": b.channel,
                 "forecast_contacts": contacts, "aht_s": b.aht_s, "work_hours": work_h,
                 "staff_hours": staff_h, "business_hours": business_h,
                 "staff_in_business_hours": staff_h / business_h if business_h else 0.0,
                 "staff_cost_eur": staff_h * b.hourly_cost})
    return 0.0 if business_h > 0 else contacts + carried


def _day_costs(scenario: Scenario, intervals: pd.DataFrame, deferred: pd.DataFrame
               ) -> pd.DataFrame:
    """Cost per weekday: staff, connection minutes (handle + expected wait, real-time
    contacts answered while open), fees per contact, and the fixed overhead."""
    costs = scenario.costs
    out = []
    for label in DAY_LABELS_IT:
        rt = intervals[intervals["day"] == label]
        dd = deferred[deferred["day"] == label]
        staff = float(rt["staff_cost_eur"].sum() + dd["staff_cost_eur"].sum())
        minutes = per_contact = 0.0
        for channel, part in rt.groupby("channel", sort=True):
            open_part = part[part["open"] == 1]
            wait = open_part["expected_asa_s"].fillna(0.0)
            minutes += costs.per_minute.get(channel, 0.0) * float(
                (open_part["forecast_contacts"] * (open_part["aht_s"] + wait)).sum()) / 60
            per_contact += costs.per_contact.get(channel, 0.0) * float(
                open_part["forecast_contacts"].sum())
        for channel, part in dd.groupby("channel", sort=True):
            per_contact += costs.per_contact.get(channel, 0.0) * float(
                part["forecast_contacts"].sum())
        total = staff + minutes + per_contact + costs.overhead_per_day
        out.append({"day": label, "staff_eur": staff, "connection_eur": minutes,
                    "per_contact_eur": per_contact, "overhead_eur": costs.overhead_per_day,
                    "total_eur": total})
    return pd.DataFrame(out)
