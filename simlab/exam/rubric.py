"""Rubric scores: the points the examiner gives by hand for what a machine cannot judge.

Every task of a template may carry a rubric (criteria with their points). Grading gives
them no points: the examiner enters each criterion's score with `simlab exam rubric`,
and the score is kept in `rettifiche.json` beside the overrides (an entry with a
`criterion`: the criterion's number, 1 = the first), so that the record of the
correction holds the automatic points, the overrides and the rubric scores together and
the sheet is a pure function of them. A task's points are then its automatic points (or
its override) plus its rubric scores; its maximum is the checks' points plus the
rubric's.
"""

from __future__ import annotations

import math

from simlab.errors import SimlabError
from simlab.i18n import _


def is_rubric(entry: dict) -> bool:
    """A rubric score, as against an override of the automatic points."""
    return "criterion" in entry


def criteria(task: dict) -> list[dict]:
    """The rubric of a task of the record (none in a record written before rubrics)."""
    return list(task.get("rubric", []))


def automatic_max(task: dict) -> float:
    return float(task.get("automatic_max", task["max_points"]))


def add_score(record: dict, entries: list[dict], candidate: dict, task: dict, number: int,
              points: float, reason: str) -> list[dict]:
    """The kept entries with one more rubric score, checked against the task's rubric."""
    rubric = criteria(task)
    if not rubric:
        raise SimlabError(_("task «{id}» has no rubric").format(id=task["id"]), key="--task")
    if not 1 <= number <= len(rubric):
        raise SimlabError(_("the criterion must be between 1 and {n}").format(n=len(rubric)),
                          key="--criterion")
    top = rubric[number - 1]["points"]
    if not (math.isfinite(points) and 0 <= points <= top):
        raise SimlabError(_("the points must be between 0 and {max}").format(
            max=f"{top:g}".replace(".", ",")), key="--points")
    return [*entries, {"candidate": candidate["id"], "task": task["id"], "criterion": number,
                       "points": float(points), "reason": reason.strip()}]


def scores(candidate_id: str, entries: list[dict]) -> dict[tuple[str, int], float]:
    """(task, criterion) → points; the last score entered for a criterion counts."""
    found: dict[tuple[str, int], float] = {}
    for e in entries:
        if is_rubric(e) and e["candidate"] == candidate_id:
            found[(e["task"], int(e["criterion"]))] = float(e["points"])
    return found


def reasons(candidate_id: str, entries: list[dict]) -> dict[tuple[str, int], str]:
    """(task, criterion) → the examiner's reason of the score that counts (may be empty)."""
    found: dict[tuple[str, int], str] = {}
    for e in entries:
        if is_rubric(e) and e["candidate"] == candidate_id:
            found[(e["task"], int(e["criterion"]))] = str(e.get("reason", ""))
    return found


def task_points(task: dict, given: dict[tuple[str, int], float]) -> float:
    return math.fsum(given.get((task["id"], i), 0.0)
                     for i in range(1, len(criteria(task)) + 1))


def pending(record: dict, candidate_id: str, entries: list[dict]) -> int:
    """How many rubric criteria still wait for the examiner's score."""
    given = scores(candidate_id, entries)
    return sum(1 for t in record["tasks"] for i in range(1, len(criteria(t)) + 1)
               if (t["id"], i) not in given)


def pending_points(record: dict, candidate_id: str, entries: list[dict]) -> float:
    """The points of the criteria still waiting for the examiner's score."""
    given = scores(candidate_id, entries)
    return math.fsum(c["points"] for t in record["tasks"]
                     for i, c in enumerate(criteria(t), 1) if (t["id"], i) not in given)
