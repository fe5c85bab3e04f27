"""Random numbers keyed by who answers, not by the order of drawing.

A survey answer must be the same for the same customer with the same experience in any
run of the same seed (common random numbers: two trainees' runs differ only by their
decisions). So each number is a fixed hash (`world.streams.mix64`) of the respondent's
key, salted by a number drawn from the named stream `survey/<purpose>` of the seed:
no array order, no `hash()`, the same on every machine."""

from __future__ import annotations

import hashlib

import numpy as np

from simlab.world.streams import mix64, stream

_SCALE = float(2**53)


def salt(seed: int, purpose: str) -> int:
    return int(stream(seed, f"survey/{purpose}").integers(0, 2**62))


def uniform(seed: int, purpose: str, keys: np.ndarray) -> np.ndarray:
    """One number in (0, 1) per key."""
    bits = mix64(np.asarray(keys, dtype=np.uint64), salt(seed, purpose)) >> np.uint64(11)
    return (bits.astype(np.float64) + 0.5) / _SCALE


def normal(seed: int, purpose: str, keys: np.ndarray) -> np.ndarray:
    """One standard normal number per key (Box–Muller on two keyed uniforms)."""
    u1 = uniform(seed, purpose + "/a", keys)
    u2 = uniform(seed, purpose + "/b", keys)
    return np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)


def text_keys(names) -> np.ndarray:
    """A stable 63-bit key per text (agent ids are texts like `telefono-003`)."""
    return np.array([int.from_bytes(hashlib.sha256(str(n).encode("utf-8")).digest()[:8],
                                    "little") >> 1 for n in names], dtype=np.uint64)
