"""What the app shows a trainee, once for every front end: the exercises by unit with
their abilities and status (the open session plan's first), an exercise's brief, the
run form's preset for an exercise (its scenario, seed, days and the working files), and
the portfolio as plain rows for the screen and the exported files.

The workflow itself (start, check, submit, the portfolio's rules) is
`lab.exercises` and `curriculum.portfolio`; nothing here grades."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from simlab.curriculum import portfolio as _portfolio
from simlab.curriculum import standard
from simlab.i18n import _
from simlab.lab import catalog, exercises, session


@dataclass(frozen=True)
class ExerciseRow:
    id: str
    unit: str
    title: str
    abilities: list[str]
    minutes: int
    status: str  # not_started | started | checked | submitted
    points: float | None
    max_points: float | None
    in_session: bool

    @property
    def abilities_text(self) -> str:
        """The abilities in a narrow column: the unit written once, «UF1.A1 A2 A3»."""
        return compact_abilities(self.abilities)


def compact_abilities(ids: list[str]) -> str:
    out, unit = [], None
    for ability_id in ids:
        this, _dot, rest = ability_id.partition(".")
        out.append(rest if this == unit else ability_id)
        unit = this
    return " ".join(out)


def exercise_rows(ws, person_id: int | None) -> list[ExerciseRow]:
    """Every exercise, the open session plan's first (in its order), then by unit."""
    plan = session.current(ws)
    by_id = {ex.id: ex for ex in exercises.catalogue()}
    found = exercises.statuses(ws, person_id) if person_id is not None else {}
    rows = []
    for ex_id in session.ordered(list(by_id), plan):
        ex = by_id[ex_id]
        status = found.get(ex.id)
        rows.append(ExerciseRow(
            ex.id, ex.unit, str(ex.title), list(ex.abilities), ex.minutes,
            status.status if status else "not_started",
            status.points if status else None,
            status.max_points if status and status.max_points is not None
            else ex.automatic_points,
            plan is not None and ex.id in plan.exercises))
    return rows


@dataclass(frozen=True)
class Brief:
    id: str
    title: str
    unit: str  # "UF1 (2365): Sviluppo del modello di customer care"
    minutes: int
    text: str
    abilities: list[tuple[str, str]]  # (id, text of the standard)
    knowledge: list[tuple[str, str]]
    deliverables: list[tuple[str, str]]  # (file, what it is)
    hints: list[str]
    scenario: str
    seed: int
    days: int
    checks: int
    rubric: list[tuple[str, float, list[str]]] = field(default_factory=list)
    debrief: str | None = None  # the solution's numbers: for an instructor or examiner only


TEACHERS = ("instructor", "examiner")


def brief(exercise_id: str, role: str | None = None) -> Brief:
    """The brief as `role` may read it: the debrief notes only for a teacher."""
    ex = exercises.exercise(exercise_id)
    unit = standard.unit(ex.unit)
    return Brief(
        ex.id, str(ex.title), f"{unit.id} ({unit.code}): {unit.label()}", ex.minutes,
        str(ex.brief),
        [(a, standard.ability(a).text) for a in ex.abilities],
        [(k, standard.knowledge(k).text) for k in ex.knowledge],
        [(d.file, str(d.description)) for d in ex.deliverables],
        [str(h) for h in ex.hints], ex.scenario, ex.seed, ex.days, len(ex.checks),
        [(str(c.criterion), c.points, list(c.abilities)) for c in ex.rubric],
        str(ex.debrief) if role in TEACHERS else None)


def run_preset(ws, person_id: int, exercise_id: str) -> session.RunPreset:
    """The run form for an exercise: its scenario, seed and days, with the trainee's
    working care model and plan (the files the checks read)."""
    ex = exercises.exercise(exercise_id)
    folder = exercises.working_folder(ws, person_id, ex.id)
    found: dict[str, catalog.Source | None] = {}
    for kind in ("care", "plan"):
        name = getattr(ex.run, kind)
        path = folder / name if name else None
        found[kind] = (catalog.file_source(kind, path)
                       if path is not None and path.is_file() else None)
    key = catalog.resolve("scenario", ex.scenario, ws).key
    return session.RunPreset(
        key, ex.seed, ex.days, found["care"], found["plan"],
        label=_("Exercise {id}").format(id=ex.id),
        why=_("Exercise «{title}»: its scenario, seed and days, with your working files "
              "in {folder}.").format(title=ex.title, folder=folder))


def working_files(ws, person_id: int, exercise_id: str) -> list[Path]:
    folder = exercises.working_folder(ws, person_id, exercise_id)
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []


# -- the portfolio ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AbilityRow:
    unit: str
    ability_id: str
    ability: str
    status: str  # practised | partly | not_yet
    exercises: list[str]
    points: float
    max_points: float


@dataclass(frozen=True)
class PortfolioView:
    person: str
    rows: list[AbilityRow]
    minutes: float
    points: float
    max_points: float
    units: list[tuple[str, str, str]] = field(default_factory=list)  # (id, code, title)

    @property
    def practised(self) -> int:
        return sum(r.status == "practised" for r in self.rows)


def portfolio_view(person_name: str, attempts: list) -> PortfolioView:
    """The 23 abilities of the standard for one person's attempts (theirs, or a class
    member's as imported)."""
    built = _portfolio.build(exercises.catalogue(), attempts)
    rows = [AbilityRow(a.unit, a.id, a.text, built.cells[a.id].status,
                       list(built.cells[a.id].exercises), built.cells[a.id].points,
                       built.cells[a.id].max_points) for a in standard.ABILITIES]
    units = [(u.id, u.code, u.label()) for u in standard.UNITS]
    return PortfolioView(person_name, rows, float(built.minutes_spent), built.points,
                         built.max_points, units)


def my_portfolio(ws, person) -> PortfolioView:
    return portfolio_view(person.name, ws.attempts(person.id))
