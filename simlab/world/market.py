"""Synthetic market data for UF1: the competitors of each sector and a customer survey.

Plain columns (a dict of lists, in a fixed order), drawn from named streams, so that
`simlab dataset build` writes the same bytes from the same seed on any machine. The
figures are invented but plausible for the Italian market of each sector (indicative):
the generators only use normal, uniform and integer draws, rounded to a few decimals,
never numpy's exp or pow kernels (their last bit can differ between processors).
"""

from __future__ import annotations

import numpy as np

from simlab.world.streams import stream

DATASET_SEED = 20260101
SECTORS = ("energy", "telecoms", "ecommerce")
ARCHETYPES = ("reactive", "proactive", "self_service", "premium", "omnichannel")
PRICE_TIERS = ("low", "mid", "premium")
CHANNELS = ("phone", "chat", "email", "social", "app")
# SERVQUAL: two attributes per dimension (attribute id, dimension).
ATTRIBUTES = (
    ("clear_documents", "tangibles"),
    ("easy_digital", "tangibles"),
    ("first_contact", "reliability"),
    ("keeps_promises", "reliability"),
    ("fast_answer", "responsiveness"),
    ("wide_hours", "responsiveness"),
    ("competent_staff", "assurance"),
    ("privacy_security", "assurance"),
    ("personal_care", "empathy"),
    ("own_channel", "empathy"),
)
DIMENSIONS = ("tangibles", "reliability", "responsiveness", "assurance", "empathy")

# Fictitious companies: (sector, name, price tier, archetype, channels, weekly phone hours).
_COMPETITORS = (
    ("energy", "Lucegas Italia", "low", "self_service", ("phone", "chat", "email", "app"), 50),
    ("energy", "Enerpiù Servizi", "mid", "reactive", ("phone", "email"), 60),
    ("energy", "Sole Mediterraneo Energia", "mid", "proactive", ("phone", "chat", "email"), 66),
    ("energy", "Volta Premium", "premium", "premium", ("phone", "chat", "email", "app"), 72),
    ("energy", "Reteverde Luce e Gas", "low", "omnichannel",
     ("phone", "chat", "email", "social", "app"), 60),
    ("telecoms", "Onda Mobile", "low", "self_service", ("phone", "chat", "app"), 91),
    ("telecoms", "FibraSud", "mid", "reactive", ("phone", "email"), 81),
    ("telecoms", "Telenova", "mid", "omnichannel", ("phone", "chat", "email", "social", "app"), 91),
    ("telecoms", "Prisma Business Tel", "premium", "premium", ("phone", "email", "app"), 78),
    ("telecoms", "Connetti Italia", "mid", "proactive", ("phone", "chat", "app"), 84),
    ("ecommerce", "Bottega Digitale", "low", "self_service", ("chat", "email", "app"), 0),
    ("ecommerce", "CasaClick", "mid", "reactive", ("phone", "email"), 45),
    ("ecommerce", "Elettromondo Online", "mid", "omnichannel",
     ("phone", "chat", "email", "social", "app"), 60),
    ("ecommerce", "Atelier Prime", "premium", "premium", ("phone", "chat", "email"), 70),
    ("ecommerce", "Spedisci Sereno", "low", "proactive", ("chat", "email", "social"), 40),
)

# Typical levels by archetype: service level in 20 s, ASA s, FCR, CSAT %, NPS, €/contact.
_LEVELS = {
    "reactive": (0.62, 95.0, 0.66, 0.70, 2.0, 3.2),
    "proactive": (0.78, 40.0, 0.76, 0.80, 22.0, 3.8),
    "self_service": (0.70, 70.0, 0.70, 0.74, 12.0, 1.9),
    "premium": (0.90, 15.0, 0.84, 0.89, 45.0, 6.5),
    "omnichannel": (0.80, 35.0, 0.74, 0.81, 25.0, 4.2),
}
# Sector shifts of the same levels (telecoms is the hardest-pressed market).
_SECTOR_SHIFT = {
    "energy": (0.00, 0.0, 0.00, 0.00, 0.0, 0.2),
    "telecoms": (-0.05, 25.0, -0.04, -0.04, -10.0, 0.0),
    "ecommerce": (0.02, -5.0, 0.03, 0.03, 8.0, -0.4),
}

COMPETITOR_COLUMNS = (
    "competitor_id", "name", "sector", "channels", "phone_hours_week", "weekend_open",
    "service_level", "sl_threshold_s", "asa_s", "fcr", "csat", "nps", "price_tier",
    "cost_per_contact_eur", "archetype",
)


def competitors(seed: int = DATASET_SEED) -> dict[str, list]:
    """One row per competitor: its care model as the market sees it."""
    rng = stream(seed, "dataset/competitors")
    cols: dict[str, list] = {c: [] for c in COMPETITOR_COLUMNS}
    counts = dict.fromkeys(SECTORS, 0)
    for sector, name, tier, archetype, channels, hours in _COMPETITORS:
        counts[sector] += 1
        base = np.add(_LEVELS[archetype], _SECTOR_SHIFT[sector])
        noise = rng.normal(0.0, 1.0, 6)
        sl = _clip(base[0] + 0.04 * noise[0], 0.35, 0.97)
        cols["competitor_id"].append(f"{sector[:3]}-{counts[sector]:02d}")
        cols["name"].append(name)
        cols["sector"].append(sector)
        cols["channels"].append("+".join(channels))
        cols["phone_hours_week"].append(hours)
        cols["weekend_open"].append(int(hours >= 60 or "app" in channels))  # 1 yes, 0 no
        cols["service_level"].append(round(sl, 3))
        cols["sl_threshold_s"].append(20)
        # a worse service level goes with a longer wait
        cols["asa_s"].append(round(_clip(base[1] * (1 + 0.2 * noise[1]) + 200 * (base[0] - sl),
                                          5, 400), 0))
        cols["fcr"].append(round(_clip(base[2] + 0.03 * noise[2], 0.4, 0.95), 3))
        cols["csat"].append(round(_clip(base[3] + 0.03 * noise[3], 0.4, 0.97), 3))
        cols["nps"].append(round(_clip(base[4] + 6 * noise[4], -60, 80), 0))
        cols["price_tier"].append(tier)
        cols["cost_per_contact_eur"].append(round(_clip(base[5] * (1 + 0.1 * noise[5]), 0.8, 12),
                                                  2))
        cols["archetype"].append(archetype)
    return cols


# Survey segments per sector: (id, share of respondents), the shipped scenarios' segments.
SEGMENTS = {
    "energy": (("residenziale", 0.70), ("microbusiness", 0.18), ("vulnerabili", 0.12)),
    "telecoms": (("consumer", 0.68), ("business", 0.17), ("senior", 0.15)),
    "ecommerce": (("privati", 0.72), ("plus", 0.18), ("aziende", 0.10)),
}
# Channel weights by segment kind: phone, chat, email, social, app.
_CHANNEL_TASTE = {
    "mass": (0.34, 0.22, 0.14, 0.10, 0.20),
    "business": (0.42, 0.10, 0.30, 0.02, 0.16),
    "senior": (0.72, 0.04, 0.10, 0.02, 0.12),
    "digital": (0.10, 0.32, 0.14, 0.14, 0.30),
}
_SEGMENT_KIND = {"residenziale": "mass", "consumer": "mass", "privati": "mass",
                 "microbusiness": "business", "business": "business", "aziende": "business",
                 "vulnerabili": "senior", "senior": "senior", "plus": "digital"}
# Mean importance (1-7) of each attribute by segment kind, in ATTRIBUTES order.
_IMPORTANCE = {
    "mass": (5.2, 5.0, 6.3, 6.1, 6.0, 4.8, 5.6, 5.4, 4.9, 4.6),
    "business": (5.5, 5.3, 6.5, 6.4, 6.4, 5.6, 6.2, 5.8, 4.6, 5.0),
    "senior": (6.1, 3.9, 6.2, 6.0, 5.1, 4.4, 5.9, 5.3, 6.3, 6.0),
    "digital": (4.6, 6.4, 5.9, 6.0, 6.2, 5.5, 5.0, 5.7, 4.2, 5.9),
}
# Mean perceived performance (1-7) of the current supplier, by sector.
_PERFORMANCE = {
    "energy": (4.1, 4.6, 4.4, 4.8, 4.2, 5.0, 5.2, 5.6, 4.9, 4.7),
    "telecoms": (4.3, 5.2, 3.8, 4.0, 3.9, 5.6, 4.6, 5.3, 4.2, 4.9),
    "ecommerce": (5.3, 5.8, 4.9, 4.6, 4.8, 5.1, 4.9, 5.5, 4.4, 4.8),
}
# Mean likelihood to recommend (0-10) by sector: telecoms below, e-commerce above.
_NPS_MEAN = {"energy": 7.4, "telecoms": 7.1, "ecommerce": 8.0}
# Median tolerated wait on the phone (s) by segment kind.
_WAIT = {"mass": 120.0, "business": 75.0, "senior": 210.0, "digital": 50.0}

SURVEY_RESPONDENTS = 2400
SURVEY_COLUMNS = (
    "respondent_id", "sector", "segment", "age_band", "preferred_channel", "second_channel",
    *(f"pref_{c}" for c in CHANNELS),
    *(f"imp_{a}" for a, _d in ATTRIBUTES), *(f"perf_{a}" for a, _d in ATTRIBUTES),
    "tolerated_wait_s", "nps_score",
)
_AGE_BANDS = ("18-34", "35-54", "55-69", "70+")
_AGE_BY_KIND = {"mass": (0.30, 0.40, 0.22, 0.08), "business": (0.22, 0.55, 0.21, 0.02),
                "senior": (0.0, 0.05, 0.35, 0.60), "digital": (0.55, 0.35, 0.09, 0.01)}


def survey(seed: int = DATASET_SEED, respondents: int = SURVEY_RESPONDENTS) -> dict[str, list]:
    """One row per respondent: segment, channel preferences, importance and performance
    (1-7) of the ten SERVQUAL attributes, tolerated wait, likelihood to recommend."""
    rng = stream(seed, "dataset/survey")
    cols: dict[str, list] = {c: [] for c in SURVEY_COLUMNS}
    per_sector = respondents // len(SECTORS)
    for s, sector in enumerate(SECTORS):
        n = per_sector if s < len(SECTORS) - 1 else respondents - per_sector * s
        ids = [seg for seg, _share in SEGMENTS[sector]]
        shares = np.array([share for _seg, share in SEGMENTS[sector]])
        segment_of = rng.choice(len(ids), size=n, p=shares / shares.sum())
        for i in range(n):
            segment = ids[int(segment_of[i])]
            kind = _SEGMENT_KIND[segment]
            _respondent(rng, cols, sector, segment, kind, len(cols["respondent_id"]) + 1)
    return cols


def _respondent(rng: np.random.Generator, cols: dict[str, list], sector: str, segment: str,
                kind: str, number: int) -> None:
    taste = np.array(_CHANNEL_TASTE[kind])
    first, second = rng.choice(len(CHANNELS), size=2, replace=False, p=taste)
    cols["respondent_id"].append(f"R{number:05d}")
    cols["sector"].append(sector)
    cols["segment"].append(segment)
    cols["age_band"].append(_AGE_BANDS[int(rng.choice(4, p=_AGE_BY_KIND[kind]))])
    cols["preferred_channel"].append(CHANNELS[int(first)])
    cols["second_channel"].append(CHANNELS[int(second)])
    # liking of each channel, 1-5: the stated taste, the first and second choices on top
    liking = 1 + 4 * taste / taste.max() + rng.normal(0, 0.7, len(CHANNELS))
    liking[first] += 1.5
    liking[second] += 0.8
    for c, channel in enumerate(CHANNELS):
        cols[f"pref_{channel}"].append(_scale(liking[c], 1, 5))
    mood = rng.normal(0, 0.5)  # a respondent's overall opinion of the supplier
    imp = np.array(_IMPORTANCE[kind]) + rng.normal(0, 0.8, len(ATTRIBUTES))
    perf = np.array(_PERFORMANCE[sector]) + mood + rng.normal(0, 0.9, len(ATTRIBUTES))
    for a, (attribute, _dim) in enumerate(ATTRIBUTES):
        cols[f"imp_{attribute}"].append(_scale(imp[a], 1, 7))
        cols[f"perf_{attribute}"].append(_scale(perf[a], 1, 7))
    wait = _WAIT[kind] * (1 + 0.35 * rng.normal())
    cols["tolerated_wait_s"].append(int(_clip(round(wait / 15) * 15, 15, 600)))
    cols["nps_score"].append(_scale(_NPS_MEAN[sector] + 1.6 * mood + rng.normal(0, 1.5), 0, 10))


def _clip(x: float, low: float, high: float) -> float:
    return float(min(high, max(low, x)))


def _scale(x: float, low: int, high: int) -> int:
    """A point on a rating scale: rounded and kept on the scale."""
    return int(_clip(round(float(x)), low, high))
