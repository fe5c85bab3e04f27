"""Batch means: confidence intervals for a long single run of a stationary system.

The contacts (in arrival order, after a warm-up) are cut into equal batches; the batch
values are close to independent, so their spread gives the standard error. The Student
t quantile comes from the t distribution's closed form (`t_quantile`), so that the queue
lab need not import scipy.stats (over a second of start-up for one number)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Estimate:
    value: float
    se: float
    half_width: float  # of the 95% confidence interval

    @property
    def low(self) -> float:
        return self.value - self.half_width

    @property
    def high(self) -> float:
        return self.value + self.half_width


def queue_metrics(contacts: pd.DataFrame, agents: int, threshold_s: float,
                  batches: int = 30, warmup: float = 0.02) -> dict[str, Estimate]:
    """P(wait), P(abandon), SL (answered within T ÷ all arrivals), ASA of answered,
    occupancy, as in docs/domain.md#queueing-theory, each with its batch-means interval."""
    arrival = contacts["arrival_s"].to_numpy()
    order = None if (np.diff(arrival) >= 0).all() else np.argsort(arrival, kind="stable")
    skip = int(len(arrival) * warmup)

    def column(values: np.ndarray) -> np.ndarray:
        """In arrival order, after the warm-up (a view when the run is already in order)."""
        return values[skip:] if order is None else values[order[skip:]]

    arrival = column(arrival)
    outcome = contacts["outcome"]
    if isinstance(outcome.dtype, pd.CategoricalDtype):  # compare small codes, not strings
        names = list(outcome.cat.categories)
        codes = column(outcome.cat.codes.to_numpy())
        answered = codes == names.index("answered") if "answered" in names else codes < -1
        abandoned = codes == names.index("abandoned") if "abandoned" in names else codes < -1
    else:
        outcome = column(outcome.to_numpy())
        answered, abandoned = outcome == "answered", outcome == "abandoned"
    wait = np.nan_to_num(column(contacts["wait_s"].to_numpy()))
    handle = np.nan_to_num(column(contacts["handle_s"].to_numpy()))
    n = len(arrival)
    cols = {
        "n": np.ones(n),
        "waited": ((answered | abandoned) & (wait > 0)).astype(float),
        "abandoned": abandoned.astype(float),
        "within": (answered & (wait <= threshold_s)).astype(float),
        "answered": answered.astype(float),
        "wait_answered": np.where(answered, wait, 0.0),
        "work": np.where(answered, handle, 0.0),
    }
    edges = np.linspace(0, n, batches + 1).astype(int)
    sums = {k: np.add.reduceat(v, edges[:-1]) for k, v in cols.items()}
    span = arrival[edges[1:] - 1] - arrival[edges[:-1]]
    per_batch = {
        "p_wait": sums["waited"] / sums["n"],
        "p_abandon": sums["abandoned"] / sums["n"],
        "service_level": sums["within"] / sums["n"],
        "asa_s": sums["wait_answered"] / sums["answered"],
        "occupancy": sums["work"] / (agents * span),
    }
    whole = {
        "p_wait": cols["waited"].mean(),
        "p_abandon": cols["abandoned"].mean(),
        "service_level": cols["within"].mean(),
        "asa_s": cols["wait_answered"].sum() / cols["answered"].sum(),
        "occupancy": cols["work"].sum() / (agents * (arrival[-1] - arrival[0])),
    }
    t = t_quantile(0.975, batches - 1)
    out = {}
    for key, values in per_batch.items():
        se = float(np.std(values, ddof=1) / np.sqrt(batches))
        out[key] = Estimate(float(whole[key]), se, t * se)
    return out


def t_quantile(p: float, df: int) -> float:
    """The p quantile (p > 0.5) of Student's t with `df` (whole) degrees of freedom.

    P(|T| <= t) has a closed form in theta = atan(t / sqrt(df)) (Abramowitz & Stegun
    26.7.3 and 26.7.4), increasing in theta; bisection on theta finds it to the last
    bit of a double."""
    if not 0.5 < p < 1 or df < 1:
        raise ValueError("t_quantile needs 0.5 < p < 1 and df >= 1")
    target = 2.0 * p - 1.0

    def two_sided(theta: float) -> float:
        s, c = math.sin(theta), math.cos(theta)
        if df % 2:  # odd: (2/pi) [theta + sin cos (1 + 2/3 cos^2 + 2*4/(3*5) cos^4 + ...)]
            term, total = c, c if df > 1 else 0.0
            for k in range(2, df - 1, 2):
                term *= c * c * k / (k + 1)
                total += term
            return 2.0 / math.pi * (theta + s * total)
        term, total = 1.0, 1.0  # even: sin (1 + 1/2 cos^2 + 1*3/(2*4) cos^4 + ...)
        for k in range(1, df - 2, 2):
            term *= c * c * k / (k + 1)
            total += term
        return s * total

    lo, hi = 0.0, math.pi / 2
    while True:
        mid = 0.5 * (lo + hi)
        if mid in (lo, hi):
            break
        if two_sided(mid) < target:
            lo = mid
        else:
            hi = mid
    return math.sqrt(df) * math.tan(0.5 * (lo + hi))
