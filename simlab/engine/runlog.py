"""The RunLog: one row per contact, agent time per interval, and costs."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from simlab.model.care import CareModel
from simlab.model.plan import OperationsPlan
from simlab.world.world import World

from .agents import agent_table
from .calendar import business_seconds
from .prepare import Compiled
from .records import ANSWERED, OUT_OF_HOURS, OUTCOMES, Records


@dataclass
class RunLog:
    contacts: pd.DataFrame
    agents: pd.DataFrame
    costs: pd.DataFrame
    horizon_s: float


def build_runlog(world: World, care: CareModel, plan: OperationsPlan, cp: Compiled,
                 rec: Records) -> RunLog:
    contacts = contact_table(world, cp, rec)
    answered = np.frombuffer(rec.outcome, dtype=np.int8) == ANSWERED
    agent = rec.numpy()["agent"]
    agents = agent_table(
        all(cap == 1 for cap in cp.channel_cap),
        [a.name for a in cp.agents],
        cp.team_ids,
        [a.team for a in cp.agents],
        rec.staffed,
        rec.breaks,
        agent[answered],
        contacts["start_s"].to_numpy()[answered],
        contacts["end_s"].to_numpy()[answered],
    )
    return RunLog(contacts, agents, cost_table(world, plan, contacts, agents), cp.horizon_s)


def contact_table(world: World, cp: Compiled, rec: Records) -> pd.DataFrame:
    c = world.contacts
    r = rec.numpy()
    outcome = r["outcome"]
    answered = outcome == ANSWERED
    arrival = c.arrival_s
    end = r["end_s"]
    end[outcome == OUT_OF_HOURS] = arrival[outcome == OUT_OF_HOURS]
    queue = cp.contact_queue
    deferred = ~np.asarray(cp.queue_realtime)[queue]
    team_of = np.array([a.team for a in cp.agents] or [0], dtype=np.int64)
    prof = np.ones(len(c))
    for t, skills in enumerate(cp.team_prof):
        for q, p in skills.items():
            prof[answered & (team_of[np.maximum(r["agent"], 0)] == t) & (queue == q)] = p
    fcr = np.array([reason.fcr for reason in world.scenario.reasons])[c.reason]
    resolved = answered & (c.u_resolve < fcr * np.minimum(prof, 1.0))
    wait = np.where(answered & ~deferred, r["start_s"] - arrival, np.nan)
    wait = np.where(answered & deferred, end - arrival, wait)
    wait = np.where(outcome == 2, end - arrival, wait)
    first_response = np.where(answered & deferred, end, np.nan)
    resolved_at = np.where(resolved & deferred, end, np.nan)
    frt_bh = np.full(len(c), np.nan)
    res_bh = np.full(len(c), np.nan)
    age_bh = np.full(len(c), np.nan)
    for ch, intervals in enumerate(cp.channel_open):
        mask = deferred & (c.channel == ch)
        if mask.any():
            zero = business_seconds(intervals, arrival[mask])
            frt_bh[mask] = business_seconds(intervals, np.nan_to_num(first_response[mask])) - zero
            res_bh[mask] = business_seconds(intervals, np.nan_to_num(resolved_at[mask])) - zero
            age_bh[mask] = business_seconds(intervals, np.full(mask.sum(), cp.horizon_s)) - zero
    frt_bh[np.isnan(first_response)] = np.nan
    res_bh[np.isnan(resolved_at)] = np.nan
    age_bh[outcome != 0] = np.nan
    agent_names = [a.name for a in cp.agents]
    agent_team = np.append(team_of, -1)[r["agent"]] if cp.agents else np.full(len(c), -1)
    return pd.DataFrame(
        copy=False,
        data={
            "contact_id": np.arange(len(c), dtype=np.int64),
            "customer_id": c.customer,
            "channel": _cat(c.channel, world.channels),
            "segment": _cat(c.segment, world.segments),
            "reason": _cat(c.reason, world.reasons),
            "priority": c.priority,
            "queue": _cat(queue, cp.queue_ids),
            "arrival_s": arrival,
            "outcome": _cat(outcome, list(OUTCOMES)),
            "wait_s": wait,
            "start_s": r["start_s"],
            "handle_s": r["handle_s"],
            "end_s": end,
            "agent_id": _cat(r["agent"], agent_names),
            "team": _cat(agent_team, cp.team_ids),
            "resolved": resolved,
            "first_response_s": first_response,
            "resolved_s": resolved_at,
            "frt_bh_s": frt_bh,
            "resolution_bh_s": res_bh,
            "backlog_age_bh_s": age_bh,
        }
    )


def cost_table(world: World, plan: OperationsPlan, contacts: pd.DataFrame,
               agents: pd.DataFrame) -> pd.DataFrame:
    """Costs by item: staff per team (paid = staffed time), connection minutes and
    per-contact platform fees per channel, overhead per day."""
    costs = world.scenario.costs
    rows = []
    staffed_h = agents.groupby("team", observed=False)["staffed_s"].sum() / 3600
    for team in plan.teams:
        hours = float(staffed_h.get(team.id, 0.0))
        rows.append(("staff", team.id, hours, "h", hours * team.hourly_cost))
    answered = contacts["outcome"] == "answered"
    for channel in world.channels:
        ch = contacts["channel"] == channel
        rate = costs.per_minute.get(channel, 0.0)
        if rate:
            connected = contacts.loc[ch, "wait_s"].fillna(0).sum() + contacts.loc[
                ch & answered, "handle_s"].sum()
            minutes = float(connected) / 60
            rows.append(("connection", channel, minutes, "min", minutes * rate))
        fee = costs.per_contact.get(channel, 0.0)
        if fee:
            handled = int((ch & answered).sum())
            rows.append(("per_contact", channel, handled, "contacts", handled * fee))
    if costs.overhead_per_day:
        rows.append(("overhead", "", world.days, "days", world.days * costs.overhead_per_day))
    return pd.DataFrame(rows, columns=["item", "subject", "quantity", "unit", "amount"])


def _cat(codes: np.ndarray, names: list[str]) -> pd.Categorical:
    return pd.Categorical.from_codes(np.asarray(codes, dtype=np.int32), categories=names)
