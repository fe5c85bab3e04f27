"""The statistics of satisfaction, each with its confidence interval and the name of its
method (docs/surveys.md):

- a share (CSAT %, CES share of 5–7): Wilson's score interval (scipy's `binomtest`);
- NPS = %promoters − %detractors, with the variance of a difference of two shares of one
  multinomial sample: Var = (p₊ + p₋ − (p₊ − p₋)²) ÷ n, and a normal interval;
- a mean (CSAT score, CES, a SERVQUAL gap): Student's t interval (scipy);
- Cronbach's alpha of a multi-item scale, α = k/(k−1) · (1 − Σ var(item) ÷ var(total)),
  with Feldt's F interval."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

LEVEL = 0.95


def _z() -> float:
    from scipy import stats

    return float(stats.norm.ppf(0.5 + LEVEL / 2))


def share(k: int, n: int) -> dict:
    """A share with Wilson's score interval."""
    if n == 0:
        return {"value": None, "low": None, "high": None, "n": 0, "method": "wilson"}
    from scipy import stats

    ci = stats.binomtest(int(k), int(n)).proportion_ci(confidence_level=LEVEL, method="wilson")
    return {"value": k / n, "low": float(ci.low), "high": float(ci.high), "n": int(n),
            "method": "wilson"}


def nps(scores) -> dict:
    """Net Promoter Score on a 0–10 scale, in points (−100 … 100)."""
    x = np.asarray(pd.Series(scores).dropna(), dtype=float)
    n = len(x)
    if n == 0:
        return {"value": None, "low": None, "high": None, "n": 0, "promoters": None,
                "passives": None, "detractors": None, "method": "nps-multinomial"}
    pro, det = float(np.mean(x >= 9)), float(np.mean(x <= 6))
    value = pro - det
    se = math.sqrt(max(pro + det - value**2, 0.0) / n)
    half = _z() * se
    return {"value": 100 * value, "low": 100 * max(value - half, -1.0),
            "high": 100 * min(value + half, 1.0), "n": n, "se": 100 * se,
            "promoters": pro, "passives": 1 - pro - det, "detractors": det,
            "method": "nps-multinomial"}


def mean(values) -> dict:
    """A mean with Student's t interval."""
    x = np.asarray(pd.Series(values).dropna(), dtype=float)
    n = len(x)
    if n == 0:
        return {"value": None, "low": None, "high": None, "n": 0, "method": "t"}
    m = float(x.mean())
    if n == 1 or float(x.std(ddof=1)) == 0.0:
        return {"value": m, "low": m if n > 1 else None, "high": m if n > 1 else None,
                "n": n, "method": "t"}
    from scipy import stats

    ci = stats.ttest_1samp(x, m).confidence_interval(confidence_level=LEVEL)
    return {"value": m, "low": float(ci.low), "high": float(ci.high), "n": n, "method": "t"}


def alpha_from_cov(cov: np.ndarray) -> float:
    """Cronbach's alpha from the items' covariance matrix: the total's variance is the sum
    of every entry, the items' variances its diagonal."""
    cov = np.asarray(cov, dtype=float)
    k = cov.shape[0]
    total = float(cov.sum())
    if k < 2 or total <= 0:
        return float("nan")
    return k / (k - 1) * (1.0 - float(np.trace(cov)) / total)


def cronbach(items: pd.DataFrame) -> dict:
    """Cronbach's alpha of the columns of `items` (rows with a missing answer dropped),
    with Feldt's interval and the alpha if each item were dropped."""
    data = items.dropna()
    n, k = data.shape
    if k < 2 or n < 3:
        return {"alpha": None, "low": None, "high": None, "n": int(n), "items": int(k),
                "if_dropped": {}, "method": "feldt"}
    cov = np.cov(data.to_numpy(float), rowvar=False, ddof=1)
    a = alpha_from_cov(cov)
    if math.isnan(a):
        return {"alpha": None, "low": None, "high": None, "n": int(n), "items": int(k),
                "if_dropped": {}, "method": "feldt"}
    from scipy import stats

    d1, d2 = n - 1, (n - 1) * (k - 1)
    low = 1 - (1 - a) * float(stats.f.ppf(0.5 + LEVEL / 2, d1, d2))
    high = 1 - (1 - a) * float(stats.f.ppf(0.5 - LEVEL / 2, d1, d2))
    dropped = {}
    if k > 2:
        for i, name in enumerate(data.columns):
            keep = [j for j in range(k) if j != i]
            dropped[str(name)] = alpha_from_cov(cov[np.ix_(keep, keep)])
    return {"alpha": a, "low": low, "high": high, "n": int(n), "items": int(k),
            "if_dropped": dropped, "method": "feldt"}


def servqual_gaps(responses: pd.DataFrame, dimension_of: dict[str, str]) -> list[dict]:
    """Per dimension: the mean expectation, the mean perception and the gap
    (perception − expectation), each respondent's gap being the mean of their perception
    items minus the mean of their expectation items of the dimension; the gap's interval
    is Student's t on those paired differences. `dimension_of` maps a statement's number
    ("01" … "22") to its dimension."""
    rows = []
    for dim in dict.fromkeys(dimension_of.values()):
        nums = [k for k, v in dimension_of.items() if v == dim]
        e_cols = [f"sq_e_{k}" for k in nums if f"sq_e_{k}" in responses]
        p_cols = [f"sq_p_{k}" for k in nums if f"sq_p_{k}" in responses]
        if not e_cols or not p_cols:
            continue
        e = responses[e_cols].mean(axis=1)
        p = responses[p_cols].mean(axis=1)
        gap = mean((p - e).dropna())
        rows.append({"dimension": dim, "expectation": float(e.mean()),
                     "perception": float(p.mean()), "gap": gap["value"],
                     "low": gap["low"], "high": gap["high"], "n": gap["n"],
                     "items": len(p_cols), "method": "t"})
    return rows
