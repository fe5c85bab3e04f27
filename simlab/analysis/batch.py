"""Batch means: confidence intervals for a long single run of a stationary system.

The contacts (in arrival order, after a warm-up) are cut into equal batches; the batch
values are close to independent, so their spread gives the standard error. scipy is
used only for the Student t quantile."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats


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
    occupancy, as in REFERENCE.md §2, each with its batch-means interval."""
    c = contacts.sort_values("arrival_s", kind="stable")
    c = c.iloc[int(len(c) * warmup):]
    outcome = c["outcome"].to_numpy()
    answered = outcome == "answered"
    abandoned = outcome == "abandoned"
    wait = np.nan_to_num(c["wait_s"].to_numpy())
    handle = np.nan_to_num(c["handle_s"].to_numpy())
    arrival = c["arrival_s"].to_numpy()
    cols = {
        "n": np.ones(len(c)),
        "waited": ((answered | abandoned) & (wait > 0)).astype(float),
        "abandoned": abandoned.astype(float),
        "within": (answered & (wait <= threshold_s)).astype(float),
        "answered": answered.astype(float),
        "wait_answered": np.where(answered, wait, 0.0),
        "work": np.where(answered, handle, 0.0),
    }
    edges = np.linspace(0, len(c), batches + 1).astype(int)
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
    t = float(stats.t.ppf(0.975, batches - 1))
    out = {}
    for key, values in per_batch.items():
        se = float(np.std(values, ddof=1) / np.sqrt(batches))
        out[key] = Estimate(float(whole[key]), se, t * se)
    return out
