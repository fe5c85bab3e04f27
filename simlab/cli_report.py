"""The CLI's evaluation and reporting commands (docs/variance.md, docs/reports.md):
`simlab report` (a report by audience and cadence in Markdown, HTML or XLSX),
`simlab evaluate` (targets against actuals, variances, causes, proposals) and
`simlab proposals` (accept, edit, reject a proposal; test it with a what-if run)."""

from __future__ import annotations

import argparse
import json

from simlab.cli_output import err, grid_table, out
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.reports.variance_text import cause_text, proposal_text


def _workspace():
    from simlab.store.workspace import Workspace

    return Workspace.open(None, create=False)


def _evaluation(source: str):
    from simlab.lab import evaluation

    return evaluation.evaluate(evaluation.open_run(source, _workspace))


def report(args: argparse.Namespace) -> int:
    from simlab.lab import reportbuild

    fmt_ = reportbuild.format_of(args.out, args.format)
    options = reportbuild.Options(args.audience, args.cadence, fmt_, args.agent, args.date,
                                  tuple(args.survey or ()))
    reportbuild.check_options_early(options)
    ev = _evaluation(args.run)
    doc = reportbuild.build(ev, options)
    reportbuild.write(doc, fmt_, args.out)
    err.print(_("Report written in {file}").format(file=args.out), markup=False)
    return 0


def evaluate(args: argparse.Namespace) -> int:
    from simlab.lab import report_parts as rs
    from simlab.lab import reportbuild
    from simlab.reports.report_doc import grid

    ev = _evaluation(args.run)
    if args.json:
        print(json.dumps(_json(ev), indent=2, ensure_ascii=False))
        return 0
    p = reportbuild.Period(0, ev.run.days, ev.run.data)
    out.print(grid_table(grid(rs._targets_table(ev, ev.run.data))))
    for section in (rs._costs_section(ev, p), rs._causes_section(ev), rs._proposals_section(ev)):
        out.print(f"\n[bold]{section.title}[/]")
        for para in section.paragraphs:
            out.print(para, markup=False)
        for table in section.tables:
            out.print(grid_table(grid(table)))
    return 0


def _json(ev) -> dict:
    def clean(v):
        return None if isinstance(v, float) and v != v else v

    return {
        "targets": [{k: clean(v) for k, v in row.items()}
                    for row in ev.targets.to_dict(orient="records")],
        "variance": None if ev.variance is None else {
            "planned_contacts": ev.variance.planned_contacts,
            "actual_contacts": ev.variance.actual_contacts,
            "lines": [{k: clean(v) for k, v in row.items()}
                      for row in ev.variance.lines.to_dict(orient="records")]},
        "causes": [{"kind": c.kind, "text": cause_text(c), "numbers": {
            k: clean(float(v)) if isinstance(v, int | float) and not isinstance(v, bool) else v
            for k, v in c.numbers.items()}} for c in ev.causes],
        "proposals": [p.to_dict() | {"text": proposal_text(p)} for p in ev.proposals],
    }


def proposals(args: argparse.Namespace) -> int:
    from simlab.lab import evaluation
    from simlab.lab import report_parts as rs
    from simlab.reports.report_doc import grid

    ev = _evaluation(args.run)
    for pid in args.accept or []:
        evaluation.decide(ev, pid, "accepted")
    for pid in args.reject or []:
        evaluation.decide(ev, pid, "rejected")
    for text in args.set or []:
        pid, params = _edit(text)
        evaluation.decide(ev, pid, evaluation.find(ev, pid).status, params)
    if args.whatif:
        result = evaluation.whatif(ev, args.whatif)
        if args.json:
            print(json.dumps(result, indent=2, ensure_ascii=False))
            return 0
        out.print(grid_table(grid(_whatif_table(result)),
                             _("What-if run (same seed and days)")))
        return 0
    if not (args.accept or args.reject or args.set):
        evaluation.save_proposals(ev.run.folder, ev.proposals)  # keep the numbering
    if args.json:
        print(json.dumps([p.to_dict() | {"text": proposal_text(p)} for p in ev.proposals], indent=2,
                         ensure_ascii=False))
        return 0
    for table in rs._proposals_section(ev).tables:
        out.print(grid_table(grid(table)))
    err.print(_("Proposals kept in {file}").format(file=evaluation.proposals_path(ev.run.folder)),
              markup=False)
    return 0


def _edit(text: str) -> tuple[str, dict]:
    """«p1:agents=3» or «p1:agents=3,from=09:00»: a proposal's new parameters."""
    pid, sep, rest = text.partition(":")
    params = {}
    for item in rest.split(","):
        key, eq, value = item.partition("=")
        if not sep or not eq or not key.strip():
            raise SimlabError(_("«{text}» is not ID:KEY=VALUE[,KEY=VALUE]").format(text=text),
                              key="--set")
        value = value.strip()
        params[key.strip()] = int(value) if value.isdigit() else value
    return pid.strip(), params


def _whatif_table(result: dict):
    from simlab.lab import report_parts as rs

    return rs.whatif_table(result)
