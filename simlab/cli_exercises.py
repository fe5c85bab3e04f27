"""`simlab abilities`, `simlab exercises …` and `simlab portfolio`: the curriculum from
the command line. Each command reads its arguments, calls `lab.exercises`, prints."""

from __future__ import annotations

import argparse
import json

from rich.table import Table

from simlab import fmt
from simlab.cli_output import ProgressBar, err, out
from simlab.errors import SimlabError
from simlab.i18n import _, ngettext


def _status_label(status: str) -> str:
    return {"not_started": _("not started"), "started": _("started"), "checked": _("checked"),
            "submitted": _("submitted")}[status]


def _cell_label(status: str) -> str:
    return {"practised": _("practised"), "partly": _("partly"), "not_yet": _("not yet")}[status]


def _pts(x: float | None) -> str:
    """Points as people write them: 3, or 2,5 when there is a half."""
    return fmt.number(x, 0 if x is None or float(x).is_integer() else 1)


def _heading(text: str) -> None:
    out.print(f"[bold]{text}[/]", markup=True)


def _print_json(data) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True))


# --- the standard -------------------------------------------------------------------------


def abilities(args: argparse.Namespace) -> int:
    from simlab.curriculum import standard

    if args.json:
        _print_json([{"id": a.id, "unit": a.unit, "text": a.text} for a in standard.ABILITIES])
        return 0
    for unit in standard.UNITS:
        table = Table(title=_("{unit} {title} (competence unit {code})").format(
            unit=unit.id, title=unit.label(), code=unit.code), title_justify="left")
        table.add_column(_("ability"), no_wrap=True)
        table.add_column(_("text of the standard"))
        for ability in standard.abilities_of(unit.id):
            table.add_row(ability.id, ability.text)
        out.print(table)
    return 0


# --- who is working -----------------------------------------------------------------------


def _person(ws, name: str | None, *, create: bool):
    """The person named by --person (a trainee is added if `create` and unknown), else
    the lab's current person. None when nobody is known and nothing may be created."""
    if name:
        clean = " ".join(name.split()).casefold()
        found = [p for p in ws.people() if p.name.casefold() == clean]
        if found:
            return next((p for p in found if p.role == "trainee"), found[0])
        if not create:
            raise SimlabError(_("Nobody called «{name}» in this workspace.").format(name=name),
                              key="--person")
        return ws.person(ws.add_person(name, "trainee"))
    person = ws.current_person()
    if person is None and create:
        raise SimlabError(_("Say who is doing the exercise: --person NAME (or choose a person "
                            "in the lab)."), key="--person")
    return person


def _open(create: bool):
    from simlab.store.workspace import Workspace

    return Workspace.open(None, create=create)


# --- exercises ----------------------------------------------------------------------------


def exercises_list(args: argparse.Namespace) -> int:
    from simlab.lab import exercises as lab

    catalogue = lab.catalogue()
    statuses = {}
    try:
        ws = _open(create=False)
    except SimlabError:
        ws = None  # no workspace yet: nothing started
    if ws is not None:
        with ws:
            person = _person(ws, args.person, create=False)
            if person is not None:
                statuses = lab.statuses(ws, person.id)
    rows = []
    for ex in catalogue:
        status = statuses.get(ex.id, lab.AttemptStatus("not_started"))
        rows.append({"id": ex.id, "unit": ex.unit, "abilities": list(ex.abilities),
                     "minutes": ex.minutes, "checks": len(ex.checks), "status": status.status,
                     "points": status.points, "max_points": ex.automatic_points,
                     "title": str(ex.title)})
    if args.json:
        _print_json([{k: r[k] for k in ("id", "unit", "abilities", "minutes", "checks",
                                        "status")} for r in rows])
        return 0
    table = Table(title=_("Exercises"), title_justify="left")
    for header in (_("id"), _("unit"), _("title"), _("abilities"), _("minutes"),
                   _("checks"), _("status")):
        table.add_column(header)
    for r in rows:
        status = _status_label(r["status"])
        if r["points"] is not None:
            status += f" ({_pts(r['points'])}/{_pts(r['max_points'])})"
        table.add_row(r["id"], r["unit"], r["title"], " ".join(r["abilities"]),
                      str(r["minutes"]), str(r["checks"]), status)
    out.print(table)
    return 0


def exercises_show(args: argparse.Namespace) -> int:
    from simlab.curriculum import standard
    from simlab.lab import exercises as lab

    ex = lab.exercise(args.exercise_id)
    unit = standard.unit(ex.unit)
    out.print(f"[bold]{ex.title}[/] ({ex.id})", markup=True)
    days = ngettext("{n} day", "{n} days", ex.days).format(n=ex.days)
    out.print(_("{unit} {title} · about {minutes} minutes · scenario {scenario}, seed {seed}, "
                "{days}").format(unit=unit.id, title=unit.label(), minutes=ex.minutes,
                                 scenario=ex.scenario, seed=ex.seed, days=days))
    out.print()
    out.print(str(ex.brief), markup=False)
    out.print()
    _heading(_("Abilities"))
    for ability_id in ex.abilities:
        out.print(f"  {ability_id} {standard.ability(ability_id).text}", markup=False)
    _heading(_("To hand in"))
    for item in ex.deliverables:
        out.print(f"  {item.file}: {item.description}", markup=False)
    if ex.questions:
        _heading(_("Questions"))
        for q in ex.questions:
            out.print(f"  {q.id}: {q.text}", markup=False)
    _heading(_("Automatic checks"))
    for check in ex.checks:
        out.print("  " + _("{id} · points {points} · {abilities}").format(
            id=check.id, points=_pts(check.points), abilities=", ".join(check.abilities)),
            markup=False)
    if ex.hints:
        _heading(_("Hints"))
        for hint in ex.hints:
            out.print(f"  · {hint}", markup=False)
    if ex.rubric:
        _heading(_("Graded by the instructor"))
        for item in ex.rubric:
            out.print("  " + _("{criterion} ({points} points; {abilities})").format(
                criterion=item.criterion, points=_pts(item.points),
                abilities=", ".join(item.abilities)), markup=False)
    if _is_teacher(args.person):
        _heading(_("Debrief notes for the instructor"))
        out.print(str(ex.debrief), markup=False)
    out.print()
    out.print(_("Start it with «simlab exercises start {id} --person NAME».").format(id=ex.id))
    return 0


def _is_teacher(name: str | None) -> bool:
    """The debrief holds the solution's numbers: only an instructor or examiner (by
    --person, else the lab's current person) sees it."""
    try:
        ws = _open(create=False)
    except SimlabError:
        return False
    with ws:
        person = _person(ws, name, create=False)
    return person is not None and person.role in ("instructor", "examiner")


def exercises_start(args: argparse.Namespace) -> int:
    from simlab.lab import exercises as lab

    with _open(create=True) as ws:
        person = _person(ws, args.person, create=True)
        folder = lab.start(ws, person.id, args.exercise_id)
    out.print(_("Exercise {id} started for {name}: the working files are in {folder}").format(
        id=args.exercise_id, name=person.name, folder=folder))
    for path in sorted(folder.iterdir()):
        out.print(f"  {path.name}", markup=False)
    return 0


def _print_report(report) -> None:
    for result in report.results:
        mark = "[green]✓[/]" if result.passed else "[red]✗[/]"
        out.print(f"{mark} {result.check_id} ({_pts(result.points)}/"
                  f"{_pts(result.max_points)})", markup=True)
        if not result.passed:
            out.print(f"    {result.feedback}", markup=False)
    out.print(_("Points: {points} of {max}").format(points=_pts(report.points),
                                                    max=_pts(report.max_points)))
    if report.run_id:
        out.print(_("The run of this check is saved as {id}.").format(id=report.run_id))


def _check_or_submit(args: argparse.Namespace, submit: bool) -> int:
    from simlab.lab import exercises as lab

    with _open(create=False) as ws:
        person = _person(ws, args.person, create=False)
        if person is None:
            raise SimlabError(_("Say who is doing the exercise: --person NAME (or choose a "
                                "person in the lab)."), key="--person")
        bar = ProgressBar(_("Simulating"))
        try:
            action = lab.submit if submit else lab.check
            report = action(ws, person.id, args.exercise_id, bar)
        finally:
            bar.close()
    if args.json:
        _print_json(report.to_json())
        return 0
    _print_report(report)
    if submit:
        out.print(_("Exercise {id} submitted.").format(id=args.exercise_id))
    return 0


def exercises_check(args: argparse.Namespace) -> int:
    return _check_or_submit(args, submit=False)


def exercises_submit(args: argparse.Namespace) -> int:
    return _check_or_submit(args, submit=True)


def exercises_verify(args: argparse.Namespace) -> int:
    from simlab.lab import exercises as lab

    results = lab.verify(progress=lambda ex_id: err.print(_("Verifying {id}…").format(id=ex_id)))
    failed = 0
    for v in results:
        if v.ok:
            out.print(f"[green]✓[/] {v.exercise_id}", markup=True)
            continue
        failed += 1
        out.print(f"[red]✗[/] {v.exercise_id}", markup=True)
        for r in v.right.results:
            if not r.passed:
                out.print("    " + _("the reference solution fails {check}: {feedback}")
                          .format(check=r.check_id, feedback=r.feedback), markup=False)
        if v.wrong.passed:
            out.print("    " + _("the wrong solution passes every check"), markup=False)
    if failed:
        raise SimlabError(_("{n} of {total} exercises failed the verification.").format(
            n=failed, total=len(results)))
    out.print(_("All {n} exercises verified: each reference solution passes its checks and "
                "each wrong one fails.").format(n=len(results)))
    return 0


# --- the portfolio ------------------------------------------------------------------------


def portfolio(args: argparse.Namespace) -> int:
    from simlab.curriculum import standard
    from simlab.lab import exercises as lab

    with _open(create=False) as ws:
        person = _person(ws, args.person, create=False)
        if person is None:
            raise SimlabError(_("Say whose portfolio: --person NAME (or choose a person in "
                                "the lab)."), key="--person")
        folio = lab.portfolio(ws, person.id)
    if args.json:
        _print_json({"person": person.name, **folio.to_json()})
        return 0
    table = Table(title=_("Portfolio of {name}").format(name=person.name), title_justify="left")
    for header in (_("ability"), _("status"), _("points"), _("exercises"), _("text of the standard")):
        table.add_column(header)
    for ability in standard.ABILITIES:
        cell = folio.cells[ability.id]
        table.add_row(ability.id, _cell_label(cell.status),
                      f"{_pts(cell.points)}/{_pts(cell.max_points)}",
                      ", ".join(cell.exercises) or "—", ability.text)
    out.print(table)
    out.print(_("Points: {points} of {max} · minutes of exercises handed in: {minutes}").format(
        points=_pts(folio.points), max=_pts(folio.max_points),
        minutes=folio.minutes_spent))
    return 0
