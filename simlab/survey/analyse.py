"""The analysis of a survey's responses: what `simlab survey analyse` prints and the app
shows. Customers: CSAT, NPS and CES with their intervals (overall and by channel),
SERVQUAL gaps per dimension, Cronbach's alpha of each multi-item scale, the drivers of
NPS and CSAT, the themes of the comments. Staff: the score of each dimension, its alpha,
the link between workload and occupancy, the drivers of the intention to stay, the
themes. The methods are in `survey.stats` and `survey.drivers`."""

from __future__ import annotations

import numpy as np
import pandas as pd

from simlab.survey import comments, drivers, stats
from simlab.survey.bank import SERVQUAL_DIMENSIONS, STAFF_DIMENSIONS, Bank

TOP_CSAT, TOP_CES = 4, 5  # CSAT %: share of 4 and 5 on 1–5; CES: share of 5–7 on 1–7


def scores(responses: pd.DataFrame) -> dict:
    """CSAT, NPS and CES of one group of respondents (those asked)."""
    out: dict = {"n": int(len(responses))}
    if "csat" in responses:
        x = responses["csat"].dropna()
        out["csat"] = stats.share(int((x >= TOP_CSAT).sum()), len(x))
        out["csat_mean"] = stats.mean(x)
    if "nps" in responses:
        out["nps"] = stats.nps(responses["nps"])
    if "ces" in responses:
        x = responses["ces"].dropna()
        out["ces"] = stats.mean(x)
        out["ces_easy"] = stats.share(int((x >= TOP_CES).sum()), len(x))
    return out


def customer(responses: pd.DataFrame, bank: Bank) -> dict:
    out = scores(responses)
    out["by_channel"] = {str(ch): scores(part) for ch, part in
                         responses.groupby("channel", sort=True, observed=True)}
    dimension_of = {item_id[-2:]: item.dimension for item_id, item in bank.items.items()
                    if item.part == "perception"}
    out["servqual"] = [{**row, "name": bank.dimension_name(row["dimension"])}
                       for row in stats.servqual_gaps(responses, dimension_of)]
    out["reliability"] = _reliability(responses, bank, [
        (f"{part}:{dim}", [i for i, it in bank.items.items()
                           if it.part == part and it.dimension == dim])
        for part in ("expectation", "perception") for dim in SERVQUAL_DIMENSIONS])
    factors = drivers.customer_factors(responses) if len(responses) else None
    out["drivers"] = {target: drivers.ols(responses[target], factors)
                      for target in ("nps", "csat") if target in responses and factors is not None}
    out["themes"] = _themes(responses, bank, "customer")
    return out


def staff(responses: pd.DataFrame, bank: Bank) -> dict:
    out: dict = {"n": int(len(responses))}
    dims = []
    for dim in STAFF_DIMENSIONS:
        cols = [i for i, it in bank.items.items() if it.dimension == dim and i in responses]
        if cols:
            score = responses[cols].mean(axis=1)
            dims.append({"dimension": dim, "name": bank.dimension_name(dim),
                         "items": len(cols), **stats.mean(score)})
    out["dimensions"] = dims
    out["reliability"] = _reliability(responses, bank, [
        (f"staff:{dim}", [i for i, it in bank.items.items() if it.dimension == dim])
        for dim in STAFF_DIMENSIONS])
    out["link"] = _link(responses, bank, "workload", "occupancy")
    stay = [i for i, it in bank.items.items() if it.dimension == "stay" and i in responses]
    out["drivers"] = ({"stay": drivers.ols(responses[stay].mean(axis=1),
                                           drivers.staff_factors(responses))} if stay else {})
    out["themes"] = _themes(responses, bank, "staff")
    return out


def _reliability(responses: pd.DataFrame, bank: Bank, scales: list[tuple[str, list[str]]]
                 ) -> list[dict]:
    rows = []
    for name, cols in scales:
        present = [c for c in cols if c in responses]
        if len(present) >= 2:
            part, dim = name.split(":")
            rows.append({"scale": name, "part": part, "dimension": dim,
                         "name": bank.dimension_name(dim), **stats.cronbach(responses[present])})
    return rows


def _link(responses: pd.DataFrame, bank: Bank, dimension: str, fact: str) -> dict | None:
    """Pearson's r between a dimension's score and a fact of the agents, with its
    interval (Fisher's z, scipy)."""
    cols = [i for i, it in bank.items.items() if it.dimension == dimension and i in responses]
    if not cols or len(responses) < 4:
        return None
    score = responses[cols].mean(axis=1).to_numpy(float)
    x = responses[fact].to_numpy(float)
    if np.std(score) == 0 or np.std(x) == 0:
        return None
    from scipy import stats as sps

    r = sps.pearsonr(x, score)
    ci = r.confidence_interval(confidence_level=stats.LEVEL)
    return {"dimension": dimension, "fact": fact, "r": float(r.statistic),
            "low": float(ci.low), "high": float(ci.high), "p": float(r.pvalue),
            "n": int(len(x)), "method": "pearson"}


def _themes(responses: pd.DataFrame, bank: Bank, audience: str) -> list[dict]:
    col = "comment" if audience == "customer" else "st_comment"
    if col not in responses:
        return []
    return comments.themes_table(responses[col].fillna("").astype(str).tolist(),
                                 bank.themes[audience])
