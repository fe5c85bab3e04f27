"""Replay a stored run and say whether every file came out identical: `simlab runs
replay ID` and the app's one-key replay (y) both come through here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from simlab.lab import runner


@dataclass(frozen=True)
class ReplayReport:
    run_id: str
    damaged: list[str]  # what is wrong with the stored files (checked before replaying)
    identical: bool  # every data file of the replay has the stored hash
    different: list[str]  # the files whose bytes differ (or that one side lacks)


def replay(ws, run_id: str, progress: Callable | None = None) -> ReplayReport:
    """Check the stored run's files, then run its stored inputs again through the same
    path into a temporary folder and compare every file's hash with the stored one.
    `progress` gets the engine's progress (return False to stop: `engine.Cancelled`)."""
    run_id = ws.run(run_id).id
    damaged = ws.verify_run(run_id)
    result = ws.replay(run_id, partial(runner.rerun, progress=progress))
    names = sorted(set(result.expected) | set(result.actual))
    different = [n for n in names if result.expected.get(n) != result.actual.get(n)]
    return ReplayReport(run_id, damaged, result.ok, different)
