"""Market and competitor analysis for the care model (UF1.A1, UF1.A2; docs/market.md):
the benchmark gap table, the positioning map, importance–performance analysis of the
SERVQUAL attributes, the needs of each segment and a suggested care archetype.

Pure functions of data frames shaped like `datasets/competitors.csv` and
`datasets/market_survey.csv`; a company enters as a dict of its stated values.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from simlab.i18n import _, decimal
from simlab.model.care import CareModel
from simlab.model.scenario import Scenario

ARCHETYPES = ("reactive", "proactive", "self_service", "premium", "omnichannel")
DIMENSIONS = ("tangibles", "reliability", "responsiveness", "assurance", "empathy")
DIGITAL = ("chat", "app", "social")
# Benchmark metrics and whether more is better.
METRICS = (("service_level", True), ("asa_s", False), ("fcr", True), ("csat", True),
           ("nps", True), ("cost_per_contact_eur", False), ("phone_hours_week", True),
           ("channel_count", True))
_SECTOR_WORDS = {
    "energy": ("energia", "energy", "luce", "gas"),
    "telecoms": ("telecomunicazion", "telecom", "telefonia", "fibra"),
    "ecommerce": ("commercio elettronico", "e-commerce", "ecommerce", "online"),
}


def archetype_label(key: str) -> str:
    return {"reactive": _("reactive"), "proactive": _("proactive"),
            "self_service": _("self-service first"), "premium": _("high-touch premium"),
            "omnichannel": _("omnichannel")}[key]


def quadrant_label(key: str) -> str:
    return {"concentrate": _("concentrate here"), "keep_up": _("keep up the good work"),
            "low_priority": _("low priority"), "overkill": _("possible overkill")}[key]


# The unit of each benchmark metric, for display (analysis.kpi's units).
METRIC_UNITS = {"service_level": "ratio", "asa_s": "seconds", "fcr": "ratio", "csat": "ratio",
                "nps": "points", "cost_per_contact_eur": "eur", "phone_hours_week": "hours",
                "channel_count": "count"}


def metric_label(key: str) -> str:
    return {"service_level": _("Service level in 20 s (SL)"),
            "asa_s": _("Average speed of answer (ASA)"),
            "fcr": _("First-contact resolution (FCR)"), "csat": _("CSAT (share of 4 and 5)"),
            "nps": _("Net Promoter Score (NPS)"),
            "cost_per_contact_eur": _("Cost per contact"),
            "phone_hours_week": _("Phone hours a week"),
            "channel_count": _("Channels")}[key]


def attribute_label(key: str) -> str:
    return {"clear_documents": _("clear bills and documents"),
            "easy_digital": _("easy app and website"),
            "first_contact": _("solved at the first contact"),
            "keeps_promises": _("does what it promises, on time"),
            "fast_answer": _("answers quickly"), "wide_hours": _("wide opening hours"),
            "competent_staff": _("competent operators"),
            "privacy_security": _("privacy and security"),
            "personal_care": _("personal attention"),
            "own_channel": _("my preferred channel available")}.get(key, key)


def dimension_label(key: str) -> str:
    return {"tangibles": _("tangibles"), "reliability": _("reliability"),
            "responsiveness": _("responsiveness"), "assurance": _("assurance"),
            "empathy": _("empathy")}.get(key, key)


def sector_of(text: str) -> str | None:
    """The dataset sector of a company's free-text sector («energia elettrica e gas»)."""
    low = text.lower()
    for sector, words in _SECTOR_WORDS.items():
        if any(w in low for w in words):
            return sector
    return None


def company_profile(scenario: Scenario, care: CareModel) -> dict[str, float | None]:
    """The company's stated values, in the competitors' columns (None: not stated).
    The service level is the phone line's (the competitors' is at 20 s)."""
    phone = care.service_level.get("phone")
    targets = care.kpi_targets
    hours = None
    if "phone" in care.opening_hours:
        hours = sum(len(w.days) * (w.end - w.start) / 3600 for w in care.opening_hours["phone"])
    return {
        "service_level": phone.target if phone and phone.threshold_s == 20 else None,
        "asa_s": targets.asa_s if targets else None,
        "fcr": targets.fcr if targets else None,
        "csat": targets.csat if targets else None,
        "nps": targets.nps if targets else None,
        "cost_per_contact_eur": targets.cost_per_contact_eur if targets else None,
        "phone_hours_week": hours,
        "channel_count": float(len(scenario.channels)),
    }


def with_channel_count(competitors: pd.DataFrame) -> pd.DataFrame:
    out = competitors.copy()
    out["channel_count"] = out["channels"].astype(str).str.split("+").str.len().astype(float)
    return out


def benchmark(company: dict[str, float | None], competitors: pd.DataFrame) -> pd.DataFrame:
    """One row per metric: the company, the sector's mean, best and worst, the gaps
    (positive = better than the mean or the best) and how many competitors it beats."""
    comp = with_channel_count(competitors)
    rows = []
    for metric, higher in METRICS:
        values = comp[metric].astype(float)
        sign = 1.0 if higher else -1.0
        best = values.max() if higher else values.min()
        worst = values.min() if higher else values.max()
        mine = company.get(metric)
        known = mine is not None and not math.isnan(mine)
        rows.append({
            "metric": metric, "company": mine if known else math.nan,
            "sector_mean": values.mean(), "sector_best": best, "sector_worst": worst,
            "gap_to_mean": sign * (mine - values.mean()) if known else math.nan,
            "gap_to_best": sign * (mine - best) if known else math.nan,
            "beats": int((sign * (mine - values) > 0).sum()) if known else None,
            "competitors": int(values.size),
        })
    table = pd.DataFrame(rows)
    table["beats"] = table["beats"].astype("Int64")
    return table


def service_index(frame: pd.DataFrame, reference: pd.DataFrame) -> pd.Series:
    """0–100: the mean of SL, FCR, CSAT, NPS and (reversed) ASA, each scaled between the
    sector's worst (0) and best (100) competitor. Missing values are left out."""
    parts = []
    for metric, higher in (("service_level", True), ("fcr", True), ("csat", True),
                           ("nps", True), ("asa_s", False)):
        low, high = reference[metric].min(), reference[metric].max()
        span = high - low
        scaled = (frame[metric].astype(float) - low) / span * 100 if span else frame[metric] * 0 + 50
        parts.append(scaled if higher else 100 - scaled)
    return pd.concat(parts, axis=1).mean(axis=1, skipna=True)


def positioning_map(company_name: str, company: dict[str, float | None],
                    competitors: pd.DataFrame) -> pd.DataFrame:
    """Points of the map: x = cost per contact (€), y = service index; the company's
    point from its targets (cost per contact missing: no x)."""
    points = competitors[["name", "price_tier", "archetype", "cost_per_contact_eur"]].copy()
    points["service_index"] = service_index(competitors, competitors)
    points["is_company"] = 0
    mine = pd.DataFrame([{k: (math.nan if company.get(k) is None else company[k])
                          for k in ("service_level", "fcr", "csat", "nps", "asa_s")}])
    row = {"name": company_name, "price_tier": "", "archetype": "",
           "cost_per_contact_eur": company.get("cost_per_contact_eur") or math.nan,
           "service_index": float(service_index(mine, competitors).iloc[0]), "is_company": 1}
    return pd.concat([points, pd.DataFrame([row])], ignore_index=True).rename(
        columns={"cost_per_contact_eur": "x_cost_per_contact_eur", "service_index": "y_service_index"})


def attributes(survey: pd.DataFrame) -> list[str]:
    return [c[4:] for c in survey.columns if c.startswith("imp_")]


def _quadrant(importance: float, performance: float, imp_cut: float, perf_cut: float) -> str:
    if importance >= imp_cut:
        return "keep_up" if performance >= perf_cut else "concentrate"
    return "overkill" if performance >= perf_cut else "low_priority"


def importance_performance(survey: pd.DataFrame, dimension_of: dict[str, str]) -> pd.DataFrame:
    """Importance–performance analysis: per attribute the mean importance and
    performance, the gap (performance − importance) and the quadrant, with the cross-hairs
    at the means of the attributes' means."""
    rows = [{"attribute": a, "dimension": dimension_of[a],
             "importance": float(survey[f"imp_{a}"].mean()),
             "performance": float(survey[f"perf_{a}"].mean())} for a in attributes(survey)]
    table = pd.DataFrame(rows)
    imp_cut, perf_cut = table["importance"].mean(), table["performance"].mean()
    table["gap"] = table["performance"] - table["importance"]
    table["quadrant"] = [_quadrant(i, p, imp_cut, perf_cut)
                         for i, p in zip(table["importance"], table["performance"], strict=True)]
    table.attrs["cuts"] = (imp_cut, perf_cut)
    return table


def dimensions(ipa: pd.DataFrame) -> pd.DataFrame:
    """The attribute table averaged per SERVQUAL dimension, with the same cross-hairs."""
    imp_cut, perf_cut = ipa.attrs["cuts"]
    table = (ipa.groupby("dimension", sort=False)[["importance", "performance"]].mean()
             .reset_index())
    table["gap"] = table["performance"] - table["importance"]
    table["quadrant"] = [_quadrant(i, p, imp_cut, perf_cut)
                         for i, p in zip(table["importance"], table["performance"], strict=True)]
    return table


def nps(scores: pd.Series) -> float:
    """% promoters (9–10) − % detractors (0–6), in points."""
    if scores.empty:
        return math.nan
    return float(((scores >= 9).mean() - (scores <= 6).mean()) * 100)


def segment_needs(survey: pd.DataFrame) -> pd.DataFrame:
    """Per segment: its weight, the channel it prefers, how digital it is, the wait it
    tolerates, what matters most and where its current supplier falls shortest."""
    rows = []
    attrs = attributes(survey)
    for segment, part in survey.groupby("segment", sort=True):
        importance = {a: part[f"imp_{a}"].mean() for a in attrs}
        gaps = {a: part[f"perf_{a}"].mean() - part[f"imp_{a}"].mean() for a in attrs}
        counts = part["preferred_channel"].value_counts()
        top = sorted(counts.index, key=lambda c: (-counts[c], c))[0]
        rows.append({
            "segment": segment, "respondents": len(part), "share": len(part) / len(survey),
            "preferred_channel": top, "preferred_share": counts[top] / len(part),
            "digital_share": float(part["preferred_channel"].isin(DIGITAL).mean()),
            "tolerated_wait_s": float(part["tolerated_wait_s"].median()),
            "top_needs": "+".join(sorted(attrs, key=lambda a: (-importance[a], a))[:3]),
            "largest_gap": min(attrs, key=lambda a: (gaps[a], a)),
            "largest_gap_value": min(gaps.values()), "nps": nps(part["nps_score"]),
        })
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Suggestion:
    archetype: str
    scores: dict[str, int]
    reasons: list[str]


def suggest_archetype(survey: pd.DataFrame, ipa: pd.DataFrame,
                      positioning: str | None) -> Suggestion:
    """A care archetype for the respondents of the company's market (its target
    segments, if stated), by a few documented rules (docs/market.md), each with its reason."""
    preferred = survey["preferred_channel"].value_counts(normalize=True)
    digital = float(survey["preferred_channel"].isin(DIGITAL).mean())
    spread = _evenness(preferred, sum(c.startswith("pref_") for c in survey.columns))
    wait = float(survey["tolerated_wait_s"].median())
    dims = dimensions(ipa).set_index("dimension")
    concentrate = set(ipa.loc[ipa["quadrant"] == "concentrate", "dimension"])
    personal = dims.loc[["assurance", "empathy"], "importance"].mean()
    scores = dict.fromkeys(ARCHETYPES, 0)
    reasons: dict[str, list[str]] = {a: [] for a in ARCHETYPES}

    def add(archetype: str, points: int, reason: str) -> None:
        scores[archetype] += points
        reasons[archetype].append(reason)

    def pct(x: float) -> str:
        return decimal(x * 100, 0) + "%"

    if digital >= 0.40:
        add("self_service", 2, _("{share} of the customers prefer a digital channel (chat, "
                                 "app, social)").format(share=pct(digital)))
    if positioning == "cost_leader":
        add("self_service", 1, _("a low-price positioning needs a low cost per contact"))
        if digital < 0.30:
            add("reactive", 2, _("low price and customers who rarely use digital channels: "
                                 "answer the contacts that come, at the lowest cost"))
    if wait >= 180:
        add("reactive", 1, _("customers tolerate a wait of {s} s (median)").format(s=decimal(wait, 0)))
    if positioning == "premium":
        add("premium", 2, _("a premium positioning promises a personal, expert service"))
    if personal >= ipa["importance"].mean():
        add("premium", 1, _("competence and personal care (assurance, empathy) matter more "
                            "than the average attribute"))
    if spread >= 0.85:
        add("omnichannel", 2, _("preferences are spread over many channels (evenness "
                                "{e})").format(e=decimal(spread, 2)))
    if not preferred.empty and preferred.iloc[0] < 0.40:
        add("omnichannel", 1, _("no channel is preferred by 40% of the customers"))
    if "reliability" in concentrate:
        add("proactive", 2, _("reliability (first-contact resolution, promises kept) is "
                              "important and poorly served: prevent contacts with notices"))
    if positioning == "value":
        add("proactive", 1, _("a value positioning competes on service at market prices"))
    best = max(ARCHETYPES, key=lambda a: (scores[a], -ARCHETYPES.index(a)))
    return Suggestion(best, scores, reasons[best])


def _evenness(shares: pd.Series, channels: int) -> float:
    """Shannon entropy of the channel shares ÷ its maximum over `channels` channels
    (1 = every channel equally preferred)."""
    p = [float(x) for x in shares if x > 0]
    if channels < 2 or not p:
        return 0.0
    return -math.fsum(x * math.log(x) for x in p) / math.log(channels)
