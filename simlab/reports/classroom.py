"""The class for the course register: one row per trainee and exercise (who, status,
points, time) and each trainee's coverage of the standard's abilities, as CSV (the one
dialect of `reports.csvfile`) or one XLSX workbook, written atomically."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.reports.csvfile import csv_bytes
from simlab.reports.xlsx import Sheet, write_xlsx

FORMATS = ("csv", "xlsx")


def status_name(status: str) -> str:
    """An attempt's status as the lab shows it."""
    return {
        "not_started": _("not started"),
        "started": _("started"),
        "checked": _("checked"),
        "submitted": _("submitted"),
    }.get(status, status)


def coverage_name(status: str) -> str:
    """An ability's cell in a portfolio."""
    return {
        "practised": _("practised"),
        "partly": _("partly"),
        "not_yet": _("not yet"),
    }.get(status, status)


def register_sheet(rows: list) -> Sheet:
    """`rows`: objects with trainee, unit, exercise_id, exercise, status, points,
    max_points, minutes (see lab.classroom.RegisterRow)."""
    frame = pd.DataFrame({
        _("Trainee"): [r.trainee for r in rows],
        _("Unit"): [r.unit for r in rows],
        _("Exercise"): [r.exercise_id for r in rows],
        _("Title"): [r.exercise for r in rows],
        _("Status"): [status_name(r.status) for r in rows],
        _("Points"): pd.Series([r.points for r in rows], dtype="float64"),
        _("Maximum points"): pd.Series([r.max_points for r in rows], dtype="float64"),
        _("Time (min)"): pd.Series([r.minutes for r in rows], dtype="float64"),
    })
    return Sheet(_("register"), frame, column_units={_("Time (min)"): "hours"})


def coverage_sheet(rows: list) -> Sheet:
    """`rows`: objects with trainee, unit, ability_id, ability, status, exercises (ids),
    points, max_points (see lab.classroom.CoverageRow)."""
    frame = pd.DataFrame({
        _("Trainee"): [r.trainee for r in rows],
        _("Unit"): [r.unit for r in rows],
        _("Ability"): [r.ability_id for r in rows],
        _("Text of the standard"): [r.ability for r in rows],
        _("Coverage"): [coverage_name(r.status) for r in rows],
        _("Exercises"): [", ".join(r.exercises) for r in rows],
        _("Points"): pd.Series([r.points for r in rows], dtype="float64"),
        _("Maximum points"): pd.Series([r.max_points for r in rows], dtype="float64"),
    })
    return Sheet(_("abilities"), frame)


def export_register(path: Path, fmt: str, register: list, coverage: list) -> Path:
    """The register as CSV (one row per trainee and exercise) or XLSX (that sheet and
    the abilities' coverage)."""
    from simlab.store.atomic import write_bytes_atomic

    if fmt not in FORMATS:
        raise SimlabError(_("«{value}» is not allowed; allowed: {allowed}").format(
            value=fmt, allowed=", ".join(FORMATS)), key="--format")
    path = Path(path)
    try:
        if fmt == "csv":
            write_bytes_atomic(path, csv_bytes(register_sheet(register)))
            return path
        return write_xlsx(path, [register_sheet(register), coverage_sheet(coverage)])
    except OSError as e:
        raise SimlabError(_("cannot write the file: {error}").format(error=e.strerror),
                          file=path) from None


def _points_text(value: float | None) -> str:
    from simlab import fmt

    return "" if value is None else fmt.number(value, 1)


def exercise_grid(rows: list):
    """One exercise's rows of the class table: who, status, points, time."""
    from simlab import fmt
    from simlab.reports.tables import Grid

    return Grid(
        [_("Trainee"), _("Status"), _("Points"), _("Time (min)")],
        [[r.trainee, status_name(r.status),
          f"{_points_text(r.points)} / {_points_text(r.max_points)}" if r.points is not None
          else "", "" if r.minutes is None else fmt.number(r.minutes)] for r in rows],
        [r.key for r in rows])


def coverage_grid(rows: list):
    """Each trainee's coverage: practised / partly / not yet, per unit."""
    from simlab.reports.tables import Grid

    trainees = list(dict.fromkeys(r.trainee for r in rows))
    units = list(dict.fromkeys(r.unit for r in rows))
    table = []
    for t in trainees:
        mine = [r for r in rows if r.trainee == t]
        cells = []
        for u in units:
            of_unit = [r for r in mine if r.unit == u]
            done = sum(r.status == "practised" for r in of_unit)
            part = sum(r.status == "partly" for r in of_unit)
            cells.append(_("{done}/{n} practised, {part} partly").format(
                done=done, n=len(of_unit), part=part))
        table.append([t, *cells])
    return Grid([_("Trainee"), *units], table, trainees)
