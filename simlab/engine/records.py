"""What the event loop writes per contact, in flat typed buffers (no object per contact).

`array.array` items are set as fast as list items but stored as raw C values, so a
million contacts take 8 bytes per column, and numpy reads them without a copy."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

import numpy as np

from simlab.model.kinds import (  # noqa: F401 - re-exported
    ABANDONED,
    ANSWERED,
    BUSY,
    OPEN,
    OUT_OF_HOURS,
    OUTCOMES,
    OUTCOMES_ACCESS,
    SELF_SERVICE,
)


@dataclass
class Records:
    outcome: array
    start_s: array
    handle_s: array
    end_s: array
    agent: array
    staffed: list[tuple[int, float, float]] = field(default_factory=list)
    breaks: list[tuple[int, float, float]] = field(default_factory=list)
    # the access loop's own columns (queued_s, callback_s, attempts); None elsewhere
    access: dict[str, array] | None = None
    procedures: object | None = None  # engine.procedures.LoopProcs when the plan has any

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
        """Views of the buffers, no copy (the run's tables keep them): the fields that do
        not apply to an outcome are set to NaN or -1 in place, which a second call
        repeats to the same effect."""
        outcome = np.frombuffer(self.outcome, dtype=np.int8)
        unanswered = outcome != ANSWERED
        out = {
            "outcome": outcome,
            "start_s": np.frombuffer(self.start_s, dtype=np.float64),
            "handle_s": np.frombuffer(self.handle_s, dtype=np.float64),
            "end_s": np.frombuffer(self.end_s, dtype=np.float64),
            "agent": np.frombuffer(self.agent, dtype=np.int32),
        }
        out["start_s"][unanswered] = np.nan
        out["handle_s"][unanswered] = np.nan
        out["agent"][unanswered] = -1
        out["end_s"][outcome == OPEN] = np.nan
        return out
