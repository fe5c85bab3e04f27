"""Random numbers keyed by the contact they belong to, not by the order of drawing.

A case's draws (is this complaint escalated to conciliation, does this customer leave,
how many days ago was the parcel delivered) must not move when the plan changes which
cases exist: each number is a fixed hash (`world.streams.mix64`) of the contact's index
in the world as drawn, salted by a number from the named stream `cases/<purpose>`."""

from __future__ import annotations

import numpy as np

from simlab.world.streams import mix64, stream

_SCALE = float(2**53)


def uniform(seed: int, purpose: str, keys: np.ndarray) -> np.ndarray:
    """One number in (0, 1) per key."""
    salt = int(stream(seed, f"cases/{purpose}").integers(0, 2**62))
    bits = mix64(np.asarray(keys, dtype=np.uint64), salt) >> np.uint64(11)
    return (bits.astype(np.float64) + 0.5) / _SCALE
