"""The progress callback: called before the first event and at the end, in order, and
returning False cancels the run at once, on both paths."""

from __future__ import annotations

import pytest

from simlab.engine import Cancelled, simulate
from simlab.lab.queuelab import QueueSpec, bundle, world
from simlab.world import build
from tests.conftest import bundle as shipped


def _views(w, care, plan, **kw):
    seen = []
    simulate(w, care, plan, progress=lambda v: seen.append((v.fraction, v.clock_s, v.arrived)),
             **kw)
    return seen


def test_progress_reports_from_start_to_end_on_the_event_loop():
    b = shipped()
    w = build(b.scenario, days=7)
    seen = _views(w, b.care, b.plan)
    assert seen[0] == (0.0, 0.0, 0)
    assert seen[-1][0] == 1.0 and seen[-1][2] == len(w.contacts)
    assert [s[1] for s in seen] == sorted(s[1] for s in seen)  # the clock never goes back


def test_progress_on_the_fast_path():
    spec = QueueSpec(540, 300, 50, 180, 20, 30_000, 1)
    scenario, care, plan, days = bundle(spec)
    seen = _views(world(spec, scenario, days), care, plan)
    assert seen[0][0] == 0.0 and seen[-1][0] == 1.0 and len(seen) >= 4


@pytest.mark.parametrize("fast", [True, False])
def test_returning_false_cancels_before_any_work(fast):
    spec = QueueSpec(540, 300, 50, 180, 20, 30_000, 1)
    scenario, care, plan, days = bundle(spec)
    calls = []

    def stop(view):
        calls.append(view.arrived)
        return False

    with pytest.raises(Cancelled):
        simulate(world(spec, scenario, days), care, plan, progress=stop, fast=fast)
    assert calls == [0]


def test_fast_path_counts_the_waiting_calls():
    """Waiting at the reported clock: calls already arrived, answered or abandoned later."""
    spec = QueueSpec(600, 300, 45, 120, 20, 30_000, 3)
    scenario, care, plan, days = bundle(spec)
    seen = []
    log = simulate(world(spec, scenario, days), care, plan,
                   progress=lambda v: seen.append((v.arrived, v.clock_s, v.queue_lengths[0])))
    c = log.contacts
    later = (c["start_s"].fillna(c["end_s"]))
    for arrived, clock, waiting in seen[1:-1]:
        recent = slice(max(0, arrived - 20_000), arrived)
        assert waiting == int((later.iloc[recent] > clock).sum())
    assert max(w for _a, _c, w in seen) > 0
