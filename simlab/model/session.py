"""The session plan of a lab day (`*.session.yaml`): the instructor picks exercises, a
scenario and a seed, and hands out one file; every trainee who opens it faces the same
customers (same scenario, seed and days: common random numbers)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from simlab.model.common import MAX_SEED, Id, Strict, Text

SESSION_SUFFIX = ".session.yaml"
MAX_DAYS = 3660


class SessionPlan(Strict):
    title: Text
    date: dt.date | None = None
    scenario: Id
    seed: int = Field(ge=0, le=MAX_SEED)
    days: int = Field(ge=1, le=MAX_DAYS)
    exercises: list[Id] = Field(default_factory=list, max_length=100)
    notes: Text | None = None
