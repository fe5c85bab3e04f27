"""Named random streams: one per purpose, derived from the seed and the purpose's name.

Deriving by name (not by order of creation) means that adding a stream never shifts
another, so a new feature cannot silently change the customers trainees already know.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

import numpy as np


def stream(seed: int, name: str) -> np.random.Generator:
    key = _key(name)
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(key,))))


def day_stream(seed: int, name: str, day: int) -> np.random.Generator:
    """Day `day` of the stream `name`: drawing each day from its own stream makes day d
    the same whatever the length of the run (common random numbers), so a 7-day check
    and a 365-day replay meet the same customers on their common days."""
    key = _key(name)
    return np.random.Generator(
        np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(key, day)))
    )


@lru_cache(maxsize=256)
def _key(name: str) -> int:
    return int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "little")


def mix64(values: np.ndarray, salt: int) -> np.ndarray:
    """A fixed, platform-independent 64-bit hash (splitmix64) of integer values: gives
    per-customer attributes without storing an array per customer."""
    with np.errstate(over="ignore"):
        z = values.astype(np.uint64) + np.uint64((salt * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))
