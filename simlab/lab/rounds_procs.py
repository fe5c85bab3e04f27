"""The procedures a decision round may change (lab.rounds): the outsourcing overflow and
the outbound campaigns, in force for the contacts that arrive in the round's week and
the calls of its days (engine.segment_procs), and the proactive notices, which a round
may add from its own week on. Every other procedure stays the first round's, and a
campaign keeps its channel and teams from round to round."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from simlab import fmt
from simlab.engine.procedures_log import OUTSOURCING
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.model.plan import OperationsPlan
from simlab.model.plan_cases import CasesPlan
from simlab.model.plan_procedures import Procedures

BY_ROUND = ("outsourcing", "campaigns")  # what a round may change
CAMPAIGN_FIXED = ("channel", "teams")  # what a campaign keeps once started


def procedures_of(plan: OperationsPlan) -> Procedures:
    return plan.procedures or Procedures()


def check_procedures(first: OperationsPlan, earlier: list[OperationsPlan],
                     plan: OperationsPlan, source: str) -> None:
    """The procedures of a round's plan: outsourcing and campaigns may change, the rest
    must be the first round's; a campaign named by an earlier round keeps its channel
    and teams. SimlabError (Italian, with the key) otherwise."""
    mine, theirs = procedures_of(plan), procedures_of(first)
    for key in Procedures.model_fields:
        if key not in BY_ROUND and getattr(mine, key) != getattr(theirs, key):
            raise SimlabError(
                _("a round may change the outsourcing and the outbound campaigns, not "
                  "«procedures.{key}» (it stays the first round's)").format(key=key),
                file=source, key=f"procedures.{key}")
    before = {c.id: c for p in [first, *earlier] for c in procedures_of(p).campaigns}
    for i, camp in enumerate(mine.campaigns):
        old = before.get(camp.id)
        for key in CAMPAIGN_FIXED:
            if old is not None and getattr(old, key) != getattr(camp, key):
                raise SimlabError(
                    _("the campaign «{id}» keeps the «{key}» it had in the earlier rounds: "
                      "to call with other teams or on another channel, give it a new id"
                      ).format(id=camp.id, key=key),
                    file=source, key=f"procedures.campaigns[{i}].{key}")


def week_outsourcing(plan: OperationsPlan, week: pd.DataFrame) -> pd.DataFrame:
    """The week's outsourcing cost lines: per queue outsourced by the round's plan, the
    contacts of the week the outsourcer handled × its price (the rule in force for them)."""
    rows = []
    out = (week["team"] == OUTSOURCING).to_numpy()
    queues = week["queue"].astype(str).to_numpy()
    for o in procedures_of(plan).outsourcing:
        n = int((out & (queues == o.queue)).sum())
        rows.append((OUTSOURCING, o.queue, n, "contacts", n * o.price_per_contact))
    return pd.DataFrame(rows, columns=["item", "subject", "quantity", "unit", "amount"])


def cases_of(plan: OperationsPlan) -> CasesPlan:
    return plan.cases or CasesPlan()


def check_notices(earlier: list[OperationsPlan], plan: OperationsPlan, week_start: dt.date,
                  source: str) -> None:
    """A round keeps every notice of the round before it as it was (the past does not
    change) and may add notices that start on or after its week's first day."""
    mine = cases_of(plan).notices
    kept = {n.id: n for n in cases_of(earlier[-1]).notices} if earlier else {}
    ids = [n.id for n in mine]
    for nid, notice in kept.items():
        if nid not in ids or mine[ids.index(nid)] != notice:
            raise SimlabError(
                _("the notice «{id}» of the earlier rounds stays in the plan as it was: a "
                  "round cannot change the past").format(id=nid),
                file=source, key="cases.notices")
    for i, notice in enumerate(mine):
        if notice.id not in kept and earlier and notice.start < week_start:
            raise SimlabError(
                _("the new notice «{id}» starts on {start}, before this round's week "
                  "(from {week}): a round cannot change the past").format(
                    id=notice.id, start=fmt.date(notice.start), week=fmt.date(week_start)),
                file=source, key=f"cases.notices[{i}].start")


def week_notices(plan: OperationsPlan, lo_day: dt.date, hi_day: dt.date) -> float:
    """The cost of the notices that start in the week [lo_day, hi_day): recipients × price
    (a notice is paid once, in the week it is sent)."""
    return float(sum(n.recipients * n.cost_per_notice for n in cases_of(plan).notices
                     if lo_day <= n.start < hi_day))
