"""Exactly rounded sums of floats: the run's sums of seconds, hours and euros are the
true sum of the values rounded once (as `math.fsum` gives it), so they depend neither
on the library's version nor on the order in which the values are added (docs/kpi.md).

How, without a Python loop over a million values: a float is m × 2^(e−53) with m a
whole number below 2^53 (`np.frexp`). Split m into its high and low 26 bits: summed
per (group, e) by `np.bincount` in float64, these are whole numbers well below 2^53 at
every step, hence exact. Each group's sum is then a Python integer (no rounding at all)
divided once by a power of two, which Python rounds correctly. The values are taken a
quarter of a million at a time, so the working arrays never hold a run's million."""

from __future__ import annotations

import math

import numpy as np

_HALF = 26
# values taken at a time: partial sums of a chunk's halves stay below 2^(18+27), exact
# in float64, and the working arrays of a chunk stay a few megabytes
_CHUNK = 1 << 18
_MAX_BINS = 1 << 22  # groups × exponents: beyond, math.fsum group by group


def exact_sum(values: np.ndarray) -> float:
    """The exactly rounded sum of `values`; NaN or infinity propagates as in any sum."""
    values = np.asarray(values, dtype=np.float64).ravel()
    return float(exact_group_sums(values, np.zeros(values.size, dtype=np.intp), 1)[0])


def exact_group_sums(values: np.ndarray, codes: np.ndarray, n_groups: int,
                     total: bool = False) -> np.ndarray:
    """The exactly rounded sum of `values` for each group 0 … n_groups-1 (`codes`, one
    per value); a group with no value sums to 0.0, one with NaN or ±inf to what IEEE
    addition gives (NaN, ±inf). With `total`, one more item: the exactly rounded sum of
    all the values (from the groups' exact sums, not from their rounded ones)."""
    values = np.asarray(values, dtype=np.float64).ravel()
    codes = np.asarray(codes, dtype=np.intp).ravel()
    out = np.zeros(n_groups + total, dtype=np.float64)
    if values.size == 0:
        return out
    finite = np.isfinite(values)
    special = None
    if not finite.all():  # NaN, ±inf: their groups' sums are not numbers to round
        special = np.zeros(n_groups, dtype=bool)
        special[codes[~finite]] = True
        out[:n_groups][special] = np.bincount(codes[~finite], weights=values[~finite],
                                              minlength=n_groups)[special]
        if total:
            out[-1] = float(np.sum(values[~finite]))  # NaN or ±inf whatever the rest
        values, codes = values[finite], codes[finite]
    del finite
    sums = _integer_sums(values, codes, n_groups, total)
    if sums is None:
        sums = _by_group_fsum(values, codes, n_groups, total)
    if special is not None:
        sums[:n_groups][special] = out[:n_groups][special]
        if total:
            sums[-1] = out[-1]
    return sums


def _integer_sums(values: np.ndarray, codes: np.ndarray, n_groups: int,
                  total: bool) -> np.ndarray | None:
    """The groups' sums (and of all, with `total`) as exact Python integers times a
    power of two, chunk by chunk, each rounded once at the end; None if the exponents
    spread too wide for the table of (group, exponent) bins."""
    sums = [0] * n_groups
    scale = None
    for start in range(0, values.size, _CHUNK):
        part = _chunk_integers(values[start:start + _CHUNK], codes[start:start + _CHUNK],
                               n_groups)
        if part is None:
            return None
        ints, chunk_scale = part
        if not ints:
            continue
        if scale is None or chunk_scale < scale:  # one common power of two for all
            sums = [x << (scale - chunk_scale) for x in sums] if scale is not None else sums
            scale = chunk_scale
        shift = chunk_scale - scale
        for g, x in ints.items():
            sums[g] += x << shift
    out = np.zeros(n_groups + total, dtype=np.float64)
    if scale is None:
        return out
    for g, x in enumerate(sums):
        if x:
            out[g] = _scaled(x, scale)
    if total:
        out[-1] = _scaled(sum(sums), scale)
    return out


def _chunk_integers(values: np.ndarray, codes: np.ndarray,
                    n_groups: int) -> tuple[dict[int, int], int] | None:
    """{group: Σ of its values ÷ 2^scale, a whole number} and scale, for one chunk."""
    nonzero = values != 0  # zeros add nothing, and are often most of an indicator
    if np.count_nonzero(nonzero) < 0.8 * values.size:
        values, codes = values[nonzero], codes[nonzero]
    del nonzero
    if values.size == 0:
        return {}, 0
    mantissa, exponent = np.frexp(values)
    whole = (mantissa * float(1 << 53)).astype(np.int64)  # exact: m has 53 bits
    del mantissa
    low = int(exponent.min())
    width = int(exponent.max()) - low + 1
    if n_groups * width > _MAX_BINS:
        return None
    key = codes * width + (exponent - low)
    del exponent
    bins = n_groups * width
    high = np.bincount(key, weights=whole >> _HALF, minlength=bins).reshape(n_groups, width)
    rest = np.bincount(key, weights=whole & ((1 << _HALF) - 1),
                       minlength=bins).reshape(n_groups, width)
    ints = {}
    for g in np.flatnonzero(high.any(axis=1) | rest.any(axis=1)).tolist():
        whole_sum = 0
        for j, (h, r) in enumerate(zip(high[g].tolist(), rest[g].tolist(), strict=True)):
            if h or r:
                whole_sum += (int(h) << (j + _HALF)) + (int(r) << j)
        ints[g] = whole_sum
    return ints, low - 53


def _scaled(total: int, scale: int) -> float:
    """total × 2^scale as the nearest float (Python's int division rounds correctly)."""
    try:
        return float(total << scale) if scale >= 0 else total / (1 << -scale)
    except OverflowError:  # the true sum exceeds the largest float
        return math.inf if total > 0 else -math.inf


def _by_group_fsum(values: np.ndarray, codes: np.ndarray, n_groups: int,
                   total: bool) -> np.ndarray:
    """The same sums by `math.fsum`, group by group: for more values than the integer
    method keeps exact in one pass, or exponents spread too wide for its table."""
    out = np.zeros(n_groups + total, dtype=np.float64)
    if total:
        try:
            out[-1] = math.fsum(values.tolist())
        except OverflowError:
            out[-1] = math.copysign(math.inf, float(np.sum(values)))
    order = np.argsort(codes, kind="stable")
    ends = np.cumsum(np.bincount(codes, minlength=n_groups)).tolist()
    ordered = values[order]
    start = 0
    for g, end in enumerate(ends):
        if end > start:
            try:
                out[g] = math.fsum(ordered[start:end].tolist())
            except OverflowError:  # the true sum exceeds the largest float
                out[g] = math.copysign(math.inf, float(np.sum(ordered[start:end])))
        start = end
    return out
