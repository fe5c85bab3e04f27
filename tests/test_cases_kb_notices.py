"""The knowledge base and proactive notices move the results the expected way."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from simlab.cases.before import prepare
from simlab.lab.runner import bundle_from_texts
from simlab.model.plan_cases import CasesPlan
from simlab.world import build
from tests.cases_helpers import cost, run, texts


def _answered(result):
    c = result.log.contacts
    return c[c["outcome"] == "answered"]


def test_a_better_knowledge_base_lowers_handle_time_and_raises_fcr():
    base = run("telco-base", None, days=2)
    kb = run("telco-base", {"knowledge_base": {"level": 3}}, days=2)
    a0, a3 = _answered(base), _answered(kb)
    assert a3["handle_s"].mean() < a0["handle_s"].mean() * 0.92  # 0.85 before queueing
    assert a3["resolved"].mean() > a0["resolved"].mean() + 0.02
    # its upkeep: 6,000 euro a month, two days of May (31 days)
    assert cost(kb, "knowledge_base") == pytest.approx(6000 * 2 / 31)
    assert cost(base, "knowledge_base") == 0


def test_the_knowledge_base_factors_on_the_world_exactly():
    world = build(bundle_from_texts(texts("telco-base", None)).scenario, 5, 1)
    prep = prepare(world, CasesPlan.model_validate({"knowledge_base": {"level": 2}}), 5)
    assert np.allclose(prep.world.contacts.handle_base_s, world.contacts.handle_base_s * 0.90)
    assert np.allclose(prep.world.contacts.u_resolve, world.contacts.u_resolve / 1.08)
    assert prep.world.contacts is not world.contacts  # the world as drawn is untouched


NOTICE = {"id": "guasto", "reasons": ["guasto"], "start": "2026-05-04", "end": "2026-05-04",
          "avoided_share": 0.5, "recipients": 10000, "cost_per_notice": 0.05}


def test_a_notice_cuts_the_inbound_contacts_of_its_reason_by_its_share():
    base = run("telco-base", None, days=2)
    notice = run("telco-base", {"notices": [NOTICE]}, days=2)
    c0, c1 = base.log.contacts, notice.log.contacts
    day1 = 86400
    g0 = ((c0["reason"] == "guasto") & (c0["arrival_s"] < day1)).sum()
    g1 = ((c1["reason"] == "guasto") & (c1["arrival_s"] < day1)).sum()
    # a binomial thinning: half spared, within four standard errors
    assert abs(g1 - g0 * 0.5) < 4 * np.sqrt(g0 * 0.25)
    # the other reasons and the next day are untouched
    other0 = c0[(c0["reason"] != "guasto") | (c0["arrival_s"] >= day1)]
    other1 = c1[(c1["reason"] != "guasto") | (c1["arrival_s"] >= day1)]
    assert len(other0) == len(other1)
    assert notice.cases.avoided["guasto"] == g0 - g1
    assert cost(notice, "notices") == pytest.approx(10000 * 0.05)


def test_a_larger_notice_share_spares_the_same_customers_and_more():
    world = build(bundle_from_texts(texts("telco-base", None)).scenario, 7, 1)
    kept = {}
    for share in (0.3, 0.6):
        plan = CasesPlan.model_validate({"notices": [{**NOTICE, "avoided_share": share}]})
        kept[share] = set(prepare(world, plan, 7).origin.tolist())
    assert kept[0.6] < kept[0.3]


def test_a_notice_outside_the_run_changes_nothing():
    late = {**NOTICE, "start": dt.date(2026, 6, 1), "end": dt.date(2026, 6, 2)}
    base = run("telco-base", None, days=1)
    notice = run("telco-base", {"notices": [late]}, days=1)
    assert len(base.log.contacts) == len(notice.log.contacts)
    assert notice.cases.avoided["guasto"] == 0
