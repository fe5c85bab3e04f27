"""The case procedures after the run: the tables and the cost lines they add."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from simlab.model.plan_cases import CasesPlan
from simlab.model.scenario import Scenario

from . import complaints as cm
from .before import Prepared
from .consumer import refusals, requests

COST_COLUMNS = ["item", "subject", "quantity", "unit", "amount"]


@dataclass
class CasesResult:
    complaints: pd.DataFrame | None  # one row per case (complaints.parquet)
    consumer: pd.DataFrame | None  # one row per consumer-law request (consumer_cases.parquet)
    costs: pd.DataFrame  # the lines to add to costs.parquet
    avoided: dict[str, int] = field(default_factory=dict)


def after(prep: Prepared, scenario: Scenario, cases: CasesPlan, contacts: pd.DataFrame,
          seed: int, horizon_s: float, staff_by_day: list[int] | None = None) -> CasesResult:
    """The cases of a run; `staff_by_day`: the back office's people of each day, when they
    change during the run (decision rounds, `lab.rounds`), else the procedure's staff."""
    world = prep.world
    weekday0 = world.start.weekday()
    rows: list[tuple] = []
    consumer = None
    origin = _origin_of(prep.origin, len(contacts))
    if cases.consumer_law:
        consumer = requests(contacts, origin, cases.consumer_law, seed)
    table = None
    proc = cases.complaints
    if proc is not None:
        parts = [cm.from_contacts(contacts, scenario, origin, proc)]
        extra = (np.zeros(0), np.zeros(0))
        if consumer is not None and len(consumer):
            parts.append(refusals(consumer, proc, horizon_s))
            checks = consumer["verify_minutes"] > 0
            extra = (consumer.loc[checks, "decided_s"].to_numpy(dtype=np.float64),
                     consumer.loc[checks, "verify_minutes"].to_numpy(dtype=np.float64))
        table, cap = cm.case_table(cm.join(parts), proc, scenario, seed, weekday0,
                                   horizon_s, extra, staff_by_day)
        rows += _complaint_costs(table, proc, cap)
    if consumer is not None and len(consumer):
        for kind in ("withdrawal", "warranty"):
            wrong = consumer[(consumer["kind"] == kind) & (consumer["wrong_accept_eur"] > 0)]
            if len(wrong):
                rows.append(("wrong_acceptance", kind, len(wrong), "cases",
                             float(wrong["wrong_accept_eur"].sum())))
        consumer = consumer.drop(columns=["key"])
    for notice in cases.notices:
        if notice.cost_per_notice and notice.recipients:
            rows.append(("notices", notice.id, notice.recipients, "notices",
                         notice.recipients * notice.cost_per_notice))
    kb = cases.knowledge_base
    if kb is not None and kb.factors()[2] > 0:
        months = _months(scenario.calendar.start, world.days)
        rows.append(("knowledge_base", f"level {kb.level}", months, "months",
                     months * kb.factors()[2]))
    return CasesResult(table, consumer, pd.DataFrame(rows, columns=COST_COLUMNS), prep.avoided)


def _complaint_costs(table: pd.DataFrame, proc, cap: cm.Capacity) -> list[tuple]:
    rows = []
    office = proc.back_office
    if office.hourly_cost and cap.paid_hours:
        hours = cap.paid_hours
        rows.append(("back_office", "complaints", hours, "h", hours * office.hourly_cost))
    paid = table["compensation_eur"] > 0
    if paid.any():
        rows.append(("compensation", proc.sector, int(paid.sum()), "cases",
                     float(table.loc[paid, "compensation_eur"].sum())))
    if proc.conciliation_cost and table["conciliation"].any():
        n = int(table["conciliation"].sum())
        rows.append(("conciliation", proc.sector, n, "cases", n * proc.conciliation_cost))
    return rows


def _months(start: dt.date, days: int) -> float:
    """The run's length in months, each day as its share of its own month."""
    total = 0.0
    for d in range(days):
        day = start + dt.timedelta(days=d)
        total += 1 / calendar.monthrange(day.year, day.month)[1]
    return total


def _origin_of(origin: np.ndarray, rows: int) -> np.ndarray:
    """The draws' key of every contact row. The plan's repeat contacts follow the world's
    rows in the contact table (engine/procedures_log.py); each takes a key of its own
    above every drawn contact's, so that its case draws are not its original's."""
    extra = rows - origin.size
    if extra <= 0:
        return origin
    first = int(origin.max()) + 1 if origin.size else 0
    return np.concatenate([origin, np.arange(first, first + extra, dtype=np.int64)])
