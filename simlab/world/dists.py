"""Draw from the one distribution shape of the YAML files (simlab/model/distributions.py)."""

from __future__ import annotations

import numpy as np

from simlab.model.distributions import (
    Constant,
    Empirical,
    Exponential,
    Gamma,
    Lognormal,
    Mixture,
    Weibull,
)


def draw(dist: object, rng: np.random.Generator, n: int) -> np.ndarray:
    """`n` values of `dist`; `None` means infinite (no abandonment)."""
    if dist is None:
        return np.full(n, np.inf)
    if isinstance(dist, Exponential):
        return rng.exponential(dist.mean, n)
    if isinstance(dist, Lognormal):
        mu, sigma = dist.log_params()
        return rng.lognormal(mu, sigma, n)
    if isinstance(dist, Gamma):
        shape, scale = dist.shape_scale()
        return rng.gamma(shape, scale, n)
    if isinstance(dist, Weibull):
        shape, scale = dist.shape_scale()
        return scale * rng.weibull(shape, n)
    if isinstance(dist, Constant):
        return np.full(n, float(dist.value))
    if isinstance(dist, Empirical):
        return rng.choice(np.asarray(dist.values, dtype=float), n)
    if isinstance(dist, Mixture):
        return _mixture(dist, rng, n)
    raise TypeError(f"unknown distribution {dist!r}")


def _mixture(dist: Mixture, rng: np.random.Generator, n: int) -> np.ndarray:
    """Pick each value's part first, then draw every part in one call, in part order."""
    cum = np.cumsum(dist.weights)
    part = np.minimum(np.searchsorted(cum / cum[-1], rng.random(n), side="right"),
                      len(dist.parts) - 1)
    out = np.empty(n)
    for i, p in enumerate(dist.parts):
        mask = part == i
        out[mask] = draw(p.dist, rng, int(mask.sum()))
    return out
