"""The engine's properties hold with every procedure of the plan on (and the access parts
too): every contact and every task ends once, time never runs backwards, nobody works
outside a shift, and agent time adds up (hypothesis, small random scenarios)."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, assume, given, settings

from simlab.engine import simulate
from simlab.engine.prepare import compile_run
from simlab.model.plan import OperationsPlan
from simlab.world import build
from tests.factory import bundles
from tests.test_engine_access import EXP, _with_access
from tests.test_engine_properties import _within


def _with_procedures(care, plan, replies: bool = False) -> OperationsPlan:
    """Every procedure the bundle's queues and teams allow (the customers' replies to
    tickets when `replies`: the scenario has a deferred channel)."""
    queues = [q.id for q in care.queues]
    data = plan.model_dump(by_alias=True)
    teams = data["teams"]
    procs: dict = {"repeats": {"share": 0.7, "delay_s": EXP, "max_repeats": 2},
                   "outsourcing": [{"queue": queues[0], "above": 2, "price_per_contact": 3,
                                    "fcr_factor": 0.9, "handle_factor": 1.1}],
                   "campaigns": [{"id": "richiamo", "teams": [teams[0]["id"]],
                                  "channel": care.queues[0].channel, "calls_per_day": 6,
                                  "window": {"days": "lun-dom", "from": "09:00", "to": "17:00"},
                                  "contact_rate": 0.5, "handle_s": EXP}]}
    l2 = queues[-1]
    if len(queues) > 1 and any(l2 in t["skills"] for t in teams):
        procs["escalation"] = [{"from": queues[:-1], "to": l2, "handle_s": EXP, "resolve": 0.6,
                                "sla_h": 2}]
    for i, t in enumerate(teams):
        missing = [q for q in queues if q not in t["skills"]]
        if missing:
            procs["reserve"] = [{"team": t["id"], "queue": missing[0], "proficiency": 0.8,
                                 **({"above": 1} if i % 2 else {})}]
            break
    if replies:
        procs["replies"] = {"share": 0.6, "delay_s": EXP, "max_exchanges": 3}
    data["procedures"] = procs
    out = OperationsPlan.model_validate(data)
    out.check_against(care)
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bundles())
def test_every_run_with_every_procedure_on_is_feasible(b):
    scenario, care, plan = b
    assume(any(c.kind == "realtime" for c in scenario.channels))
    care = _with_access(care, scenario, capacity=3,
                        callback={"threshold_s": 60, "accept": 0.5, "when": "wait"},
                        retrials={"share": 0.5, "delay_s": EXP, "max_attempts": 3})
    plan = _with_procedures(care, plan, any(c.kind == "deferred" for c in scenario.channels))
    world = build(scenario)
    cp = compile_run(world, care, plan, world.seed)
    log = simulate(world, care, plan)
    c, t = log.contacts, log.tasks
    n = len(world.contacts)
    out = c["outcome"].astype(str).to_numpy()
    # every contact ends exactly once: the world's first, then the repeats, in order
    assert (c["contact_id"].to_numpy() == np.arange(len(c))).all()
    rep = c["repeat_of"].to_numpy()
    exchange = c["exchange"].to_numpy() if "exchange" in c else np.zeros(len(c), dtype=int)
    is_rep = rep >= 0
    assert (rep[:n] == -1).all() and (exchange[:n] == 0).all()
    assert (is_rep[n:] != (exchange[n:] > 0)).all()  # a later row is a repeat or a reply
    assert (rep[is_rep] < np.flatnonzero(is_rep)).all()
    assert set(out) <= {"open", "answered", "abandoned", "out_of_hours", "self_service", "busy"}
    arrival, queued = c["arrival_s"].to_numpy(), c["queued_s"].to_numpy()
    start, end = c["start_s"].to_numpy(), c["end_s"].to_numpy()
    ans = out == "answered"
    # time never runs backwards
    entered = ~np.isin(out, ["self_service", "out_of_hours"])
    assert (queued >= arrival - 1e-9)[entered].all()
    assert (start[ans] >= queued[ans]).all() and (end[ans] >= start[ans]).all()
    assert (arrival[is_rep] >= end[rep[is_rep]]).all()  # a repeat after what it repeats ended
    assert not c["resolved"].to_numpy()[rep[is_rep]].any()  # the loop and the table agree
    if exchange.any():  # a reply comes after the response it answers, which did not close
        _replies_follow_their_response(c, exchange, end)
    assert (arrival[n:] < log.horizon_s).all()
    # every task ends once, after it was made
    tout = t["outcome"].astype(str).to_numpy()
    assert set(tout) <= {"done", "open", "expired"}
    done = tout == "done"
    ts, te, tc = t["start_s"].to_numpy(), t["end_s"].to_numpy(), t["created_s"].to_numpy()
    assert (ts[done] >= tc[done]).all() and (te[done] >= ts[done]).all()
    assert np.isnan(ts[~done]).all()
    esc = (t["kind"] == "escalation").to_numpy()
    src = t["contact_id"].to_numpy()[esc]
    assert (src >= 0).all() and np.allclose(tc[esc], end[src])
    assert not c["resolved"].to_numpy()[src].any()
    # nobody works outside a shift, on contacts or on tasks
    names = [a.name for a in cp.agents]
    for rows_agent, rows_start in ((c["agent_id"], start), (t["agent_id"], ts)):
        codes = rows_agent.astype(str).to_numpy()
        for k, ag in enumerate(cp.agents):
            mine = codes == names[k]
            assert _within(rows_start[mine], ag.duty).all()
    out_team = (c["team"].astype(str) == "outsourcing").to_numpy()
    assert (start[out_team] == queued[out_team]).all()  # the outsourcer answers at once
    # agent time adds up, tasks included
    a = log.agents
    total = a["busy_s"] + a["break_s"] + a["available_s"]
    assert np.allclose(total, a["staffed_s"])
    worked = (np.nansum(c["handle_s"].to_numpy()[ans & ~out_team])
              + np.nansum(t["work_s"].to_numpy()[done]))
    if all(k == 1 for k in cp.channel_cap):  # one at a time: busy time is the work done
        assert np.isclose(a["busy_s"].sum(), worked)


def _replies_follow_their_response(c, exchange, end) -> None:
    """Each reply of a ticket arrives after the previous message's response ended; that
    message is not resolved; a ticket has at most 3 messages here, in order."""
    thread = c["thread_of"].to_numpy()
    arrival, resolved = c["arrival_s"].to_numpy(), c["resolved"].to_numpy()
    assert exchange.max() <= 2
    assert (thread[exchange == 0] == -1).all()
    by_step = {(int(thread[k]) if exchange[k] else k, int(exchange[k])): k
               for k in range(len(c))}
    for (first, x), k in by_step.items():
        if x == 0:
            continue
        prev = by_step[(first, x - 1)]
        assert prev < k and arrival[k] >= end[prev] and not resolved[prev]
        assert c["outcome"].iloc[prev] == "answered"
