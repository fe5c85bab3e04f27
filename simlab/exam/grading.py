"""The grading record and what is made from it: the grade sheet (points per task and per
competence unit, pass or fail, flags, overrides), the candidates' feedback and the
commission's summary.

The lab (`lab.exam_grade`) scores the submissions into a record (`esito.json`); the
examiner's overrides are kept beside it (`rettifiche.json`). Every file here is a pure
function of the two, so grading twice, or re-rendering after an override, gives the same
bytes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from simlab.curriculum.checks import CheckReport
from simlab.errors import SimlabError
from simlab.exam import rubric
from simlab.exam.template import UNIT_CODES, ExamTemplate
from simlab.i18n import _
from simlab.reports.xlsx import Sheet

RECORD_FORMAT = "simlab-exam-grades/1"
GRADED, FLAGGED, MISSING = "graded", "flagged", "missing"


def new_record(template: ExamTemplate, template_sha256: str) -> dict:
    """The record's frame: a task's maximum is its checks' points plus its rubric's (the
    examiner scores the rubric by hand, `exam.rubric`)."""
    tasks = [{"id": t.id, "unit": t.unit, "code": UNIT_CODES[t.unit], "title": str(t.title),
              "automatic_max": t.automatic_points,
              "rubric": [{"criterion": str(c.criterion), "points": c.points} for c in t.rubric],
              "max_points": t.automatic_points + math.fsum(c.points for c in t.rubric)}
             for t in template.tasks]
    return {"format": RECORD_FORMAT, "exam_id": template.id, "title": template.title.it,
            "template_sha256": template_sha256, "pass_mark": template.pass_mark,
            "max_points": math.fsum(t["max_points"] for t in tasks),
            "units": list(template.units), "tasks": tasks, "candidates": []}


def graded_entry(candidate: dict, file: str, reports: dict[str, CheckReport]) -> dict:
    return {**candidate, "status": GRADED, "reasons": [], "file": file,
            "tasks": {task_id: {"points": r.points, "max_points": r.max_points,
                                "checks": [{"id": c.check_id, "passed": c.passed,
                                            "points": c.points, "max_points": c.max_points,
                                            "feedback": c.feedback} for c in r.results]}
                      for task_id, r in reports.items()}}


def flagged_entry(candidate: dict, file: str | None, reasons: list[str]) -> dict:
    return {**candidate, "status": FLAGGED, "reasons": list(reasons), "file": file, "tasks": {}}


def missing_entry(candidate: dict) -> dict:
    return {**candidate, "status": MISSING, "reasons": [], "file": None, "tasks": {}}


# --- overrides -----------------------------------------------------------------------------

def add_override(record: dict, overrides: list[dict], candidate_id: str, task_id: str,
                 points: float, reason: str) -> list[dict]:
    """The overrides with one more, checked against the record. An override replaces a
    task's automatic points; its rubric scores are added on top (`add_rubric_score`)."""
    entry, task = graded_candidate(record, candidate_id, task_id)
    if not (math.isfinite(points) and 0 <= points <= rubric.automatic_max(task)):
        raise SimlabError(_("the points must be between 0 and {max}").format(
            max=_points(rubric.automatic_max(task))), key="--points")
    if not reason.strip():
        raise SimlabError(_("give the reason of the override"), key="--reason")
    automatic = entry["tasks"][task_id]["points"]
    return [*overrides, {"candidate": candidate_id, "task": task_id, "points": float(points),
                         "automatic": automatic, "reason": reason.strip()}]


def graded_candidate(record: dict, candidate_id: str, task_id: str) -> tuple[dict, dict]:
    """The graded entry and the task an override or a rubric score is for."""
    entry = next((c for c in record["candidates"] if c["id"] == candidate_id), None)
    if entry is None:
        raise SimlabError(_("no candidate «{id}» in the grades; they are: {known}").format(
            id=candidate_id, known=", ".join(c["id"] for c in record["candidates"])),
            key="--candidate")
    task = next((t for t in record["tasks"] if t["id"] == task_id), None)
    if task is None:
        raise SimlabError(_("no task «{id}»; the tasks are: {known}").format(
            id=task_id, known=", ".join(t["id"] for t in record["tasks"])), key="--task")
    if entry["status"] != GRADED:
        raise SimlabError(_("candidate «{id}» was not graded ({status}): settle the flag "
                            "first").format(id=candidate_id, status=status_text(entry["status"])),
                          key="--candidate")
    return entry, task


def add_rubric_score(record: dict, overrides: list[dict], candidate_id: str, task_id: str,
                     number: int, points: float, reason: str) -> list[dict]:
    entry, task = graded_candidate(record, candidate_id, task_id)
    return rubric.add_score(record, overrides, entry, task, number, points, reason)


def _effective(record: dict, entry: dict, overrides: list[dict]) -> dict[str, float]:
    """Each task's automatic points (or the last override of them) plus its rubric scores."""
    points = {t: v["points"] for t, v in entry["tasks"].items()}
    for o in overrides:  # in order: the last override of a task counts
        if not rubric.is_rubric(o) and o["candidate"] == entry["id"] and o["task"] in points:
            points[o["task"]] = o["points"]
    given = rubric.scores(entry["id"], overrides)
    for t in record["tasks"]:
        if t["id"] in points:
            points[t["id"]] += rubric.task_points(t, given)
    return points


@dataclass(frozen=True)
class Outcome:
    points: dict[str, float]
    units: dict[str, float]
    total: float
    percent: float
    passed: bool
    # not passed yet, but the rubric still to score could bring it over the pass mark:
    # the sheet must not tell the commission (or the candidate) «not passed» too early
    undecided: bool = False

    def result_text(self) -> str:
        if self.passed:
            return _("passed")
        return _("not passed yet: rubric to score") if self.undecided else _("not passed")


def outcome(record: dict, entry: dict, overrides: list[dict]) -> Outcome | None:
    if entry["status"] != GRADED:
        return None
    points = _effective(record, entry, overrides)
    units = {code: math.fsum(points[t["id"]] for t in record["tasks"] if t["code"] == code)
             for code in record["units"]}
    total = math.fsum(points.values())
    percent = 100 * total / record["max_points"] if record["max_points"] else 0.0
    passed = percent >= record["pass_mark"] - 1e-9
    reachable = total + rubric.pending_points(record, entry["id"], overrides)
    undecided = not passed and record["max_points"] > 0 and (
        100 * reachable / record["max_points"] >= record["pass_mark"] - 1e-9)
    return Outcome(points, units, total, percent, passed, undecided)


def status_text(status: str) -> str:
    return {GRADED: _("graded"), FLAGGED: _("FLAGGED"), MISSING: _("not submitted")}[status]


def _points(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}".replace(".", ",")


# --- the sheet ------------------------------------------------------------------------------

def sheet(record: dict, overrides: list[dict]) -> Sheet:
    """One row per candidate: points per task and unit, total, %, result, flags, overrides."""
    rows = []
    for entry in record["candidates"]:
        result = outcome(record, entry, overrides)
        row = {_("Candidate"): entry["id"], _("Name"): entry["name"],
               _("Status"): status_text(entry["status"])}
        for t in record["tasks"]:
            row[_("{task} (of {max})").format(task=t["id"], max=_points(t["max_points"]))] = (
                result.points[t["id"]] if result else None)
        for code in record["units"]:
            row[_("Unit {code}").format(code=code)] = result.units[code] if result else None
        row[_("Total")] = result.total if result else None
        row[_("Maximum")] = record["max_points"]
        row[_("Score")] = result.percent / 100 if result else None
        row[_("Result")] = result.result_text() if result else (
            _("flagged") if entry["status"] == FLAGGED else _("not submitted"))
        row[_("Reasons")] = "; ".join(entry["reasons"])
        row[_("Overrides")] = "; ".join(
            _("{task}: {before} → {after} ({reason})").format(
                task=o["task"], before=_points(o["automatic"]), after=_points(o["points"]),
                reason=o["reason"])
            for o in overrides if o["candidate"] == entry["id"] and not rubric.is_rubric(o))
        row[_("Closed by the timer")] = _("yes") if entry.get("closed") else ""
        row[_("Rubric to score")] = (rubric.pending(record, entry["id"], overrides)
                                     if result else None)
        rows.append(row)
    frame = pd.DataFrame(rows)
    return Sheet(_("Grades"), frame, column_units={_("Score"): "ratio"})


# --- feedback and summary ---------------------------------------------------------------

def feedback_markdown(record: dict, entry: dict, overrides: list[dict]) -> str:
    """The candidate's feedback: every criterion with its points and what to look at."""
    out = [f"# {record['title']}", "",
           _("Candidate: {name} ({id})").format(name=entry["name"], id=entry["id"]), ""]
    result = outcome(record, entry, overrides)
    if result is None:
        out.append(_("Status: {status}.").format(status=status_text(entry["status"])))
        out += [f"- {r}" for r in entry["reasons"]]
        return "\n".join(out) + "\n"
    if entry.get("closed"):
        out += [_("The time ran out: the exam was closed and handed in as last saved."), ""]
    out += [_("Points: {points} of {max} ({percent}%): {result}.").format(
        points=_points(result.total), max=_points(record["max_points"]),
        percent=f"{result.percent:.1f}".replace(".", ","),
        result=result.result_text()), ""]
    for t in record["tasks"]:
        task = entry["tasks"][t["id"]]
        out += [f"## {t['title']} — {_points(result.points[t['id']])}/{_points(t['max_points'])}",
                ""]
        for c in task["checks"]:
            mark = "✓" if c["passed"] else "✗"
            out.append(f"- {mark} {c['id']} ({_points(c['points'])}/{_points(c['max_points'])}): "
                       f"{c['feedback']}")
        out += _rubric_lines(t, rubric.scores(entry["id"], overrides),
                             rubric.reasons(entry["id"], overrides))
        for o in overrides:
            if o["candidate"] == entry["id"] and o["task"] == t["id"] and not rubric.is_rubric(o):
                out.append("- " + _("Override by the commission: {before} → {after} ({reason})")
                           .format(before=_points(o["automatic"]), after=_points(o["points"]),
                                   reason=o["reason"]))
        out.append("")
    return "\n".join(out)


def _rubric_lines(task: dict, given: dict[tuple[str, int], float],
                  why: dict[tuple[str, int], str]) -> list[str]:
    """A line per criterion of the rubric: its points, and the examiner's reason when
    there is one, so that the candidate reads why a criterion was not met in full."""
    lines = []
    for i, c in enumerate(rubric.criteria(task), start=1):
        score = given.get((task["id"], i))
        shown = _("to be scored by the examiner") if score is None else (
            f"{_points(score)}/{_points(c['points'])}")
        line = "- " + _("Rubric {n}: {criterion} ({points})").format(
            n=i, criterion=c["criterion"], points=shown)
        reason = why.get((task["id"], i), "").strip()
        lines.append(f"{line}: {reason}" if score is not None and reason else line)
    return lines


def summary_markdown(record: dict, overrides: list[dict]) -> str:
    """For the commission: counts, results, flags with reasons, mean points per task."""
    entries = record["candidates"]
    results = {e["id"]: outcome(record, e, overrides) for e in entries}
    graded = [e for e in entries if e["status"] == GRADED]
    out = [f"# {record['title']}", "", _("Summary for the commission."), "",
           _("Candidates: {n}. Graded: {graded}. Passed: {passed}. Flagged: {flagged}. Not "
             "submitted: {missing}.").format(
               n=len(entries), graded=len(graded),
               passed=sum(1 for e in graded if results[e["id"]].passed),
               flagged=sum(1 for e in entries if e["status"] == FLAGGED),
               missing=sum(1 for e in entries if e["status"] == MISSING)), "",
           _("Pass mark: {mark}% of {max} points.").format(
               mark=_points(record["pass_mark"]), max=_points(record["max_points"])), ""]
    flagged = [e for e in entries if e["status"] == FLAGGED]
    if flagged:
        out += [_("## Flagged submissions (not graded)"), ""]
        out += [f"- {e['id']} ({e['name']}): " + "; ".join(e["reasons"]) for e in flagged]
        out.append("")
    if graded:
        out += [_("## Mean points per task"), ""]
        for t in record["tasks"]:
            mean = math.fsum(results[e["id"]].points[t["id"]] for e in graded) / len(graded)
            out.append(f"- {t['title']} ({t['id']}, {t['code']}): "
                       f"{_points(round(mean, 2))}/{_points(t['max_points'])}")
        out.append("")
    waiting = sum(rubric.pending(record, e["id"], overrides) for e in graded)
    if waiting:
        out += [_("Rubric criteria still to be scored by the examiner: {n}.").format(n=waiting),
                ""]
    changes = [o for o in overrides if not rubric.is_rubric(o)]
    if changes:
        out += [_("## Overrides"), ""]
        out += [f"- {o['candidate']}, {o['task']}: {_points(o['automatic'])} → "
                f"{_points(o['points'])} ({o['reason']})" for o in changes]
        out.append("")
    return "\n".join(out)
