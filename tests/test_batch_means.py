"""Batch means: the Student t quantile without scipy.stats, and the estimates."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from simlab.analysis.batch import queue_metrics, t_quantile


def test_t_quantile_worked_by_hand():
    # one degree of freedom is Cauchy: tan(pi (p - 1/2)); two: (2p - 1) / sqrt(2 p (1 - p))
    assert t_quantile(0.975, 1) == pytest.approx(math.tan(math.pi * 0.475), rel=1e-14)
    assert t_quantile(0.975, 2) == pytest.approx(0.95 / math.sqrt(2 * 0.975 * 0.025), rel=1e-14)
    assert round(t_quantile(0.975, 29), 3) == 2.045  # the printed tables


@pytest.mark.parametrize("df", [1, 2, 3, 4, 7, 10, 29, 30, 99])
@pytest.mark.parametrize("p", [0.9, 0.975, 0.995])
def test_t_quantile_agrees_with_scipy(p, df):
    assert t_quantile(p, df) == pytest.approx(stats.t.ppf(p, df), rel=1e-13)


def test_order_of_rows_does_not_matter():
    rng = np.random.default_rng(3)
    n = 3000
    frame = pd.DataFrame({
        "arrival_s": np.sort(rng.random(n)) * 1e5,
        "outcome": pd.Categorical.from_codes(rng.integers(1, 3, n),
                                             categories=["open", "answered", "abandoned"]),
        "wait_s": rng.exponential(30, n),
        "handle_s": rng.exponential(300, n),
    })
    shuffled = frame.sample(frac=1.0, random_state=1)
    plain = frame.assign(outcome=frame["outcome"].astype(str))
    for other in (shuffled, plain):
        assert queue_metrics(other, 10, 20) == queue_metrics(frame, 10, 20)
