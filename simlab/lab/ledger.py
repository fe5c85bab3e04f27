"""A run's budget against its actuals (the run's `ledger.parquet`, `analysis.ledger`): the
one place the app (and any other front end) reads it from, stored or fresh."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from simlab.analysis.ledger import build_ledger, by_line, ledger_summary


@dataclass
class LedgerReport:
    ledger: pd.DataFrame  # date, line, planned, actual
    lines: pd.DataFrame  # analysis.ledger.by_line
    summary: dict[str, float]  # analysis.ledger.ledger_summary


def for_view(view, folder: Path | None = None) -> LedgerReport:
    """The ledger of a run's results (`lab.runview.RunView`): the file a stored run has
    in `folder`, else the same computation that wrote it (`lab.runner.run_ledger`)."""
    led = None
    if folder is not None and (Path(folder) / "ledger.parquet").is_file():
        from simlab.store.runfiles import read_table

        led = read_table(folder, "ledger")
    elif view.result is not None:
        from simlab.lab.runner import run_ledger

        led = run_ledger(view.result)
    else:  # a run written before runs had a ledger: made from its own tables
        from simlab.analysis.variance import budget_for_days

        sc = view.scenario
        budget = budget_for_days(sc, view.care, view.plan, view.days)
        dates = [sc.calendar.date_of(d) for d in range(view.days)]
        led = build_ledger(budget, view.costs, view.contacts, view.agents, dates)
    handled = int((view.contacts["outcome"] == "answered").sum())
    return LedgerReport(led, by_line(led), ledger_summary(led, handled))
