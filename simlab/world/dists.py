"""Draw from the one distribution shape of the YAML files (DESIGN.md)."""

from __future__ import annotations

import numpy as np

from simlab.model.common import Constant, Empirical, Exponential, Gamma, Lognormal


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
    if isinstance(dist, Constant):
        return np.full(n, float(dist.value))
    if isinstance(dist, Empirical):
        return rng.choice(np.asarray(dist.values, dtype=float), n)
    raise TypeError(f"unknown distribution {dist!r}")
