"""Tables of the roster (`simlab plan roster`) for people and files: the cost and
headcount per channel, the shifts, and the coverage per interval (docs/roster.md).
`result` is a `lab.roster.RosterPlan` (reports sits below lab, so it is not imported)."""

from __future__ import annotations

from pathlib import Path

from simlab import fmt
from simlab.i18n import _
from simlab.model.common import DAY_LABELS_IT
from simlab.reports.csvfile import csv_bytes
from simlab.reports.tables import Grid, channel_names
from simlab.reports.xlsx import Sheet, write_xlsx
from simlab.store.atomic import write_bytes_atomic

COVERAGE_UNITS = {"required_staff": "hours", "scheduled_staff": "hours", "shortfall": "hours"}


def channel_grid(result) -> Grid:
    """Per channel: agents (full and part time), weekly cost, uncovered intervals."""
    names = channel_names(result.design.scenario)
    headers = [_("Channel"), _("Agents"), _("Full time"), _("Part time"), _("Cost per week"),
               _("Absence"), _("Uncovered intervals"), _("Distance from the optimum")]
    rows, keys = [], []
    for c in result.channels:
        r = c.roster
        part = sum(int(n) for n, t in zip(r.agents, r.templates, strict=True) if t.part_time)
        uncovered = int((r.shortfall > 1e-6).sum())
        absence = fmt.percent(c.absence, 1) + ("" if c.absence_given else " " + _("(default)"))
        rows.append([names.get(c.channel, c.channel), fmt.number(r.headcount),
                     fmt.number(r.headcount - part), fmt.number(part), fmt.euro(r.weekly_cost),
                     absence, fmt.number(uncovered), fmt.percent(r.gap, 1)])
        keys.append(c.channel)
    return Grid(headers, rows, keys)


def shift_grid(result) -> Grid:
    """Every shift the roster uses: channel, days, hours, agents, hours a week."""
    names = channel_names(result.design.scenario)
    headers = [_("Channel"), _("Days"), _("From"), _("To"), _("Agents"), _("Contract"),
               _("Hours a week")]
    rows, keys = [], []
    for c in result.channels:
        r = c.roster
        for n, t in zip(r.agents.tolist(), r.templates, strict=True):
            if n <= 0:
                continue
            end = t.start_s + t.length_s
            rows.append([names.get(c.channel, c.channel), _days(t.days), _clock(t.start_s),
                         _clock(end), fmt.number(n),
                         _("part time") if t.part_time else _("full time"),
                         fmt.number(t.working_hours_per_week())])
            keys.append(f"{c.channel}/{len(keys)}")
    return Grid(headers, rows, keys)


def write_coverage(path: Path, result) -> None:
    """The coverage per interval: `.xlsx` as a sheet, anything else as CSV."""
    frame = result.coverage
    sheet = Sheet(_("Coverage"), frame, {c: COVERAGE_UNITS.get(c, "") for c in frame.columns})
    if path.suffix.lower() == ".xlsx":
        write_xlsx(path, [sheet])
    else:
        write_bytes_atomic(path, csv_bytes(sheet))


def _days(days: tuple[int, ...]) -> str:
    return ", ".join(DAY_LABELS_IT[d] for d in days)


def _clock(seconds: int) -> str:
    return f"{seconds // 3600 % 24:02d}:{seconds % 3600 // 60:02d}"
