"""The exercises workflow, once for the CLI and the app: list, start, check, submit,
the portfolio, and the authors' `verify`.

A trainee's working folder is `<workspace>/exercises/<person id>/<exercise id>/`:
starting files are copied there once (never over the trainee's edits) with an
`answers.yaml` to fill. A check simulates the trainee's files with the exercise's
scenario, seed and days, keeps that run in the workspace linked to the attempt, and
judges the work with `curriculum.checks`; the same files give the same run and so the
same verdict.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from simlab.curriculum import exercise as _exercise
from simlab.curriculum import portfolio as _portfolio
from simlab.curriculum.care_checks import DesignFacts
from simlab.curriculum.checks import CheckReport, Work, evaluate
from simlab.curriculum.exercise import Exercise
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.lab import catalog, design, rounds, runner
from simlab.lab.runview import RunView
from simlab.model.yamlio import parse, read_text
from simlab.store.atomic import file_sha256, write_text_atomic

EXERCISES_DIRNAME = "exercises"


@dataclass(frozen=True)
class AttemptStatus:
    """Where a person is with one exercise: `not_started`, `started`, `checked` or
    `submitted`, with the last check's points."""

    status: str
    points: float | None = None
    max_points: float | None = None
    run_id: str | None = None
    attempt_id: int | None = None


def catalogue() -> list[Exercise]:
    """The shipped exercises, by unit then id."""
    return _exercise.load_exercises()


def exercise(exercise_id: str) -> Exercise:
    return _exercise.exercise(exercise_id)


def statuses(ws, person_id: int) -> dict[str, AttemptStatus]:
    """The status of every exercise for `person_id` (their latest attempt at each)."""
    found = {}
    for ex in catalogue():
        attempt = ws.latest_attempt(person_id, ex.id)
        found[ex.id] = AttemptStatus("not_started") if attempt is None else AttemptStatus(
            attempt.status, attempt.points, attempt.max_points, attempt.run_id, attempt.id)
    return found


def working_folder(ws, person_id: int, exercise_id: str) -> Path:
    return Path(ws.root) / EXERCISES_DIRNAME / str(int(person_id)) / exercise_id


def start(ws, person_id: int, exercise_id: str) -> Path:
    """Open (or reopen) the attempt and fill the working folder with what is missing."""
    ex = exercise(exercise_id)
    ws.start_attempt(person_id, ex.id)  # refuses a read-only workspace, an unknown person
    folder = working_folder(ws, person_id, ex.id)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in starting_texts(ex).items():
        if not (folder / name).exists():  # the trainee's edits are never overwritten
            write_text_atomic(folder / name, text)
    return folder


def starting_texts(ex: Exercise) -> dict[str, str]:
    """The files a trainee starts from, by name: the starting files, plus the answers
    file with one line per question."""
    texts = {}
    for item in ex.files:
        texts[item.name] = (item.text if item.text is not None
                            else read_text(_exercise.shipped_file(item.source)))
    if ex.answers_file and ex.answers_file not in texts:
        texts[ex.answers_file] = answers_template(ex)
    return texts


def answers_template(ex: Exercise) -> str:
    lines = [_("# Answers to the exercise «{title}» ({id}).").format(title=ex.title, id=ex.id),
             _("# Write each answer after the colon, then run «simlab exercises check {id}».")
             .format(id=ex.id), ""]
    for q in ex.questions:
        lines.append(f"# {q.text}")
        lines.append(f"# {_question_hint(q)}")
        lines.append(f"{q.id}:")
        lines.append("")
    return "\n".join(lines)


def _question_hint(q) -> str:
    if q.type == "choice":
        return _("one of: {options}").format(options=", ".join(q.options))
    if q.type == "day":
        return _("a day of the run: 1 is the first")
    if q.type == "time":
        return _("a time of day, for example «10:30» (in quotes)")
    if q.type == "text":
        return _("free text, for the instructor")
    return _("a number, in %") if q.percent else _("a number")


# --- gathering and judging the work --------------------------------------------------------


def gather(ex: Exercise, folder: Path, progress: Callable | None = None) -> tuple[Work, object]:
    """The trainee's work in `folder`, with its run simulated; returns (work, run result
    or None)."""
    work = Work(ex, folder, simulate_plan=_option_simulator(ex),
                play_rounds=rounds.folder_player(ex.scenario, ex.seed, folder))
    if ex.answers_file:
        work.answers, work.answers_error = _read_answers(folder / ex.answers_file)
    work.designs = designs(ex, folder)
    result = None
    try:
        bundle = _bundle(ex, folder)
        result = runner.execute(bundle, seed=ex.seed, days=ex.days, progress=progress)
        work.run = RunView.from_result(result)
    except SimlabError as e:
        work.run_error = e
    return work, result


def designs(ex: Exercise, folder: Path) -> dict[str, DesignFacts | SimlabError]:
    """The care models the exercise's `care_model` checks read, each loaded for the
    exercise's scenario, sized and checked as `simlab model check` does (with the
    working plan's shrinkage and costs when it fits the model)."""
    out: dict[str, DesignFacts | SimlabError] = {}
    for name in sorted({c.file for c in ex.checks if c.kind == "care_model"}):
        if not (folder / name).is_file():
            continue
        plan = folder / ex.run.plan if ex.run.plan else None
        try:
            try:
                loaded = design.load(folder / name, ex.scenario, plan)
            except SimlabError as e:
                if plan is None or e.file != str(plan):
                    raise
                loaded = design.load(folder / name, ex.scenario)  # the plan's fault, not the model's
            out[name] = DesignFacts(loaded.care, design.check(loaded),
                                    design.sizing(loaded).cost_per_month)
        except SimlabError as e:
            out[name] = e
    return out


def _read_answers(path: Path) -> tuple[dict, SimlabError | None]:
    try:
        data, _lines = parse(read_text(path), path)
    except SimlabError as e:
        return {}, e
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return {}, SimlabError(_("the file must contain a YAML mapping (key: value)"),
                               file=path, line=1)
    return {str(k): v for k, v in data.items()}, None


def _bundle(ex: Exercise, folder: Path) -> runner.Bundle:
    """The exercise's scenario with the working folder's care model and plan (or the
    scenario's own when the exercise does not hand them to the trainee)."""
    scenario = catalog.resolve("scenario", ex.scenario)
    texts, sources = {"scenario": scenario.text}, {"scenario": scenario.source}
    for kind in ("care", "plan"):
        name = getattr(ex.run, kind)
        if name is None:
            found = catalog.default_related(scenario, kind)
            texts[kind], sources[kind] = found.text, found.source
        else:
            texts[kind], sources[kind] = read_text(folder / name), str(folder / name)
    return runner.bundle_from_texts(texts, sources)


_OPTION_RUNS: dict[tuple[str, str, int, int, str], RunView] = {}


def _option_simulator(ex: Exercise) -> Callable[[str], RunView]:
    """Candidate plans on the exercise's scenario, seed and days: the same customers
    for every option. Kept for the session: the same inputs give the same run."""
    def simulate(plan_file: str) -> RunView:
        key = (ex.id, ex.scenario, ex.seed, ex.days, plan_file)
        if key not in _OPTION_RUNS:
            scenario = catalog.resolve("scenario", ex.scenario)
            care = catalog.default_related(scenario, "care")
            plan_path = _exercise.shipped_file(plan_file)
            bundle = runner.bundle_from_texts(
                {"scenario": scenario.text, "care": care.text, "plan": read_text(plan_path)},
                {"scenario": scenario.source, "care": care.source, "plan": str(plan_path)})
            _OPTION_RUNS[key] = RunView.from_result(
                runner.execute(bundle, seed=ex.seed, days=ex.days))
        return _OPTION_RUNS[key]
    return simulate


def file_hashes(ex: Exercise, folder: Path) -> dict[str, str]:
    """The sha256 of each working file the checks read (which version was checked)."""
    names = sorted({f.name for f in ex.files} | {d.file for d in ex.deliverables})
    return {n: file_sha256(folder / n) for n in names if (folder / n).is_file()}


def check(ws, person_id: int, exercise_id: str, progress: Callable | None = None,
          *, submit_it: bool = False) -> CheckReport:
    """Judge the working folder now; keep the run and the report on the attempt."""
    ex = exercise(exercise_id)
    ws.require_writable()
    attempt = ws.latest_attempt(person_id, ex.id)
    if attempt is None or attempt.status == "submitted":
        raise SimlabError(_("Exercise «{id}» is not started: start it first.").format(
            id=ex.id), key="exercise_id")
    folder = working_folder(ws, person_id, ex.id)
    work, result = gather(ex, folder, progress)
    run_id = None
    if result is not None:
        run_id = runner.save(result, ws, label=_("Exercise {id}").format(id=ex.id),
                             person_id=person_id)
    report = evaluate(work, run_id)
    ws.record_check(person_id, ex.id, points=report.points, max_points=report.max_points,
                    report=report.to_json(), run_id=run_id, files=file_hashes(ex, folder),
                    submit=submit_it)
    return report


def submit(ws, person_id: int, exercise_id: str, progress: Callable | None = None
           ) -> CheckReport:
    """Check once more and hand the attempt in: it is final."""
    return check(ws, person_id, exercise_id, progress, submit_it=True)


def recheck_stored_run(ws, person_id: int, exercise_id: str) -> CheckReport:
    """The checks again on the run kept with the latest attempt, simulated once more from
    its stored inputs (the instructor's replay): the verdict must be the same."""
    ex = exercise(exercise_id)
    attempt = ws.latest_attempt(person_id, ex.id)
    if attempt is None or attempt.run_id is None:
        raise SimlabError(_("Exercise «{id}» has no checked run yet.").format(id=ex.id),
                          key="exercise_id")
    inputs = ws.run_inputs(attempt.run_id)
    result = runner.execute(runner.bundle_from_texts(inputs["texts"]),
                            seed=inputs["seed"], days=inputs["days"])
    folder = working_folder(ws, person_id, ex.id)
    work = Work(ex, folder, simulate_plan=_option_simulator(ex),
                run=RunView.from_result(result), designs=designs(ex, folder))
    if ex.answers_file:
        work.answers, work.answers_error = _read_answers(folder / ex.answers_file)
    return evaluate(work, attempt.run_id)


def portfolio(ws, person_id: int) -> _portfolio.Portfolio:
    return _portfolio.build(catalogue(), ws.attempts(person_id))


# --- the authors' test ------------------------------------------------------------------


@dataclass(frozen=True)
class Verified:
    exercise_id: str
    right: CheckReport
    wrong: CheckReport

    @property
    def ok(self) -> bool:
        return self.right.passed and not self.wrong.passed


def solve(ex: Exercise, folder: Path, side: str) -> Path:
    """Fill `folder` with the starting files, then the `right` or `wrong` solution."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in starting_texts(ex).items():
        write_text_atomic(folder / name, text)
    for name, relative in getattr(ex.solution, side).items():
        write_text_atomic(folder / name, read_text(_exercise.shipped_file(
            f"{_exercise.EXERCISES_DIRNAME}/{relative}")))
    return folder


def verify(exercises: list[Exercise] | None = None,
           progress: Callable[[str], None] | None = None) -> list[Verified]:
    """Every exercise's reference solution must pass all its checks, and its wrong one
    must fail at least one. Nothing is saved."""
    out = []
    for ex in catalogue() if exercises is None else exercises:
        if progress:
            progress(ex.id)
        with tempfile.TemporaryDirectory(prefix=f"simlab-verify-{ex.id}-") as tmp:
            reports = {}
            for side in ("right", "wrong"):
                work, _result = gather(ex, solve(ex, Path(tmp) / side, side))
                reports[side] = evaluate(work)
        out.append(Verified(ex.id, reports["right"], reports["wrong"]))
    return out
