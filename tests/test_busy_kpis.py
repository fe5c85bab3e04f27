"""A `busy` call (the queue was full) in each KPI, as docs/kpi.md decides: offered, not
abandoned, not answered, in neither term of a service level, and a 15-minute unit with a
busy call has no free line for ARERA's accessibility."""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import pytest

from simlab.analysis import kpi_groups, regulatory
from simlab.analysis import kpi_variants as kv
from simlab.lab import runner
from simlab.lab.runview import RunView


@functools.cache
def _view() -> RunView:
    """A day of energia-base whose phone queues hold very few waiting callers."""
    bundle = runner.load_bundle("energia-base")
    raw = bundle.care.model_dump(by_alias=True)
    for q in raw["queues"]:
        if q["channel"] == "phone":
            q["capacity"] = 1
    care = bundle.care.model_validate(raw)
    return RunView.from_result(runner.execute(dataclasses.replace(bundle, care=care), days=1))


def _phone(view):
    c = view.contacts
    return c[c["channel"].astype(str) == "phone"]


def test_the_run_has_busy_calls():
    outcome = _phone(_view())["outcome"].astype(str)
    assert (outcome == "busy").sum() > 20 and (outcome == "abandoned").sum() > 0


def test_busy_is_offered_but_not_abandoned():
    view = _view()
    phone = _phone(view)
    outcome = phone["outcome"].astype(str).to_numpy()
    offered = int((outcome != "out_of_hours").sum())
    abandoned = int((outcome == "abandoned").sum())
    row = kpi_groups.table(view.kpi_data, "channel", kv.DEFAULTS).loc["phone"]
    assert row["offered"] == offered  # busy calls included
    assert row["abandoned"] == abandoned
    assert row["abandon_rate"] == pytest.approx(abandoned / offered)
    short = kpi_groups.table(view.kpi_data, "channel",
                             {**kv.DEFAULTS, "abandon_rate": "no_short_abandons"}).loc["phone"]
    wait = phone["wait_s"].to_numpy(dtype=float)
    n_short = int(((outcome == "abandoned") & (wait < 5)).sum())
    assert short["abandon_rate"] == pytest.approx((abandoned - n_short) / (offered - n_short))


@pytest.mark.parametrize("variant", ["default", "offered", "answered"])
def test_busy_is_in_neither_term_of_a_service_level(variant):
    view = _view()
    phone = _phone(view)
    outcome = phone["outcome"].astype(str).to_numpy()
    wait = phone["wait_s"].to_numpy(dtype=float)
    answered = outcome == "answered"
    within = int((answered & (wait <= 20)).sum())
    denominator = {"default": answered.sum() + ((outcome == "abandoned") & (wait > 20)).sum(),
                   "offered": answered.sum() + (outcome == "abandoned").sum(),
                   "answered": answered.sum()}[variant]
    row = kpi_groups.table(view.kpi_data, "channel",
                           {**kv.DEFAULTS, "service_level": variant}).loc["phone"]
    assert row["service_level"] == pytest.approx(within / denominator)
    assert row["answered"] == int(answered.sum())  # FCR's and AHT's denominator


def test_accessibility_counts_units_with_a_busy_call_as_without_a_free_line():
    view = _view()
    phone = _phone(view)
    agents = view.agents
    staffed = agents.groupby(agents["interval_start_s"] // 900)["staffed_s"].sum()
    present = {int(u) for u in staffed.index[staffed > 0]}
    busy = phone[phone["outcome"].astype(str) == "busy"]["arrival_s"].to_numpy()
    full = {int(u) for u in np.floor(busy / 900)} & present
    got = regulatory.values(view.contacts, agents)
    assert 0 < len(full) < len(present)
    assert got["as"] == pytest.approx((len(present) - len(full)) / len(present))
    # the same day with no capacity: no call is ever busy, every unit has a free line
    plain = runner.execute(runner.load_bundle("energia-base"), days=1).log
    assert regulatory.values(plain.contacts, plain.agents)["as"] == 1.0
