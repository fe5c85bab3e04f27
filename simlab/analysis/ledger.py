"""The cost ledger of a run (`ledger.parquet`): planned and actual cost by date and line
(docs/budget.md).

- **planned** is the plan's budget (`analysis.budget`) over the run's own days, day by day;
- **actual** is the run's cost table (`costs.parquet`), every row of it whatever its line
  (the procedures of other parts of the lab add lines such as outsourcing or compensation),
  spread over the dates by what the run recorded: staff by the team's staffed time each
  day, telephony minutes and fees by the contacts that arrived each day, a row the run
  does not date (overhead, a procedure's line) evenly over the days. Each line's actuals
  therefore add up to the cost table's amount for that line;
- the lines the run does not record (team leaders, seats, technology, knowledge base, the
  monthly training hours) are fixed costs: their actual is their plan.

Cost per contact, from the ledger's actuals over the contacts answered: **fully loaded**
(every line) and **direct** (the operators, telephony minutes and fees per contact: the
costs a contact causes).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from simlab.analysis.budget import LINES, SESSIONS, Budget

COLUMNS = ("date", "line", "planned", "actual")
DIRECT_LINES = ("staff", "connection", "per_contact")
# Lines the run does not record: the plan's amounts are the actual ones.
FIXED_LINES = ("team_leaders", "seats", "technology", "knowledge_base")
DAY_S = 86_400.0


def build_ledger(budget: Budget, costs: pd.DataFrame, contacts: pd.DataFrame,
                 agents: pd.DataFrame, dates: list) -> pd.DataFrame:
    """The ledger of a run over `dates` (the run's days, first to last)."""
    n = len(dates)
    daily = budget.daily if budget.daily is not None else pd.DataFrame(
        columns=["date", "line", "subject", "amount_eur"])
    index = {d: i for i, d in enumerate(dates)}
    planned: dict[str, np.ndarray] = {}
    fixed: dict[str, np.ndarray] = {}
    for row in daily.itertuples():
        i = index.get(row.date)
        if i is None:
            continue
        planned.setdefault(row.line, np.zeros(n))[i] += row.amount_eur
        if row.line in FIXED_LINES or (row.line == "training"
                                       and not str(row.subject).endswith(SESSIONS)):
            fixed.setdefault(row.line, np.zeros(n))[i] += row.amount_eur
    actual = {line: values.copy() for line, values in fixed.items()}
    for row in costs.itertuples():
        weights = _weights(row.item, row.subject, contacts, agents, daily, index, n)
        actual.setdefault(row.item, np.zeros(n))
        actual[row.item] += row.amount * weights
    lines = _order(planned, actual)
    records = []
    for i, day in enumerate(dates):
        for line in lines:
            p = float(planned.get(line, np.zeros(n))[i])
            a = float(actual.get(line, np.zeros(n))[i])
            if p or a:
                records.append((day, line, p, a))
    return pd.DataFrame(records, columns=list(COLUMNS))


def _order(planned: dict, actual: dict) -> list[str]:
    """The budget's lines in their order, then the run's other lines by name."""
    known = [line for line in LINES if line in planned or line in actual]
    return known + sorted((set(planned) | set(actual)) - set(LINES))


def _weights(item: str, subject: str, contacts: pd.DataFrame, agents: pd.DataFrame,
             daily: pd.DataFrame, index: dict, n: int) -> np.ndarray:
    """How a cost row spreads over the run's days: shares that add up to 1."""
    w = np.zeros(n)
    if item == "staff" and len(agents):
        team = str(subject).split("/")[0]
        # the mask picks from the two columns used, not from every column of the table
        mine = (agents["team"] == team).to_numpy()
        day = (agents["interval_start_s"].to_numpy()[mine] // DAY_S).astype(np.int64)
        w = _binned(day, agents["staffed_s"].to_numpy()[mine], n)
    elif item in ("connection", "per_contact") and len(contacts):
        mine = (contacts["channel"] == subject).to_numpy()
        day = (contacts["arrival_s"].to_numpy()[mine] // DAY_S).astype(np.int64)
        answered = (contacts["outcome"] == "answered").to_numpy()[mine]
        if item == "per_contact":
            value = answered.astype(float)
        else:
            wait = contacts["wait_s"].to_numpy(dtype=float)[mine]
            handle = contacts["handle_s"].to_numpy(dtype=float)[mine]
            value = np.nan_to_num(wait) + np.where(answered, np.nan_to_num(handle), 0.0)
        w = _binned(day, value, n)
    elif item == "training" and len(daily):
        rows = daily[(daily["line"] == "training")
                     & daily["subject"].astype(str).str.endswith(SESSIONS)]
        for row in rows.itertuples():
            if row.date in index:
                w[index[row.date]] += row.amount_eur
    total = w.sum()
    return w / total if total > 0 else np.full(n, 1.0 / n if n else 0.0)


def _binned(day: np.ndarray, value: np.ndarray, n: int) -> np.ndarray:
    keep = (day >= 0) & (day < n)
    return np.bincount(day[keep], weights=value[keep], minlength=n)[:n].astype(float)


def ledger_summary(ledger: pd.DataFrame, handled: int) -> dict[str, float]:
    """Planned and actual totals and the cost per contact, fully loaded and direct."""
    actual = float(ledger["actual"].sum())
    direct = float(ledger.loc[ledger["line"].isin(DIRECT_LINES), "actual"].sum())
    return {
        "planned": float(ledger["planned"].sum()),
        "actual": actual,
        "variance": actual - float(ledger["planned"].sum()),
        "handled": handled,
        "cost_per_contact_fully_loaded": actual / handled if handled else math.nan,
        "cost_per_contact_direct": direct / handled if handled else math.nan,
    }


def by_line(ledger: pd.DataFrame) -> pd.DataFrame:
    """Line × (planned, actual, variance, variance %): the budget against actuals."""
    table = ledger.groupby("line", sort=False)[["planned", "actual"]].sum()
    table["variance"] = table["actual"] - table["planned"]
    table["variance_pct"] = np.where(table["planned"] > 0,
                                     table["variance"] / table["planned"].where(
                                         table["planned"] > 0, 1), np.nan)
    return table
