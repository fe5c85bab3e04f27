"""The causes behind a run's gaps, found in its data (UF3.A5; docs/variance.md).

Each finder compares what happened with what the plan assumed and returns the cases that
stand out, each with the numbers that show it:

- **volume**: days and intervals whose arrivals exceed the scenario's forecast by more
  than 3 standard deviations of a Poisson count (√forecast) and by at least 15%, with the
  demand event of that day when the scenario has one;
- **aht**: (channel, reason) pairs whose mean handling time exceeds the reason's planned
  mean by more than 10% and 3 standard errors, with the team that added most hours;
- **absence**: (day, team) pairs where the staffed hours fall short of the scheduled ones
  by more than the plan's absence rate plus 5 points;
- **understaffed**: weekday × half-hour bands of a real-time channel whose operators on
  duty (the teams that mainly serve it, less breaks) are fewer than Erlang C needs for
  the band's actual arrivals and AHT at the care model's target;
- **starved**: real-time queues whose service level is 10 points or more below their
  channel's while a team serving them also serves a queue of higher priority;
- **deferred**: a channel whose tickets miss their first-response target while the care
  model lets deferred work wait behind real-time contacts (`after_realtime`).

A cause's `severity` orders them within a finder (excess contacts, extra hours, absent
hours, missing operators); the finders are not on one scale, so reports list them by kind.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from simlab.model.common import DAY_LABELS_IT
from simlab.model.plan import skills_of
from simlab.queueing import agents_for_service_level

INTERVAL_S = 1800
Z = 3.0
TOP = 3
KINDS = ("volume", "aht", "absence", "understaffed", "starved", "deferred")


@dataclass
class Cause:
    kind: str
    severity: float
    numbers: dict = field(default_factory=dict)


def _clock(second: float) -> str:
    s = int(second) % 86400
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}"


def forecast_by_day(scenario, sizing, days: int) -> pd.DataFrame:
    """The sizing's forecast of each (day, interval, channel) of the run: the standard
    week laid on the calendar by weekday (holidays and events are not in a forecast)."""
    iv = sizing.intervals
    rows = []
    for d in range(days):
        label = DAY_LABELS_IT[scenario.calendar.date_of(d).weekday()]
        part = iv[iv["day"] == label]
        start = part["interval_start"].map(lambda t: int(t[:2]) * 3600 + int(t[3:]) * 60)
        rows.append(pd.DataFrame({"day": d, "second": start.to_numpy(),
                                  "channel": part["channel"].to_numpy(),
                                  "forecast": part["forecast_contacts"].to_numpy(dtype=float)}))
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(
        columns=["day", "second", "channel", "forecast"])


def deferred_forecast_by_day(scenario, sizing, days: int) -> pd.DataFrame:
    """The forecast of each (day, deferred channel): tickets are sized by the day."""
    dv = sizing.deferred
    rows = []
    for d in range(days):
        label = DAY_LABELS_IT[scenario.calendar.date_of(d).weekday()]
        part = dv[dv["day"] == label]
        rows += [(d, str(ch), float(f)) for ch, f in zip(part["channel"],
                                                          part["forecast_contacts"], strict=True)]
    return pd.DataFrame(rows, columns=["day", "channel", "forecast"])


def volume(contacts: pd.DataFrame, scenario, sizing, days: int) -> list[Cause]:
    fc = forecast_by_day(scenario, sizing, days)
    arrival = contacts["arrival_s"].to_numpy(dtype=float)
    actual = pd.DataFrame({"day": (arrival // 86400).astype(int),
                           "second": (arrival % 86400 // INTERVAL_S * INTERVAL_S).astype(int),
                           "channel": contacts["channel"].astype(str).to_numpy()})
    counts = actual.groupby(["day", "second", "channel"]).size().rename("actual")
    both = fc.set_index(["day", "second", "channel"]).join(counts, how="outer").fillna(0.0)
    out = []
    events = {e.date: e for e in scenario.demand.events}
    realtime = set(fc["channel"])
    per_day = both.groupby(level=["day", "channel"])[["forecast", "actual"]].sum()
    per_day = per_day[[ch in realtime for ch in per_day.index.get_level_values("channel")]]
    deferred_fc = deferred_forecast_by_day(scenario, sizing, days).set_index(["day", "channel"])
    deferred_actual = actual[~actual["channel"].isin(realtime)].groupby(
        ["day", "channel"]).size().rename("actual")
    per_day = pd.concat([per_day, deferred_fc.join(deferred_actual, how="outer").fillna(0.0)])
    for (day, channel), row in per_day.iterrows():
        if _exceeds(row["actual"], row["forecast"]):
            date = scenario.calendar.date_of(int(day))
            event = events.get(date)
            out.append(Cause("volume", row["actual"] - row["forecast"], {
                "scope": "day", "day": int(day) + 1, "date": date.isoformat(),
                "channel": channel, "actual": int(row["actual"]),
                "forecast": round(float(row["forecast"]), 1),
                "ratio": row["actual"] / row["forecast"] if row["forecast"] else math.inf,
                "event": str(event.label) if event is not None else "",
                "event_reason": (event.reason or "") if event is not None else ""}))
    top_days = sorted(out, key=lambda c: -c.severity)[:TOP]
    intervals = []
    for (day, second, channel), row in both.iterrows():
        if channel in realtime and _exceeds(row["actual"], row["forecast"]):
            intervals.append(Cause("volume", row["actual"] - row["forecast"], {
                "scope": "interval", "day": int(day) + 1, "time": _clock(second),
                "channel": channel, "actual": int(row["actual"]),
                "forecast": round(float(row["forecast"]), 1),
                "ratio": row["actual"] / row["forecast"] if row["forecast"] else math.inf}))
    intervals.sort(key=lambda c: (-c.severity, c.numbers["day"], c.numbers["time"]))
    return top_days + intervals[:TOP]


def _exceeds(actual: float, forecast: float) -> bool:
    return actual - forecast > Z * math.sqrt(max(forecast, 1.0)) and actual > 1.15 * forecast


def aht(contacts: pd.DataFrame, scenario) -> list[Cause]:
    answered = contacts[(contacts["outcome"].astype(str) == "answered").to_numpy()]
    frame = pd.DataFrame({"channel": answered["channel"].astype(str).to_numpy(),
                          "reason": answered["reason"].astype(str).to_numpy(),
                          "team": answered["team"].astype(str).to_numpy(),
                          "queue": answered["queue"].astype(str).to_numpy(),
                          "handle": answered["handle_s"].to_numpy(dtype=float)})
    out = []
    for reason in scenario.reasons:
        for channel, dist in reason.handle.items():
            part = frame[(frame["reason"] == reason.id) & (frame["channel"] == channel)]
            n = len(part)
            if n < 10:
                continue
            planned = float(dist.mean)
            mean = float(part["handle"].mean())
            se = float(part["handle"].std(ddof=1)) / math.sqrt(n)
            if mean > 1.10 * planned and (se == 0 or (mean - planned) / se > Z):
                extra = (part["handle"] - planned).groupby(part["team"]).sum()
                team = str(extra.sort_values(ascending=False, kind="stable").index[0])
                queues = part.loc[part["team"] == team, "queue"].value_counts()
                queue = str(queues.sort_index().sort_values(ascending=False,
                                                            kind="stable").index[0])
                out.append(Cause("aht", (mean - planned) * n / 3600, {
                    "channel": channel, "reason": reason.id, "handled": n,
                    "actual_s": mean, "planned_s": planned, "excess": mean / planned - 1,
                    "extra_h": (mean - planned) * n / 3600, "team": team,
                    "queue": queue, "team_extra_h": float(extra[team]) / 3600}))
    return sorted(out, key=lambda c: -c.severity)[:TOP]


def absence(agents: pd.DataFrame, schedule: pd.DataFrame | None, plan) -> list[Cause]:
    if schedule is None or schedule.empty:
        return []
    planned_rate = {t.id: t.absence_rate for t in plan.teams}
    sch = schedule.assign(day=(schedule["interval_start_s"] // 86400).astype(int))
    sch = sch.groupby(["day", "team"])["scheduled_s"].sum()
    staffed = agents.assign(day=(agents["interval_start_s"].to_numpy() // 86400).astype(int),
                            team=agents["team"].astype(str))
    staffed = staffed.groupby(["day", "team"])["staffed_s"].sum()
    out = []
    for (day, team), scheduled in sch.items():
        if scheduled <= 0:
            continue
        on = float(staffed.get((day, team), 0.0))
        rate = max(0.0, 1 - on / scheduled)
        if rate > planned_rate.get(team, 0.0) + 0.05:
            out.append(Cause("absence", (scheduled - on) / 3600, {
                "day": int(day) + 1, "team": team, "scheduled_h": scheduled / 3600,
                "staffed_h": on / 3600, "absence": rate,
                "planned_absence": planned_rate.get(team, 0.0)}))
    return sorted(out, key=lambda c: (-c.severity, c.numbers["day"]))[:TOP]


def main_channel(contacts: pd.DataFrame) -> dict[str, str]:
    """Each team's channel: the one of most of the contacts it handled."""
    answered = contacts[(contacts["outcome"].astype(str) == "answered").to_numpy()]
    frame = pd.DataFrame({"team": answered["team"].astype(str).to_numpy(),
                          "channel": answered["channel"].astype(str).to_numpy()})
    counts = frame.groupby(["team", "channel"]).size().reset_index(name="n")
    counts = counts.sort_values(["team", "n", "channel"], ascending=[True, False, True])
    return dict(counts.drop_duplicates("team")[["team", "channel"]].itertuples(index=False))


def understaffed(contacts: pd.DataFrame, agents: pd.DataFrame, scenario, care,
                 days: int) -> list[Cause]:
    teams_of = main_channel(contacts)
    arrival = contacts["arrival_s"].to_numpy(dtype=float)
    weekday = np.array([scenario.calendar.date_of(int(d)).weekday()
                        for d in range(days)])[(arrival // 86400).astype(int).clip(0, days - 1)]
    frame = pd.DataFrame({"channel": contacts["channel"].astype(str).to_numpy(),
                          "weekday": weekday,
                          "band": (arrival % 86400 // INTERVAL_S * INTERVAL_S).astype(int),
                          "outcome": contacts["outcome"].astype(str).to_numpy(),
                          "handle": contacts["handle_s"].to_numpy(dtype=float),
                          "wait": contacts["wait_s"].to_numpy(dtype=float)})
    start = agents["interval_start_s"].to_numpy(dtype=float)
    a_day = (start // 86400).astype(int).clip(0, max(days - 1, 0))
    on = pd.DataFrame({"team": agents["team"].astype(str).to_numpy(),
                       "day": a_day,
                       "band": (start % 86400 // INTERVAL_S * INTERVAL_S).astype(int),
                       "on_s": (agents["staffed_s"] - agents["break_s"]).to_numpy(dtype=float)})
    kinds = {c.id: c.kind for c in scenario.channels}
    concurrency = {c.id: c.concurrency for c in scenario.channels}
    day_weekday = {d: scenario.calendar.date_of(d).weekday() for d in range(days)}
    count_days = pd.Series(list(day_weekday.values())).value_counts()
    out = []
    for channel, target in care.service_level.items():
        if kinds.get(channel) != "realtime":
            continue
        mine = on[on["team"].map(teams_of).eq(channel)]
        duty = mine.groupby(["day", "band"])["on_s"].sum().reset_index()
        duty["weekday"] = duty["day"].map(day_weekday)
        duty = duty.groupby(["weekday", "band"])["on_s"].sum()
        ch = frame[frame["channel"] == channel]
        for (wd, band), part in ch.groupby(["weekday", "band"]):
            offered = part[part["outcome"] != "out_of_hours"]
            answered = offered[offered["outcome"] == "answered"]
            if len(offered) == 0 or len(answered) == 0:
                continue
            n_days = int(count_days.get(wd, 1))
            per_day = len(offered) / n_days
            aht_s = float(answered["handle"].mean())
            needed = agents_for_service_level(per_day / INTERVAL_S, aht_s, target.threshold_s,
                                              target.target) / concurrency.get(channel, 1)
            on_duty = float(duty.get((wd, band), 0.0)) / INTERVAL_S / n_days
            within = ((answered["wait"] <= target.threshold_s).sum())
            denom = len(answered) + int(((offered["outcome"] == "abandoned")
                                         & (offered["wait"] > target.threshold_s)).sum())
            sl = within / denom if denom else math.nan
            if needed - on_duty >= 1 and sl < target.target:
                out.append(Cause("understaffed", needed - on_duty, {
                    "channel": channel, "weekday": int(wd),
                    "weekday_name": DAY_LABELS_IT[int(wd)], "time": _clock(band),
                    "band_s": int(band), "offered_per_day": per_day, "aht_s": aht_s,
                    "needed": math.ceil(needed), "on_duty": on_duty,
                    "missing": math.ceil(needed - on_duty), "service_level": sl,
                    "target": target.target, "team": _team_for(teams_of, channel)}))
    return sorted(out, key=lambda c: (-c.severity, c.numbers["weekday"],
                                      c.numbers["band_s"]))[:TOP]


def _team_for(teams_of: dict[str, str], channel: str) -> str:
    teams = sorted(t for t, c in teams_of.items() if c == channel)
    return teams[0] if teams else ""


def starved(contacts: pd.DataFrame, care, plan) -> list[Cause]:
    out = []
    priority = {q.id: q.priority for q in care.queues}
    channel_of = {q.id: q.channel for q in care.queues}
    c = contacts[(contacts["outcome"].astype(str) != "out_of_hours").to_numpy()]
    frame = pd.DataFrame({"queue": c["queue"].astype(str).to_numpy(),
                          "channel": c["channel"].astype(str).to_numpy(),
                          "outcome": c["outcome"].astype(str).to_numpy(),
                          "wait": c["wait_s"].to_numpy(dtype=float)})
    for channel, target in care.service_level.items():
        ch = frame[frame["channel"] == channel]
        channel_sl = _sl(ch, target.threshold_s)
        for queue, part in ch.groupby("queue"):
            sl = _sl(part, target.threshold_s)
            if math.isnan(sl) or sl > channel_sl - 0.10:
                continue
            rivals = sorted({other for t in plan.teams if queue in skills_of(t, care)
                             for other in skills_of(t, care)
                             if other != queue and priority.get(other, 0) > priority[queue]})
            if rivals:
                out.append(Cause("starved", channel_sl - sl, {
                    "channel": channel, "queue": queue, "service_level": sl,
                    "channel_sl": channel_sl, "priority": priority[queue],
                    "rival": rivals[0], "rival_priority": priority[rivals[0]],
                    "rival_channel": channel_of.get(rivals[0], ""),
                    "abandon_rate": float((part["outcome"] == "abandoned").mean())}))
    return sorted(out, key=lambda c: -c.severity)[:TOP]


def _sl(frame: pd.DataFrame, threshold: float) -> float:
    answered = frame["outcome"] == "answered"
    late = (frame["outcome"] == "abandoned") & (frame["wait"] > threshold)
    denom = int(answered.sum() + late.sum())
    return float((answered & (frame["wait"] <= threshold)).sum()) / denom if denom else math.nan


def deferred(evaluation: pd.DataFrame, care, backlog: dict[str, int]) -> list[Cause]:
    if care.deferred_work != "after_realtime":
        return []
    rows = evaluation[(evaluation["kpi"] == "frt_h") & (evaluation["verdict"] == "missed")]
    return [Cause("deferred", float(r.gap), {"channel": r.channel, "frt_h": float(r.actual),
                                             "target_h": float(r.target),
                                             "backlog": int(backlog.get(r.channel, 0))})
            for r in rows.itertuples()]
