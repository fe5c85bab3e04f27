"""The simulated customers answer a questionnaire.

Each answer is a function of the respondent's own experience (`survey.experience`) and
of keyed noise (`survey.keyed`): a customer's lasting traits (how lenient a rater, how
demanding) and one draw per item, all keyed by the customer, so the same customer with
the same experience gives the same answers in every run of the seed.

The experience moves a latent satisfaction; each kind weighs its parts in its own
way (effort, CES, follows the wait and the repeats more than the resolution; SERVQUAL's
responsiveness follows the wait, its reliability the resolution, its assurance the
agent's proficiency), then the latent value is put on the item's scale and rounded.
Expectations (SERVQUAL's sq_e items) come before the service: they follow the customer's
trait only. Who answers is biased as in real surveys: the very unhappy and the very happy
answer more often than the lukewarm (docs/surveys.md)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from simlab.survey import comments, keyed
from simlab.survey.bank import Bank, Item
from simlab.survey.questionnaire import Questionnaire

# Weights of the parts of the experience, per kind (see docs/surveys.md).
PARTS = ("wait", "abandoned", "out_of_hours", "resolved", "repeat", "proficiency",
         "channel", "trait")
WEIGHTS = {
    "overall": dict(wait=0.8, abandoned=-1.6, out_of_hours=-1.2, resolved=0.9, repeat=-0.7,
                    proficiency=0.8, channel=1.0, trait=1.0),
    "ces": dict(wait=1.2, abandoned=-1.4, out_of_hours=-1.0, resolved=0.5, repeat=-1.1,
                proficiency=0.4, channel=1.0, trait=0.7),
    "tangibles": dict(wait=0.2, abandoned=-0.4, out_of_hours=-0.3, resolved=0.2, repeat=-0.2,
                      proficiency=0.2, channel=1.8, trait=1.0),
    "reliability": dict(wait=0.3, abandoned=-0.8, out_of_hours=-0.5, resolved=1.3, repeat=-1.0,
                        proficiency=0.5, channel=0.5, trait=1.0),
    "responsiveness": dict(wait=1.4, abandoned=-1.6, out_of_hours=-1.2, resolved=0.3,
                           repeat=-0.3, proficiency=0.3, channel=0.5, trait=1.0),
    "assurance": dict(wait=0.2, abandoned=-0.5, out_of_hours=-0.3, resolved=0.5, repeat=-0.3,
                      proficiency=1.4, channel=0.3, trait=1.0),
    "empathy": dict(wait=0.5, abandoned=-1.0, out_of_hours=-0.8, resolved=0.6, repeat=-0.5,
                    proficiency=0.7, channel=0.5, trait=1.0),
}
CHANNEL_OFFSET = {"chat": 0.15, "email": -0.15, "social": -0.1}
BASELINE = -0.2  # the latent value of an unresolved, instant, average contact
TRAIT_SD = 0.5
ITEM_NOISE_SD = 0.45
# Where an average latent value (0) falls on each scale, and how far one unit moves it.
PLACEMENT = {"csat": (3.55, 0.95), "nps": (7.0, 2.1), "ces": (4.9, 1.35),
             "perception": (4.9, 1.1), "expectation": (5.9, 0.75)}
# Response: the channel's base rate, raised for the very unhappy and the very happy.
RESPONSE_RATE = {"phone": 0.16, "chat": 0.26, "email": 0.12, "social": 0.07}
OTHER_RATE = 0.12
PERIODIC_FACTOR = 0.7
NEUTRAL = 0.4  # the latent value of the lukewarm, who answer least
COMMENT_RATE = (0.18, 0.5)  # lukewarm, strong feelings (|z − neutral| > 1)


def latent(exp: pd.DataFrame, kind: str, trait: np.ndarray) -> np.ndarray:
    """The latent satisfaction of each respondent for one kind."""
    w = WEIGHTS[kind]
    channel = exp["channel"].map(CHANNEL_OFFSET).fillna(0.0).to_numpy(float)
    parts = {
        "wait": -np.log1p(exp["wait_ratio"].to_numpy(float)),
        "abandoned": exp["abandoned"].to_numpy(float),
        "out_of_hours": exp["out_of_hours"].to_numpy(float),
        "resolved": exp["resolved"].to_numpy(float),
        "repeat": exp["repeat"].to_numpy(float),
        "proficiency": exp["proficiency"].to_numpy(float) - 1.0,
        "channel": channel,
        "trait": trait,
    }
    return BASELINE + sum(w[p] * parts[p] for p in PARTS)


def invited(exp: pd.DataFrame, q: Questionnaire, seed: int) -> pd.DataFrame:
    """The contacts (after contact) or customers (periodic: their last contact, with the
    repeats of the period) the questionnaire goes to: a share `sample`, keyed."""
    pool = exp[exp["channel"].isin(q.channels)] if q.channels else exp
    if q.send == "periodic":
        pool = pool.sort_values(["key", "arrival_s", "contact_id"], kind="stable")
        counts = pool.groupby("key", sort=False)["contact_id"].transform("size")
        pool = pool.assign(repeat=pool["repeat"] | (counts > 1))
        pool = pool.drop_duplicates("key", keep="last").sort_values("contact_id", kind="stable")
        draw = keyed.uniform(seed, f"invite/{q.id}", pool["key"].to_numpy())
    else:
        draw = keyed.uniform(seed, f"invite/{q.id}", pool["contact_id"].to_numpy())
    return pool[draw < q.sample].reset_index(drop=True)


def answer(exp: pd.DataFrame, q: Questionnaire, bank: Bank, seed: int
           ) -> tuple[pd.DataFrame, dict]:
    """The responses (one row per respondent) and the facts of the fieldwork."""
    pool = invited(exp, q, seed)
    keys = pool["key"].to_numpy()
    trait = TRAIT_SD * keyed.normal(seed, "trait/leniency", keys)
    overall = latent(pool, "overall", trait)
    rate = pool["channel"].map(RESPONSE_RATE).fillna(OTHER_RATE).to_numpy(float)
    if q.send == "periodic":
        rate = rate * PERIODIC_FACTOR
    strength = np.minimum(np.abs(overall - NEUTRAL), 2.5)
    p = np.clip(rate * (0.45 + 0.75 * strength), 0.0, 1.0)
    key_of_answer = pool["contact_id"].to_numpy() if q.send == "after_contact" else keys
    responds = keyed.uniform(seed, f"respond/{q.id}", key_of_answer) < p
    resp = pool[responds].reset_index(drop=True)
    keys, trait, overall = keys[responds], trait[responds], overall[responds]
    out = _experience_columns(resp)
    demanding = 0.6 * keyed.normal(seed, "trait/demanding", keys)
    cache: dict[str, np.ndarray] = {"overall": overall}
    for item_id in q.item_ids():
        item = bank.items[item_id]
        if item.open:
            out[item_id] = _comments(resp, overall, keys, seed, bank, item_id)
            continue
        out[item_id] = _closed(item, resp, trait, demanding, keys, seed, cache)
    facts = {"invited": int(len(pool)), "responses": int(len(resp)),
             "by_channel": _by_channel(pool, responds)}
    return out, facts


def _closed(item: Item, resp: pd.DataFrame, trait: np.ndarray, demanding: np.ndarray,
            keys: np.ndarray, seed: int, cache: dict[str, np.ndarray]) -> np.ndarray:
    noise = ITEM_NOISE_SD * keyed.normal(seed, f"item/{item.id}", keys)
    if item.part == "expectation":
        value = demanding + noise
        center, spread = PLACEMENT["expectation"]
    else:
        kind = {"csat": "overall", "nps": "overall", "ces": "ces"}.get(
            item.kind, item.dimension or "overall")
        if kind not in cache:
            cache[kind] = latent(resp, kind, trait)
        value = cache[kind] + noise
        center, spread = PLACEMENT.get(item.kind, PLACEMENT["perception"])
    return np.clip(np.rint(center + spread * value), item.low, item.high).astype(np.int64)


def _comments(resp: pd.DataFrame, overall: np.ndarray, keys: np.ndarray, seed: int,
              bank: Bank, item_id: str) -> list[str]:
    strong = np.abs(overall - NEUTRAL) > 1.0
    writes = keyed.uniform(seed, f"comment/{item_id}", keys) < np.where(
        strong, COMMENT_RATE[1], COMMENT_RATE[0])
    kind = keyed.uniform(seed, f"comment-kind/{item_id}", keys)
    themes = [theme_of(row, z, k) if w else None
              for row, z, k, w in zip(resp.itertuples(index=False), overall, kind, writes,
                                      strict=True)]
    return comments.write(seed, f"comment-text/{item_id}", keys, themes,
                          bank.themes["customer"])


def theme_of(row, z: float, u: float) -> str | None:
    """The theme a customer writes about: the worst of their experience, or praise."""
    if row.abandoned:
        return "abbandono"
    if row.wait_ratio > 1.5:
        return "attesa"
    if row.repeat and not row.resolved:
        return "richiamo"
    if not row.resolved:
        return "non_risolto"
    if z > NEUTRAL + 0.5:
        return "cortesia" if u < 0.5 else "competenza"
    return None


def _experience_columns(resp: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "response_id": np.arange(1, len(resp) + 1, dtype=np.int64),
        "contact_id": resp["contact_id"].to_numpy(np.int64),
        "customer_id": resp["customer_id"].to_numpy(np.int64),
        "day": resp["day"].to_numpy(np.int64),
        "channel": resp["channel"].to_numpy(),
        "segment": resp["segment"].to_numpy(),
        "reason": resp["reason"].to_numpy(),
        "team": resp["team"].to_numpy(),
        "agent_id": resp["agent_id"].to_numpy(),
        "outcome": resp["outcome"].to_numpy(),
        "deferred": resp["deferred"].to_numpy(bool),
        "wait_s": resp["wait_s"].to_numpy(float).round(1),
        "abandoned": resp["abandoned"].to_numpy(bool),
        "resolved": resp["resolved"].to_numpy(bool),
        "repeat": resp["repeat"].to_numpy(bool),
        "proficiency": resp["proficiency"].to_numpy(float),
    })


def _by_channel(pool: pd.DataFrame, responds: np.ndarray) -> dict[str, dict[str, int]]:
    frame = pd.DataFrame({"channel": pool["channel"].to_numpy(), "r": responds})
    return {str(ch): {"invited": int(len(part)), "responses": int(part["r"].sum())}
            for ch, part in frame.groupby("channel", sort=True)}
