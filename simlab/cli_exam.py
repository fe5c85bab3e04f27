"""`simlab exam …`: practical exams from the command line (docs/exams.md). Each command
reads its arguments, calls `lab.exam_create`, `lab.exam_take` or `lab.exam_grade`, and
prints."""

from __future__ import annotations

import argparse

from rich.table import Table

from simlab import fmt
from simlab.cli_output import out
from simlab.i18n import _, ngettext


def _pts(x: float) -> str:
    return fmt.number(x, 0 if float(x).is_integer() else 2)


def exam_list(args: argparse.Namespace) -> int:
    from simlab.exam.template import load_templates

    table = Table(title=_("Exam templates"), title_justify="left")
    for column in (_("id"), _("title"), _("units"), _("minutes"), _("points"),
                   _("pass mark")):
        table.add_column(column)
    for source in load_templates():
        t = source.template
        table.add_row(t.id, str(t.title), ", ".join(t.units), str(t.minutes),
                      _pts(t.max_points + t.rubric_points), f"{_pts(t.pass_mark)}%")
    out.print(table)
    return 0


def exam_create(args: argparse.Namespace) -> int:
    from simlab.lab import exam_create as create

    made = create.create(args.template, args.candidates, args.out, args.secret_file, args.zip)
    out.print(ngettext("{n} pack written in {dir}", "{n} packs written in {dir}",
                       len(made.packs)).format(n=len(made.packs), dir=args.out))
    out.print(_("Examiner's key: {path} (keep it apart: never give it to a candidate)")
              .format(path=made.key_path))
    return 0


def exam_take(args: argparse.Namespace) -> int:
    from simlab.lab import exam_take as take

    pack = take.open_pack(args.pack)  # its errors before the app opens
    from simlab.tui.exam_app import run_exam

    return run_exam(pack.root)


def exam_run(args: argparse.Namespace) -> int:
    from simlab.cli_output import facts_table, grid_table
    from simlab.lab import exam_take as take
    from simlab.reports import tables

    pack = take.open_pack(args.pack)
    view = take.simulate(pack, args.task)
    out.print(grid_table(tables.kpi_grid(view.channels, view.scenario), _("Indicators")))
    out.print(facts_table(tables.cost_lines(view.cost)))
    out.print(_("The run is recorded for task «{task}»: grading replays it.").format(
        task=args.task))
    return 0


def exam_submit(args: argparse.Namespace) -> int:
    from simlab.lab import exam_take as take

    path = take.submit(take.open_pack(args.pack))
    out.print(_("Submission written: {path}").format(path=path))
    return 0


def exam_status(args: argparse.Namespace) -> int:
    from simlab.lab import exam_grade

    rows = exam_grade.monitor(args.key, args.folder)
    table = Table(title=_("Submissions"), title_justify="left")
    for column in (_("candidate"), _("name"), _("submitted")):
        table.add_column(column)
    for ident, name, done in rows:
        table.add_row(ident, name, _("yes") if done else _("no"))
    out.print(table)
    return 0


def exam_grade(args: argparse.Namespace) -> int:
    from simlab.exam import grading
    from simlab.lab import exam_grade as grade

    graded = grade.grade(args.key, args.submissions, args.out)
    entries = graded.record["candidates"]
    flagged = [e for e in entries if e["status"] == grading.FLAGGED]
    out.print(_("Graded: {graded} of {n}; flagged: {flagged}. Sheet: {path}").format(
        graded=sum(1 for e in entries if e["status"] == grading.GRADED), n=len(entries),
        flagged=len(flagged), path=graded.out / grade.SHEET_XLSX))
    for entry in flagged:
        out.print(_("FLAGGED {id}: {reasons}").format(id=entry["id"],
                                                      reasons="; ".join(entry["reasons"])))
    return 0


def exam_rubric(args: argparse.Namespace) -> int:
    from simlab.lab import exam_grade as grade

    done = grade.rubric_score(args.key, args.grades, args.candidate, args.task,
                              args.criterion, args.points, args.reason)
    out.print(_("Rubric score kept: {candidate}, {task}, criterion {n}: {points}").format(
        candidate=done["candidate"], task=done["task"], n=done["criterion"],
        points=_pts(done["points"])))
    return 0


def exam_override(args: argparse.Namespace) -> int:
    from simlab.lab import exam_grade as grade

    done = grade.override(args.key, args.grades, args.candidate, args.task, args.points,
                          args.reason)
    out.print(_("Override kept: {candidate}, {task}: {before} → {after}").format(
        candidate=done["candidate"], task=done["task"], before=_pts(done["automatic"]),
        after=_pts(done["points"])))
    return 0
