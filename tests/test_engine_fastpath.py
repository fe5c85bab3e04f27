"""The exact shortcut for a lone FCFS queue gives the same records as the event loop."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from simlab.engine import simulate
from simlab.engine.fastpath import eligible
from simlab.engine.prepare import compile_run
from simlab.lab.queuelab import QueueSpec, bundle, world


def _both(spec: QueueSpec):
    scenario, care, plan, days = bundle(spec)
    w = world(spec, scenario, days)
    assert eligible(compile_run(w, care, plan, spec.seed))
    return simulate(w, care, plan, fast=True), simulate(w, care, plan, fast=False)


@settings(max_examples=25, deadline=None)
@given(
    per_hour=st.floats(20, 2000),
    aht=st.floats(30, 600),
    agents=st.integers(1, 60),
    patience=st.one_of(st.none(), st.floats(5, 600)),
    seed=st.integers(0, 1000),
)
def test_fast_path_equals_event_loop(per_hour, aht, agents, patience, seed):
    fast, general = _both(QueueSpec(per_hour, aht, agents, patience, 20, 3000, seed))
    pd.testing.assert_frame_equal(fast.contacts, general.contacts)
    pd.testing.assert_frame_equal(fast.agents, general.agents)
    pd.testing.assert_frame_equal(fast.costs, general.costs)


def test_fast_path_equals_event_loop_on_a_long_overloaded_run():
    fast, general = _both(QueueSpec(600, 300, 45, 120, 20, 100_000, 3))
    assert (fast.contacts["outcome"] == "abandoned").mean() > 0.05
    pd.testing.assert_frame_equal(fast.contacts, general.contacts)
    pd.testing.assert_frame_equal(fast.agents, general.agents)


def test_shifts_or_breaks_disable_the_shortcut():
    from simlab.lab import runner

    b = runner.load_bundle("energia-base")
    w = runner.build(b.scenario, days=1)
    assert not eligible(compile_run(w, b.care, b.plan, w.seed))
