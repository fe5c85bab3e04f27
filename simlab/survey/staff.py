"""The simulated staff answer the staff questionnaire: each agent's answers follow their
own occupancy, overtime, evening and weekend work and proficiency (`survey.experience`),
plus keyed noise (a lasting trait per agent and one draw per item).

High occupancy weighs on the workload and, less, on the climate; evenings, weekends and
overtime on the shifts; proficiency lifts tools and training; the intention to stay
follows workload, shifts and climate together (docs/surveys.md)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from simlab.survey import comments, keyed
from simlab.survey.bank import Bank
from simlab.survey.questionnaire import Questionnaire

OCCUPANCY_COMFORT = 0.75  # above it the workload is felt
TRAIT_SD = 0.4
ITEM_NOISE_SD = 0.45
CENTER, SPREAD = 3.4, 0.95  # a 1–5 agreement scale
RESPONSE_RATE = 0.7
COMMENT_RATE = 0.4


def dimension_latents(facts: pd.DataFrame, trait: np.ndarray,
                      own: dict[str, np.ndarray] | None = None) -> dict[str, np.ndarray]:
    """The latent value of each dimension; `own` adds each agent's view of one dimension
    (keyed), so that the items of a dimension agree more with each other than with the
    rest."""
    own = own or {}
    zero = np.zeros(len(facts))
    occ = facts["occupancy"].to_numpy(float) - OCCUPANCY_COMFORT
    late = facts["late_share"].to_numpy(float)
    weekend = facts["weekend_share"].to_numpy(float)
    over = facts["overtime_h_per_day"].to_numpy(float)
    prof = facts["proficiency"].to_numpy(float) - 1.0
    workload = -4.0 * occ + trait + own.get("workload", zero)
    shifts = 0.3 - 1.6 * late - 1.2 * weekend - 1.5 * over + trait + own.get("shifts", zero)
    climate = 0.1 - 1.5 * occ + trait + own.get("climate", zero)
    return {
        "workload": workload,
        "shifts": shifts,
        "tools": 0.1 + 0.8 * prof + trait + own.get("tools", zero),
        "training": 0.15 + 0.8 * prof + trait + own.get("training", zero),
        "climate": climate,
        "stay": 0.4 * workload + 0.3 * shifts + 0.3 * climate,
    }


def answer(facts: pd.DataFrame, q: Questionnaire, bank: Bank, seed: int
           ) -> tuple[pd.DataFrame, dict]:
    keys = keyed.text_keys(facts["agent_id"])
    pool = keyed.uniform(seed, f"invite/{q.id}", keys) < q.sample
    trait_all = TRAIT_SD * keyed.normal(seed, "trait/staff", keys)
    mood = np.mean(list(dimension_latents(facts, trait_all).values()), axis=0)
    p = RESPONSE_RATE * (0.85 + 0.1 * np.minimum(np.abs(mood), 1.5))
    responds = pool & (keyed.uniform(seed, f"respond/{q.id}", keys) < p)
    resp = facts[responds].reset_index(drop=True)
    keys, trait = keys[responds], trait_all[responds]
    own = {d: TRAIT_SD * keyed.normal(seed, f"trait/staff/{d}", keys)
           for d in ("workload", "shifts", "tools", "training", "climate")}
    latents = dimension_latents(resp, trait, own)
    out = pd.DataFrame({
        "response_id": np.arange(1, len(resp) + 1, dtype=np.int64),
        "agent_id": resp["agent_id"].to_numpy(),
        "team": resp["team"].to_numpy(),
        "occupancy": resp["occupancy"].to_numpy(float).round(4),
        "overtime_h": resp["overtime_h"].to_numpy(float).round(2),
        "late_share": resp["late_share"].to_numpy(float).round(4),
        "weekend_share": resp["weekend_share"].to_numpy(float).round(4),
        "days_worked": resp["days_worked"].to_numpy(np.int64),
        "proficiency": resp["proficiency"].to_numpy(float),
    })
    for item_id in q.item_ids():
        item = bank.items[item_id]
        if item.open:
            out[item_id] = _comments(latents, keys, seed, bank, item_id)
            continue
        noise = ITEM_NOISE_SD * keyed.normal(seed, f"item/{item_id}", keys)
        value = latents[item.dimension or "climate"] + noise
        out[item_id] = np.clip(np.rint(CENTER + SPREAD * value), item.low, item.high
                               ).astype(np.int64)
    facts_out = {"invited": int(pool.sum()), "responses": int(responds.sum()),
                 "by_channel": {}}
    return out, facts_out


THEME_OF_DIMENSION = {"workload": "carico", "shifts": "turni", "tools": "strumenti",
                      "training": "formazione", "climate": "clima"}


def _comments(latents: dict[str, np.ndarray], keys: np.ndarray, seed: int, bank: Bank,
              item_id: str) -> list[str]:
    """An agent who writes writes about their worst dimension."""
    dims = list(THEME_OF_DIMENSION)
    table = np.vstack([latents[d] for d in dims]) if len(keys) else np.zeros((len(dims), 0))
    worst = [THEME_OF_DIMENSION[dims[i]] for i in np.argmin(table, axis=0)]
    writes = keyed.uniform(seed, f"comment/{item_id}", keys) < COMMENT_RATE
    themes = [w_theme if w else None for w_theme, w in zip(worst, writes, strict=True)]
    return comments.write(seed, f"comment-text/{item_id}", keys, themes, bank.themes["staff"])
