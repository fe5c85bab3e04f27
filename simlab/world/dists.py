"""Draw from the one distribution shape of the YAML files (simlab/model/distributions.py).

A `Sampler` draws for many contacts at once, each from the distribution of its group
(e.g. channel × reason for handle times): one call per family of distributions instead
of one per group, so that a year of days, each with its own stream, stays fast."""

from __future__ import annotations

from collections.abc import Sequence

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

# Families in the order they are drawn; a mixture is split into its parts.
NONE, EXPONENTIAL, LOGNORMAL, GAMMA, WEIBULL, CONSTANT, EMPIRICAL = range(7)


class Sampler:
    """Group g draws from `dists[g]`; `None` is infinite (no abandonment)."""

    def __init__(self, dists: Sequence[object]) -> None:
        family, a, b, emp_start, emp_len, values = [], [], [], [], [], []
        cums, first = [], []
        for dist in dists:
            parts = [(p.weight, p.dist) for p in dist.parts] if isinstance(dist, Mixture) \
                else [(1.0, dist)]
            first.append(len(family))
            cum = np.cumsum([w for w, _d in parts])
            cums.append(cum / cum[-1])
            for _w, d in parts:
                f, pa, pb = _params(d)
                family.append(f)
                a.append(pa)
                b.append(pb)
                emp_start.append(len(values))
                emp_len.append(len(d.values) if isinstance(d, Empirical) else 0)
                if isinstance(d, Empirical):
                    values.extend(d.values)
        width = max(len(c) for c in cums) if cums else 1
        self.cum = np.ones((len(cums), width))
        for g, c in enumerate(cums):
            self.cum[g, : len(c)] = c
        self.n_parts = np.array([len(c) for c in cums], dtype=np.int64)
        self.first = np.array(first, dtype=np.int64)
        self.family = np.array(family, dtype=np.int64)
        self.a, self.b = np.array(a, dtype=float), np.array(b, dtype=float)
        self.emp_start = np.array(emp_start, dtype=np.int64)
        self.emp_len = np.array(emp_len, dtype=np.int64)
        self.values = np.array(values, dtype=float)
        self.mixed = bool((self.n_parts > 1).any())

    def draw(self, group: np.ndarray, rngs: Sequence[np.random.Generator],
             bounds: Sequence[int]) -> np.ndarray:
        """One value per element of `group`; elements bounds[i] … bounds[i+1]-1 take their
        random numbers from rngs[i] (a day's stream), in a fixed order: the part of each
        mixture first (if any group is a mixture), then family by family. Only the draws
        are per stream; the arithmetic is done once for all elements."""
        group = np.asarray(group, dtype=np.int64)
        comp = self.first[group]
        if self.mixed:
            u = _per_stream(rngs, bounds, lambda rng, m, _s: rng.random(m))
            # how many of its parts' cumulated weights are ≤ u, a column at a time: no
            # table of contacts × parts (the same counts, a ninth of the time)
            k = np.zeros(group.size, dtype=np.int64)
            for column in self.cum.T:
                k += u >= column[group]
            comp = comp + np.minimum(k, self.n_parts[group] - 1)
        fam = self.family[comp]
        out = np.empty(group.size)
        present = np.flatnonzero(np.bincount(fam, minlength=EMPIRICAL + 1))
        for f in present:
            # one family for all (the usual case): every element, in order, without
            # gathering and scattering them (the same values, the same bits)
            whole = len(present) == 1
            idx = slice(None) if whole else np.flatnonzero(fam == f)
            c = comp if whole else comp[idx]
            if f == NONE:
                out[idx] = np.inf
            elif f == CONSTANT:
                out[idx] = self.a[c]
            else:
                cuts = bounds if whole else np.searchsorted(idx, bounds)
                if f == GAMMA:
                    shape = self.a[c]
                    z = _per_stream(rngs, cuts,
                                    lambda rng, _m, s, shape=shape: rng.standard_gamma(shape[s]))
                    out[idx] = z * self.b[c]
                elif f == LOGNORMAL:
                    # The generator's own lognormal (exp of one standard normal, as before)
                    # calls the C library's exp per value. numpy's array exp picks a SIMD
                    # kernel by processor (AVX-512 or not) whose last bit differs, and a
                    # run must give the same bytes on every machine.
                    mu, sigma = self.a[c], self.b[c]
                    out[idx] = _per_stream(rngs, cuts, lambda rng, _m, s, mu=mu, sigma=sigma:
                                           rng.lognormal(mu[s], sigma[s]))
                elif f == EMPIRICAL:
                    z = _per_stream(rngs, cuts, lambda rng, m, _s: rng.random(m))
                    pick = np.minimum(np.floor(z * self.emp_len[c]).astype(np.int64),
                                      self.emp_len[c] - 1)
                    out[idx] = self.values[self.emp_start[c] + pick]
                elif f == EXPONENTIAL:
                    z = _per_stream(rngs, cuts, lambda rng, m, _s: rng.standard_exponential(m))
                    out[idx] = z * self.a[c]
                else:  # Weibull: scale × E^(1/k), E ~ Exp(1); the generator's weibull draws
                    # that E and takes the power in C, the same on every processor (above)
                    shape = self.a[c]
                    z = _per_stream(rngs, cuts,
                                    lambda rng, _m, s, shape=shape: rng.weibull(shape[s]))
                    out[idx] = self.b[c] * z
        return out


def _per_stream(rngs, bounds, make) -> np.ndarray:
    """Fill slice i (bounds[i] … bounds[i+1]) from `make(rngs[i], size, slice)`."""
    out = np.empty(int(bounds[-1]) - int(bounds[0]))
    first = int(bounds[0])
    for i, rng in enumerate(rngs):
        lo, hi = int(bounds[i]), int(bounds[i + 1])
        if hi > lo:
            out[lo - first:hi - first] = make(rng, hi - lo, slice(lo - first, hi - first))
    return out


def _params(dist: object) -> tuple[int, float, float]:
    if dist is None:
        return NONE, 0.0, 0.0
    if isinstance(dist, Exponential):
        return EXPONENTIAL, dist.mean, 0.0
    if isinstance(dist, Lognormal):
        return (LOGNORMAL, *dist.log_params())
    if isinstance(dist, Gamma):
        return (GAMMA, *dist.shape_scale())
    if isinstance(dist, Weibull):
        return (WEIBULL, *dist.shape_scale())
    if isinstance(dist, Constant):
        return CONSTANT, dist.value, 0.0
    if isinstance(dist, Empirical):
        return EMPIRICAL, 0.0, 0.0
    raise TypeError(f"unknown distribution {dist!r}")


def draw(dist: object, rng: np.random.Generator, n: int) -> np.ndarray:
    """`n` values of `dist`; `None` means infinite (no abandonment)."""
    return Sampler([dist]).draw(np.zeros(n, dtype=np.int64), [rng], [0, n])
