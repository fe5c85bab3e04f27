"""The speed work of issue 8's third round changes how, never what: the interval union
sorts as `np.lexsort` did, and `simulate` leaves the cyclic collector as it found it."""

from __future__ import annotations

import gc

import numpy as np
import pytest

from simlab.engine import simulate
from simlab.engine.agents import union
from simlab.lab.queuelab import QueueSpec, bundle, world


def _union_by_lexsort(agent, start, end):
    """`union` as written before (6ffbea1): one lexsort by (agent, start)."""
    order = np.lexsort((start, agent))
    agent, start, end = agent[order], start[order], end[order]
    big = float(end.max()) + 1.0
    offset = agent * big
    running = end + offset
    np.maximum.accumulate(running, out=running)
    running -= offset
    new = np.ones(agent.size, dtype=bool)
    new[1:] = (agent[1:] != agent[:-1]) | (start[1:] > running[:-1])
    group_start = np.flatnonzero(new)
    group_last = np.append(group_start[1:], agent.size) - 1
    return agent[group_start], start[group_start], running[group_last]


@pytest.mark.parametrize("agents", [3, 40_000])  # small ids (int16 sort) and large ones
def test_union_matches_the_lexsort_union_with_ties(agents):
    rng = np.random.default_rng(7)
    n = 5_000
    agent = rng.integers(0, agents, n)
    start = np.round(rng.uniform(0, 500, n), 0)  # whole seconds: many equal starts
    end = start + rng.exponential(30, n)
    got = union(agent, start, end)
    want = _union_by_lexsort(agent, start, end)
    for g, w in zip(got, want, strict=True):
        np.testing.assert_array_equal(g, w)


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize("enabled", [True, False])
def test_simulate_leaves_the_collector_as_it_found_it(fast, enabled):
    spec = QueueSpec(540, 300, 50, 180.0, 20, 2_000, seed=1)
    scenario, care, plan, days = bundle(spec)
    was = gc.isenabled()
    try:
        if not enabled:
            gc.disable()
        simulate(world(spec, scenario, days), care, plan, fast=fast)
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
