"""Contact priority: within a queue, higher priority first, then longest wait."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from simlab.analysis.batch import queue_metrics
from simlab.engine import simulate
from simlab.engine.fastpath import eligible
from simlab.engine.prepare import compile_run
from simlab.lab.queuelab import QueueSpec, bundle, world
from simlab.model.scenario import Scenario
from simlab.world import build


def _tiny(priority: list[int], patience: list[float]):
    """One agent, four calls at 0, 1, 2, 3 s, each 10 s long."""
    spec = QueueSpec(3600, 10, 1, None, 20, 4, seed=1)
    scenario, care, plan, days = bundle(spec)
    w = world(spec, scenario, days)
    c = w.contacts
    c.arrival_s[:] = [0.0, 1.0, 2.0, 3.0]
    c.handle_base_s[:] = 10.0
    c.patience_s[:] = patience
    c.priority[:] = priority
    return w, care, plan


def test_higher_priority_is_answered_first_worked_by_hand():
    # at 10 s the agent is free; calls 1 (p1), 2 (p2), 3 (p1) wait: 2 first, then 1, then 3
    w, care, plan = _tiny([1, 1, 2, 1], [math.inf] * 4)
    assert not eligible(compile_run(w, care, plan, 1))  # two levels: no FCFS shortcut
    c = simulate(w, care, plan).contacts
    assert c["start_s"].tolist() == [0.0, 20.0, 10.0, 30.0]
    assert c["wait_s"].tolist() == [0.0, 19.0, 8.0, 27.0]


def test_a_lower_priority_call_still_abandons_on_time():
    # call 1 gives up at 1 + 15 = 16 s while call 2 (p2) is served; call 3 follows at 20 s
    w, care, plan = _tiny([1, 1, 2, 1], [math.inf, 15.0, math.inf, math.inf])
    c = simulate(w, care, plan).contacts
    assert c["outcome"].astype(str).tolist() == ["answered", "abandoned", "answered", "answered"]
    assert c["end_s"].tolist() == [10.0, 16.0, 20.0, 30.0]
    assert c.loc[3, "start_s"] == 20.0


def _two_segments(agents: int, boost: int, days: int = 3):
    """The queue lab's M/M/N+M system with its callers split in two equal segments, the
    second one boosted by `boost` priority levels."""
    spec = QueueSpec(540, 300, agents, 180.0, 20, 1000, seed=5)
    scenario, care, plan, _days = bundle(spec)
    data = scenario.model_dump(mode="json", by_alias=True)
    first = data["segments"][0]
    data["segments"] = [dict(first, id="normali", share=0.5),
                        dict(first, id="premium", share=0.5, priority_boost=boost)]
    data["calendar"]["days"] = days
    scenario = Scenario.model_validate(data)
    return build(scenario, 5, days), care, plan


def _by_segment(contacts: pd.DataFrame, agents: int) -> dict:
    return {s: queue_metrics(contacts[contacts["segment"] == s], agents, 20)
            for s in ("normali", "premium")}


def _apart(a, b) -> float:
    """Difference of two independent estimates, in standard errors."""
    return (a.value - b.value) / math.hypot(a.se, b.se)


def test_a_boosted_segment_waits_less_under_load():
    # 45 Erlang offered to 44 agents: a long queue, where priority decides who waits
    w, care, plan = _two_segments(44, boost=2)
    boosted = _by_segment(simulate(w, care, plan).contacts, 44)
    w0, care0, plan0 = _two_segments(44, boost=0)
    plain = _by_segment(simulate(w0, care0, plan0).contacts, 44)
    for key in ("asa_s", "p_abandon", "service_level"):  # without the boost: no difference
        assert abs(_apart(plain["premium"][key], plain["normali"][key])) < 4, key
    assert _apart(boosted["normali"]["asa_s"], boosted["premium"]["asa_s"]) > 4
    assert _apart(boosted["normali"]["p_abandon"], boosted["premium"]["p_abandon"]) > 4
    assert _apart(boosted["premium"]["service_level"], boosted["normali"]["service_level"]) > 4


def test_with_no_queue_the_boost_changes_nothing():
    # 200 agents for 45 Erlang: nobody ever waits, so the order of a queue never matters
    w, care, plan = _two_segments(200, boost=2, days=1)
    w0, care0, plan0 = _two_segments(200, boost=0, days=1)
    with_boost, without = simulate(w, care, plan), simulate(w0, care0, plan0)
    assert (with_boost.contacts["priority"] != without.contacts["priority"]).any()
    assert (with_boost.contacts["wait_s"].fillna(0) == 0).all()
    pd.testing.assert_frame_equal(with_boost.contacts.drop(columns="priority"),
                                  without.contacts.drop(columns="priority"))
    pd.testing.assert_frame_equal(with_boost.agents, without.agents)
    assert np.array_equal(with_boost.costs["amount"], without.costs["amount"])
