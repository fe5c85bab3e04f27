"""Complaint cases in a run whose plan also has repeat contacts: the repeats are contact
rows after the world's (engine/procedures_log.py), so the cases' draw keys must cover
them (a run with both used to stop on an IndexError)."""

from __future__ import annotations

import numpy as np
import yaml

from simlab.cases.run import _origin_of
from simlab.lab import runner
from tests.cases_helpers import texts

COMPLAINTS = {"sector": "energy", "auto_acknowledgement": True,
              "back_office": {"staff": 4, "days": [0, 1, 2, 3, 4], "start_h": 9,
                              "hours_per_day": 7.5, "hourly_cost": 23}}
REPEATS = {"share": 0.6, "delay_s": {"dist": "exponential", "mean": 3600}, "max_repeats": 2}


def test_repeat_rows_get_keys_above_every_drawn_contact():
    origin = np.array([0, 2, 3, 7], dtype=np.int64)  # 1, 4-6 spared by a notice
    assert _origin_of(origin, 4) is origin
    assert _origin_of(origin, 7).tolist() == [0, 2, 3, 7, 8, 9, 10]
    assert _origin_of(np.zeros(0, dtype=np.int64), 2).tolist() == [0, 1]


def test_complaints_are_taken_from_repeat_contacts_too():
    t = texts("energia-base", {"complaints": COMPLAINTS})
    plan = yaml.safe_load(t["plan"])
    plan["procedures"] = {"repeats": REPEATS}
    t["plan"] = yaml.safe_dump(plan, allow_unicode=True, sort_keys=False)
    bundle = runner.bundle_from_texts(t, {"scenario": "s.yaml", "care": "c.yaml",
                                          "plan": "p.yaml"})
    result = runner.execute(bundle, seed=11, days=3)
    contacts = result.log.contacts
    cases = result.cases.complaints
    repeats = set(contacts.loc[contacts["repeat_of"] >= 0, "contact_id"])
    assert repeats, "the plan's repeats made no contact: the test shows nothing"
    from_repeats = cases["contact_id"].isin(repeats)
    assert from_repeats.any() and not from_repeats.all()
    # every complaint that reached someone is a case, repeats included
    complaint = contacts["reason"] == "reclamo"
    reached = complaint & (contacts["outcome"].isin(["answered"])
                           | ((contacts["outcome"] == "open") & (contacts["channel"] == "email")))
    assert sorted(cases.loc[cases["origin"] == "contact", "contact_id"]) == sorted(
        contacts.loc[reached, "contact_id"])
