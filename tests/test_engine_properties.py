"""Conservation and feasibility of every run, on small random scenarios (hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings

from simlab.engine import simulate
from simlab.engine.prepare import compile_run
from simlab.world import build
from tests.factory import bundles


def _within(t: np.ndarray, intervals: list[tuple[float, float]]) -> np.ndarray:
    ok = np.zeros(t.size, dtype=bool)
    for s, e in intervals:
        ok |= (t >= s) & (t < e)
    return ok


def _max_concurrent(start: np.ndarray, end: np.ndarray) -> int:
    """Sweep: +1 at each start, -1 at each end, ends first when times are equal."""
    times = np.concatenate([end, start])
    delta = np.concatenate([-np.ones(end.size), np.ones(start.size)])
    order = np.lexsort((delta, times))
    return int(np.cumsum(delta[order]).max())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bundles())
def test_every_run_is_feasible(b):
    scenario, care, plan = b
    world = build(scenario)
    log = simulate(world, care, plan)
    c = log.contacts
    cp = compile_run(world, care, plan, world.seed)
    outcome = c["outcome"].astype(str).to_numpy()

    # every contact ends exactly once, and the outcomes add up to the arrivals
    assert len(c) == len(world.contacts)
    counts = {k: int((outcome == k).sum()) for k in ("answered", "abandoned", "out_of_hours", "open")}
    assert sum(counts.values()) == len(c)

    arrival, start, end = c["arrival_s"].to_numpy(), c["start_s"].to_numpy(), c["end_s"].to_numpy()
    answered = outcome == "answered"
    abandoned = outcome == "abandoned"
    # time never runs backwards
    assert (start[answered] >= arrival[answered]).all()
    assert (end[answered] >= start[answered]).all()
    assert np.allclose(end[abandoned] - arrival[abandoned], world.contacts.patience_s[abandoned])
    assert np.isnan(end[outcome == "open"]).all()
    # a real-time contact answered before its patience ran out
    realtime = np.asarray(cp.queue_realtime)[cp.contact_queue]
    rt_ans = answered & realtime
    assert (start[rt_ans] - arrival[rt_ans] < world.contacts.patience_s[rt_ans]).all()
    # out of hours only on real-time channels, only when closed
    ooh = outcome == "out_of_hours"
    assert realtime[ooh].all()

    agent_idx = c["agent_id"].cat.codes.to_numpy()
    cap = np.asarray(cp.channel_cap)[c["channel"].cat.codes.to_numpy()]
    channel = c["channel"].cat.codes.to_numpy()
    for a, ag in enumerate(cp.agents):
        mine = answered & (agent_idx == a)
        if not mine.any():
            continue
        # nobody is served outside a shift
        assert _within(start[mine], ag.duty).all()
        # never more contacts at once than the concurrency, never two channels at once
        s, e, ch, k = start[mine], end[mine], channel[mine], cap[mine]
        assert _max_concurrent(s, e) <= k.max()
        for c_i in np.unique(ch):  # two channels never overlap
            other = ch != c_i
            for s1, e1 in zip(s[ch == c_i], e[ch == c_i], strict=True):
                assert not ((s[other] < e1) & (e[other] > s1)).any()
    # deferred work only while its channel is open
    for ch_i, intervals in enumerate(cp.channel_open):
        if cp.channel_realtime[ch_i]:
            continue
        mask = answered & (channel == ch_i)
        assert _within(start[mask], [tuple(r) for r in intervals]).all()
    # agent time adds up
    a = log.agents
    total = a["busy_s"] + a["break_s"] + a["available_s"]
    assert np.allclose(total, a["staffed_s"]) and (a["staffed_s"] <= 900 + 1e-6).all()
