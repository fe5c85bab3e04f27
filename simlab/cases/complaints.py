"""Complaints by the steps of ISO 10002: receipt with an id, acknowledgement,
assessment, investigation, response, closure; the sector's legal deadline, the
procedure's own targets, the automatic compensation of a late reply, conciliation and
churn (docs/complaints.md; the columns are in docs/data-dictionary.md)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from simlab.model.plan_cases import STEPS, ComplaintProcedure
from simlab.model.scenario import Scenario
from simlab.world.world import DAY

from .backoffice import Capacity, work_through
from .keyed import uniform

# the origin of a case, also the last part of its draws' key (origin index × 4 + code)
ORIGINS = ("contact", "withdrawal", "warranty")


@dataclass
class Intake:
    """Cases before the back office: where each comes from and when it reached us."""

    key: np.ndarray  # int64, the draws' key
    contact_id: np.ndarray  # int64, -1 for a complaint that did not come through a contact
    origin: np.ndarray  # int8 into ORIGINS
    customer_id: np.ndarray
    segment: np.ndarray  # segment ids (str)
    channel: np.ndarray  # channel ids (str), "" for a written complaint to the back office
    receipt_s: np.ndarray
    entry_s: np.ndarray  # when the back office can take it (NaN: never in the run)
    ack_s: np.ndarray  # NaN where the back office acknowledges it


def from_contacts(contacts: pd.DataFrame, scenario: Scenario, origin_index: np.ndarray,
                  proc: ComplaintProcedure) -> Intake:
    """The complaints among the contacts: every complaint contact that reached someone
    (answered, or a written one still in the backlog); an abandoned call is no case."""
    complaint = [r.id for r in scenario.reasons if r.complaint]
    realtime = {c.id for c in scenario.channels if c.kind == "realtime"}
    # on the categories' codes: a million rows are never turned into texts
    live = contacts["channel"].isin(list(realtime)).to_numpy()
    answered = (contacts["outcome"] == "answered").to_numpy()
    open_ = (contacts["outcome"] == "open").to_numpy()
    pick = contacts["reason"].isin(complaint).to_numpy() & (answered | (open_ & ~live))
    channel = contacts["channel"].to_numpy()[pick].astype(str).astype(object)
    arrival = contacts["arrival_s"].to_numpy()[pick]
    start = contacts["start_s"].to_numpy()[pick]
    end = contacts["end_s"].to_numpy()[pick]
    live, answered = live[pick], answered[pick]
    receipt = np.where(live & answered, start, arrival)
    if proc.auto_acknowledgement:
        ack = receipt.copy()
        entry = np.where(answered, end, arrival)
    else:  # the operator gives the case id at the end of the call or in the first reply
        ack = np.where(answered, end, np.nan)
        entry = ack.copy()
    n = int(pick.sum())
    return Intake(
        key=origin_index[pick].astype(np.int64) * 4,
        contact_id=contacts["contact_id"].to_numpy()[pick],
        origin=np.zeros(n, dtype=np.int8),
        customer_id=contacts["customer_id"].to_numpy()[pick],
        segment=contacts["segment"].to_numpy()[pick].astype(str).astype(object),
        channel=channel,
        receipt_s=receipt,
        entry_s=entry,
        ack_s=ack,
    )


def join(parts: list[Intake]) -> Intake:
    return Intake(**{f: np.concatenate([getattr(p, f) for p in parts])
                     for f in Intake.__dataclass_fields__})


def case_table(intake: Intake, proc: ComplaintProcedure, scenario: Scenario, seed: int,
               weekday0: int, horizon_s: float, extra_work: tuple[np.ndarray, np.ndarray],
               staff_by_day: list[int] | None = None) -> tuple[pd.DataFrame, Capacity]:
    """One row per case, in order of receipt. `extra_work` (entry moments, minutes) is
    other work of the same back office (checking consumer-law requests), served in turn;
    `staff_by_day` the back office's people of each day, when they change (`Capacity`)."""
    order = np.lexsort((intake.key, intake.receipt_s))
    intake = Intake(**{f: getattr(intake, f)[order] for f in Intake.__dataclass_fields__})
    n = len(intake.receipt_s)
    cap = Capacity(proc.back_office, weekday0, horizon_s, staff_by_day=staff_by_day)
    ack_work = 0.0 if proc.auto_acknowledgement else proc.acknowledgement.minutes
    work = [proc.assessment.minutes, proc.investigation.minutes, proc.response.minutes]
    chunks = [[ack_work if np.isnan(a) else 0.0, *work] for a in intake.ack_s]
    entries = np.concatenate([intake.entry_s, extra_work[0]])
    chunks += [[float(m)] for m in extra_work[1]]
    done = np.array(work_through(cap, entries, chunks)[:n], dtype=np.float64).reshape(n, 4)
    steps = {"acknowledgement": np.where(np.isnan(intake.ack_s), done[:, 0], intake.ack_s),
             "assessment": done[:, 1], "investigation": done[:, 2], "response": done[:, 3]}
    receipt = intake.receipt_s
    deadline = receipt + proc.deadline() * DAY
    response = steps["response"]
    closure = response + proc.closure_days * DAY
    late = np.where(np.isnan(response), horizon_s > deadline, response > deadline)
    compensation = _compensation(proc, receipt, response, deadline, late, horizon_s)
    u_conc = uniform(seed, "conciliation", intake.key + intake.origin)
    u_churn = uniform(seed, "churn", intake.key + intake.origin)
    conciliation = u_conc < np.where(late, proc.conciliation.late, proc.conciliation.on_time)
    churned = u_churn < np.where(late, proc.churn.late, proc.churn.on_time)
    value = {s.id: s.value_eur for s in scenario.segments}
    columns = {
        "case_id": [f"REC-{i + 1:06d}" for i in range(n)],
        "contact_id": intake.contact_id,
        "origin": pd.Categorical.from_codes(intake.origin.astype(np.int32), ORIGINS),
        "customer_id": intake.customer_id,
        "segment": intake.segment,
        "channel": intake.channel,
        "receipt_s": receipt,
    }
    for step in STEPS:
        columns[f"{step}_s"] = steps[step]
        columns[f"{step}_due_s"] = receipt + getattr(proc, step).target_days * DAY
    columns.update({
        "closure_s": closure,
        "deadline_s": deadline,
        "projected": response > horizon_s,
        "late": late,
        "days_late": np.where(late, np.ceil((np.where(np.isnan(response), horizon_s, response)
                                             - deadline) / DAY), 0).astype(np.int64),
        "compensation_eur": compensation,
        "conciliation": conciliation,
        "churned": churned,
        "lost_value_eur": np.where(churned, [value[s] for s in intake.segment], 0.0)
        if n else np.zeros(0),
    })
    return pd.DataFrame(columns), cap


def _compensation(proc: ComplaintProcedure, receipt: np.ndarray, response: np.ndarray,
                  deadline: np.ndarray, late: np.ndarray, horizon_s: float) -> np.ndarray:
    """The automatic compensation: owed by a late reply, and by a case still without a
    reply past its deadline when the run ends (counted up to the end)."""
    c = proc.compensation
    reply = np.where(np.isnan(response), horizon_s, response)
    days_late = np.maximum(np.ceil((reply - deadline) / DAY), 0)
    tier = np.ones(len(receipt))
    if c.tiers:  # ×2 past twice the deadline, ×3 past three times (ARERA's scheme)
        elapsed = (reply - receipt) / (proc.deadline() * DAY)
        tier = np.where(elapsed > 3, 3.0, np.where(elapsed > 2, 2.0, 1.0))
    return np.where(late, np.minimum(c.fixed * tier + c.per_day * days_late, c.cap), 0.0)
