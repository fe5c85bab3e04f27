"""The exam template: `scenarios/exams/*.yaml` (docs/exams.md describes every key).

A template names the competence units it covers, its duration and pass mark, the base
scenario with its care model and plan, the parameters that vary per candidate with their
ranges, where each goes in the candidate's files (`variant`), and the tasks. A task is
built like an exercise (`curriculum.exercise`): questions, automatic checks with points
and abilities, a rubric, starting files and deliverables; numbers that depend on the
candidate are `${…}` placeholders (`exam.params`). The template is checked with the
lowest value of every parameter, then instantiated per candidate with theirs; errors name
file, line and key either way.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, model_validator

from simlab.curriculum.check_kinds import ShippedPath, refuse_repeats
from simlab.curriculum.exercise import Exercise, Solution
from simlab.errors import SimlabError
from simlab.exam.params import Number, Parameter, PlaceholderError, draw, lowest, substitute
from simlab.i18n import _
from simlab.model.common import At, Id, Strict, Text
from simlab.model.loader import validate
from simlab.model.shipped import SHIPPED_DIR
from simlab.model.yamlio import dotted, parse, read_text

EXAMS_DIRNAME = "exams"
EXAMS_DIR = SHIPPED_DIR / EXAMS_DIRNAME
UNIT_CODES = {"UF1": "2365", "UF2": "2366", "UF3": "2368"}
MAX_EXAM_DAYS = 7  # grading replays every candidate's runs: keep each a matter of seconds
# The candidate's files built from the base scenario: pack names, fixed so that tasks
# can name them.
VARIANT_FILES = {"scenario": "scenario.yaml", "care": "modello.care.yaml",
                 "plan": "piano.plan.yaml"}

class ExamTask(Exercise):
    """One task: an exercise run on the candidate's variant of the exam's scenario."""

    scenario: Id = "esame"  # the exam's variant, not a catalogue scenario
    seed: int = 0  # the exam's (per candidate)
    minutes: int = Field(default=30, ge=5, le=480)
    debrief: Text = Field(default_factory=lambda: Text(it="—"))
    solution: Solution = Field(default_factory=lambda: Solution(right={}, wrong={}))

class VariantSet(Strict):
    """One value placed in a candidate's files: `path` is dotted, lists by [index]
    (`teams[0].headcount`)."""

    file: Literal["scenario", "care", "plan"]
    path: str = Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_.\[\]-]+$")
    value: Any

class BaseFiles(Strict):
    """The shipped scenario the exam varies, with its care model and plan."""

    scenario: ShippedPath
    care: ShippedPath
    plan: ShippedPath

class ExamTemplate(Strict):
    id: Id
    kind: Literal["unit", "final"]
    title: Text
    intro: Text
    units: list[Literal["2365", "2366", "2368"]] = Field(min_length=1)
    minutes: int = Field(ge=10, le=480)
    pass_mark: float = Field(gt=0, le=100)  # percent of the points
    base: BaseFiles
    days: int = Field(default=1, ge=1, le=MAX_EXAM_DAYS)
    seed: int = Field(ge=0, le=2**63 - 1)  # usually "${seme}"
    tools: list[Literal["queue", "simulate"]] = Field(default_factory=list)
    parameters: list[Parameter] = Field(min_length=1)
    variant: list[VariantSet] = Field(default_factory=list)
    tasks: list[ExamTask] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> ExamTemplate:
        refuse_repeats([p.id for p in self.parameters], "parameters", "id")
        refuse_repeats([t.id for t in self.tasks], "tasks", "id")
        questions = [(i, j, q.id) for i, t in enumerate(self.tasks)
                     for j, q in enumerate(t.questions)]
        seen: set[str] = set()
        for i, j, qid in questions:  # one answers file for the whole exam
            if qid in seen:
                raise At(_("«{value}» appears twice").format(value=qid),
                         "tasks", i, "questions", j, "id")
            seen.add(qid)
        covered = sorted({UNIT_CODES[t.unit] for t in self.tasks})
        if covered != sorted(self.units):
            raise At(_("the tasks cover the competence units {covered}; «units» says {units}")
                     .format(covered=", ".join(covered), units=", ".join(self.units)), "units")
        if self.kind == "final" and len(self.units) != 3:
            raise At(_("a final exam covers 2365, 2366 and 2368"), "units")
        for i, task in enumerate(self.tasks):
            for j, item in enumerate(task.files):
                if item.name in VARIANT_FILES.values():
                    raise At(_("«{name}» is made from the base scenario: give another name")
                             .format(name=item.name), "tasks", i, "files", j, "name")
        return self

    @property
    def max_points(self) -> float:
        """The automatic checks' points (what grading scores by itself)."""
        return math.fsum(t.automatic_points for t in self.tasks)

    @property
    def rubric_points(self) -> float:
        """The points the examiner scores by hand (`simlab exam rubric`)."""
        return math.fsum(c.points for t in self.tasks for c in t.rubric)

    def task(self, task_id: str) -> ExamTask:
        return next(t for t in self.tasks if t.id == task_id)

# --- loading ----------------------------------------------------------------------------

class TemplateSource:
    """A template's text, parsed once; `instance(values)` checks it with those values."""

    def __init__(self, text: str, source: str | Path) -> None:
        self.text, self.source = text, str(source)
        data, self.lines = parse(text, source)
        if not isinstance(data, dict):
            raise SimlabError(_("the file must contain a YAML mapping (key: value)"),
                              file=source, line=1)
        self.data = data
        raw = data.get("parameters")
        # the parameters first, on their own: every other key may use them
        self.parameters = validate(_Parameters, {"parameters": raw}, self.lines,
                                   source).parameters
        self.template = self.instance(lowest(self.parameters))

    @property
    def id(self) -> str:
        return self.template.id

    def instance(self, values: dict[str, Number]) -> ExamTemplate:
        try:
            data = substitute({k: v for k, v in self.data.items() if k != "parameters"}, values)
        except PlaceholderError as e:
            path = tuple(getattr(e, "path", ()))
            raise SimlabError(str(e), file=self.source, line=self.lines.get(path),
                              key=dotted(path) or None) from None
        data["parameters"] = self.data.get("parameters")
        return validate(ExamTemplate, data, self.lines, self.source)

    def for_candidate(self, secret: bytes, candidate_id: str
                      ) -> tuple[dict[str, Number], ExamTemplate]:
        values = draw(secret, self.id, candidate_id, self.parameters)
        return values, self.instance(values)

class _Parameters(Strict):
    parameters: list[Parameter] = Field(min_length=1)

def load_template(path: Path) -> TemplateSource:
    found = TemplateSource(read_text(path), path)
    if path.name != f"{found.id}.yaml":
        raise SimlabError(_("the file must be named after its id: {name}").format(
            name=f"{found.id}.yaml"), file=path, line=1, key="id")
    return found

def load_templates(folder: Path | None = None) -> list[TemplateSource]:
    folder = EXAMS_DIR if folder is None else folder
    return [load_template(p) for p in sorted(folder.glob("*.yaml"))]

def find_template(name: str, folder: Path | None = None) -> TemplateSource:
    """A template by path or by id among the shipped ones."""
    path = Path(name)
    if path.suffix in (".yaml", ".yml") and path.is_file():
        return load_template(path)
    found = load_templates(folder)
    for template in found:
        if template.id == name:
            return template
    raise SimlabError(_("no exam template «{id}»; the templates are: {known}").format(
        id=name, known=", ".join(t.id for t in found) or "—"), key="TEMPLATE")

def deliverable_names(template: ExamTemplate) -> list[str]:
    """Every file a candidate hands in, in order of first mention."""
    names: list[str] = []
    for task in template.tasks:
        for d in task.deliverables:
            if d.file not in names:
                names.append(d.file)
    return names

def answers_file(template: ExamTemplate) -> str | None:
    return next((t.answers_file for t in template.tasks if t.answers_file), None)

