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


def test_integer_method_matches_fsum_on_wide_and_awkward_values():
    rng = np.random.default_rng(11)
    n = 50_000
    values = rng.standard_normal(n) * 10.0 ** rng.integers(-12, 12, n)
    values[:5] = [5e-324, -5e-324, 2.2e-308, 1e300, -1e300]  # subnormals, huge
    values[5:1000] = 0.0
    codes = rng.integers(0, 7, n)
    sums = exact_group_sums(values, codes, 8)
    for g in range(8):
        assert sums[g] == math.fsum(values[codes == g].tolist())
    assert exact_sum(values) == math.fsum(values.tolist())


def test_fallback_for_many_groups_gives_the_same_sums(monkeypatch):
    import simlab.analysis.exactsum as module

    rng = np.random.default_rng(5)
    values = rng.exponential(120.0, 5000)
    codes = rng.integers(0, 40, 5000)
    fast = exact_group_sums(values, codes, 40)
    monkeypatch.setattr(module, "_MAX_BINS", 1)
    assert exact_group_sums(values, codes, 40).tobytes() == fast.tobytes()


def test_non_finite_values_propagate_in_their_group_only():
    values = np.array([1.0, np.nan, 2.0, np.inf, 3.0, np.inf, -np.inf, 1e308, 1e308])
    codes = np.array([0, 1, 0, 2, 2, 3, 3, 4, 4])
    sums = exact_group_sums(values, codes, 5)
    assert sums[0] == 3.0
    assert math.isnan(sums[1]) and math.isnan(sums[3])
    assert sums[2] == math.inf
    assert sums[4] == math.inf  # the true sum, 2e308, is beyond the largest float


def test_the_total_is_the_exact_sum_of_all_values_not_of_the_rounded_rows():
    values = np.array([0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 1e16, -1e16, 1.0])
    codes = np.array([0, 0, 0, 1, 1, 1, 2, 2, 2])
    sums = exact_group_sums(values, codes, 3, total=True)
    assert sums[:3].tolist() == [math.fsum([0.1] * 3), math.fsum([0.2] * 3), 1.0]
    assert sums[3] == math.fsum(values.tolist())
    with_nan = exact_group_sums(np.array([1.0, np.nan]), np.array([0, 1]), 2, total=True)
    assert with_nan[0] == 1.0 and math.isnan(with_nan[1]) and math.isnan(with_nan[2])


def test_chunks_add_up_to_the_same_sums(monkeypatch):
    import simlab.analysis.exactsum as module

    rng = np.random.default_rng(3)
    values = rng.standard_normal(30_000) * 10.0 ** rng.integers(-8, 8, 30_000)
    codes = rng.integers(0, 6, 30_000)
    whole = exact_group_sums(values, codes, 6, total=True)
    monkeypatch.setattr(module, "_CHUNK", 1000)  # 30 chunks, each with its own exponents
    chunked = exact_group_sums(values, codes, 6, total=True)
    assert chunked.tobytes() == whole.tobytes()
    assert chunked[-1] == math.fsum(values.tolist())
    for g in range(6):
        assert chunked[g] == math.fsum(values[codes == g].tolist())
