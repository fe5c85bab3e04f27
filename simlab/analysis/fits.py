"""Fits of a contact log for calibration (`simlab calibrate`, docs/scenarios.md,
"Calibrating a scenario from a log"): demand profiles, handle times, patience.

- Handle time: a lognormal by maximum likelihood (the mean and standard deviation of
  log times), or, when at least `SHORT_SHARE_MIN` of the calls are shorter than
  `SHORT_S`, a two-part mixture whose parts are the lognormal fits of the short and of
  the other calls, weighted by their shares (real logs hold wrong numbers and hang-ups
  at the greeting: one lognormal is too regular for them).
- Patience: a Weibull by maximum likelihood with censoring: an abandoned contact's wait
  is an observed patience, an answered contact's wait a lower bound of it (it would have
  waited at least that long).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import optimize

SHORT_S = 10.0
SHORT_SHARE_MIN = 0.01
MIN_SAMPLE = 30


@dataclass(frozen=True)
class LognormalFit:
    mean: float
    cv: float
    n: int


@dataclass(frozen=True)
class HandleFit:
    """`short` is None for a single lognormal."""

    long: LognormalFit
    short: LognormalFit | None
    short_share: float
    n: int
    zeros: int  # contacts with no handling time, left out of the fit

    @property
    def mean(self) -> float:
        if self.short is None:
            return self.long.mean
        return self.short_share * self.short.mean + (1 - self.short_share) * self.long.mean


@dataclass(frozen=True)
class WeibullFit:
    shape: float
    mean: float
    events: int  # abandons
    censored: int  # answered after a wait


def lognormal(x: np.ndarray) -> LognormalFit:
    """Maximum likelihood: μ and σ are the mean and (population) standard deviation of
    log x; mean = exp(μ + σ²/2), cv = √(exp(σ²) − 1)."""
    logs = np.log(np.asarray(x, dtype=float))
    mu, sigma2 = float(logs.mean()), float(logs.var())
    return LognormalFit(math.exp(mu + sigma2 / 2), math.sqrt(math.expm1(sigma2)), int(len(logs)))


def handle(x: np.ndarray) -> HandleFit | None:
    x = np.asarray(x, dtype=float)
    x = x[~np.isnan(x)]
    positive = x[x > 0]
    if len(positive) < MIN_SAMPLE:
        return None
    short = positive[positive < SHORT_S]
    share = len(short) / len(positive)
    if share < SHORT_SHARE_MIN or len(short) < MIN_SAMPLE:
        return HandleFit(lognormal(positive), None, 0.0, len(positive), len(x) - len(positive))
    return HandleFit(lognormal(positive[positive >= SHORT_S]), lognormal(short), share,
                     len(positive), len(x) - len(positive))


def weibull_censored(events: np.ndarray, censored: np.ndarray) -> WeibullFit | None:
    """Maximise Σ log f(t) over the events + Σ log S(c) over the censored, with
    f(t) = k/λ (t/λ)^(k−1) exp(−(t/λ)^k) and S(c) = exp(−(c/λ)^k), over log k and log λ
    (Nelder–Mead from the exponential's estimate). Waits of 0 say nothing and are left out."""
    t = np.asarray(events, dtype=float)
    c = np.asarray(censored, dtype=float)
    t, c = t[t > 0], c[c > 0]
    if len(t) < MIN_SAMPLE:
        return None
    log_t = np.log(t)

    def minus_loglik(p: np.ndarray) -> float:
        k, lam = math.exp(p[0]), math.exp(p[1])
        z_t = (t / lam) ** k
        z_c = (c / lam) ** k
        ll = len(t) * (math.log(k) - k * math.log(lam)) + (k - 1) * log_t.sum()
        return -(ll - z_t.sum() - z_c.sum())

    start = np.array([0.0, math.log((t.sum() + c.sum()) / len(t))])
    res = optimize.minimize(minus_loglik, start, method="Nelder-Mead",
                            options={"xatol": 1e-8, "fatol": 1e-8, "maxiter": 4000})
    k, lam = math.exp(res.x[0]), math.exp(res.x[1])
    return WeibullFit(k, lam * math.gamma(1 + 1 / k), len(t), len(c))


def hourly_shares(arrival_s: np.ndarray) -> list[float]:
    """Share of the contacts by hour of the day (24 values summing to 1)."""
    hours = (np.asarray(arrival_s, dtype=float) % 86400 // 3600).astype(int)
    counts = np.bincount(hours, minlength=24)[:24].astype(float)
    return (counts / counts.sum()).tolist() if counts.sum() else [1 / 24] * 24


def weekday_factors(arrival_s: np.ndarray, first_weekday: int, days: int
                    ) -> tuple[float, list[float]]:
    """The mean contacts of a Monday–Friday, and each weekday's mean ÷ that. A weekday
    with no day in the log gets 0 (nothing can be said of it); days of the log with no
    contact count as days with zero contacts."""
    day = (np.asarray(arrival_s, dtype=float) // 86400).astype(int)
    per_day = np.bincount(day, minlength=days)[:days].astype(float)
    weekday = (first_weekday + np.arange(days)) % 7
    means = [float(per_day[weekday == w].mean()) if (weekday == w).any() else 0.0
             for w in range(7)]
    working = [m for w, m in enumerate(means[:5]) if (weekday == w).any()]
    volume = float(np.mean(working)) if working else float(per_day.mean())
    factors = [m / volume if volume > 0 else 0.0 for m in means]
    return volume, factors
