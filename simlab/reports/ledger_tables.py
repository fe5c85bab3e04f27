"""The budget against actuals of a run, for people: one row per line, and the totals
with the cost per contact (docs/budget.md)."""

from __future__ import annotations

import math

from simlab import fmt
from simlab.i18n import N_, _
from simlab.reports.budget_tables import line_name
from simlab.reports.tables import Grid

EXTRA_LINES = {"outsourcing": N_("Outsourcing"), "compensation": N_("Compensation")}


def _name(line: str) -> str:
    return _(EXTRA_LINES[line]) if line in EXTRA_LINES else line_name(line)


def _pct(value: float) -> str:
    return fmt.percent(value, 1)


def ledger_grid(report) -> Grid:
    """`report`: lab.ledger.LedgerReport."""
    headers = [_("Line"), _("Planned"), _("Actual"), _("Variance"), _("Variance %")]
    rows = [[_name(str(line)), fmt.euro(r.planned), fmt.euro(r.actual), fmt.euro(r.variance),
             _pct(r.variance_pct)] for line, r in report.lines.iterrows()]
    s = report.summary
    rows.append([_("Total"), fmt.euro(s["planned"]), fmt.euro(s["actual"]),
                 fmt.euro(s["variance"]),
                 _pct(s["variance"] / s["planned"] if s["planned"] else math.nan)])
    return Grid(headers, rows, [*map(str, report.lines.index), "total"])


def summary_text(report) -> str:
    s = report.summary
    return _("Contacts handled: {n} · cost per contact fully loaded {full}, direct {direct} "
             "(operators, minutes and fees per contact)").format(
                 n=fmt.number(s["handled"]), full=fmt.euro(s["cost_per_contact_fully_loaded"]),
                 direct=fmt.euro(s["cost_per_contact_direct"]))
