"""The plan's case procedures around a run: before it, proactive notices and the
knowledge base change the world the engine runs (`before`); after it, complaints by the
steps of ISO 10002 and consumer-law requests are worked by the back office, and their
costs join the run's cost lines (`after`). docs/complaints.md explains the model."""

from __future__ import annotations

from .before import Prepared, prepare
from .run import CasesResult, after

__all__ = ["CasesResult", "Prepared", "after", "prepare"]
