"""What each respondent lived through, read from a run's tables: the facts a survey
answer follows.

Customers (one row per contact): the wait they experienced (real time: the wait in
queue; a ticket: its first response in business time) against their own patience, the
outcome (answered, abandoned, out of hours), resolution at first contact, whether the
contact repeats one of the same customer within 7 days, the proficiency of the agent's
team on the queue (when the run has a plan) and the channel.

Staff (one row per agent): occupancy, overtime, evening and weekend work, days worked,
proficiency, all from the agents table of the run."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from simlab.survey import keyed

REPEAT_WINDOW_S = 7 * 86400.0
# Mean tolerance of a wait: a customer's own patience is this times a lognormal trait.
PATIENCE_REAL_TIME_S = 90.0
PATIENCE_DEFERRED_S = 4 * 3600.0  # business seconds to a first response
UNKNOWN_CUSTOMER_KEY = 1 << 40  # imported logs: a customer not known is keyed by contact


def customer_keys(contacts: pd.DataFrame) -> np.ndarray:
    customer = contacts["customer_id"].to_numpy(dtype=np.int64)
    contact = contacts["contact_id"].to_numpy(dtype=np.int64)
    return np.where(customer >= 0, customer, UNKNOWN_CUSTOMER_KEY + contact).astype(np.uint64)


def customers(contacts: pd.DataFrame, seed: int,
              proficiency: pd.Series | None = None) -> pd.DataFrame:
    """One row per finished contact (not `open`), with the experience columns."""
    c = contacts[contacts["outcome"].astype(str) != "open"]
    c = c.sort_values("contact_id", kind="stable").reset_index(drop=True)
    keys = customer_keys(c)
    deferred = c["frt_bh_s"].notna().to_numpy() if "frt_bh_s" in c else np.zeros(len(c), bool)
    wait = np.where(deferred, c.get("frt_bh_s", pd.Series(np.nan, index=c.index)).to_numpy(float),
                    c["wait_s"].to_numpy(float))
    wait = np.nan_to_num(np.maximum(wait, 0.0), nan=0.0)
    reference = np.where(deferred, PATIENCE_DEFERRED_S, PATIENCE_REAL_TIME_S)
    patience = reference * np.exp(0.5 * keyed.normal(seed, "patience", keys))
    outcome = c["outcome"].astype(str).to_numpy()
    out = pd.DataFrame({
        "contact_id": c["contact_id"].to_numpy(np.int64),
        "customer_id": c["customer_id"].to_numpy(np.int64),
        "key": keys,
        "day": (c["arrival_s"].to_numpy(float) // 86400).astype(np.int64) + 1,
        "arrival_s": c["arrival_s"].to_numpy(float),
        "channel": c["channel"].astype(str).to_numpy(),
        "segment": c["segment"].astype(str).to_numpy(),
        "reason": c["reason"].astype(str).to_numpy(),
        "team": c["team"].astype(object).where(c["team"].notna(), "").astype(str).to_numpy(),
        "agent_id": c["agent_id"].astype(object).where(c["agent_id"].notna(), "").astype(str)
        .to_numpy(),
        "outcome": outcome,
        "deferred": deferred,
        "wait_s": wait,
        "wait_ratio": wait / patience,
        "abandoned": outcome == "abandoned",
        "out_of_hours": outcome == "out_of_hours",
        "resolved": c["resolved"].fillna(False).to_numpy(bool) & (outcome == "answered"),
        "repeat": _repeats(c),
        "proficiency": (np.ones(len(c)) if proficiency is None
                        else proficiency.reindex(c["contact_id"].to_numpy()).fillna(1.0)
                        .to_numpy(float)),
    })
    return out


def _repeats(c: pd.DataFrame) -> np.ndarray:
    """True when the same (known) customer had a contact in the 7 days before."""
    frame = pd.DataFrame({"customer": c["customer_id"].to_numpy(np.int64),
                          "arrival": c["arrival_s"].to_numpy(float),
                          "row": np.arange(len(c))})
    frame = frame.sort_values(["customer", "arrival", "row"], kind="stable")
    same = frame["customer"].to_numpy()[1:] == frame["customer"].to_numpy()[:-1]
    gap = np.diff(frame["arrival"].to_numpy())
    repeat = np.zeros(len(frame), dtype=bool)
    repeat[1:] = same & (gap <= REPEAT_WINDOW_S) & (frame["customer"].to_numpy()[1:] >= 0)
    out = np.zeros(len(c), dtype=bool)
    out[frame["row"].to_numpy()] = repeat
    return out


def staff(agents: pd.DataFrame, start: dt.date, scheduled: pd.DataFrame | None = None,
          proficiency: dict[str, float] | None = None) -> pd.DataFrame:
    """One row per agent: the facts the staff survey follows."""
    a = agents.copy()
    a["agent_id"] = a["agent_id"].astype(str)
    a["team"] = a["team"].astype(str)
    t = a["interval_start_s"].to_numpy(float)
    hour = (t % 86400) / 3600
    weekday = (start.weekday() + (t // 86400).astype(np.int64)) % 7
    a["late_s"] = np.where((hour >= 19) | (hour < 8), a["staffed_s"], 0.0)
    a["weekend_s"] = np.where(weekday >= 5, a["staffed_s"], 0.0)
    a["day"] = (t // 86400).astype(np.int64)
    g = a.groupby("agent_id", sort=True)
    out = pd.DataFrame({
        "team": g["team"].first(),
        "staffed_h": g["staffed_s"].sum() / 3600,
        "busy_s": g["busy_s"].sum(),
        "break_s": g["break_s"].sum(),
        "late_share": g["late_s"].sum() / g["staffed_s"].sum().clip(lower=1e-9),
        "weekend_share": g["weekend_s"].sum() / g["staffed_s"].sum().clip(lower=1e-9),
        "days_worked": g["day"].nunique(),
    })
    out["occupancy"] = out["busy_s"] / (out["staffed_h"] * 3600 - out["break_s"]).clip(lower=1e-9)
    if scheduled is not None and len(scheduled):
        planned = scheduled.assign(agent_id=scheduled["agent_id"].astype(str)).groupby(
            "agent_id")["scheduled_s"].sum() / 3600
        over = (out["staffed_h"] - planned.reindex(out.index).fillna(0.0)).clip(lower=0.0)
    else:
        over = pd.Series(0.0, index=out.index)
    out["overtime_h"] = over
    out["overtime_h_per_day"] = over / out["days_worked"].clip(lower=1)
    teams = proficiency or {}
    out["proficiency"] = [teams.get(t, 1.0) for t in out["team"]]
    out = out.drop(columns=["busy_s", "break_s"]).reset_index()
    return out
