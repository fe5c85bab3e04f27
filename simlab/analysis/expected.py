"""The care model's expected results (`expected_results`: a KPI, the formula variant it
is measured with, a target and a direction) against a run's actuals.

Every actual is the number `simlab kpi --formula KPI=VARIANT` shows for the goal's
channel (or the total row when the goal names none): this module picks it, it never
computes a formula of its own (analysis/kpi_groups.py does)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from simlab.analysis import kpi_groups
from simlab.analysis import kpi_variants as kv
from simlab.analysis.kpi_groups import KpiData

EPSILON = 1e-9  # a result equal to its target meets it, whatever the float rounding
COLUMNS = ("kpi", "variant", "channel", "direction", "target", "actual", "met", "unit")


def variant_of(goal) -> str:
    """The variant a goal is measured with: its own, else the KPI's default formula."""
    return goal.variant or kv.DEFAULTS[goal.kpi]


def goal_results(data: KpiData, goals) -> pd.DataFrame:
    """One row per goal, in the care model's order: the actual by the goal's formula
    (NaN when the run has nothing to measure it on, e.g. an agent KPI of one channel) and
    whether it is met (NaN when it cannot be told)."""
    tables: dict[tuple[str, str], pd.DataFrame] = {}
    rows = []
    for goal in goals:
        variant = variant_of(goal)
        key = (goal.kpi, variant)
        if key not in tables:  # one table per formula asked for, all channels at once
            # agent time is not split by channel: an agent KPI's total comes by team
            by = "team" if kv.VARIANT_BY_KEY[key].scope == "agents" else "channel"
            tables[key] = kpi_groups.table(data, by, {**kv.DEFAULTS, goal.kpi: variant})
        frame = tables[key]
        group = goal.channel or "total"
        actual = float(frame.at[group, goal.kpi]) if group in frame.index else np.nan
        rows.append({
            "kpi": goal.kpi, "variant": variant, "channel": goal.channel,
            "direction": "at_most" if goal.at_most else "at_least",
            "target": float(goal.target), "actual": actual, "met": _met(goal, actual),
            "unit": kv.VARIANT_BY_KEY[key].unit,
        })
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _met(goal, actual: float) -> object:
    if np.isnan(actual):
        return np.nan
    if goal.at_most:
        return bool(actual <= goal.target + EPSILON)
    return bool(actual >= goal.target - EPSILON)


def missed(results: pd.DataFrame) -> pd.DataFrame:
    """The goals a run misses, or cannot show it meets (no number to judge)."""
    return results[results["met"].map(lambda m: m is not True)]
