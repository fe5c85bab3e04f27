"""Statistical process control of a contact centre (docs/variance.md): the p-chart of
abandonment by interval, the X-bar and R charts of handling time by interval, and the
Pareto of contact reasons and of complaint causes.

The constants A2, D3 and D4 of the X-bar and R charts are those of the published table of
factors for control charts (D. C. Montgomery, *Introduction to Statistical Quality
Control*, Appendix VI; the same values are in ASTM's *Manual on Presentation of Data and
Control Chart Analysis*), for subgroups of 2 to 10 observations.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from simlab.errors import SimlabError
from simlab.i18n import _

# n: (A2, D3, D4); Montgomery, Appendix VI.
XBAR_R_FACTORS: dict[int, tuple[float, float, float]] = {
    2: (1.880, 0.0, 3.267),
    3: (1.023, 0.0, 2.574),
    4: (0.729, 0.0, 2.282),
    5: (0.577, 0.0, 2.114),
    6: (0.483, 0.0, 2.004),
    7: (0.419, 0.076, 1.924),
    8: (0.373, 0.136, 1.864),
    9: (0.337, 0.184, 1.816),
    10: (0.308, 0.223, 1.777),
}
DEFAULT_SUBGROUP = 5
VITAL_FEW_SHARE = 0.80


@dataclass
class PChart:
    """One row per sample: n, defectives, p, lcl, ucl, out (True when p is outside)."""

    centre: float
    points: pd.DataFrame


@dataclass
class XbarR:
    n: int
    grand_mean: float
    mean_range: float
    xbar_lcl: float
    xbar_ucl: float
    r_lcl: float
    r_ucl: float
    points: pd.DataFrame  # label, mean, range, xbar_out, r_out


def p_chart(labels: list, n: np.ndarray, defectives: np.ndarray) -> PChart:
    """p̄ = Σ defectives ÷ Σ n; each sample's limits p̄ ± 3·√(p̄(1 − p̄)/nᵢ), cut to [0, 1].
    Samples with n = 0 are left out."""
    n = np.asarray(n, dtype=float)
    d = np.asarray(defectives, dtype=float)
    keep = n > 0
    labels = [lab for lab, k in zip(labels, keep, strict=True) if k]
    n, d = n[keep], d[keep]
    if n.sum() == 0:
        return PChart(math.nan, pd.DataFrame(columns=["label", "n", "defectives", "p", "lcl",
                                                      "ucl", "out"]))
    centre = float(d.sum() / n.sum())
    sigma = np.sqrt(centre * (1 - centre) / n)
    p = d / n
    lcl = np.maximum(0.0, centre - 3 * sigma)
    ucl = np.minimum(1.0, centre + 3 * sigma)
    points = pd.DataFrame({"label": labels, "n": n.astype(int), "defectives": d.astype(int),
                           "p": p, "lcl": lcl, "ucl": ucl, "out": (p > ucl) | (p < lcl)})
    return PChart(centre, points)


def xbar_r_limits(grand_mean: float, mean_range: float, n: int) -> tuple[float, ...]:
    """(x̄ LCL, x̄ UCL, R LCL, R UCL) = x̿ ∓ A2·R̄, D3·R̄, D4·R̄."""
    if n not in XBAR_R_FACTORS:
        raise SimlabError(_("the subgroup size must be between {lo} and {hi}").format(
            lo=min(XBAR_R_FACTORS), hi=max(XBAR_R_FACTORS)), key="n")
    a2, d3, d4 = XBAR_R_FACTORS[n]
    return (grand_mean - a2 * mean_range, grand_mean + a2 * mean_range,
            d3 * mean_range, d4 * mean_range)


def xbar_r(labels: list, subgroups: list[np.ndarray]) -> XbarR:
    """X-bar and R of subgroups that all have the same size n (2–10)."""
    sizes = {len(s) for s in subgroups}
    if len(sizes) != 1:
        raise SimlabError(_("the subgroups of an X-bar and R chart must have the same size"),
                          key="n")
    n = sizes.pop()
    means = np.array([float(np.mean(s)) for s in subgroups])
    ranges = np.array([float(np.max(s) - np.min(s)) for s in subgroups])
    grand, rbar = float(means.mean()), float(ranges.mean())
    xl, xu, rl, ru = xbar_r_limits(grand, rbar, n)
    points = pd.DataFrame({"label": list(labels), "mean": means, "range": ranges,
                           "xbar_out": (means > xu) | (means < xl),
                           "r_out": (ranges > ru) | (ranges < rl)})
    return XbarR(n, grand, rbar, xl, xu, rl, ru, points)


def pareto(counts: dict[str, int] | pd.Series, vital_share: float = VITAL_FEW_SHARE
           ) -> pd.DataFrame:
    """Categories by count, largest first (ties by name), with share, cumulative share and
    `vital`: the fewest categories whose cumulative share reaches `vital_share` (80%)."""
    series = pd.Series(counts, dtype=float)
    series = series[series > 0]
    frame = pd.DataFrame({"category": [str(i) for i in series.index],
                          "count": series.to_numpy()})
    frame = frame.sort_values(["count", "category"], ascending=[False, True],
                              kind="stable").reset_index(drop=True)
    total = frame["count"].sum()
    frame["share"] = frame["count"] / total if total else np.nan
    frame["cumulative"] = frame["share"].cumsum()
    before = frame["cumulative"].shift(1, fill_value=0.0)
    frame["vital"] = before < vital_share - 1e-12
    frame["count"] = frame["count"].astype(int)
    return frame


# ---- the charts of a run's contacts -------------------------------------------------

def interval_codes(arrival_s: np.ndarray, interval_s: int) -> np.ndarray:
    return (np.asarray(arrival_s, dtype=float) // interval_s).astype(np.int64)


def interval_label(code: int, interval_s: int) -> str:
    """«g3 10:30»: the day (1 = the first) and the start of the interval."""
    start = int(code) * interval_s
    day, second = divmod(start, 86400)
    return f"g{day + 1} {second // 3600:02d}:{second % 3600 // 60:02d}"


def abandonment_chart(contacts: pd.DataFrame, channel: str, interval_s: int = 1800) -> PChart:
    """p-chart of abandonment: each interval with offered contacts of the channel is a
    sample, n = offered (arrivals − out of hours), defectives = abandoned."""
    c = contacts[(contacts["channel"] == channel).to_numpy()]
    outcome = c["outcome"].astype(str).to_numpy()
    offered = outcome != "out_of_hours"
    codes = interval_codes(c["arrival_s"].to_numpy(), interval_s)
    keys, position = np.unique(codes, return_inverse=True)
    n = np.bincount(position[offered], minlength=len(keys))
    d = np.bincount(position[outcome == "abandoned"], minlength=len(keys))
    return p_chart([interval_label(k, interval_s) for k in keys], n, d)


def handle_time_chart(contacts: pd.DataFrame, channel: str, interval_s: int = 1800,
                      n: int = DEFAULT_SUBGROUP) -> XbarR | None:
    """X-bar and R of handling time: each interval's subgroup is its first n answered
    contacts of the channel by arrival (intervals with fewer are left out). None when no
    interval has n."""
    c = contacts[(contacts["channel"] == channel).to_numpy()
                 & (contacts["outcome"].astype(str) == "answered").to_numpy()]
    c = c.sort_values(["arrival_s", "contact_id"], kind="stable")
    codes = interval_codes(c["arrival_s"].to_numpy(), interval_s)
    handle = c["handle_s"].to_numpy(dtype=float)
    labels, groups = [], []
    for k in np.unique(codes):
        values = handle[codes == k][:n]
        if len(values) == n:
            labels.append(interval_label(k, interval_s))
            groups.append(values)
    if len(groups) < 2:
        return None
    return xbar_r(labels, groups)


def reasons_pareto(contacts: pd.DataFrame) -> pd.DataFrame:
    offered = (contacts["outcome"].astype(str) != "out_of_hours").to_numpy()
    return pareto(contacts.loc[offered, "reason"].astype(str).value_counts())


COMPLAINT_CAUSES = ("previous_abandoned", "previous_unresolved", "previous_long_wait",
                    "previous_resolved", "no_previous")


def complaint_causes(contacts: pd.DataFrame, complaint_reasons: list[str],
                     thresholds_s: dict[str, float]) -> pd.DataFrame:
    """Pareto of the causes of complaints found in the data: for each complaint contact,
    what happened to the same customer's previous contact in the log (abandoned, handled
    but not resolved, answered after a wait over its channel's threshold, resolved) or
    that there was none. `thresholds_s` holds the real-time channels' SL thresholds (a
    ticket's wait is its calendar time to a first response, not a queue wait)."""
    c = contacts[(contacts["customer_id"].to_numpy() >= 0)]
    c = c.sort_values(["arrival_s", "contact_id"], kind="stable")
    reason = c["reason"].astype(str).to_numpy()
    outcome = c["outcome"].astype(str).to_numpy()
    customer = c["customer_id"].to_numpy()
    wait = c["wait_s"].to_numpy(dtype=float)
    resolved = c["resolved"].to_numpy().astype(bool)
    channel = c["channel"].astype(str).to_numpy()
    is_complaint = np.isin(reason, complaint_reasons)
    last: dict[int, int] = {}
    counts = dict.fromkeys(COMPLAINT_CAUSES, 0)
    for i in range(len(c)):
        cust = int(customer[i])
        if is_complaint[i]:
            j = last.get(cust)
            if j is None:
                counts["no_previous"] += 1
            elif outcome[j] == "abandoned":
                counts["previous_abandoned"] += 1
            elif outcome[j] == "answered" and not resolved[j]:
                counts["previous_unresolved"] += 1
            elif (outcome[j] == "answered" and channel[j] in thresholds_s
                  and wait[j] > thresholds_s[channel[j]]):
                counts["previous_long_wait"] += 1
            else:
                counts["previous_resolved"] += 1
        last[cust] = i
    return pareto(counts)
