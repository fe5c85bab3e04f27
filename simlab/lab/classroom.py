"""The instructor's class: trainees' workspaces imported into the instructor's one
(`simlab class import DIR...`), and what the class view and the course register show.

An import opens each trainee's workspace read-only (it is never changed), checks it, and
copies each trainee's attempts and intact runs into `<workspace>/class/`
(`store.classes`). A workspace that cannot be opened, or a run whose files do not match
their hashes, is reported with its reason; everything else is imported."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simlab.errors import SimlabError
from simlab.i18n import _, ngettext
from simlab.lab.trainee import AbilityRow
from simlab.store import classes
from simlab.store.db import now
from simlab.store.integrity import RUN_JSON, read_only_message
from simlab.store.paths import DB_NAME, runs_path
from simlab.store.records import Attempt, ReplayResult

MAX_ZIP_BYTES = 2_000_000_000  # a submitted workspace, unpacked


@dataclass(frozen=True)
class Problem:
    """Something not imported, and why."""

    source: str
    reason: str
    run_id: str | None = None

    def __str__(self) -> str:
        if self.run_id:
            return _("{source}: run {id} not imported: {reason}").format(
                source=self.source, id=self.run_id, reason=self.reason)
        return _("{source}: not imported: {reason}").format(source=self.source,
                                                             reason=self.reason)


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)  # trainees' names
    runs: int = 0
    attempts: int = 0
    problems: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the CLI and the app."""
        return _("✓ Imported into the class: {names} ({attempts}, {runs}).").format(
            names=", ".join(self.imported) or "—",
            attempts=ngettext("{n} attempt", "{n} attempts", self.attempts).format(
                n=self.attempts),
            runs=ngettext("{n} run", "{n} runs", self.runs).format(n=self.runs))


@dataclass(frozen=True)
class MemberRun:
    id: str
    label: str
    created_at: str
    scenario_id: str | None
    seed: int | None
    summary: dict[str, Any]
    hashes: dict[str, str]


@dataclass(frozen=True)
class Member:
    """One trainee of the class, as last imported."""

    key: str
    name: str
    source: str
    imported_at: str
    attempts: list[Attempt]
    runs: list[MemberRun]


# -- import ---------------------------------------------------------------------------------


def import_sources(ws, paths: list[Path],
                   progress: Callable[[str], None] | None = None) -> ImportReport:
    """Import every workspace (a folder with simlab.db, or a .zip of one) into `ws`'s
    class. Never stops at a damaged one: it is reported and the others are imported."""
    if ws.read_only_reason is not None:
        raise SimlabError(read_only_message(ws.root, ws.read_only_reason))
    report = ImportReport()
    for path in paths:
        path = Path(path)
        if progress is not None:
            progress(str(path))
        try:
            if path.is_file() and path.suffix.lower() == ".zip":
                with tempfile.TemporaryDirectory(prefix="simlab-class-") as tmp:
                    folder = _unzip(path, Path(tmp))
                    _import_workspace(ws, folder, str(path), report)
            else:
                _import_workspace(ws, path, str(path), report)
        except SimlabError as e:
            report.problems.append(Problem(str(path), e.message))
    return report


def _unzip(path: Path, into: Path) -> Path:
    """Unpack a submitted workspace safely (no name outside the folder, bounded size);
    returns the folder holding simlab.db."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if sum(i.file_size for i in infos) > MAX_ZIP_BYTES:
                raise SimlabError(_("the archive is too large"), file=path)
            for info in infos:
                target = (into / info.filename).resolve()
                if not target.is_relative_to(into.resolve()):
                    raise SimlabError(_("the archive holds a name outside its folder"),
                                      file=path)
            zf.extractall(into)
    except (zipfile.BadZipFile, OSError):
        raise SimlabError(_("the archive is damaged"), file=path) from None
    found = sorted(into.rglob(DB_NAME), key=lambda p: len(p.parts))
    if not found:
        raise SimlabError(_("the archive holds no workspace (no {name})").format(name=DB_NAME),
                          file=path)
    return found[0].parent


def _import_workspace(ws, folder: Path, source: str, report: ImportReport) -> None:
    from simlab.store.workspace import Workspace

    if not folder.exists():
        raise SimlabError(_("it does not exist"))
    if not folder.is_dir():
        raise SimlabError(_("it is not a folder"))
    if not (folder / DB_NAME).is_file():
        raise SimlabError(_("it is not a workspace: there is no {name}").format(name=DB_NAME))
    if folder.resolve() == Path(ws.root).resolve():
        raise SimlabError(_("it is this workspace itself"))
    try:
        trainee_ws = Workspace.open(folder, create=False, read_only=True)
    except SimlabError as e:
        raise SimlabError(e.message) from None
    with trainee_ws:
        trainees = [p for p in trainee_ws.people() if p.role == "trainee"]
        if not trainees:
            raise SimlabError(_("no trainee in this workspace"))
        records = trainee_ws.runs()
        for person in trainees:
            _import_person(ws, trainee_ws, person, records, source, report)


def _import_person(ws, trainee_ws, person, records, source: str,
                   report: ImportReport) -> None:
    key = classes.member_key(person.name)
    attempts = trainee_ws.attempts(person.id)
    runs = []
    for record in records:
        if record.person is None or record.person.id != person.id:
            continue
        if record.status != "complete":
            continue
        problems = trainee_ws.verify_run(record.id)
        if problems:
            report.problems.append(Problem(source, "; ".join(problems), record.id))
            continue
        classes.copy_run(ws.root, key, record.id, runs_path(trainee_ws.root) / record.id,
                         record.hashes)
        runs.append(MemberRun(record.id, record.label, record.created_at, record.scenario_id,
                              record.seed, record.summary, record.hashes))
    classes.write_member(ws.root, key, {
        "name": person.name,
        "source": source,
        "imported_at": now(),
        "attempts": [dataclasses.asdict(a) for a in attempts],
        "runs": [dataclasses.asdict(r) for r in runs],
    })
    report.imported.append(person.name)
    report.runs += len(runs)
    report.attempts += len(attempts)


# -- reading the class ----------------------------------------------------------------------


def members(ws) -> tuple[list[Member], list[str]]:
    """The class (sorted by name) and the problems of member files that cannot be read."""
    raw, problems = classes.members(ws.root)
    out = []
    for data in raw:
        try:
            out.append(_member(data))
        except (KeyError, TypeError, ValueError):
            problems.append(_("the file {name} is damaged").format(
                name=f"class/{data.get('key', '?')}.json"))
    return sorted(out, key=lambda m: (m.name.lower(), m.key)), problems


def _member(data: dict) -> Member:
    attempt_fields = {f.name for f in dataclasses.fields(Attempt)}
    run_fields = {f.name for f in dataclasses.fields(MemberRun)}
    return Member(
        key=str(data["key"]), name=str(data["name"]), source=str(data.get("source", "")),
        imported_at=str(data.get("imported_at", "")),
        attempts=[Attempt(**{k: v for k, v in a.items() if k in attempt_fields})
                  for a in data.get("attempts", [])],
        runs=[MemberRun(**{k: v for k, v in r.items() if k in run_fields})
              for r in data.get("runs", [])])


def member(ws, key: str) -> Member:
    found, _problems = members(ws)
    for m in found:
        if m.key == key or m.name.lower() == key.lower():
            return m
    known = ", ".join(m.name for m in found) or "—"
    raise SimlabError(_("no trainee «{name}» in the class; the class: {known}").format(
        name=key, known=known))


def latest_attempts(m: Member) -> dict[str, Attempt]:
    """Each exercise's last attempt (a submitted one counts over a later started one:
    what was handed in is what the register records)."""
    out: dict[str, Attempt] = {}
    for attempt in sorted(m.attempts, key=lambda a: a.id):
        kept = out.get(attempt.exercise_id)
        if kept is not None and kept.status == "submitted" and attempt.status != "submitted":
            continue
        out[attempt.exercise_id] = attempt
    return out


def minutes_spent(attempt: Attempt) -> float | None:
    """From start to hand-in (or to the last check), in minutes; None if never checked."""
    end = attempt.submitted_at or attempt.checked_at
    if not end:
        return None
    try:
        start, stop = dt.datetime.fromisoformat(attempt.started_at), dt.datetime.fromisoformat(end)
    except ValueError:
        return None
    return max(0.0, (stop - start).total_seconds() / 60.0)


def replay_run(ws, key: str, run_id: str) -> ReplayResult:
    """Re-run a trainee's run from the inputs in its copied run.json and compare the
    files' hashes: the instructor confirms the run is what the simulation gives."""
    import json

    from simlab.lab import runner
    from simlab.store.integrity import verify_folder

    m = member(ws, key)
    run = next((r for r in m.runs if r.id == run_id), None)
    if run is None:
        raise SimlabError(_("no run {id} for {name} in the class").format(id=run_id, name=m.name))
    folder = classes.member_runs_path(ws.root, m.key) / run.id
    problems = verify_folder(folder, run.hashes)
    if problems:
        raise SimlabError(_("the copy of run {id} is damaged: {problems}").format(
            id=run.id, problems="; ".join(problems)), file=folder)
    inputs = json.loads((folder / RUN_JSON).read_text(encoding="utf-8"))["inputs"]
    with tempfile.TemporaryDirectory(prefix=f"simlab-replay-{run.id}-") as tmp:
        actual = {str(k): str(v).lower() for k, v in runner.rerun(inputs, Path(tmp)).items()}
    expected = {k: v for k, v in run.hashes.items() if k != RUN_JSON}
    return ReplayResult(run_id=run.id, ok=actual == expected, expected=expected, actual=actual)


# -- the class table and the course register --------------------------------------------------


@dataclass(frozen=True)
class RegisterRow:
    trainee: str
    key: str
    unit: str
    exercise_id: str
    exercise: str
    status: str  # not_started | started | checked | submitted
    points: float | None
    max_points: float | None
    minutes: float | None


@dataclass(frozen=True)
class CoverageRow(AbilityRow):
    """A trainee's portfolio row, as the class shows it."""

    trainee: str


def register(class_members: list[Member]) -> list[RegisterRow]:
    """One row per trainee and exercise, in the catalogue's order."""
    from simlab.lab.exercises import catalogue

    rows = []
    for m in class_members:
        latest = latest_attempts(m)
        for ex in catalogue():
            a = latest.get(ex.id)
            rows.append(RegisterRow(
                m.name, m.key, ex.unit, ex.id, str(ex.title),
                a.status if a else "not_started", a.points if a else None,
                (a.max_points if a and a.max_points is not None else ex.automatic_points),
                minutes_spent(a) if a else None))
    return rows


def by_exercise(rows: list[RegisterRow]) -> dict[str, list[RegisterRow]]:
    """The class table per exercise: exercise id → its rows, one per trainee."""
    out: dict[str, list[RegisterRow]] = {}
    for row in rows:
        out.setdefault(row.exercise_id, []).append(row)
    return out


def coverage(class_members: list[Member]) -> list[CoverageRow]:
    """Each trainee's coverage of the 23 abilities (the portfolio's rules)."""
    from simlab.lab.trainee import portfolio_view

    rows = []
    for m in class_members:
        view = portfolio_view(m.name, sorted(m.attempts, key=lambda a: a.id))
        rows += [CoverageRow(trainee=m.name, **{f.name: getattr(r, f.name)
                                                for f in dataclasses.fields(r)})
                 for r in view.rows]
    return rows


def export(ws, path: Path, fmt: str) -> Path:
    """The course register as CSV or XLSX."""
    from simlab.reports.classroom import export_register

    found, _problems = members(ws)
    return export_register(path, fmt, register(found), coverage(found))
