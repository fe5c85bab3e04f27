"""The exercise format: `scenarios/exercises/*.yaml`, small and declarative.

An exercise names the abilities it trains, the scenario (with seed and days) the
trainee's run is simulated on, the files the trainee starts from and hands in, the
questions of `answers.yaml`, the automatic checks (`curriculum.checks` evaluates them),
a rubric for the instructor, hints and debrief notes. Its reference solution and a
deliberately wrong one sit beside it in `scenarios/exercises/solutions/`, so that
`simlab exercises verify` proves every check can pass and can fail. docs/exercises.md
describes every key.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator

from simlab.curriculum import standard
from simlab.curriculum.check_kinds import (
    AbilityId,
    AnswerCheck,
    CareModelCheck,
    Check,
    ChoiceCheck,
    FileName,
    KnowledgeId,
    SectionsCheck,
    ShippedPath,
    ValidFileCheck,
    known_ids,
    refuse_repeats,
)
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.model.common import At, Id, Strict, Text, parse_clock
from simlab.model.loader import load_text
from simlab.model.shipped import SHIPPED_DIR
from simlab.model.yamlio import read_text

MAX_DAYS = 31  # a check simulates these days: keep it a matter of seconds

SCENARIOS_DIR = SHIPPED_DIR
EXERCISES_DIRNAME = "exercises"
EXERCISES_DIR = SCENARIOS_DIR / EXERCISES_DIRNAME


class StartFile(Strict):
    """A file the trainee starts from, copied into the working folder."""

    name: FileName
    source: ShippedPath | None = None  # a shipped file, relative to scenarios/
    text: str | None = Field(default=None, max_length=200_000)

    @model_validator(mode="after")
    def _one(self) -> StartFile:
        if (self.source is None) == (self.text is None):
            raise ValueError(_("give either «source» (a shipped file) or «text», not both"))
        return self


class Deliverable(Strict):
    """What the trainee hands in."""

    file: FileName
    kind: Literal["care", "plan", "answers", "report"]
    description: Text


class Question(Strict):
    """One entry of `answers.yaml`. `number`: a number (`percent`: written in %);
    `day`: a day of the run, 1 = the first; `time`: a time of day "HH:MM"; `choice`:
    one of `options`; `text`: free text for the instructor."""

    id: Id
    text: Text
    type: Literal["number", "day", "time", "choice", "text"] = "number"
    percent: bool = False
    options: list[Id] = Field(default_factory=list)

    @model_validator(mode="after")
    def _options(self) -> Question:
        if (self.type == "choice") != bool(self.options):
            raise ValueError(_("a «choice» question needs «options», and only it has them"))
        return self


class RunSpec(Strict):
    """Which working files the trainee's run uses (none: the scenario's own)."""

    care: FileName | None = None
    plan: FileName | None = None


class Criterion(Strict):
    """A rubric line the instructor grades by hand."""

    criterion: Text
    points: float = Field(gt=0, le=100)
    abilities: list[AbilityId] = Field(min_length=1)

    _abilities = field_validator("abilities")(
        lambda cls, v: known_ids(v, standard.ability))


class Solution(Strict):
    """Files that replace the starting ones: `right` passes every check, `wrong` fails
    at least one. Paths are relative to scenarios/exercises/."""

    right: dict[FileName, ShippedPath]
    wrong: dict[FileName, ShippedPath]


class Exercise(Strict):
    id: Id
    unit: Literal["UF1", "UF2", "UF3", "ALL"]  # ALL: the cross-unit project
    abilities: list[AbilityId] = Field(min_length=1)
    knowledge: list[KnowledgeId] = Field(default_factory=list)
    title: Text
    brief: Text
    minutes: int = Field(ge=5, le=720)  # 12 h: the cross-unit final project
    scenario: Id
    seed: int = Field(ge=0, le=2**63 - 1)
    days: int = Field(default=1, ge=1, le=MAX_DAYS)
    files: list[StartFile] = Field(default_factory=list)
    run: RunSpec = Field(default_factory=RunSpec)
    deliverables: list[Deliverable] = Field(min_length=1)
    questions: list[Question] = Field(default_factory=list)
    checks: list[Check] = Field(min_length=1)
    rubric: list[Criterion] = Field(default_factory=list)
    hints: list[Text] = Field(default_factory=list)
    debrief: Text
    solution: Solution

    _abilities = field_validator("abilities")(
        lambda cls, v: known_ids(v, standard.ability))
    _knowledge = field_validator("knowledge")(
        lambda cls, v: known_ids(v, standard.knowledge))

    @model_validator(mode="after")
    def _consistent(self) -> Exercise:
        _abilities_fit_unit(self.unit, self.abilities)
        names = [f.name for f in self.files]
        refuse_repeats(names, "files", "name")
        refuse_repeats([q.id for q in self.questions], "questions", "id")
        refuse_repeats([c.id for c in self.checks], "checks", "id")
        working = set(names) | {d.file for d in self.deliverables}
        for key in ("care", "plan"):
            name = getattr(self.run, key)
            if name is not None and name not in working:
                raise At(_("«{name}» is neither a starting file nor a deliverable").format(
                    name=name), "run", key)
        questions = {q.id: q for q in self.questions}
        for i, check in enumerate(self.checks):
            _check_fits(self, check, questions, working, i)
        for side in ("right", "wrong"):
            for name in getattr(self.solution, side):
                if name not in working:
                    raise At(_("«{name}» is neither a starting file nor a deliverable")
                             .format(name=name), "solution", side, name)
        return self

    @property
    def answers_file(self) -> str | None:
        """The deliverable of kind `answers` (where the questions are answered)."""
        return next((d.file for d in self.deliverables if d.kind == "answers"), None)

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)

    @property
    def automatic_points(self) -> float:
        return math.fsum(c.points for c in self.checks)


def _abilities_fit_unit(unit: str, abilities: list[str]) -> None:
    """A unit's exercise trains that unit's abilities; the cross-unit project (ALL)
    trains abilities of every unit, or it would not cross them."""
    if unit == standard.CROSS_UNIT.id:
        missing = [u.id for u in standard.UNITS
                   if not any(a.startswith(u.id + ".") for a in abilities)]
        if missing:
            raise At(_("a cross-unit project (unit ALL) trains abilities of every unit; "
                       "none of {units}").format(units=", ".join(missing)), "abilities")
        return
    for i, ability_id in enumerate(abilities):
        if not ability_id.startswith(unit + "."):
            raise At(_("ability {id} is not of unit {unit}").format(
                id=ability_id, unit=unit), "abilities", i)


def _check_fits(exercise: Exercise, check, questions: dict[str, Question],
                working: set[str], index: int) -> None:
    """What a check names must exist in the exercise: its question, its file."""
    where = ("checks", index)
    for i, ability_id in enumerate(check.abilities):
        if ability_id not in exercise.abilities:
            raise At(_("ability {id} is not among the exercise's «abilities»").format(
                id=ability_id), *where, "abilities", i)
    if isinstance(check, (AnswerCheck, ChoiceCheck)):
        question = questions.get(check.question)
        if question is None:
            raise At(_("no question «{id}» in «questions»").format(id=check.question),
                     *where, "question")
        expected = ("choice",) if isinstance(check, ChoiceCheck) else ("number", "day", "time")
        if question.type not in expected:
            raise At(_("question «{id}» is of type {type}; this check needs {allowed}").format(
                id=question.id, type=question.type, allowed=" / ".join(expected)),
                *where, "question")
        if isinstance(check, ChoiceCheck) and sorted(question.options) != sorted(
                o.id for o in check.options):
            raise At(_("the options differ from those of question «{id}»").format(
                id=question.id), *where, "options")
    if isinstance(check, ValidFileCheck) and check.file not in (exercise.run.care,
                                                                exercise.run.plan):
        raise At(_("«{name}» is not the care model or plan of «run»").format(
            name=check.file), *where, "file")
    if isinstance(check, CareModelCheck) and check.meets_own_targets and (
            check.file != exercise.run.care):
        raise At(_("«{name}» is not the care model of «run»: the run must use it").format(
            name=check.file), *where, "file")
    if isinstance(check, (SectionsCheck, CareModelCheck)) and check.file not in working:
        raise At(_("«{name}» is neither a starting file nor a deliverable").format(
            name=check.file), *where, "file")


def answer_number(question: Question, raw: object) -> float:
    """An answer as the number checks compare: % stays % , a time becomes seconds.
    Raises ValueError with an Italian message when it is not of the question's type."""
    if question.type == "time":
        return float(parse_clock(raw))
    if isinstance(raw, bool) or raw is None:
        raise ValueError(_("write a number"))
    if isinstance(raw, str):
        text = raw.strip().replace("%", "").replace(",", ".")
        if not re.fullmatch(r"[-+]?\d+(\.\d+)?", text):
            raise ValueError(_("write a number"))
        raw = float(text)
    if not isinstance(raw, (int, float)) or not math.isfinite(raw):
        raise ValueError(_("write a number"))
    if question.type == "day" and float(raw) != int(raw):
        raise ValueError(_("write the day as a whole number (1 = the first day)"))
    return float(raw)


# --- loading ----------------------------------------------------------------------------


def load_exercise(path: Path) -> Exercise:
    """One exercise file, with errors naming file, line and key."""
    exercise = load_text(Exercise, read_text(path), path)
    if path.name != f"{exercise.id}.yaml":
        raise SimlabError(_("the file must be named after its id: {name}").format(
            name=f"{exercise.id}.yaml"), file=path, line=1, key="id")
    return exercise


def load_exercises(folder: Path | None = None) -> list[Exercise]:
    """Every exercise of `folder` (default: the shipped ones), by unit then id; the
    cross-unit project last."""
    folder = EXERCISES_DIR if folder is None else folder
    found = [load_exercise(p) for p in sorted(folder.glob("*.yaml"))]
    return sorted(found, key=lambda e: (e.unit == standard.CROSS_UNIT.id, e.unit, e.id))


def exercise(exercise_id: str, folder: Path | None = None) -> Exercise:
    exercises = load_exercises(folder)
    for found in exercises:
        if found.id == exercise_id:
            return found
    raise SimlabError(_("no exercise «{id}»; the exercises are: {known}").format(
        id=exercise_id, known=", ".join(e.id for e in exercises) or "—"), key="exercise_id")


def shipped_file(relative: str) -> Path:
    """A shipped file named by an exercise (relative to scenarios/)."""
    path = SCENARIOS_DIR / relative
    if not path.is_file():
        raise SimlabError(_("file not found"), file=path)
    return path
