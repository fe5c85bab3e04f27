"""Erlang B, C and A against docs/domain.md#queueing-theory and against independent derivations."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st

from simlab.queueing import (
    QueueMetrics,
    agents_for_service_level,
    erlang_a_metrics,
    erlang_b,
    erlang_c,
    erlang_c_metrics,
)
from simlab.queueing.erlang_a import _hypoexp_cdf_prefixes

TOL = 5e-7  # "to 6 decimals", as docs/domain.md gives the values

# --- docs/domain.md#queueing-theory -------------------------------------------------------------------

# case, λ (per s), AHT, N, t, P(wait), SL(t), ASA
ERLANG_C_TABLE = [
    ("C1", 100 / 1800, 180, 11, 20, 0.682118, 0.389614, 122.781277),
    ("C1", 100 / 1800, 180, 13, 20, 0.285270, 0.795595, 17.116227),
    ("C1", 100 / 1800, 180, 14, 20, 0.174132, 0.888350, 7.835937),
    ("C2", 360 / 1800, 240, 55, 15, 0.238701, 0.845883, 8.184032),
    ("C3", 9 / 60, 300, 50, 20, 0.363864, 0.739280, 21.831868),
]

# case, λ, AHT, patience, N, t, P(wait), P(abandon), SL(t), ASA, occupancy
ERLANG_A_TABLE = [
    ("A1", 9 / 60, 300, 180, 50, 20, 0.220886, 0.024973, 0.893525, 4.160191, 0.877524),
    ("A4", 100 / 1800, 180, 300, 14, 20, 0.145260, 0.013984, 0.916792, 3.878480, 0.704297),
]


@pytest.mark.parametrize(
    ("case", "lam", "aht", "n", "t", "p_wait", "sl", "asa"),
    ERLANG_C_TABLE,
    ids=[f"{row[0]}-N{row[3]}" for row in ERLANG_C_TABLE],
)
def test_erlang_c_matches_reference(case, lam, aht, n, t, p_wait, sl, asa):
    m = erlang_c_metrics(lam, aht, n, t)
    assert m.p_wait == pytest.approx(p_wait, abs=TOL)
    assert m.service_level == pytest.approx(sl, abs=TOL)
    assert m.asa_s == pytest.approx(asa, abs=TOL)
    assert m.occupancy == pytest.approx(lam * aht / n, rel=1e-12)
    assert m.p_abandon == 0.0
    # The plain function agrees with the metrics record.
    assert erlang_c(n, lam * aht) == pytest.approx(m.p_wait, rel=1e-12)


@pytest.mark.parametrize(
    ("case", "lam", "aht", "patience", "n", "t", "p_wait", "p_ab", "sl", "asa", "occ"),
    ERLANG_A_TABLE,
    ids=[row[0] for row in ERLANG_A_TABLE],
)
def test_erlang_a_matches_reference(case, lam, aht, patience, n, t, p_wait, p_ab, sl, asa, occ):
    m = erlang_a_metrics(lam, aht, patience, n, t)
    assert m.p_wait == pytest.approx(p_wait, abs=TOL)
    assert m.p_abandon == pytest.approx(p_ab, abs=TOL)
    assert m.service_level == pytest.approx(sl, abs=TOL)
    assert m.asa_s == pytest.approx(asa, abs=TOL)
    assert m.occupancy == pytest.approx(occ, abs=TOL)


def test_erlang_a_other_service_levels_match_reference_a1():
    m = erlang_a_metrics(9 / 60, 300, 180, 50, 20)
    assert m.sl_answered == pytest.approx(0.916411, abs=TOL)
    assert m.sl_virtual == pytest.approx(0.899456, abs=TOL)


# --- Erlang B and C --------------------------------------------------------------------


def _erlang_b_direct(n: int, a: float) -> float:
    return (a**n / math.factorial(n)) / sum(a**k / math.factorial(k) for k in range(n + 1))


def test_erlang_b_known_value():
    assert erlang_b(10, 5) == pytest.approx(0.018385, abs=TOL)


@pytest.mark.parametrize(("n", "a"), [(0, 3.0), (1, 0.5), (5, 4.0), (12, 7.3), (30, 40.0)])
def test_erlang_b_matches_the_textbook_sum(n, a):
    assert erlang_b(n, a) == pytest.approx(_erlang_b_direct(n, a), rel=1e-12)


def test_erlang_c_matches_the_textbook_formula():
    # C = (A^N/N!)·N/(N−A) ÷ (Σ_{k<N} A^k/k! + (A^N/N!)·N/(N−A))
    n, a = 9, 7.5
    top = a**n / math.factorial(n) * n / (n - a)
    direct = top / (sum(a**k / math.factorial(k) for k in range(n)) + top)
    assert erlang_c(n, a) == pytest.approx(direct, rel=1e-12)


def test_erlang_b_and_c_stay_finite_for_large_n():
    # A^n/n! would overflow long before this; the recursion must not.
    b = erlang_b(5000, 4900.0)
    c = erlang_c(5000, 4900.0)
    assert 0.0 < b < c < 1.0


def test_erlang_c_is_one_when_unstable_and_zero_without_load():
    assert erlang_c(10, 10.0) == 1.0
    assert erlang_c(10, 12.5) == 1.0
    assert erlang_c(10, 0.0) == 0.0


def test_erlang_c_metrics_refuses_an_unstable_queue():
    with pytest.raises(ValueError, match="unstable"):
        erlang_c_metrics(100 / 1800, 180, 10, 20)  # A = 10 = N


def test_erlang_c_metrics_extra_fields():
    m = erlang_c_metrics(9 / 60, 300, 50, 20)
    # E[Q] = C·A/(N − A) and, by Little's law, E[Q] = λ·ASA.
    assert m.mean_queue == pytest.approx(m.p_wait * 45 / 5, rel=1e-12)
    assert m.mean_queue == pytest.approx(9 / 60 * m.asa_s, rel=1e-12)
    assert m.sl_answered == m.sl_virtual == m.service_level


@pytest.mark.parametrize(
    "call",
    [
        lambda: erlang_b(-1, 2.0),
        lambda: erlang_b(3, -0.1),
        lambda: erlang_c(2.5, 1.0),
        lambda: erlang_c_metrics(-1.0, 180, 10, 20),
        lambda: erlang_c_metrics(0.01, 0, 10, 20),
        lambda: erlang_c_metrics(0.01, 180, 0, 20),
        lambda: erlang_c_metrics(0.01, 180, 10, -5),
        lambda: erlang_c_metrics(float("nan"), 180, 10, 20),
        lambda: erlang_a_metrics(0.01, 180, 0, 10, 20),
        lambda: erlang_a_metrics(0.01, 180, -60, 10, 20),
        lambda: erlang_a_metrics(0.01, 180, float("-inf"), 10, 20),
        lambda: erlang_a_metrics(0.01, 180, 60, True, 20),
        lambda: agents_for_service_level(0.01, 180, 20, 1.0),
        lambda: agents_for_service_level(0.01, 180, 20, 0.0),
    ],
)
def test_bad_arguments_raise_value_error(call):
    with pytest.raises(ValueError):
        call()


# --- Erlang A: independent checks ------------------------------------------------------


def _dense_stationary(lam: float, mu: float, theta: float, n: int, size: int) -> np.ndarray:
    """π of the truncated M/M/n+M chain from its full generator (a linear solve)."""
    q = np.zeros((size, size))
    for k in range(size - 1):
        q[k, k + 1] = lam
    for k in range(1, size):
        q[k, k - 1] = min(k, n) * mu + max(k - n, 0) * theta
    np.fill_diagonal(q, -q.sum(axis=1))
    # πQ = 0 with Σπ = 1: replace one balance equation by the normalisation.
    lhs = q.T.copy()
    lhs[-1, :] = 1.0
    rhs = np.zeros(size)
    rhs[-1] = 1.0
    return np.linalg.solve(lhs, rhs)


@pytest.mark.parametrize(
    ("lam", "aht", "patience", "n"),
    [(1.0, 4.0, 10.0, 5), (2.0, 3.0, 2.0, 3), (0.3, 10.0, 50.0, 2)],
    ids=["underloaded", "overloaded", "small-n"],
)
def test_erlang_a_stationary_law_matches_a_dense_solve(lam, aht, patience, n):
    pi = _dense_stationary(lam, 1 / aht, 1 / patience, n, size=n + 300)
    k = np.arange(pi.size)
    p_wait = pi[n:].sum()
    mean_queue = ((k[n:] - n) * pi[n:]).sum()
    busy = (np.minimum(k, n) * pi).sum()
    m = erlang_a_metrics(lam, aht, patience, n, 10.0)
    assert m.p_wait == pytest.approx(p_wait, abs=1e-12)
    assert m.mean_queue == pytest.approx(mean_queue, rel=1e-10)
    assert m.p_abandon == pytest.approx(mean_queue / (patience * lam), rel=1e-10)
    # Occupancy from λ(1 − P_ab)·AHT/N must equal the mean share of busy agents.
    assert m.occupancy == pytest.approx(busy / n, rel=1e-10)


def test_erlang_a_flow_balance_between_abandonment_and_waiting_stages():
    # P(served) from the stage products (SL ÷ SL among answered) must equal
    # 1 − θ·E[Q]/λ: two different routes to the same probability.
    for args in [
        (9 / 60, 300, 180, 50, 20),
        (100 / 1800, 180, 300, 14, 20),
        (3.0, 300, 120, 700, 30),
    ]:
        m = erlang_a_metrics(*args)
        assert m.service_level / m.sl_answered == pytest.approx(1 - m.p_abandon, abs=1e-12)


def _hypoexp_cdf_distinct(rates: np.ndarray, t: float) -> float:
    """Textbook CDF of a sum of exponentials with distinct rates λ_i:
    1 − Σ_i e^(−λ_i·t) · ∏_{k≠i} λ_k/(λ_k − λ_i) (e.g. Ross, *Introduction to
    Probability Models*, on the hypoexponential). Fine for a few well-separated rates."""
    total = 0.0
    for i, li in enumerate(rates):
        others = np.delete(rates, i)
        total += math.exp(-li * t) * float(np.prod(others / (others - li)))
    return 1.0 - total


@pytest.mark.parametrize(
    ("c", "theta", "t"),
    [(0.25, 0.2, 20.0), (1 / 6, 0.5, 5.0), (2.0, 0.5, 3.0), (5.0, 1.0, 1.5)],
)
def test_hypoexponential_cdf_matches_the_distinct_rates_formula(c, theta, t):
    # The Erlang A stage rates: c + iθ with c = Nμ (the tilted ones add θ).
    rates = c + theta * np.arange(8)
    got = _hypoexp_cdf_prefixes(rates, t)
    want = [_hypoexp_cdf_distinct(rates[: j + 1], t) for j in range(rates.size)]
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-11)


def _pure_death_cdf_expm(rates: np.ndarray, t: float) -> np.ndarray:
    """P(done by t | start j) for j → j−1 → … → 0 → done, from the matrix exponential
    of the sub-generator of the transient states."""
    sub = np.diag(-rates) + np.diag(rates[1:], k=-1)
    return 1.0 - scipy.linalg.expm(sub * t) @ np.ones(rates.size)


def test_hypoexponential_cdf_matches_a_matrix_exponential():
    rates = np.array([0.7, 0.1, 2.5, 0.3, 1.1, 0.05, 4.0, 0.7, 0.7])  # repeats allowed
    t = 6.0
    np.testing.assert_allclose(
        _hypoexp_cdf_prefixes(rates, t), _pure_death_cdf_expm(rates, t), atol=1e-13
    )
    # Rows are handled independently, and Λ·t large enough that early Poisson weights
    # underflow (the uniformisation skips them) still gives the right answer.
    both = _hypoexp_cdf_prefixes(np.vstack([rates, 200 * rates]), t)
    np.testing.assert_allclose(both[0], _pure_death_cdf_expm(rates, t), atol=1e-13)
    np.testing.assert_allclose(both[1], _pure_death_cdf_expm(200 * rates, t), atol=1e-12)


def test_service_levels_match_a_dense_computation():
    # Stationary law by a dense linear solve, stage CDFs by dense matrix exponentials:
    # no code shared with the implementation (log-space recursion, uniformisation).
    lam, aht, patience, n, t = 9 / 60, 300, 180, 50, 20
    mu, theta = 1 / aht, 1 / patience
    depth = 300
    pi = _dense_stationary(lam, mu, theta, n, size=n + depth)
    r = n * mu + theta * np.arange(depth)
    p_served = np.cumprod(r / (r + theta))
    queued = pi[n:]
    sl = pi[:n].sum() + queued @ (p_served * _pure_death_cdf_expm(r + theta, t))
    sl_virtual = pi[:n].sum() + queued @ _pure_death_cdf_expm(r, t)
    m = erlang_a_metrics(lam, aht, patience, n, t)
    assert m.service_level == pytest.approx(sl, abs=1e-10)
    assert m.sl_virtual == pytest.approx(sl_virtual, abs=1e-10)


@pytest.mark.parametrize("patience", [None, math.inf])
def test_erlang_a_without_abandonment_is_erlang_c(patience):
    assert erlang_a_metrics(9 / 60, 300, patience, 50, 20) == erlang_c_metrics(9 / 60, 300, 50, 20)


@settings(max_examples=40, deadline=None)
@given(
    a=st.floats(0.2, 150.0),
    aht=st.floats(30.0, 900.0),
    spare=st.integers(1, 25),
    t=st.floats(0.0, 120.0),
)
def test_erlang_a_with_endless_patience_approaches_erlang_c(a, aht, spare, t):
    n = math.floor(a) + spare
    if a / n > 0.99:
        n += 1
    # The gap to Erlang C is of order θ times a power of the queue length, so near
    # saturation (A/N ≈ 0.99, ASA in the thousands of seconds) patience 1e9 s still
    # shows at 1e-5; 1e12 s brings every case under 1e-7.
    c = erlang_c_metrics(a / aht, aht, n, t)
    m = erlang_a_metrics(a / aht, aht, 1e12, n, t)
    assert m.p_abandon < 1e-7
    for field in ("p_wait", "service_level", "sl_answered", "sl_virtual", "occupancy"):
        assert getattr(m, field) == pytest.approx(getattr(c, field), abs=1e-7)
    # ASA converges to Erlang C linearly in θ: near saturation (ASA in the thousands of
    # seconds) even θ = 1e-12 leaves a relative gap of ~1e-6, so check the rate instead:
    # a thousand times less patience-rate must leave (about) a thousand times less gap.
    coarse = erlang_a_metrics(a / aht, aht, 1e9, n, t)
    gap, coarse_gap = abs(m.asa_s - c.asa_s), abs(coarse.asa_s - c.asa_s)
    assert gap <= 2e-3 * coarse_gap + 1e-9 * max(c.asa_s, 1.0)


def test_erlang_a_handles_two_thousand_agents_both_sides_of_saturation():
    # Underloaded: patience so long that Erlang C is the reference.
    c = erlang_c_metrics(1950 / 300, 300, 2000, 20)
    m = erlang_a_metrics(1950 / 300, 300, 1e9, 2000, 20)
    assert m.p_wait == pytest.approx(c.p_wait, abs=1e-6)
    assert m.service_level == pytest.approx(c.service_level, abs=1e-6)
    # Overloaded at 1.5·N: every agent is busy, so the carried load is N and
    # P(abandon) = 1 − N/A = 1/3 (the fluid limit, exact here up to e^−hundreds).
    m = erlang_a_metrics(3000 / 300, 300, 180, 2000, 20)
    assert m.p_abandon == pytest.approx(1 / 3, abs=1e-9)
    assert m.p_wait == pytest.approx(1.0, abs=1e-12)
    assert m.occupancy == pytest.approx(1.0, abs=1e-9)
    # Abandonment flow θ·E[Q] = λ − Nμ, so E[Q] = (λ − Nμ)·patience.
    assert m.mean_queue == pytest.approx((10 - 2000 / 300) * 180, rel=1e-9)
    assert 0.0 <= m.service_level < 1e-6


@pytest.mark.parametrize(
    "metrics",
    [
        lambda t: erlang_c_metrics(100 / 1800, 180, 13, t),
        lambda t: erlang_a_metrics(100 / 1800, 180, 300, 13, t),
    ],
    ids=["C", "A"],
)
def test_service_level_at_zero_seconds_is_the_share_not_waiting(metrics):
    m = metrics(0.0)
    assert m.service_level == pytest.approx(1 - m.p_wait, abs=1e-12)


def test_no_arrivals_no_waiting():
    for m in (erlang_c_metrics(0.0, 180, 3, 20), erlang_a_metrics(0.0, 180, 60, 3, 20)):
        assert (m.p_wait, m.p_abandon, m.service_level, m.occupancy) == (0.0, 0.0, 1.0, 0.0)


def test_queue_metrics_is_frozen():
    m = erlang_c_metrics(9 / 60, 300, 50, 20)
    assert isinstance(m, QueueMetrics)
    with pytest.raises(AttributeError):
        m.p_wait = 0.0  # type: ignore[misc]


# --- monotonicity in the number of agents ----------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    a=st.floats(0.05, 300.0),
    aht=st.floats(30.0, 900.0),
    extra=st.integers(0, 30),
    t=st.floats(1.0, 120.0),
)
def test_erlang_c_more_agents_wait_less(a, aht, extra, t):
    n = math.floor(a) + 1 + extra
    m0 = erlang_c_metrics(a / aht, aht, n, t)
    m1 = erlang_c_metrics(a / aht, aht, n + 1, t)
    assert m1.p_wait < m0.p_wait or m0.p_wait < 1e-300
    assert m1.service_level >= m0.service_level
    assert m1.asa_s <= m0.asa_s


@settings(max_examples=40, deadline=None)
@given(
    a=st.floats(0.2, 300.0),
    aht=st.floats(30.0, 900.0),
    patience=st.floats(10.0, 1200.0),
    n=st.integers(1, 400),
    t=st.floats(1.0, 120.0),
)
def test_erlang_a_more_agents_wait_and_abandon_less(a, aht, patience, n, t):
    m0 = erlang_a_metrics(a / aht, aht, patience, n, t)
    m1 = erlang_a_metrics(a / aht, aht, patience, n + 1, t)
    assert m1.p_wait <= m0.p_wait + 1e-12
    assert m1.p_abandon <= m0.p_abandon + 1e-12
    assert m1.service_level >= m0.service_level - 1e-12
    for m in (m0, m1):
        for field in (
            "p_wait",
            "p_abandon",
            "service_level",
            "occupancy",
            "sl_answered",
            "sl_virtual",
        ):
            assert 0.0 <= getattr(m, field) <= 1.0


# --- staffing --------------------------------------------------------------------------


def test_agents_for_80_in_20_on_c1_is_14():
    # docs/domain.md#queueing-theory: N = 13 gives SL 0.795595 < 0.80, N = 14 gives 0.888350.
    assert agents_for_service_level(100 / 1800, 180, 20, 0.80) == 14
    assert agents_for_service_level(100 / 1800, 180, 20, 0.79) == 13


def test_agents_for_service_level_with_abandonment_on_a4():
    n = agents_for_service_level(100 / 1800, 180, 20, 0.80, patience_mean_s=300)
    assert n == 13
    assert erlang_a_metrics(100 / 1800, 180, 300, 13, 20).service_level >= 0.80
    assert erlang_a_metrics(100 / 1800, 180, 300, 12, 20).service_level < 0.80


def test_agents_for_service_level_gives_up_past_max_agents():
    with pytest.raises(ValueError, match="no staffing"):
        agents_for_service_level(100 / 1800, 180, 20, 0.80, max_agents=13)
    with pytest.raises(ValueError, match="no staffing"):
        agents_for_service_level(100 / 1800, 180, 20, 0.80, patience_mean_s=300, max_agents=12)


def test_agents_for_service_level_without_arrivals_is_zero():
    assert agents_for_service_level(0.0, 180, 20, 0.8) == 0


@settings(max_examples=40, deadline=None)
@given(
    a=st.floats(0.1, 400.0),
    aht=st.floats(30.0, 900.0),
    t=st.floats(0.0, 60.0),
    target=st.floats(0.05, 0.99),
    patience=st.one_of(st.none(), st.floats(15.0, 900.0)),
)
def test_agents_for_service_level_is_the_first_that_meets_the_target(a, aht, t, target, patience):
    lam = a / aht
    n = agents_for_service_level(lam, aht, t, target, patience_mean_s=patience)

    def sl(k: int) -> float:
        return erlang_a_metrics(lam, aht, patience, k, t).service_level

    assert sl(n) >= target
    if patience is None:
        assert n - 1 <= a or sl(n - 1) < target  # below N = ⌊A⌋+1 Erlang C is unstable
    else:
        assert n == 1 or sl(n - 1) < target
