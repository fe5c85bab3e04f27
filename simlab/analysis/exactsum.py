"""Exactly rounded sums of floats (`math.fsum`): the run's sums of seconds, hours and
euros are the true sum of the values rounded once, so they depend neither on the
library's version nor on the order in which the values are added (docs/kpi.md)."""

from __future__ import annotations

import math

import numpy as np


def exact_sum(values: np.ndarray) -> float:
    """The exactly rounded sum of `values` (zeros skipped: they change nothing and are
    most of an indicator's values). NaN or infinity propagates as in any sum."""
    values = np.asarray(values, dtype=np.float64)
    return _fsum(values[values != 0].tolist())


def exact_group_sums(values: np.ndarray, codes: np.ndarray, n_groups: int) -> np.ndarray:
    """The exactly rounded sum of `values` for each group 0 … n_groups-1 (`codes`, one
    per value); a group with no value sums to 0.0."""
    values = np.asarray(values, dtype=np.float64)
    codes = np.asarray(codes, dtype=np.intp)
    keep = values != 0
    values, codes = values[keep], codes[keep]
    out = np.zeros(n_groups, dtype=np.float64)
    if values.size == 0:
        return out
    order = np.argsort(codes, kind="stable")
    ends = np.cumsum(np.bincount(codes, minlength=n_groups)).tolist()
    ordered = values[order].tolist()
    start = 0
    for g, end in enumerate(ends):
        if end > start:
            out[g] = _fsum(ordered[start:end])
        start = end
    return out


def _fsum(values: list[float]) -> float:
    """`math.fsum`, with NaN where the true sum has none (inf − inf) or overflows."""
    try:
        return math.fsum(values)
    except (ValueError, OverflowError):
        return math.nan
