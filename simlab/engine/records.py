"""What the event loop writes per contact, in flat typed buffers (no object per contact).

`array.array` items are set as fast as list items but stored as raw C values, so a
million contacts take 8 bytes per column, and numpy reads them without a copy."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

import numpy as np

from simlab.model.kinds import ABANDONED, ANSWERED, OPEN, OUT_OF_HOURS, OUTCOMES  # noqa: F401 - re-exported


@dataclass
class Records:
    outcome: array
    start_s: array
    handle_s: array
    end_s: array
    agent: array
    staffed: list[tuple[int, float, float]] = field(default_factory=list)
    breaks: list[tuple[int, float, float]] = field(default_factory=list)

    @classmethod
    def empty(cls, n: int) -> Records:
        return cls(
            outcome=array("b", bytes(n)),
            start_s=array("d", bytes(8 * n)),
            handle_s=array("d", bytes(8 * n)),
            end_s=array("d", bytes(8 * n)),
            agent=array("i", bytes(4 * n)),
        )

    def numpy(self) -> dict[str, np.ndarray]:
        """Zero-copy views; fields that do not apply to an outcome become NaN or -1."""
        outcome = np.frombuffer(self.outcome, dtype=np.int8)
        answered = outcome == ANSWERED
        out = {
            "outcome": outcome,
            "start_s": np.where(answered, np.frombuffer(self.start_s, dtype=np.float64), np.nan),
            "handle_s": np.where(answered, np.frombuffer(self.handle_s, dtype=np.float64), np.nan),
            "end_s": np.frombuffer(self.end_s, dtype=np.float64).copy(),
            "agent": np.where(answered, np.frombuffer(self.agent, dtype=np.int32), -1),
        }
        out["end_s"][(outcome == OPEN)] = np.nan
        return out
