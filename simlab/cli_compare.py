"""`simlab compare ID ID... [--json]`: runs side by side (`lab.compare`), as rich tables
with the differences highlighted and the diff of the input files, or as JSON."""

from __future__ import annotations

import argparse
import json

from simlab.cli_output import err, grid_table, out
from simlab.i18n import _

HIGHLIGHT = "bold yellow"


def compare(args: argparse.Namespace) -> int:
    from simlab.cli_commands import _workspace_if_any
    from simlab.lab.compare import compare_refs, to_json

    ws = _workspace_if_any()
    try:
        comparison = compare_refs(list(args.runs), ws)
    finally:
        if ws is not None:
            ws.close()
    if args.json:
        print(json.dumps(to_json(comparison), indent=2, ensure_ascii=False, sort_keys=True))
        return 0
    print_comparison(comparison)
    return 0


def print_comparison(comparison) -> None:
    from rich.syntax import Syntax

    from simlab.reports import compare_tables as ct

    out.print(ct.summary_line(comparison), markup=False)
    out.print(_marked(ct.input_grid(comparison), _("Inputs")))
    for title, diff in ct.diff_sections(comparison):
        out.print(title, style="bold", markup=False)
        out.print(Syntax(diff, "diff", theme="ansi_dark", background_color="default"))
    kpis = _marked(ct.kpi_grid(comparison), _("Indicators"))
    kpis.columns[1].justify = "left"  # the indicator's name, beside the channel's
    out.print(kpis)
    out.print(_marked(ct.cost_grid(comparison), _("Costs")))
    if comparison.differs:
        err.print(_("Rows in yellow differ from the first run."), markup=False)


def _marked(grid, title: str):
    table = grid_table(grid, title)
    for i, marked in enumerate(grid.marked):
        if marked:
            table.rows[i].style = HIGHLIGHT
    return table
