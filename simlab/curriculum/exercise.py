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
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from simlab.curriculum import standard
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.model.common import At, Id, Strict, Text, parse_clock
from simlab.model.loader import load_text
from simlab.model.yamlio import read_text

# A file of the working folder: a plain name, no folders (the folder is the trainee's).
FileName = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")]
# A shipped file, relative to the scenarios folder ("telco-base.plan.yaml",
# "exercises/files/x.plan.yaml"): no absolute path, no "..".
def _inside(value: str) -> str:
    if ".." in value.split("/"):
        raise ValueError(_("«..» is not allowed: name a file inside the scenarios folder"))
    return value


ShippedPath = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_./-]{0,199}$"),
                        AfterValidator(_inside)]
AbilityId = Annotated[str, Field(pattern=r"^UF[1-3]\.A[0-9]{1,2}$")]
KnowledgeId = Annotated[str, Field(pattern=r"^UF[1-3]\.K[0-9]{1,2}$")]

# KPIs a check may read per channel (those of `analysis.kpi.by_channel`).
CHANNEL_KPIS = ("service_level", "sl_gap", "asa_s", "aht_s", "abandon_rate", "fcr", "frt_h",
                "ticket_sla", "offered", "answered", "backlog", "in_queue_end")
COST_ITEMS = ("total", "cost_per_contact")
MAX_DAYS = 31  # a check simulates these days: keep it a matter of seconds


def _shipped_folder() -> Path:
    # The same rule as lab.catalog (which the curriculum may not import): an installed
    # wheel holds the scenarios as simlab/scenarios/, a checkout at the top of it.
    installed = resources.files("simlab") / "scenarios"
    if isinstance(installed, Path) and installed.is_dir():
        return installed.resolve()
    return Path(__file__).resolve().parents[2] / "scenarios"


SCENARIOS_DIR = _shipped_folder()
EXERCISES_DIRNAME = "exercises"
EXERCISES_DIR = SCENARIOS_DIR / EXERCISES_DIRNAME


def _known(values: list[str], check) -> list[str]:
    for i, value in enumerate(values):
        try:
            check(value)
        except SimlabError as e:
            raise At(e.message, i) from None
    _unique(values)
    return values


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


class ErlangValue(Strict):
    """A value from the analytic queue models (simlab.queueing)."""

    source: Literal["erlang"]
    model: Literal["C", "A"] = "C"
    arrivals_per_hour: float = Field(gt=0, le=100_000)
    aht_s: float = Field(gt=0, le=86_400)
    t_s: float = Field(default=20.0, gt=0, le=3600)
    patience_s: float | None = Field(default=None, gt=0, le=86_400)
    agents: int | None = Field(default=None, ge=1, le=5000)
    target: float | None = Field(default=None, gt=0, lt=1)
    output: Literal["agents", "service_level", "asa_s", "p_wait", "p_abandon", "occupancy"]

    @model_validator(mode="after")
    def _inputs(self) -> ErlangValue:
        if (self.model == "A") != (self.patience_s is not None):
            raise ValueError(_("Erlang A needs «patience_s», Erlang C has none"))
        if self.output == "agents" and self.target is None:
            raise At(_("the agents for a target need the «target» (e.g. 0.8)"), "target")
        if self.output != "agents" and self.agents is None:
            raise At(_("this output needs the number of «agents»"), "agents")
        return self


class RunKpiValue(Strict):
    """A KPI of the trainee's own run, for one channel ("total": all of them)."""

    source: Literal["run"]
    kpi: str
    channel: str = "total"

    _kpi = field_validator("kpi")(lambda cls, v: _kpi_key(v))


class RunWorstValue(Strict):
    """The day (1 = first) or the half-hour of the day (all days together) where a KPI
    of the trainee's run was worst (`pick: min` for a service level, `max` for an
    abandon rate); with `report`, the value of that other KPI there instead (the calls
    offered on the worst day, say)."""

    source: Literal["run_worst"]
    by: Literal["day", "interval"]
    kpi: str
    channel: str
    pick: Literal["min", "max"]
    report: str | None = None

    _kpi = field_validator("kpi")(lambda cls, v: _kpi_key(v))
    _report = field_validator("report")(lambda cls, v: v if v is None else _kpi_key(v))


class RunCostValue(Strict):
    """A cost of the trainee's run: `total` (euro) or `cost_per_contact`."""

    source: Literal["run_cost"]
    item: Literal["total", "cost_per_contact"]


def _kpi_key(value: str) -> str:
    if value not in CHANNEL_KPIS:
        raise ValueError(_("unknown KPI «{kpi}»; allowed: {allowed}").format(
            kpi=value, allowed=", ".join(CHANNEL_KPIS)))
    return value


Value = Annotated[ErlangValue | RunKpiValue | RunWorstValue | RunCostValue,
                  Field(discriminator="source")]


class _Check(Strict):
    id: Id
    points: float = Field(gt=0, le=100)
    abilities: list[AbilityId] = Field(min_length=1)
    # What to look at when the check fails: never the answer.
    feedback: Text

    _abilities = field_validator("abilities")(
        lambda cls, v: _known(v, standard.ability))


class ValidFileCheck(_Check):
    """A care model or plan of the working folder loads and fits the scenario."""

    kind: Literal["valid_file"]
    file: FileName


class KpiCheck(_Check):
    """A KPI of the trainee's run reaches a threshold, optionally within a budget."""

    kind: Literal["kpi"]
    kpi: str
    channel: str = "total"
    at_least: float | None = None
    at_most: float | None = None
    max_cost_eur: float | None = Field(default=None, gt=0)

    _kpi = field_validator("kpi")(lambda cls, v: _kpi_key(v))

    @model_validator(mode="after")
    def _bound(self) -> KpiCheck:
        if (self.at_least is None) == (self.at_most is None):
            raise ValueError(_("give one of «at_least» and «at_most»"))
        return self


class AnswerCheck(_Check):
    """A numeric answer matches the value the core computes, within a tolerance (in
    the answer's own unit: percent points for a `percent` question, seconds for a time)."""

    kind: Literal["answer"]
    question: Id
    value: Value
    tolerance: float = Field(default=0.0, ge=0)


class ChoiceOption(Strict):
    """A candidate: a plan (simulated on the exercise's customers) or a channel of the
    trainee's own run."""

    id: Id
    label: Text
    plan: ShippedPath | None = None
    channel: str | None = None

    @model_validator(mode="after")
    def _one(self) -> ChoiceOption:
        if (self.plan is None) == (self.channel is None):
            raise ValueError(_("give either «plan» or «channel», not both"))
        return self


class ChoiceCheck(_Check):
    """The chosen option is the best among candidates the core ranks by a KPI: plans,
    each simulated on the same customers (scenario, seed and days of the exercise),
    where plans over `max_cost_eur` are out; or channels of the trainee's own run."""

    kind: Literal["choice"]
    question: Id
    options: list[ChoiceOption] = Field(min_length=2)
    kpi: str
    channel: str = "total"
    best: Literal["max", "min"]
    max_cost_eur: float | None = Field(default=None, gt=0)

    _kpi = field_validator("kpi")(lambda cls, v: _kpi_key(v))


class SectionsCheck(_Check):
    """A Markdown report has its headings (any level), each with some text under it."""

    kind: Literal["sections"]
    file: FileName
    headings: list[Text] = Field(min_length=1)
    min_words: int = Field(default=1, ge=0, le=2000)


Check = Annotated[ValidFileCheck | KpiCheck | AnswerCheck | ChoiceCheck | SectionsCheck,
                  Field(discriminator="kind")]


class Criterion(Strict):
    """A rubric line the instructor grades by hand."""

    criterion: Text
    points: float = Field(gt=0, le=100)
    abilities: list[AbilityId] = Field(min_length=1)

    _abilities = field_validator("abilities")(
        lambda cls, v: _known(v, standard.ability))


class Solution(Strict):
    """Files that replace the starting ones: `right` passes every check, `wrong` fails
    at least one. Paths are relative to scenarios/exercises/."""

    right: dict[FileName, ShippedPath]
    wrong: dict[FileName, ShippedPath]


class Exercise(Strict):
    id: Id
    unit: Literal["UF1", "UF2", "UF3"]
    abilities: list[AbilityId] = Field(min_length=1)
    knowledge: list[KnowledgeId] = Field(default_factory=list)
    title: Text
    brief: Text
    minutes: int = Field(ge=5, le=480)
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
        lambda cls, v: _known(v, standard.ability))
    _knowledge = field_validator("knowledge")(
        lambda cls, v: _known(v, standard.knowledge))

    @model_validator(mode="after")
    def _consistent(self) -> Exercise:
        for i, ability_id in enumerate(self.abilities):
            if not ability_id.startswith(self.unit + "."):
                raise At(_("ability {id} is not of unit {unit}").format(
                    id=ability_id, unit=self.unit), "abilities", i)
        names = [f.name for f in self.files]
        _unique(names, "files", "name")
        _unique([q.id for q in self.questions], "questions", "id")
        _unique([c.id for c in self.checks], "checks", "id")
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


def _unique(values: list[str], *where: str | int) -> None:
    """Refuse a repeated value, pointing at its second occurrence (`where`: the list's
    path, then optionally the key inside each item)."""
    seen: set[str] = set()
    for i, value in enumerate(values):
        if value in seen:
            raise At(_("«{value}» appears twice").format(value=value), *where[:1], i, *where[1:])
        seen.add(value)


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
    if isinstance(check, SectionsCheck) and check.file not in working:
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
    """Every exercise of `folder` (default: the shipped ones), by unit then id."""
    folder = EXERCISES_DIR if folder is None else folder
    found = [load_exercise(p) for p in sorted(folder.glob("*.yaml"))]
    return sorted(found, key=lambda e: (e.unit, e.id))


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
