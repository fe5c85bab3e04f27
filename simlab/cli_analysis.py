"""The CLI's analysis commands: `simlab kpi` (every KPI of a run or an imported log, by
one dimension and formula) and `simlab import` (an external contact log into the run
format)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from simlab.cli_output import err, facts_table, grid_table, out
from simlab.errors import SimlabError
from simlab.i18n import _

OUT_SUFFIXES = (".csv", ".xlsx")


def kpi(args: argparse.Namespace) -> int:
    from simlab.analysis import kpi_groups
    from simlab.lab import kpiview
    from simlab.reports import kpi_tables

    by = kpi_groups.check_dimension(args.by) if args.by else None
    formulas = kpi_groups.parse_formulas(args.formula)
    if args.out is not None and args.out.suffix.lower() not in OUT_SUFFIXES:
        raise SimlabError(_("the file must end in .csv or .xlsx"), file=args.out, key="--out")
    data = kpiview.open_log(args.run, _workspace)
    data.short_abandon_s, data.repeat_days = _parameters(args)
    frame = kpi_groups.table(data, by or "channel", formulas)
    if args.out is not None:
        _write_table(args.out, kpi_tables.kpi_sheet(frame, by or "channel", formulas),
                     kpi_tables.formulas_sheet(formulas))
        err.print(_("KPI table written in {file}").format(file=args.out), markup=False)
    if args.json:
        print(json.dumps(kpiview.report(data, by, formulas), indent=2, ensure_ascii=False))
        return 0
    out.print(grid_table(kpi_tables.kpi_table_grid(frame, by or "channel", formulas),
                         _("Indicators")))
    out.print(facts_table(kpi_tables.formula_lines(formulas, frame)))
    from simlab.analysis import regulatory

    out.print(grid_table(kpi_tables.regulatory_grid(regulatory.view(data.contacts, data.agents)),
                         _("Regulatory views (phone, indicative)")))
    _care_sections(data)
    return 0


def _care_sections(data) -> None:
    """The run against its own care model: SLAs per priority, callbacks, ticket clocks,
    expected results (each printed only if the care model states it)."""
    from simlab.lab.care_results import care_results
    from simlab.reports import sla_tables

    for title, grid in sla_tables.care_grids(care_results(data)):
        out.print(grid_table(grid, title))


def _parameters(args: argparse.Namespace) -> tuple[float, float]:
    """--short-abandon and --repeat-days within their ranges (NaN fails both tests)."""
    for key, value, low, high in (("--short-abandon", args.short_abandon, 1, 60),
                                  ("--repeat-days", args.repeat_days, 1, 90)):
        if not low <= value <= high:
            raise SimlabError(_("«{value}» is out of range: from {low} to {high}").format(
                value=value, low=low, high=high), key=key)
    return args.short_abandon, args.repeat_days


def _write_table(path: Path, sheet, formulas_sheet) -> None:
    from simlab.reports.csvfile import csv_bytes
    from simlab.reports.xlsx import write_xlsx
    from simlab.store.atomic import write_bytes_atomic

    if path.suffix.lower() == ".csv":
        write_bytes_atomic(path, csv_bytes(sheet))
    else:
        write_xlsx(path, [sheet, formulas_sheet])


def _workspace():
    from simlab.store.workspace import Workspace

    return Workspace.open(None, create=False)


def import_log(args: argparse.Namespace) -> int:
    from simlab.lab import importlog

    counts = importlog.import_log(args.file, args.mapping, args.out)
    lines = [(_("Rows of the file"), str(counts["rows"])),
             (_("Contacts imported"), str(counts["contacts"]))]
    for title, key in ((_("Not contacts"), "not_contacts"), (_("Rows that cannot be read"),
                                                              "unreadable")):
        for reason, c in counts[key].items():
            lines.append((f"{title}: {reason}", _("{n} (first at line {line})").format(
                n=c["rows"], line=c["first_line"])))
    out.print(facts_table(lines))
    out.print(_("Run files written in {folder}: `simlab kpi {folder}` reads them").format(
        folder=args.out), markup=False)
    return 0


def calibrate(args: argparse.Namespace) -> int:
    from simlab import fmt
    from simlab.lab import calibrate as lab_calibrate
    from simlab.lab import kpiview
    from simlab.reports.tables import Grid

    data = kpiview.open_log(args.run, _workspace)
    result = lab_calibrate.calibrate(data, lab_calibrate.scenario_id_for(args.out),
                                     Path(args.run).name)
    lab_calibrate.write(result, args.out)
    rows = [[ch or "—", figure, fmt.number(d, 3), fmt.number(m, 3)]
            for ch, figure, d, m in result.fit_rows]
    out.print(grid_table(Grid([_("Channel"), _("Figure"), _("Data"), _("Scenario")], rows,
                              [r[1] for r in rows]), _("Fit against the data")))
    out.print(_("Scenario written in {file}: write a care model and a plan for it").format(
        file=args.out), markup=False)
    return 0
