"""Consumer-law requests: the Consumer Code's outcome, the plan's decision, and what a
refused valid withdrawal costs."""

from __future__ import annotations

import numpy as np
import pytest

from tests.cases_helpers import cost, run

OFFICE = {"sector": "ecommerce", "back_office": {"staff": 20}}


def _rule(decision: str, **kw) -> dict:
    return {"reason": "reso-recesso", "kind": "withdrawal", "decision": decision,
            "max_days_since_delivery": 28, "wrong_accept_cost": 40, **kw}


@pytest.fixture(scope="module")
def runs():
    return {d: run("ecommerce-base", {"complaints": OFFICE, "consumer_law": [_rule(d)]},
                   days=4) for d in ("accept", "refuse", "verify")}


def test_a_withdrawal_is_valid_within_fourteen_days_of_delivery(runs):
    table = runs["verify"].cases.consumer
    assert len(table) > 50
    assert (table["valid"] == (table["days_since_delivery"] <= 14)).all()
    # days drawn uniformly over 0..27: half of them within 14 days, within 4 SE
    share = table["valid"].mean()
    assert abs(share - 15 / 28) < 4 * np.sqrt(0.25 / len(table))


def test_verifying_gives_the_correct_outcome_and_refusing_valid_ones_makes_complaints(runs):
    verify, refuse = runs["verify"], runs["refuse"]
    assert verify.cases.consumer["correct"].all()
    assert not verify.cases.consumer["complaint_s"].notna().any()
    wrong = refuse.cases.consumer["valid"] & ~refuse.cases.consumer["accepted"]
    assert wrong.sum() > 20
    from_refusals = refuse.cases.complaints["origin"] == "withdrawal"
    # each refused valid withdrawal becomes a complaint three days later, inside the run
    inside = refuse.cases.consumer["complaint_s"] < refuse.log.horizon_s
    assert from_refusals.sum() == inside.sum() > 0
    assert len(refuse.cases.complaints) > len(verify.cases.complaints)
    # the same requests in every run: only the decision differs
    assert refuse.cases.consumer["contact_id"].tolist() == verify.cases.consumer[
        "contact_id"].tolist()


def test_accepting_everything_gives_away_the_invalid_requests(runs):
    accept = runs["accept"].cases.consumer
    invalid = int((~accept["valid"]).sum())
    assert invalid > 0
    assert cost(runs["accept"], "wrong_acceptance") == pytest.approx(40 * invalid)
    assert cost(runs["verify"], "wrong_acceptance") == 0


def test_a_warranty_needs_a_defect_and_two_years():
    result = run("ecommerce-base", {"complaints": OFFICE, "consumer_law": [
        {"reason": "garanzia", "kind": "warranty", "decision": "verify",
         "max_days_since_delivery": 1095, "defect_share": 0.7}]}, days=3)
    table = result.cases.consumer
    assert len(table) > 20 and (table["kind"] == "warranty").all()
    assert not table.loc[table["days_since_delivery"] > 730, "valid"].any()
    assert table.loc[table["days_since_delivery"] <= 730, "valid"].mean() > 0.4


def test_two_rules_of_one_reason_split_its_contacts_without_overlap():
    result = run("ecommerce-base", {"complaints": OFFICE, "consumer_law": [
        _rule("verify", share=0.5), {**_rule("refuse", share=0.5)}]}, days=2)
    table = result.cases.consumer
    assert table["contact_id"].is_unique
    assert set(table["decision"]) == {"verify", "refuse"}
