"""The CLI's UF2 operations commands: `simlab plan roster`. Each reads its arguments,
calls `lab/`, prints the tables of `reports/`."""

from __future__ import annotations

import argparse

from simlab.cli_output import err, grid_table, out
from simlab.errors import SimlabError
from simlab.i18n import _


def plan_roster(args: argparse.Namespace) -> int:
    from simlab import fmt
    from simlab.lab import design, roster
    from simlab.reports.roster_tables import channel_grid, shift_grid, write_coverage
    from simlab.store.atomic import write_text_atomic

    for path in (args.out, args.coverage):
        if path is not None and path.exists():
            raise SimlabError(_("{file} exists already: name a new file (simlab never writes "
                                "over a file)").format(file=path), key="out")
    d = design.load(args.model, args.scenario, args.plan)
    if d.plan_note:
        err.print(_("Note: {note}").format(note=d.plan_note), markup=False)
    share = roster.DEFAULT_PART_TIME_SHARE if args.part_time_share is None \
        else args.part_time_share
    result = roster.build(d, max_part_time_share=share)
    out.print(grid_table(channel_grid(result), _("Roster per channel")))
    out.print(grid_table(shift_grid(result), _("Shifts")))
    out.print(_("Cost per week: {cost}; agents: {n}").format(
        cost=fmt.euro(result.weekly_cost), n=result.headcount))
    if result.uncovered_intervals:
        err.print(_("Warning: {n} intervals stay short of the requirement: no shift the labour "
                    "rules allow covers them (see the coverage file)").format(
                        n=result.uncovered_intervals))
    if args.out:
        write_text_atomic(args.out, result.text)
        out.print(_("✓ written: {file}").format(file=args.out))
    else:
        out.print(_("To write the plan, add --out FILE.plan.yaml"))
    if args.coverage:
        write_coverage(args.coverage, result)
        out.print(_("✓ written: {file}").format(file=args.coverage))
    return 0


def budget(args: argparse.Namespace) -> int:
    from simlab.analysis.budget import plan_budget
    from simlab.lab import design
    from simlab.reports.budget_tables import lines_grid, months_grid, write_budget
    from simlab.reports.tables import team_names

    if args.out is not None and args.out.exists():
        raise SimlabError(_("{file} exists already: name a new file (simlab never writes "
                            "over a file)").format(file=args.out), key="out")
    d = design.load(args.model, args.scenario, args.plan)
    result = plan_budget(d.scenario, d.care, d.plan)
    teams = team_names(d.plan)
    out.print(grid_table(months_grid(result), _("Planned budget per month")))
    out.print(grid_table(lines_grid(result, teams), _("Budget lines")))
    from simlab import fmt

    out.print(_("Total: {total}; per contact expected: {per}").format(
        total=fmt.euro(result.total), per=fmt.euro(result.cost_per_contact())))
    if args.out:
        write_budget(args.out, result, teams)
        out.print(_("✓ written: {file}").format(file=args.out))
    return 0


def plan_coverage(args: argparse.Namespace) -> int:
    """The plan's operators answering against the requirement, per interval and channel
    (what the app's staffing screen shows)."""
    from simlab import fmt
    from simlab.lab import design, staffing
    from simlab.reports.roster_tables import write_coverage
    from simlab.reports.staffing_tables import coverage_grid, shift_grid, summary_grid

    if args.out is not None and args.out.exists():
        raise SimlabError(_("{file} exists already: name a new file (simlab never writes "
                            "over a file)").format(file=args.out), key="out")
    d = design.load(args.model, args.scenario, args.plan)
    result = staffing.of_design(d)
    out.print(grid_table(coverage_grid(result, d.scenario), _("Coverage per interval")))
    out.print(grid_table(shift_grid(result, d.scenario), _("Shifts")))
    out.print(grid_table(summary_grid(result, d.scenario), _("Coverage per channel")))
    out.print(_("Cost per week: {cost}; intervals under the requirement: {n}").format(
        cost=fmt.euro(result.weekly_cost), n=result.under()))
    if args.out:
        write_coverage(args.out, result)
        out.print(_("✓ written: {file}").format(file=args.out))
    return 0
