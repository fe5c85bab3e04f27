"""The CLI's case commands: `simlab complaints RUN` (a run's complaint cases by the steps
of ISO 10002: on time and late, compensation, consumer-law requests)."""

from __future__ import annotations

import argparse
import json

from simlab.cli_output import facts_table, grid_table, out
from simlab.i18n import _


def complaints(args: argparse.Namespace) -> int:
    import pandas as pd

    from simlab.lab import cases, kpiview

    folder, _name = kpiview.resolve_run(args.run, _workspace)
    data = cases.report(folder)
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    out.print(facts_table(cases.summary_facts(data["summary"])))
    out.print(grid_table(cases.status_grid(pd.DataFrame(data["steps"])),
                         _("Complaint steps (ISO 10002)")))
    return 0


def _workspace():
    from simlab.store.workspace import Workspace

    return Workspace.open(None, create=False)
