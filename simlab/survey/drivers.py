"""Drivers of satisfaction: which parts of the experience move NPS (or CSAT, or the
staff's intention to stay), by ordinary least squares (statsmodels, imported when the
analysis runs). Each factor's coefficient is the change of the score for one unit of it,
the others held fixed, with its 95% interval and p-value.

Customer factors: the wait as an index, ln(1 + wait ÷ typical tolerance: 90 s in real
time, 4 business hours to a ticket's first response), abandoned, resolved at first
contact, a repeat within 7 days, the team's proficiency, and the channel (against the
channel with the most answers). Staff factors: occupancy, overtime hours, the share of
evening and weekend work."""

from __future__ import annotations

import numpy as np
import pandas as pd

from simlab.survey.experience import PATIENCE_DEFERRED_S, PATIENCE_REAL_TIME_S

MIN_RESPONSES = 10


def customer_factors(responses: pd.DataFrame) -> pd.DataFrame:
    reference = np.where(responses["deferred"].to_numpy(bool), PATIENCE_DEFERRED_S,
                         PATIENCE_REAL_TIME_S)
    x = pd.DataFrame({
        "wait_index": np.log1p(responses["wait_s"].to_numpy(float) / reference),
        "abandoned": responses["abandoned"].to_numpy(float),
        "resolved": responses["resolved"].to_numpy(float),
        "repeat": responses["repeat"].to_numpy(float),
        "proficiency": responses["proficiency"].to_numpy(float),
    })
    channels = responses["channel"].astype(str)
    counts = channels.value_counts()
    if len(counts) > 1:
        base = sorted(counts.index, key=lambda c: (-counts[c], c))[0]
        for ch in sorted(counts.index):
            if ch != base:
                x[f"channel:{ch}"] = (channels == ch).to_numpy(float)
    return x


def staff_factors(responses: pd.DataFrame) -> pd.DataFrame:
    return responses[["occupancy", "overtime_h", "late_share", "weekend_share"]].astype(float)


def ols(y: pd.Series, x: pd.DataFrame) -> dict:
    """OLS of `y` on the factors of `x` that vary; rows with a missing score dropped."""
    keep = y.notna().to_numpy()
    y, x = y[keep].astype(float), x[keep]
    x = x.loc[:, [c for c in x.columns if x[c].nunique() > 1]]
    n = len(y)
    if n < max(MIN_RESPONSES, x.shape[1] + 5) or x.shape[1] == 0:
        return {"n": int(n), "r2": None, "factors": [], "method": "ols"}
    from statsmodels.regression.linear_model import OLS

    design = np.column_stack([np.ones(n), x.to_numpy(float)])
    fit = OLS(y.to_numpy(float), design).fit()
    ci = fit.conf_int(alpha=0.05)
    factors = [{"factor": name, "coef": float(fit.params[i + 1]),
                "low": float(ci[i + 1][0]), "high": float(ci[i + 1][1]),
                "p": float(fit.pvalues[i + 1])} for i, name in enumerate(x.columns)]
    factors.sort(key=lambda f: (-abs(f["coef"] * float(x[f["factor"]].std(ddof=0))),
                                f["factor"]))
    return {"n": int(n), "r2": float(fit.rsquared), "intercept": float(fit.params[0]),
            "factors": factors, "method": "ols"}
