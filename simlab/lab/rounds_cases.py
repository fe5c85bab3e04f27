"""The complaints of a week of decision rounds: the cases received in the week, how many
were handled on time, and what they cost the week (docs/rounds.md).

A case is *handled on time* when every step (acknowledgement, assessment, investigation,
response) was done by the procedure's own target and the reply came within the legal
deadline. The cases of the last week played are judged on the back office's projected
work after the run (docs/complaints.md): it goes on with that week's people."""

from __future__ import annotations

import numpy as np
import pandas as pd

from simlab.analysis.exactsum import exact_sum
from simlab.model.plan import OperationsPlan
from simlab.model.plan_cases import STEPS


def on_time(table: pd.DataFrame) -> np.ndarray:
    """Per case: every step by its target and the reply within the legal deadline (a
    step not done, NaN, is not on time)."""
    ok = table["response_s"].to_numpy() <= table["deadline_s"].to_numpy()
    for step in STEPS:
        ok &= table[f"{step}_s"].to_numpy() <= table[f"{step}_due_s"].to_numpy()
    return ok


def week_complaints(table: pd.DataFrame, plan: OperationsPlan, lo: float, hi: float
                    ) -> tuple[dict, float]:
    """(the week's complaint figures, their cost) for the cases received in [lo, hi):
    the week's back office (its people × open hours × hourly cost; a week has each
    weekday once) and the compensation and conciliations its late replies owe."""
    proc = plan.cases.complaints
    receipt = table["receipt_s"].to_numpy()
    week = table[(receipt >= lo) & (receipt < hi)]
    good = on_time(week)
    office = proc.back_office
    office_cost = office.staff * len(office.days) * office.hours_per_day * office.hourly_cost
    compensation = exact_sum(week["compensation_eur"].to_numpy(dtype=float))
    conciliation = int(week["conciliation"].sum()) * float(proc.conciliation_cost)
    n = len(week)
    figures = {
        "cases": n,
        "on_time": int(good.sum()),
        "on_time_share": float(good.sum() / n) if n else None,
        "late": int(week["late"].sum()),
        "office_staff": int(office.staff),
        "compensation_eur": float(compensation),
    }
    return figures, float(office_cost + compensation + conciliation)
