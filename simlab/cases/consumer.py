"""Consumer-law requests (Consumer Code, D.Lgs. 206/2005): withdrawals from a distance
contract and claims under the legal warranty, their correct outcome, the plan's decision
and what a wrong decision costs (docs/complaints.md)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from simlab.model.plan_cases import ComplaintProcedure, ConsumerRule
from simlab.world.world import DAY

from .complaints import ORIGINS, Intake
from .keyed import uniform

WITHDRAWAL_DAYS = 14  # art. 52: fourteen days from delivery
WARRANTY_DAYS = 730  # art. 133: two years from delivery
DECISIONS = ("accept", "refuse", "verify")


def requests(contacts: pd.DataFrame, origin_index: np.ndarray, rules: list[ConsumerRule],
             seed: int) -> pd.DataFrame:
    """One row per request: the answered contacts of each rule's reason, the share of
    them the rule names (rules of the same reason take consecutive slices of one number
    per contact, so they never overlap)."""
    answered = (contacts["outcome"] == "answered").to_numpy()
    key = origin_index.astype(np.int64) * 4
    u_share = uniform(seed, "consumer/share", key)
    u_days = uniform(seed, "consumer/days", key)
    u_defect = uniform(seed, "consumer/defect", key)
    used: dict[str, float] = {}
    rows = []
    for rule in rules:
        low = used.get(rule.reason, 0.0)
        used[rule.reason] = low + rule.share
        pick = (answered & (contacts["reason"] == rule.reason).to_numpy()
                & (u_share >= low) & (u_share < low + rule.share))
        days = np.floor(u_days[pick] * rule.max_days_since_delivery).astype(np.int64)
        if rule.kind == "withdrawal":
            valid = days <= WITHDRAWAL_DAYS
        else:
            valid = (days <= WARRANTY_DAYS) & (u_defect[pick] < rule.defect_share)
        accepted = {"accept": np.ones_like(valid), "refuse": np.zeros_like(valid),
                    "verify": valid}[rule.decision]
        rows.append(pd.DataFrame({
            "contact_id": contacts["contact_id"].to_numpy()[pick],
            "key": key[pick],
            "customer_id": contacts["customer_id"].to_numpy()[pick],
            "segment": contacts["segment"].to_numpy()[pick].astype(str).astype(object),
            "reason": rule.reason,
            "kind": rule.kind,
            "decided_s": contacts["end_s"].to_numpy()[pick],
            "days_since_delivery": days,
            "valid": valid,
            "decision": rule.decision,
            "accepted": accepted,
            "correct": accepted == valid,
            "verify_minutes": rule.verify_minutes if rule.decision == "verify" else 0.0,
            "wrong_accept_eur": np.where(accepted & ~valid, rule.wrong_accept_cost, 0.0),
            "complaint_s": np.where(valid & ~accepted,
                                    contacts["end_s"].to_numpy()[pick]
                                    + rule.complaint_after_days * DAY, np.nan),
        }))
    if not rows:
        return pd.DataFrame()
    table = pd.concat(rows, ignore_index=True)
    return table.sort_values(["decided_s", "contact_id"], kind="stable", ignore_index=True)


def refusals(table: pd.DataFrame, proc: ComplaintProcedure, horizon_s: float) -> Intake:
    """The complaints of customers whose valid request was refused: written to the back
    office, received `complaint_after_days` after the refusal (within the run)."""
    sent = table[table["complaint_s"].notna() & (table["complaint_s"] < horizon_s)]
    n = len(sent)
    receipt = sent["complaint_s"].to_numpy(dtype=np.float64)
    return Intake(
        key=sent["key"].to_numpy(dtype=np.int64),
        contact_id=np.full(n, -1, dtype=np.int64),
        origin=np.array([ORIGINS.index(k) for k in sent["kind"]], dtype=np.int8),
        customer_id=sent["customer_id"].to_numpy(),
        segment=sent["segment"].to_numpy(dtype=object),
        channel=np.full(n, "", dtype=object),
        receipt_s=receipt,
        entry_s=receipt.copy(),
        ack_s=receipt.copy() if proc.auto_acknowledgement else np.full(n, np.nan),
    )
