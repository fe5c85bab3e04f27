"""A trainee's portfolio: the 23 abilities of the standard, each practised, partly
practised or not yet, with the exercises behind it. A pure function of the exercises
and the person's attempts (anything with the fields of `store.Attempt`).

- practised: a submitted attempt at an exercise that trains the ability passed every
  automatic check tied to it;
- partly: some attempt at such an exercise exists, but none is practised yet;
- not yet: no attempt at any exercise that trains it.

Points count the best submitted attempt at each exercise (else the latest checked one);
the minutes are the estimated minutes of the exercises handed in.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from simlab.curriculum.exercise import Exercise
from simlab.curriculum.standard import ABILITIES

CellStatus = Literal["practised", "partly", "not_yet"]
CELL_STATUSES: tuple[CellStatus, ...] = ("practised", "partly", "not_yet")


class AttemptLike(Protocol):
    exercise_id: str
    status: str
    points: float | None
    report: dict[str, Any]


@dataclass(frozen=True)
class Cell:
    status: CellStatus
    exercises: list[str] = field(default_factory=list)
    points: float = 0.0
    max_points: float = 0.0


@dataclass(frozen=True)
class Portfolio:
    cells: dict[str, Cell]
    minutes_spent: int
    points: float
    max_points: float

    def to_json(self) -> dict[str, Any]:
        return {
            "abilities": [{"id": a, "status": c.status, "exercises": c.exercises,
                           "points": c.points, "max_points": c.max_points}
                          for a, c in self.cells.items()],
            "minutes_spent": self.minutes_spent,
            "points": self.points,
            "max_points": self.max_points,
        }


def best_attempt(attempts: list[AttemptLike]) -> AttemptLike | None:
    """The attempt that counts: the best submitted one (earliest on a tie), else the
    latest checked or started one."""
    submitted = [a for a in attempts if a.status == "submitted"]
    if submitted:
        return max(submitted, key=lambda a: a.points or 0.0)  # max keeps the first on ties
    return attempts[-1] if attempts else None


def _passed(attempt: AttemptLike, check_ids: set[str]) -> dict[str, tuple[bool, float]]:
    results = attempt.report.get("results", []) if attempt.report else []
    return {r["check_id"]: (bool(r["passed"]), float(r["points"]))
            for r in results if r["check_id"] in check_ids}


def build(exercises: Iterable[Exercise], attempts: Iterable[AttemptLike]) -> Portfolio:
    exercises = list(exercises)
    by_exercise: dict[str, list[AttemptLike]] = {}
    for attempt in attempts:  # oldest first, as the workspace lists them
        by_exercise.setdefault(attempt.exercise_id, []).append(attempt)
    counted = {ex.id: best_attempt(by_exercise.get(ex.id, [])) for ex in exercises}
    cells = {}
    for ability in ABILITIES:
        training = [ex for ex in exercises if ability.id in ex.abilities]
        cells[ability.id] = _cell(ability.id, training, counted, by_exercise)
    minutes = sum(ex.minutes for ex in exercises
                  if any(a.status == "submitted" for a in by_exercise.get(ex.id, [])))
    points = math.fsum((counted[ex.id].points or 0.0) for ex in exercises
                       if counted[ex.id] is not None)
    max_points = math.fsum(ex.automatic_points for ex in exercises)
    return Portfolio(cells, minutes, points, max_points)


def _cell(ability_id: str, training: list[Exercise], counted: dict,
          by_exercise: dict[str, list[AttemptLike]]) -> Cell:
    status: CellStatus = "not_yet"
    points = max_points = 0.0
    for ex in training:
        checks = {c.id: c.points for c in ex.checks if ability_id in c.abilities}
        max_points += sum(checks.values())
        attempt = counted[ex.id]
        if attempt is None:
            continue
        outcome = _passed(attempt, set(checks))
        points += sum(p for _ok, p in outcome.values())
        if status == "not_yet":
            status = "partly"
        for tried in by_exercise[ex.id]:
            if tried.status == "submitted" and all(
                    _passed(tried, set(checks)).get(c, (False, 0))[0] for c in checks):
                status = "practised"
    return Cell(status, [ex.id for ex in training], points, max_points)
