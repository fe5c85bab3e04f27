"""The RunLog: one row per contact, agent time per interval, and costs."""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import chain

import numpy as np
import pandas as pd

from simlab.model.care import CareModel
from simlab.model.plan import OperationsPlan
from simlab.world.memory import release_freed
from simlab.world.world import World

from .agents import agent_table
from .calendar import business_seconds
from .prepare import Compiled
from .records import (
    ABANDONED,
    ANSWERED,
    OUT_OF_HOURS,
    OUTCOMES,
    OUTCOMES_ACCESS,
    SELF_SERVICE,
    Records,
)
from .staff_costs import staff_rows


@dataclass
class RunLog:
    contacts: pd.DataFrame
    agents: pd.DataFrame
    costs: pd.DataFrame
    horizon_s: float
    tasks: pd.DataFrame | None = None  # the procedures' tasks (engine/procedures_log.py)
    world: World | None = None  # the world with the procedures' repeat contacts, if any


def build_runlog(world: World, care: CareModel, plan: OperationsPlan, cp: Compiled,
                 rec: Records) -> RunLog:
    r = rec.numpy()
    answered = r["outcome"] == ANSWERED
    # the agents' table first: its working grids come and go before the contact table
    # exists, so the two never add up at the peak (neither reads what the other makes)
    agents = agent_table(
        all(cap == 1 for cap in cp.channel_cap),
        [a.name for a in cp.agents],
        cp.team_ids,
        [a.team for a in cp.agents],
        rec.staffed,
        rec.breaks,
        r["agent"][answered],
        r["start_s"][answered],
        r["end_s"][answered],
    )
    del answered
    release_freed()  # what the agents' grids freed, before the contact table is made
    contacts = contact_table(world, cp, rec, r)
    training = {a.name: a.training_s for a in cp.agents if a.training_s}
    return RunLog(contacts, agents, cost_table(world, plan, contacts, agents, training),
                  cp.horizon_s)


def contact_table(world: World, cp: Compiled, rec: Records,
                  r: dict[str, np.ndarray] | None = None) -> pd.DataFrame:
    """One row per contact (docs/data-dictionary.md). `r` is `rec.numpy()` if already
    made; its arrays become the table's columns, no copy."""
    c = world.contacts
    n = len(c)
    r = rec.numpy() if r is None else r
    outcome = r["outcome"]
    answered = outcome == ANSWERED
    arrival = c.arrival_s
    end = r["end_s"]
    ooh = outcome == OUT_OF_HOURS
    end[ooh] = arrival[ooh]
    queue = cp.contact_queue
    deferred = ~np.asarray(cp.queue_realtime)[queue]
    team_of = np.array([a.team for a in cp.agents], dtype=np.int64)
    agent_team = np.append(team_of, -1)[r["agent"]]  # -1 where no agent
    # proficiency by (team, queue); the last row, for "no team", is all 1
    prof_table = np.ones((len(cp.team_ids) + 1, len(cp.queue_ids)))
    for t, skills in enumerate(cp.team_prof):
        for q, p in skills.items():
            prof_table[t, q] = p
    prof = np.where(answered, prof_table[agent_team, queue], 1.0)
    fcr = np.array([reason.fcr for reason in world.scenario.reasons])[c.reason]
    resolved = answered & (c.u_resolve < fcr * np.minimum(prof, 1.0))
    del prof
    wait = np.full(n, np.nan)
    extra: dict[str, object] = {}
    if rec.access is not None:
        resolved |= outcome == SELF_SERVICE
        extra = _access_columns(cp, rec, r, wait, deferred)
    else:
        np.subtract(r["start_s"], arrival, out=wait, where=answered & ~deferred)
        np.subtract(end, arrival, out=wait, where=(answered & deferred) | (outcome == ABANDONED))
    if deferred.any():
        first_response, resolved_at, frt_bh, res_bh, age_bh = _ticket_columns(
            world, cp, r, deferred, resolved)
    else:  # no ticket in the run: one read-only NaN for the five columns, not 40 MB
        first_response = resolved_at = frt_bh = res_bh = age_bh = _nan_column(n)
    agent_names = [a.name for a in cp.agents]
    return pd.DataFrame(
        copy=False,
        data={
            "contact_id": np.arange(n, dtype=np.int64),
            "customer_id": c.customer,
            "channel": _cat(c.channel, world.channels),
            "segment": _cat(c.segment, world.segments),
            "reason": _cat(c.reason, world.reasons),
            "priority": c.priority,
            "queue": _cat(queue, cp.queue_ids),
            "arrival_s": arrival,
            "outcome": _cat(outcome, list(OUTCOMES if rec.access is None else OUTCOMES_ACCESS)),
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
            **extra,
        }
    )


def _access_columns(cp: Compiled, rec: Records, r: dict[str, np.ndarray], wait: np.ndarray,
                    deferred: np.ndarray) -> dict[str, np.ndarray]:
    """The columns of a run with access parts, and its waits: in the queue from the last
    time the contact entered it (after the IVR or a retrial) to the answer, or to the
    moment it hung up (abandoning, or to wait for a callback)."""
    outcome, end = r["outcome"], r["end_s"]
    answered = outcome == ANSWERED
    queued = np.frombuffer(rec.access["queued_s"], dtype=np.float64)
    callback_s = np.frombuffer(rec.access["callback_s"], dtype=np.float64)
    callback = ~np.isnan(callback_s)
    np.subtract(r["start_s"], queued, out=wait, where=answered & ~deferred & ~callback)
    np.subtract(callback_s, queued, out=wait, where=callback)
    np.subtract(end, queued, out=wait, where=(answered & deferred) | (outcome == ABANDONED))
    return {
        "ivr_s": cp.access.ivr_s,
        "queued_s": queued,
        "attempts": np.frombuffer(rec.access["attempts"], dtype=np.int32),
        "callback": callback,
        "callback_s": callback_s,
    }


def _ticket_columns(world: World, cp: Compiled, r: dict[str, np.ndarray], deferred: np.ndarray,
                    resolved: np.ndarray) -> tuple[np.ndarray, ...]:
    """First response and resolution moments of the deferred contacts (tickets), and
    their times in business hours; NaN where they do not apply."""
    c = world.contacts
    n = len(c)
    outcome, end, arrival = r["outcome"], r["end_s"], c.arrival_s
    answered = outcome == ANSWERED
    first_response = np.where(answered & deferred, end, np.nan)
    resolved_at = np.where(resolved & deferred, end, np.nan)
    frt_bh = np.full(n, np.nan)
    res_bh = np.full(n, np.nan)
    age_bh = np.full(n, np.nan)
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
    return first_response, resolved_at, frt_bh, res_bh, age_bh


def _nan_column(n: int) -> np.ndarray:
    """n NaNs in eight bytes (a read-only broadcast): a column that cannot be written in
    place, so sharing it between columns is safe."""
    return np.broadcast_to(np.float64(np.nan), (n,))


def cost_table(world: World, plan: OperationsPlan, contacts: pd.DataFrame,
               agents: pd.DataFrame, training_s: dict[str, float] | None = None) -> pd.DataFrame:
    """Costs by item: staff per team (paid = staffed time), connection minutes and
    per-contact platform fees per channel, overhead per day."""
    costs = world.scenario.costs
    rows = staff_rows(plan, agents, training_s, exact_sum=_exact_sum)  # engine/staff_costs.py
    answered = _codes_of(contacts["outcome"], "answered")
    channel_codes = contacts["channel"].cat.codes.to_numpy()
    channel_names = list(contacts["channel"].cat.categories)
    wait = contacts["wait_s"].to_numpy()
    handle = contacts["handle_s"].to_numpy()
    for channel in world.channels:
        ch = channel_codes == channel_names.index(channel)
        rate = costs.per_minute.get(channel, 0.0)
        if rate:
            waited = wait[ch]
            connected = _exact_sum(waited[~np.isnan(waited)], handle[ch & answered])
            del waited
            minutes = connected / 60
            rows.append(("connection", channel, minutes, "min", minutes * rate))
        fee = costs.per_contact.get(channel, 0.0)
        if fee:
            handled = int(np.count_nonzero(ch & answered))
            rows.append(("per_contact", channel, handled, "contacts", handled * fee))
    if costs.overhead_per_day:
        rows.append(("overhead", "", world.days, "days", world.days * costs.overhead_per_day))
    return pd.DataFrame(rows, columns=["item", "subject", "quantity", "unit", "amount"])


def _exact_sum(*arrays: np.ndarray) -> float:
    """The exactly rounded sum of the arrays' values (`math.fsum`, as analysis.exactsum):
    the same whatever their order or the library's version. Fed 64k values at a time: a
    list of a million Python floats would add 30 MB to the run's peak."""
    step = 1 << 16
    return math.fsum(chain.from_iterable(
        values[i:i + step].tolist() for values in arrays for i in range(0, values.size, step)))


def _codes_of(column: pd.Series, label: str) -> np.ndarray:
    """column == label on a categorical column's codes (no strings compared)."""
    names = list(column.cat.categories)
    if label not in names:
        return np.zeros(len(column), dtype=bool)
    return column.cat.codes.to_numpy() == names.index(label)


def _cat(codes: np.ndarray, names: list[str]) -> pd.Categorical:
    return pd.Categorical.from_codes(np.asarray(codes, dtype=np.int32), categories=names)
