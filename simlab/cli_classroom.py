"""`simlab session …`, `simlab class …` and `simlab portfolio --export`: the lab day's
session plan, the instructor's class, the trainee's portfolio files. The work is done in
`simlab.lab.session` and `simlab.lab.classroom`; this module only reads options and
prints."""

from __future__ import annotations

import argparse
import datetime as dt
import json

from simlab.cli_output import err, facts_table, out
from simlab.errors import SimlabError
from simlab.i18n import _


def _workspace(create: bool = False):
    from simlab.store.workspace import Workspace

    return Workspace.open(None, create=create)


def _workspace_if_any():
    try:
        return _workspace()
    except SimlabError:
        return None


# -- session plan ---------------------------------------------------------------------------


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise SimlabError(_("«{value}» is not a date like 2026-03-02").format(value=text),
                          key="--date") from None


def session_create(args: argparse.Namespace) -> int:
    from simlab.lab import session

    exercises = [e.strip() for e in (args.exercises or "").split(",") if e.strip()]
    ws = _workspace_if_any()
    try:
        plan = session.create(scenario=args.scenario, seed=args.seed, days=args.days,
                              exercises=exercises, title=args.title, date=_date(args.date),
                              notes=args.notes, ws=ws)
    finally:
        if ws is not None:
            ws.close()
    path = session.write(plan, args.out)
    out.print(_("✓ Session plan written to {path}: hand it out, the trainees open it with "
                "«simlab session open {path}».").format(path=path), markup=False)
    return 0


def _print_plan(plan, where: str | None = None) -> None:
    rows = [(_("Title"), str(plan.title)),
            (_("Scenario"), plan.scenario), (_("Seed"), str(plan.seed)),
            (_("Days"), str(plan.days))]
    if plan.date is not None:
        from simlab import fmt

        rows.insert(1, (_("Date"), fmt.date(plan.date)))
    rows.append((_("Exercises"), ", ".join(plan.exercises) or "—"))
    if plan.notes is not None:
        rows.append((_("Notes"), str(plan.notes)))
    if where:
        rows.append((_("File"), where))
    out.print(facts_table(rows))


def session_open(args: argparse.Namespace) -> int:
    from simlab.lab import session

    with _workspace(create=True) as ws:
        plan = session.open_in(ws, args.file)
        out.print(_("✓ Session plan opened in the workspace {path}: new runs start from its "
                    "scenario, seed and days.").format(path=ws.root), markup=False)
        _print_plan(plan, str(args.file))
    return 0


def session_show(args: argparse.Namespace) -> int:
    from simlab.lab import session

    with _workspace() as ws:
        plan = session.current(ws)
        if plan is None:
            out.print(_("No session plan is open in this workspace."))
            return 0
        if args.json:
            print(json.dumps(plan.model_dump(mode="json"), ensure_ascii=False, indent=2))
            return 0
        _print_plan(plan, ws.setting(session.SOURCE_SETTING))
    return 0


def session_close(args: argparse.Namespace) -> int:
    from simlab.lab import session

    with _workspace() as ws:
        session.close_in(ws)
    out.print(_("Session plan closed: the lab starts again from its own defaults."))
    return 0


# -- the class ------------------------------------------------------------------------------


def class_import(args: argparse.Namespace) -> int:
    from simlab.lab import classroom

    with _workspace(create=True) as ws:  # the instructor's, created on first import
        report = classroom.import_sources(
            ws, args.dirs, progress=lambda p: err.print(_("Importing {path}…").format(path=p),
                                                        markup=False))
    for problem in report.problems:
        err.print(f"✗ {problem}", markup=False)
    out.print(report.summary(), markup=False)
    return 1 if report.problems else 0


def class_show(args: argparse.Namespace) -> int:
    from simlab.lab import classroom

    with _workspace() as ws:
        found, problems = classroom.members(ws)
        rows = classroom.register(found)
        cover = classroom.coverage(found)
    for problem in problems:
        err.print(f"✗ {problem}", markup=False)
    if args.json:
        print(json.dumps({
            "trainees": [{"name": m.name, "source": m.source, "imported_at": m.imported_at,
                          "runs": [r.id for r in m.runs]} for m in found],
            "register": [_row_json(r) for r in rows],
            "coverage": [{"trainee": c.trainee, "ability": c.ability_id, "status": c.status,
                          "exercises": c.exercises, "points": c.points,
                          "max_points": c.max_points} for c in cover],
        }, ensure_ascii=False, indent=1))
        return 0
    if not found:
        out.print(_("The class is empty: import the trainees' workspaces with «simlab class "
                    "import DIR…»."))
        return 0
    from simlab.cli_output import grid_table
    from simlab.reports import classroom as tables

    for ex_id, ex_rows in classroom.by_exercise(rows).items():
        out.print(grid_table(tables.exercise_grid(ex_rows),
                             f"{ex_id} — {ex_rows[0].exercise}"))
    out.print(grid_table(tables.coverage_grid(cover), _("Abilities practised")))
    return 0


def _row_json(r) -> dict:
    return {"trainee": r.trainee, "exercise": r.exercise_id, "unit": r.unit,
            "status": r.status, "points": r.points, "max_points": r.max_points,
            "minutes": r.minutes}


def class_export(args: argparse.Namespace) -> int:
    from simlab.lab import classroom

    with _workspace() as ws:
        path = classroom.export(ws, args.out, args.format)
    out.print(_("✓ Course register written to {path}").format(path=path), markup=False)
    return 0


def class_replay(args: argparse.Namespace) -> int:
    from simlab.lab import classroom

    with _workspace() as ws:
        result = classroom.replay_run(ws, args.trainee, args.run_id)
    if result.ok:
        out.print(_("✓ Run {id} replayed: every file is identical.").format(id=result.run_id))
        return 0
    err.print(_("✗ Run {id} replayed with different results:").format(id=result.run_id))
    for name in result.mismatches:
        err.print(f"  {name}", markup=False)
    return 1


# -- the portfolio as a file ----------------------------------------------------------------


def portfolio_export(ws, person, path) -> int:
    """`simlab portfolio --export FILE.html|FILE.xlsx`: the person's portfolio as a
    self-contained HTML page or an XLSX workbook."""
    from simlab.lab.trainee import my_portfolio
    from simlab.reports.portfolio import export

    written = export(my_portfolio(ws, person), path)
    out.print(_("✓ Portfolio of {name} written to {path}").format(name=person.name,
                                                                  path=written), markup=False)
    return 0
