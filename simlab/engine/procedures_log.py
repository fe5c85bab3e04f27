"""The run's tables when the plan's procedures added rows to the loop (engine/procedures.py):
the contacts (the world's, then the repeats and the customers' replies to tickets in the
order they came, each with `repeat_of`, and `thread_of`/`exchange` when tickets have
conversations), the tasks (escalations to L2 and campaign calls, `tasks`), the agents' time
(tasks and calls included) and the costs with the outsourcer's line."""

from __future__ import annotations

from array import array
from dataclasses import fields, replace

import numpy as np
import pandas as pd

from simlab.model.care import CareModel
from simlab.model.plan import OperationsPlan
from simlab.world.world import World

from .agents import agent_table
from .calendar import business_seconds
from .prepare import Compiled
from .procedures import CALL, REPEAT, REPLY, TASK, LoopProcs, due_times
from .records import ABANDONED, ANSWERED, OPEN, Records
from .runlog import RunLog, contact_table, cost_table

OUTSOURCING = "outsourcing"  # the team (and agent) name of outsourced contacts
TASK_OUTCOMES = ("done", "open", "expired")


def build_procedures_runlog(world: World, care: CareModel, plan: OperationsPlan,
                            cp: Compiled, rec: Records) -> RunLog:
    px: LoopProcs = rec.procedures  # type: ignore[assignment]
    r = rec.numpy()
    kind = np.array(px.kind, dtype=np.int8)
    outsourced = np.frombuffer(bytes(px.outsourced), dtype=np.uint8).astype(bool)
    loop_resolved = np.frombuffer(bytes(px.resolved), dtype=np.uint8).astype(bool)
    answered = r["outcome"] == ANSWERED
    in_house = answered & ~outsourced
    agents = agent_table(
        all(cap == 1 for cap in cp.channel_cap), [a.name for a in cp.agents], cp.team_ids,
        [a.team for a in cp.agents], rec.staffed, rec.breaks,
        r["agent"][in_house], r["start_s"][in_house], r["end_s"][in_house])
    rows = np.flatnonzero(kind <= REPLY)
    new_id = np.full(kind.size, -1, dtype=np.int64)
    new_id[rows] = np.arange(rows.size)
    parent = np.array(px.parent, dtype=np.int64)
    world_x = _world_of(world, px, rows)
    cq = np.array(px.rows["cq"], dtype=np.int64)
    # the reserve skills' proficiencies decide `resolved` as the teams' own do
    team_prof = [{**skills, **px.inp.reserve_prof[tm]} for tm, skills in enumerate(cp.team_prof)]
    cp_x = replace(cp, contact_queue=cq[rows], team_prof=team_prof,
                   access=replace(cp.access, ivr_s=np.asarray(px.rows["ivr"])[rows]))
    r["agent"][outsourced] = -1
    contacts = contact_table(world_x, cp_x, _records_of(rec, r, rows))
    out_rows = outsourced[rows]
    resolved = contacts["resolved"].to_numpy().copy()
    resolved[out_rows] = loop_resolved[rows][out_rows]  # by the outsourcer's FCR factor
    contacts["resolved"] = resolved
    if out_rows.any():
        for col in ("team", "agent_id"):
            contacts[col] = contacts[col].cat.add_categories([OUTSOURCING])
            contacts.loc[out_rows, col] = OUTSOURCING
    is_repeat = kind[rows] == REPEAT
    contacts["repeat_of"] = np.where(is_repeat, new_id[np.maximum(parent[rows], 0)], -1)
    escalated = np.zeros(kind.size, dtype=bool)
    escalated[list(px.task_of)] = True
    contacts["escalated"] = escalated[rows]
    if px.inp.max_exchanges:
        _thread_columns(cp, px, contacts, rows, new_id)
    tasks = task_table(cp, px, r, kind, new_id, parent, cq)
    costs = cost_table(world_x, plan, contacts, agents)
    costs = pd.concat([costs, _outsourcing_costs(cp, px, contacts)], ignore_index=True)
    return RunLog(contacts, agents, costs, cp.horizon_s, tasks=tasks, world=world_x)


def _thread_columns(cp: Compiled, px: LoopProcs, contacts: pd.DataFrame, rows: np.ndarray,
                    new_id: np.ndarray) -> None:
    """The ticket conversations (docs/data-dictionary.md): each message's ticket and
    exchange; a message the customer replied to is not resolved; and, in business
    seconds of its channel, the ticket's age at the message's response (or at the end of
    the run) and the time it waited for the customer up to the message's arrival."""
    thread = np.array(px.thread, dtype=np.int64)[rows]
    exchange = np.array(px.exchange, dtype=np.int64)[rows]
    awaits = np.frombuffer(bytes(px.awaits), dtype=np.uint8)[rows].astype(bool)
    contacts["thread_of"] = np.where(exchange > 0, new_id[thread], -1)
    contacts["exchange"] = exchange
    for col in ("resolved", "resolved_s", "resolution_bh_s"):
        values = contacts[col].to_numpy().copy()
        values[awaits] = False if col == "resolved" else np.nan
        contacts[col] = values
    arrival = contacts["arrival_s"].to_numpy()
    done = contacts["outcome"].to_numpy() == "answered"
    end = np.where(done, contacts["end_s"].to_numpy(), cp.horizon_s)
    channel = contacts["channel"].cat.codes.to_numpy()
    b_arr, b_end = np.zeros(len(rows)), np.zeros(len(rows))
    for ch, intervals in enumerate(cp.channel_open):
        sel = channel == ch
        if sel.any():
            b_arr[sel] = business_seconds(intervals, arrival[sel])
            b_end[sel] = business_seconds(intervals, end[sel])
    first = np.where(exchange > 0, contacts["thread_of"].to_numpy(), np.arange(len(rows)))
    ticket = (b_end - b_arr[first]).astype(float)
    paused = np.zeros(len(rows))
    parent = np.array(px.parent, dtype=np.int64)[rows]
    for k in np.flatnonzero(exchange > 0).tolist():  # a reply comes after its parent
        p = new_id[parent[k]]
        paused[k] = paused[p] + b_arr[k] - b_end[p]
    deferred = ~np.isnan(contacts["frt_bh_s"].to_numpy()) | ~np.isnan(
        contacts["backlog_age_bh_s"].to_numpy())
    contacts["ticket_bh_s"] = np.where(deferred, ticket, np.nan)
    contacts["paused_bh_s"] = np.where(deferred, paused, np.nan)


def _world_of(world: World, px: LoopProcs, rows: np.ndarray) -> World:
    """The world with one contact per contact row: a repeat is its original's customer,
    reason and texts, arriving when it came back, on its channel, with its own draw."""
    c = world.contacts
    src = np.array(px.orig, dtype=np.int64)[rows]
    taken = {f.name: getattr(c, f.name)[src] for f in fields(c)
             if getattr(c, f.name) is not None}
    taken["arrival_s"] = np.array(px.created)[rows]
    taken["channel"] = np.array(px.channel, dtype=c.channel.dtype)[rows]
    taken["u_resolve"] = np.array(px.u_res)[rows]
    return replace(world, contacts=replace(c, **taken))


def _records_of(rec: Records, r: dict[str, np.ndarray], rows: np.ndarray) -> Records:
    """The loop's records of the contact rows alone (no task, no campaign call)."""
    sub = Records(
        outcome=array("b", r["outcome"][rows].tobytes()),
        start_s=array("d", r["start_s"][rows].tobytes()),
        handle_s=array("d", r["handle_s"][rows].tobytes()),
        end_s=array("d", r["end_s"][rows].tobytes()),
        agent=array("i", r["agent"][rows].tobytes()),
        staffed=rec.staffed, breaks=rec.breaks)
    if rec.access is not None:
        sub.access = {k: array(v.typecode, np.frombuffer(v, dtype=_dtype(v))[rows].tobytes())
                      for k, v in rec.access.items()}
    return sub


def _dtype(a: array) -> str:
    return {"d": "float64", "i": "int32", "b": "int8"}[a.typecode]


def task_table(cp: Compiled, px: LoopProcs, r: dict[str, np.ndarray], kind: np.ndarray,
               new_id: np.ndarray, parent: np.ndarray, cq: np.ndarray) -> pd.DataFrame:
    """One row per task (docs/data-dictionary.md, tasks): escalations to L2 and calls of
    the outbound campaigns, with when each was due and whether it was late."""
    rows = np.flatnonzero(kind >= TASK)
    k = kind[rows]
    extra = np.array(px.extra, dtype=np.int64)[rows]
    created = np.array(px.created)[rows]
    outcome = r["outcome"][rows]
    done = outcome == ANSWERED
    due = np.full(rows.size, np.inf)
    for ri, rule in enumerate(px.inp.esc_rules):
        sel = (k == TASK) & (extra == ri)
        if sel.any():
            due[sel] = due_times(px.inp.q_intervals[rule[0]], created[sel],
                                 np.full(int(sel.sum()), rule[3]))
    calls = k == CALL
    due[calls] = np.asarray(px.rows["gone"])[rows][calls]
    end = np.where(done, r["end_s"][rows], np.nan)
    late = np.where(done, end > due, cp.horizon_s > due)
    nq = len(cp.queue_ids)
    queue_code = np.where(k == TASK, cq[rows], nq + extra)
    camp_ids = [c[0] for c in px.inp.campaigns]
    team_of = np.append(np.array([a.team for a in cp.agents], dtype=np.int64), -1)
    agent = np.where(done, r["agent"][rows], -1)
    state = np.where(done, 0, np.where(outcome == OPEN, 1, 2))
    assert not ((outcome != ANSWERED) & (outcome != OPEN) & (outcome != ABANDONED)).any()
    return pd.DataFrame({
        "task_id": np.arange(rows.size, dtype=np.int64),
        "contact_id": np.where(k == TASK, new_id[np.maximum(parent[rows], 0)], -1),
        "kind": _cat(np.where(k == TASK, 0, 1), ["escalation", "outbound"]),
        "queue": _cat(queue_code, list(cp.queue_ids) + camp_ids),
        "outcome": _cat(state, list(TASK_OUTCOMES)),
        "created_s": created,
        "start_s": np.where(done, r["start_s"][rows], np.nan),
        "end_s": end,
        "work_s": np.where(done, r["handle_s"][rows], np.nan),
        "agent_id": _cat(agent, [a.name for a in cp.agents]),
        "team": _cat(team_of[agent], cp.team_ids),
        "due_s": due,
        "late": late,
        "resolved": done & np.frombuffer(bytes(px.resolved), dtype=np.uint8)[rows].astype(bool),
    })


def _outsourcing_costs(cp: Compiled, px: LoopProcs, contacts: pd.DataFrame) -> pd.DataFrame:
    """One cost line per outsourced queue: contacts handled by the outsourcer × the price
    in force when each arrived (a plan by rounds may change it: segment_procs); contacts
    at the same price are counted together, so one price gives count × price exactly."""
    rows = []
    inp = px.inp
    out = (contacts["team"] == OUTSOURCING).to_numpy()
    seg = np.minimum(contacts["arrival_s"].to_numpy() // inp.out_seg_s,
                     len(inp.out_by_seg) - 1).astype(np.int64)
    for q, queue in enumerate(cp.queue_ids):
        if inp.outsource[q] is None:
            continue
        mine = out & (contacts["queue"] == queue).to_numpy()
        by_price: dict[float, int] = {}  # in the order the prices came into force
        for s, prices in enumerate(inp.out_price_by_seg):
            if inp.out_by_seg[s][q] is not None:
                k = int(np.count_nonzero(mine & (seg == s)))
                by_price[prices[q]] = by_price.get(prices[q], 0) + k
        n = sum(by_price.values())
        rows.append((OUTSOURCING, queue, n, "contacts", sum(k * p for p, k in by_price.items())))
    return pd.DataFrame(rows, columns=["item", "subject", "quantity", "unit", "amount"])


def _cat(codes: np.ndarray, names: list[str]) -> pd.Categorical:
    return pd.Categorical.from_codes(np.asarray(codes, dtype=np.int32), categories=names)
