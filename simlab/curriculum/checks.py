"""The automatic checks of an exercise, evaluated against the trainee's work.

Every number a check compares comes from the core: KPIs and costs from the run's tables
(`analysis.kpi`, through the run the lab simulated), Erlang values from
`simlab.queueing`. A check never computes a formula of its own. Feedback says what to
look at (the check's own `feedback`, plus what was missing or malformed), never the
value expected.

The lab (`lab.exercises`) gathers the `Work`: the files of the working folder, the
answers, the trainee's run and a way to simulate a candidate plan on the same
customers. This module only judges it, so the same work always gets the same verdict.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pandas as pd

from simlab.curriculum import care_checks, case_checks, rounds_checks, staff_checks
from simlab.curriculum.answer_values import (  # noqa: F401 - dataset_statistic re-exported
    channel_value,
    dataset_statistic,
    expected_value,
    read_dataset,
)
from simlab.curriculum.care_checks import DesignFacts
from simlab.curriculum.check_kinds import (
    AnswerCheck,
    ChoiceCheck,
    KpiCheck,
    SectionsCheck,
    ValidFileCheck,
)
from simlab.curriculum.exercise import Exercise, Question, answer_number
from simlab.errors import SimlabError
from simlab.i18n import _

EPSILON = 1e-9  # float noise on a tolerance boundary


class RunData(Protocol):
    """What a check reads of a run (`lab.runview.RunView` has it)."""

    channels: pd.DataFrame
    by_day: pd.DataFrame
    intraday: pd.DataFrame
    cost: dict[str, float]
    contacts: pd.DataFrame
    agents: pd.DataFrame
    kpi_data: object  # analysis.kpi_groups.KpiData: every KPI by any formula


@dataclass(frozen=True)
class CheckResult:
    check_id: str
    kind: str
    passed: bool
    points: float
    max_points: float
    feedback: str  # in the user's language at the time of the check
    abilities: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class CheckReport:
    exercise_id: str
    results: list[CheckResult]
    run_id: str | None = None

    @property
    def points(self) -> float:
        return math.fsum(r.points for r in self.results)

    @property
    def max_points(self) -> float:
        return math.fsum(r.max_points for r in self.results)

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.results)

    def verdict(self) -> list[tuple[str, bool, float]]:
        """What decides the grade, without the wording: (check, passed, points)."""
        return [(r.check_id, r.passed, r.points) for r in self.results]

    def to_json(self) -> dict[str, Any]:
        return {"exercise_id": self.exercise_id, "run_id": self.run_id,
                "points": self.points, "max_points": self.max_points,
                "results": [asdict(r) for r in self.results]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CheckReport:
        return cls(data["exercise_id"], [CheckResult(**r) for r in data.get("results", [])],
                   data.get("run_id"))


@dataclass
class Work:
    """The trainee's work on one exercise, as the lab gathered it."""

    exercise: Exercise
    folder: Path
    answers: dict[str, Any] = field(default_factory=dict)
    answers_error: SimlabError | None = None
    run: RunData | None = None
    run_error: SimlabError | None = None
    # a shipped plan file (relative to scenarios/) simulated on the exercise's
    # scenario, seed and days: the same customers as the trainee's run
    simulate_plan: Callable[[str], RunData] | None = None
    # the care models the `care_model` checks read, by file name: loaded, sized and
    # checked for the exercise's scenario, or the error that stopped it
    designs: dict[str, DesignFacts | SimlabError] = field(default_factory=dict)
    # the `rounds` checks' game: plan file names, one per week → the state of each week
    play_rounds: Callable[[tuple[str, ...]], list[dict]] | None = None


def evaluate(work: Work, run_id: str | None = None) -> CheckReport:
    """Every check of the exercise, in its order."""
    return CheckReport(work.exercise.id, [_one(check, work) for check in work.exercise.checks],
                       run_id)


def _one(check, work: Work) -> CheckResult:
    judge = _JUDGES[check.kind]
    problem = judge(check, work)
    passed = problem is None
    if passed:
        text = _("Correct.")
    else:
        text = f"{problem} {check.feedback}".strip() if problem else str(check.feedback)
    return CheckResult(check.id, check.kind, passed, check.points if passed else 0.0,
                       check.points, text, list(check.abilities))


# Each judge returns None when the check passes, else what went wrong ("" when the
# check's own feedback says it all).

def _valid_file(check: ValidFileCheck, work: Work) -> str | None:
    error = work.run_error
    if error is not None and error.file and Path(error.file).name == check.file:
        return _("The file has an error: {error}.").format(error=error)
    if not (work.folder / check.file).is_file():
        return _("The file «{name}» is missing from the working folder.").format(
            name=check.file)
    return None


def _no_run(work: Work) -> str:
    return _("Your run could not be simulated: {error}.").format(error=work.run_error)


def _kpi(check: KpiCheck, work: Work) -> str | None:
    if work.run is None:
        return _no_run(work)
    value = channel_value(work.run, check.kpi, check.channel)
    if value is None:
        return _("Your run has no value for this KPI on this channel.")
    low_ok = check.at_least is None or value >= check.at_least - EPSILON
    high_ok = check.at_most is None or value <= check.at_most + EPSILON
    if not (low_ok and high_ok):
        return ""
    if check.max_cost_eur is not None and work.run.cost["total"] > check.max_cost_eur:
        return _("The target is reached, but the total cost is over the budget.")
    return None


def _answer(check: AnswerCheck, work: Work) -> str | None:
    question = work.exercise.question(check.question)
    given, problem = _given_number(question, work)
    if problem is not None:
        return problem
    expected = expected_value(check, question, work)
    if expected is None:
        return _no_run(work) if work.run is None else _(
            "Your run has no value to compare with: look at its tables.")
    return None if abs(given - expected) <= check.tolerance + EPSILON else ""


def _given_number(question: Question, work: Work) -> tuple[float, str | None]:
    if work.answers_error is not None:
        return 0.0, _("The answers file has an error: {error}.").format(error=work.answers_error)
    raw = work.answers.get(question.id)
    if raw is None or raw == "":
        return 0.0, _("The answer «{id}» is missing.").format(id=question.id)
    try:
        return answer_number(question, raw), None
    except ValueError as e:
        return 0.0, _("The answer «{id}» is not valid: {error}.").format(id=question.id, error=e)


def _choice(check: ChoiceCheck, work: Work) -> str | None:
    question = work.exercise.question(check.question)
    if work.answers_error is not None:
        return _("The answers file has an error: {error}.").format(error=work.answers_error)
    chosen = work.answers.get(question.id)
    if chosen is None or chosen == "":
        return _("The answer «{id}» is missing.").format(id=question.id)
    if str(chosen) not in question.options:
        return _("The answer «{id}» must be one of: {allowed}.").format(
            id=question.id, allowed=", ".join(question.options))
    if work.run is None and any(o.channel for o in check.options):
        return _no_run(work)
    return None if str(chosen) in best_options(check, work) else ""


def best_options(check: ChoiceCheck, work: Work) -> list[str]:
    """The options ranked first (more than one only on an exact tie), among those
    within the budget, each simulated on the same customers."""
    if work.simulate_plan is None and any(o.plan for o in check.options):
        raise RuntimeError("a choice among plans needs Work.simulate_plan")
    scored = []
    for option in check.options:
        if option.channel is not None:  # a channel of the trainee's own run
            if work.run is None:
                return []
            value = channel_value(work.run, check.kpi, option.channel)
        else:
            run = work.simulate_plan(option.plan)
            if check.max_cost_eur is not None and run.cost["total"] > check.max_cost_eur:
                continue
            value = channel_value(run, check.kpi, check.channel)
        if value is not None:
            scored.append((option.id, value))
    if not scored:
        return []
    pick = max if check.best == "max" else min
    top = pick(v for _id, v in scored)
    return [option_id for option_id, v in scored if v == top]


_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s']", " ", text.casefold()).split())


def report_sections(text: str) -> dict[str, int]:
    """Markdown headings (normalised) with the number of words under each."""
    sections: dict[str, int] = {}
    current = None
    for line in text.splitlines():
        match = _HEADING.match(line)
        if match:
            current = _norm(match.group(2))
            sections.setdefault(current, 0)
        elif current is not None:
            sections[current] += len(re.findall(r"\w+", line))
    return sections


def _sections(check: SectionsCheck, work: Work) -> str | None:
    path = work.folder / check.file
    if not path.is_file():
        return _("The file «{name}» is missing from the working folder.").format(
            name=check.file)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return _("The file «{name}» cannot be read as UTF-8 text.").format(name=check.file)
    found = report_sections(text)
    missing, short = [], []
    for heading in check.headings:
        names = {_norm(heading.it)} | ({_norm(heading.en)} if heading.en else set())
        words = [found[n] for n in names if n in found]
        if not words:
            missing.append(str(heading))
        elif max(words) < check.min_words:
            short.append(str(heading))
    if missing:
        return _("Headings missing: {names}.").format(names=", ".join(f"«{m}»" for m in missing))
    if short:
        return _("Sections too short (at least {n} words each): {names}.").format(
            n=check.min_words, names=", ".join(f"«{s}»" for s in short))
    return None


_JUDGES: dict[str, Callable[[Any, Work], str | None]] = {
    "valid_file": _valid_file,
    "cases": case_checks.judge,
    "kpi": _kpi,
    "answer": _answer,
    "choice": _choice,
    "sections": _sections,
    "rounds": rounds_checks.judge,
    "care_model": care_checks.judge,
    "largest_budget_line": staff_checks.judge_largest,
    "staff_plan": staff_checks.judge_plan,
}
