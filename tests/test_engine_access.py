"""The engine honours the care model's access parts (docs/care-model.md): IVR time and
self-service, busy signals at capacity, callbacks and retrials, holidays. Hand-checked
facts, properties on random scenarios, and statistical checks with fixed seeds."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, assume, given, settings

from simlab.engine import simulate
from simlab.engine.loop import run_events
from simlab.engine.loop_access import run_events as run_access
from simlab.engine.prepare import compile_run
from simlab.lab import runner
from simlab.model.care import CareModel
from simlab.world import build
from tests.factory import bundles

EXP = {"dist": "exponential", "mean": 600}


def _with_access(care: CareModel, scenario, **queue_keys) -> CareModel:
    """`care` with the same access keys on every real-time queue."""
    kinds = {c.id: c.kind for c in scenario.channels}
    data = care.model_dump(by_alias=True)
    for q in data["queues"]:
        if kinds[q["channel"]] == "realtime":
            q.update(queue_keys)
    return CareModel.model_validate(data)


def _with_ivr(care: CareModel, channel: str, menu: dict) -> CareModel:
    data = care.model_dump(by_alias=True)
    data["ivr"] = {channel: menu}
    return CareModel.model_validate(data)


def _phone_bundle(days: int = 2):
    """The energia scenario, phone and chat only as they are, its baseline model."""
    b = runner.load_bundle("energia-base")
    return b.scenario, b.care, b.plan, days


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bundles())
def test_inert_access_parts_give_the_records_of_the_general_loop(b):
    scenario, care, plan = b
    assume(any(c.kind == "realtime" for c in scenario.channels))
    inert = _with_access(care, scenario, capacity=100_000,
                         callback={"threshold_s": 86_400, "accept": 0.0},
                         retrials={"share": 0.0, "delay_s": EXP})
    world = build(scenario)
    plain = run_events(world, compile_run(world, care, plan, world.seed))
    cp = compile_run(world, inert, plan, world.seed)
    assert cp.access is not None
    rec = run_access(world, cp)
    for key, a in plain.numpy().items():
        np.testing.assert_array_equal(a, rec.numpy()[key], err_msg=key)
    assert sorted(plain.staffed) == sorted(rec.staffed)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bundles())
def test_every_run_with_every_access_part_on_is_feasible(b):
    scenario, care, plan = b
    assume(any(c.kind == "realtime" for c in scenario.channels))
    care = _with_access(care, scenario, capacity=3,
                        callback={"threshold_s": 60, "accept": 0.5, "when": "wait"},
                        retrials={"share": 0.7, "delay_s": EXP, "max_attempts": 3})
    rt = [c.id for c in scenario.channels if c.kind == "realtime"]
    if rt:
        care = _with_ivr(care, rt[0], {"levels": [
            {"id": "l1", "prompt_s": 5, "options": [
                {"id": "a", "label": {"it": "a"}, "reasons": ["a"], "time_s": 10,
                 "self_service": 0.3, "next": "l2"},
                {"id": "b", "label": {"it": "b"}, "time_s": 4}]},
            {"id": "l2", "options": [{"id": "c", "label": {"it": "c"}, "time_s": 6}]}]})
    world = build(scenario)
    log = simulate(world, care, plan)
    c = log.contacts
    out = c["outcome"].astype(str).to_numpy()
    # every contact ends exactly once, with a known outcome
    assert len(c) == len(world.contacts)
    assert set(out) <= {"open", "answered", "abandoned", "out_of_hours", "self_service", "busy"}
    arrival, queued = c["arrival_s"].to_numpy(), c["queued_s"].to_numpy()
    start, end = c["start_s"].to_numpy(), c["end_s"].to_numpy()
    ans = out == "answered"
    # time never runs backwards: call, IVR, queue, callback request, answer, end
    entered = ~np.isin(out, ["self_service", "out_of_hours"])
    assert (queued >= arrival + c["ivr_s"].to_numpy() - 1e-9)[entered].all()
    assert (start[ans] >= queued[ans]).all() and (end[ans] >= start[ans]).all()
    cb = c["callback"].to_numpy()
    assert (c["callback_s"].to_numpy()[cb] >= queued[cb]).all()
    assert (start[ans & cb] >= c["callback_s"].to_numpy()[ans & cb]).all()
    ended = np.isin(out, ["abandoned", "busy", "self_service"])
    assert (end[ended] >= arrival[ended]).all()
    assert (c["attempts"].to_numpy() <= 3).all()
    # a live caller (not a callback) is answered before its patience runs out
    live = ans & ~cb & np.isin(c["channel"].astype(str), rt)
    patience = world.contacts.patience_s
    assert (start[live] - queued[live] < patience[live]).all()
    # agent time adds up
    a = log.agents
    total = a["busy_s"] + a["break_s"] + a["available_s"]
    assert np.allclose(total, a["staffed_s"]) and (a["staffed_s"] <= 900 + 1e-6).all()


def test_ivr_time_shifts_the_queue_and_self_service_leaves_in_its_share():
    scenario, care, plan, days = _phone_bundle()
    reasons = [r.id for r in scenario.reasons]
    menu = {"levels": [{"id": "l1", "prompt_s": 12, "options": [
        {"id": "lettura", "label": {"it": "Autolettura"}, "reasons": ["autolettura"],
         "time_s": 20, "self_service": 0.6},
        {"id": "altro", "label": {"it": "Altro"}, "time_s": 8}]}]}
    assert "autolettura" in reasons
    log = simulate(build(scenario, days=days), _with_ivr(care, "phone", menu), plan)
    c = log.contacts[(log.contacts["channel"] == "phone")
                     & (log.contacts["outcome"] != "out_of_hours")]
    reading = (c["reason"] == "autolettura").to_numpy()
    ivr = c["ivr_s"].to_numpy()
    out = c["outcome"].astype(str).to_numpy()
    # by hand: 12 + 20 for a meter reading, 12 + 8 for everything else
    assert (ivr[reading] == 32).all() and (ivr[~reading] == 20).all()
    first = (c["attempts"] == 1).to_numpy()
    np.testing.assert_allclose((c["queued_s"] - c["arrival_s"]).to_numpy()[first & (out != "self_service")],
                               ivr[first & (out != "self_service")])
    n = int(reading.sum())
    share = float((out[reading] == "self_service").mean())
    assert abs(share - 0.6) < 4 * math.sqrt(0.6 * 0.4 / n), (share, n)
    assert not (out[~reading] == "self_service").any()
    assert c.loc[out == "self_service", "resolved"].all()


def _waiting_at(c: pd.DataFrame, t: float) -> int:
    """Callers of the queue waiting at `t` (entered before, not yet answered or gone)."""
    left = c["start_s"].fillna(c["end_s"]).fillna(c["callback_s"]).fillna(np.inf)
    left = np.minimum(left, c["callback_s"].fillna(np.inf))
    waiting = (c["queued_s"] < t) & (left > t) & c["outcome"].isin(
        ["answered", "abandoned", "open"])
    return int(waiting.sum())


def test_busy_signals_come_only_at_capacity():
    scenario, care, plan, days = _phone_bundle(1)
    care = _with_access(care, scenario, capacity=4)
    log = simulate(build(scenario, days=days), care, plan)
    c = log.contacts
    busy = c[c["outcome"] == "busy"]
    assert len(busy) > 0
    for _i, row in busy.head(200).iterrows():
        same = c[(c["queue"] == row["queue"]) & (c["attempts"] == 1)]
        assert _waiting_at(same, row["queued_s"]) == 4
    # no busy signal without a capacity
    plain = simulate(build(scenario, days=days), runner.load_bundle("energia-base").care, plan)
    assert "busy" not in set(plain.contacts["outcome"].astype(str))


def test_callbacks_reduce_abandonment_and_keep_their_record():
    scenario, care, plan, days = _phone_bundle(3)
    world = build(scenario, days=days)
    base = simulate(world, care, plan).contacts
    with_cb = simulate(build(scenario, days=days), _with_access(
        care, scenario, callback={"threshold_s": 60, "accept": 0.7, "within_s": 7200}),
        plan).contacts
    phone = (base["channel"] == "phone") & (base["outcome"] != "out_of_hours")
    rate0 = float((base.loc[phone, "outcome"] == "abandoned").mean())
    rate1 = float((with_cb.loc[phone, "outcome"] == "abandoned").mean())
    n = int(phone.sum())
    se = math.sqrt(rate0 * (1 - rate0) / n + rate1 * (1 - rate1) / n)
    assert rate1 < rate0 - 3 * se, (rate0, rate1)
    cb = with_cb[with_cb["callback"]]
    assert len(cb) > 0
    assert cb["outcome"].astype(str).isin(["answered", "open"]).all()  # nobody abandons a callback
    done = cb[cb["outcome"] == "answered"]
    assert (done["start_s"] >= done["callback_s"]).all()


def test_retrials_call_again_after_their_delay():
    scenario, care, plan, days = _phone_bundle(2)
    care = _with_access(care, scenario, capacity=2,
                        retrials={"share": 1.0, "delay_s": {"dist": "constant", "value": 300},
                                  "max_attempts": 2})
    c = simulate(build(scenario, days=days), care, plan).contacts
    again = c[c["attempts"] == 2]
    assert len(again) > 0
    # the second call entered the queue 300 s after the first ended, plus the IVR (none here)
    assert (again["queued_s"] > again["arrival_s"] + 300 - 1e-9).all()


def test_no_answer_outside_opening_hours_or_on_a_holiday():
    scenario, care, plan, _days = _phone_bundle()
    first = scenario.calendar.start
    data = scenario.model_dump(by_alias=True)
    data["calendar"]["holidays"] = [first]
    holiday = type(scenario).model_validate(data)
    c = simulate(build(holiday, days=2), care, plan).contacts
    day0 = c["arrival_s"] < 86400
    rt = c["channel"].isin(["phone", "chat"])
    assert (c.loc[day0 & rt, "outcome"] == "out_of_hours").all()
    assert not ((c["start_s"] < 86400) & (c["outcome"] == "answered")).any()
    # a model closing the second day too (closed_days)
    closed = CareModel.model_validate({**care.model_dump(by_alias=True),
                                       "closed_days": [str(first.replace(day=first.day + 1))]})
    c2 = simulate(build(holiday, days=2), closed, plan).contacts
    assert (c2.loc[rt, "outcome"] == "out_of_hours").all()
