"""The CLI's survey commands: `simlab survey bank` (the items a questionnaire may ask),
`survey check FILE`, `survey run RUN_DIR --survey FILE --out DIR` (the run's customers
or staff answer) and `survey analyse RESPONSES` (CSAT, NPS, CES with intervals, SERVQUAL
gaps, alphas, drivers, themes)."""

from __future__ import annotations

import argparse
import json

from simlab.cli_output import err, facts_table, grid_table, out
from simlab.errors import SimlabError
from simlab.i18n import _


def survey_bank(args: argparse.Namespace) -> int:
    from simlab.lab.surveys import bank_grid

    out.print(grid_table(bank_grid(args.audience), _("Item bank")))
    return 0


def survey_check(args: argparse.Namespace) -> int:
    from simlab.survey.questionnaire import load_questionnaire

    q = load_questionnaire(args.file)
    out.print(_("{file}: questionnaire «{id}» for {audience}, {n} items, sample {share}")
              .format(file=args.file, id=q.id, audience=q.audience, n=len(q.item_ids()),
                      share=f"{q.sample:g}".replace(".", ",")), markup=False)
    return 0


def survey_run(args: argparse.Namespace) -> int:
    from simlab.lab import surveys
    from simlab.model.yamlio import read_text

    text = read_text(args.survey)
    done = surveys.send(args.run, text, args.survey, args.out, _workspace)
    facts = done.meta["fieldwork"]
    out.print(_("{responses} responses from {invited} invited, written in {folder}").format(
        responses=facts["responses"], invited=facts["invited"], folder=args.out), markup=False)
    return 0


def survey_analyse(args: argparse.Namespace) -> int:
    from simlab.lab import surveys
    from simlab.reports import survey_tables as tables

    if args.out is not None and args.out.suffix.lower() not in (".json", ".xlsx"):
        raise SimlabError(_("the file must end in .json or .xlsx"), file=args.out, key="--out")
    report = surveys.analyse(surveys.load(args.responses))
    if args.out is not None:
        surveys.write_analysis(report, args.out)
        err.print(_("Analysis written in {file}").format(file=args.out), markup=False)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False, sort_keys=True))
        return 0
    out.print(facts_table(tables.facts(report)))
    if report["audience"] == "customer":
        grids = [(tables.scores_grid(report), _("Satisfaction (95% intervals)")),
                 (tables.servqual_grid(report), _("SERVQUAL gaps")),
                 (tables.reliability_grid(report), _("Reliability of the scales")),
                 (tables.drivers_grid(report), _("Drivers (OLS regression)")),
                 (tables.themes_grid(report), _("Themes of the comments"))]
    else:
        grids = [(tables.staff_grid(report), _("Staff survey by dimension")),
                 (tables.reliability_grid(report), _("Reliability of the scales")),
                 (tables.drivers_grid(report), _("Drivers (OLS regression)")),
                 (tables.themes_grid(report), _("Themes of the comments"))]
    for grid, title in grids:
        if grid.rows:
            out.print(grid_table(grid, title))
    return 0


def _workspace():
    from simlab.store.workspace import Workspace

    return Workspace.open(None, create=False)
