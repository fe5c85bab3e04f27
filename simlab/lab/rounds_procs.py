"""The procedures a decision round may change (lab.rounds): the outsourcing overflow and
the outbound campaigns, in force for the contacts that arrive in the round's week and
the calls of its days (engine.segment_procs). Every other procedure stays the first
round's, and a campaign keeps its channel and teams from round to round."""

from __future__ import annotations

import pandas as pd

from simlab.engine.procedures_log import OUTSOURCING
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.model.plan import OperationsPlan
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
