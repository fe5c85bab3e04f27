"""The run's sums are exactly rounded (analysis.exactsum, docs/kpi.md): checked on
values whose plain float sum is wrong, by group, and in any order."""

from __future__ import annotations

import math

import numpy as np

from simlab.analysis.exactsum import exact_group_sums, exact_sum


def test_exact_sum_is_the_true_sum_rounded_once():
    values = np.array([1e16, 1.0, -1e16, 0.0, 0.1, 0.2])
    assert float(np.sum(values[:3])) == 0.0  # what a plain left-to-right sum gives
    # the true sum is 1 + 0.1 + 0.2 with 0.1 and 0.2 as stored: 1.3000000000000000444…
    assert exact_sum(values) == math.fsum([1.0, 0.1, 0.2]) == 1.3
    assert exact_sum(np.array([])) == 0.0
    assert math.isnan(exact_sum(np.array([1.0, np.nan])))
    assert math.isnan(exact_sum(np.array([np.inf, -np.inf])))


def test_group_sums_by_hand_and_empty_groups():
    values = np.array([1e16, 2.5, 1.0, -1e16, 4.0, 0.0])
    codes = np.array([0, 2, 0, 0, 2, 1])
    sums = exact_group_sums(values, codes, 4)
    assert sums.tolist() == [1.0, 0.0, 6.5, 0.0]


def test_group_sums_do_not_depend_on_the_order():
    rng = np.random.default_rng(7)
    values = rng.exponential(300.0, 20_000) * rng.choice([1e-6, 1.0, 1e6], 20_000)
    codes = rng.integers(0, 5, 20_000)
    sums = exact_group_sums(values, codes, 5)
    order = rng.permutation(values.size)
    again = exact_group_sums(values[order], codes[order], 5)
    assert sums.tobytes() == again.tobytes()
    for g in range(5):
        assert sums[g] == math.fsum(values[codes == g].tolist())
