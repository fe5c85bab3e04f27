"""The distributions of the YAML files: each one's draws have the mean and variance its
parameters promise (fixed seed, tolerance 4 standard errors)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from pydantic import TypeAdapter

from simlab.model.distributions import Dist, weibull_cv
from simlab.world.dists import draw

N = 400_000
DIST = TypeAdapter(Dist)


def _raw_moments(spec: dict) -> list[float]:
    """E[X^r], r = 1 … 4, worked from the textbook formulas of each family."""
    kind = spec["dist"]
    if kind == "lognormal":
        s2 = math.log1p(spec["cv"] ** 2)
        mu = math.log(spec["mean"]) - s2 / 2
        return [math.exp(r * mu + r * r * s2 / 2) for r in range(1, 5)]
    if kind == "weibull":
        k = spec["shape"]
        scale = spec["mean"] / math.gamma(1 + 1 / k)
        return [scale**r * math.gamma(1 + r / k) for r in range(1, 5)]
    if kind == "constant":
        return [spec["value"] ** r for r in range(1, 5)]
    if kind == "exponential":
        return [math.factorial(r) * spec["mean"] ** r for r in range(1, 5)]
    if kind == "mixture":
        parts = [(p["weight"], _raw_moments(p["dist"])) for p in spec["parts"]]
        return [math.fsum(w * m[r] for w, m in parts) for r in range(4)]
    raise AssertionError(kind)


def _mean_var_and_errors(spec: dict) -> tuple[float, float, float, float]:
    m1, m2, m3, m4 = _raw_moments(spec)
    var = m2 - m1**2
    mu4 = m4 - 4 * m3 * m1 + 6 * m2 * m1**2 - 3 * m1**4  # fourth central moment
    return m1, var, math.sqrt(var / N), math.sqrt((mu4 - var**2) / N)


SHORT_AND_LONG = {"dist": "mixture", "parts": [
    {"weight": 0.05, "dist": {"dist": "lognormal", "mean": 5, "cv": 0.5}},
    {"weight": 0.95, "dist": {"dist": "lognormal", "mean": 190, "cv": 1.0}},
]}
CASES = [
    {"dist": "weibull", "mean": 300, "shape": 0.8},
    {"dist": "weibull", "mean": 120, "shape": 1.6},
    SHORT_AND_LONG,
    {"dist": "mixture", "parts": [
        {"weight": 0.3, "dist": {"dist": "constant", "value": 10}},
        {"weight": 0.7, "dist": {"dist": "exponential", "mean": 200}}]},
]


@pytest.mark.parametrize("spec", CASES, ids=lambda s: s["dist"] + str(s.get("shape", "")))
def test_draws_have_the_mean_and_variance_of_the_parameters(spec):
    dist = DIST.validate_python(spec)
    mean, var, se_mean, se_var = _mean_var_and_errors(spec)
    assert dist.mean == pytest.approx(mean, rel=1e-12)
    assert dist.variance == pytest.approx(var, rel=1e-9)
    x = draw(dist, np.random.default_rng(20261201), N)
    assert abs(x.mean() - mean) < 4 * se_mean
    assert abs(x.var() - var) < 4 * se_var


def test_weibull_given_by_cv_has_that_cv_and_mean():
    dist = DIST.validate_python({"dist": "weibull", "mean": 400, "cv": 1.3})
    k, _scale = dist.shape_scale()
    assert k < 1 and weibull_cv(k) == pytest.approx(1.3, rel=1e-9)
    assert math.sqrt(dist.variance) / dist.mean == pytest.approx(1.3, rel=1e-9)
    spec = {"dist": "weibull", "mean": 400, "shape": k}
    mean, var, se_mean, se_var = _mean_var_and_errors(spec)
    x = draw(dist, np.random.default_rng(7), N)
    assert abs(x.mean() - 400) < 4 * se_mean
    assert abs(x.var() - var) < 4 * se_var


def test_weibull_with_shape_below_one_has_a_falling_hazard():
    """Callers who have waited long are less likely to hang up in the next minute."""
    dist = DIST.validate_python({"dist": "weibull", "mean": 420, "shape": 0.8})
    x = draw(dist, np.random.default_rng(3), N)

    def hazard_per_min(a: float, b: float) -> float:
        at_risk = np.clip(x[x > a], a, b) - a
        return ((x > a) & (x <= b)).sum() / at_risk.sum() * 60

    early, late = hazard_per_min(0, 30), hazard_per_min(180, 600)
    # Theory: h(t) = (k/λ)(t/λ)^(k-1); the ratio between t ≈ 15 s and t ≈ 390 s is
    # (390/15)^(k-1) = 26^-0.2 = 0.52. Both counts are in the tens of thousands, so the
    # estimated ratio is within a few percent of it.
    assert late / early == pytest.approx(26 ** -0.2, rel=0.1)


def test_mixture_picks_each_part_with_its_weight():
    """P(X < 10 s) of the short-and-long mixture, worked from the two lognormal CDFs."""
    x = draw(DIST.validate_python(SHORT_AND_LONG), np.random.default_rng(11), N)

    def lognormal_cdf(t: float, mean: float, cv: float) -> float:
        s2 = math.log1p(cv**2)
        z = (math.log(t) - math.log(mean) + s2 / 2) / math.sqrt(s2)
        return 0.5 * math.erfc(-z / math.sqrt(2))

    p = 0.05 * lognormal_cdf(10, 5, 0.5) + 0.95 * lognormal_cdf(10, 190, 1.0)
    assert abs((x < 10).mean() - p) < 4 * math.sqrt(p * (1 - p) / N)
