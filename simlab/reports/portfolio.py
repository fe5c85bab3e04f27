"""A trainee's portfolio as files to keep or hand in: a self-contained HTML page (no
script, no link outside it: it opens offline, prints, and can be mailed) and an XLSX
workbook. Both are written atomically.

The portfolio comes from `lab.trainee.portfolio_view`: plain rows, one per ability of the
standard, with its coverage, the exercises behind it and the points."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from simlab import fmt
from simlab.errors import SimlabError
from simlab.i18n import _, language
from simlab.reports.classroom import coverage_name
from simlab.reports.xlsx import Sheet, workbook_bytes

SUFFIXES = (".html", ".xlsx")

_CSS = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 1.5em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: .3em .5em; text-align: left; vertical-align: top; }
th { background: #eee; }
td.practised { background: #cdeccd; } td.partly { background: #fbe9b7; }
td.not_yet { background: #f3d3d3; }
.facts td { border: none; padding: .1em 1em .1em 0; }
"""


def _points(value: float | None) -> str:
    return "" if value is None else fmt.number(value, 1)


def hours_text(minutes: float) -> str:
    return fmt.number(minutes / 60.0, 1)


def html_text(view) -> str:
    """The portfolio page. `view`: person, units [(id, code, title)], rows, minutes,
    points, max_points."""
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(language())}"><head><meta charset="utf-8">',
        f"<title>{e(_('Portfolio'))}: {e(view.person)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{e(_('Portfolio'))}: {e(view.person)}</h1>",
        '<table class="facts">',
        f"<tr><td>{e(_('Abilities practised'))}</td><td>{view.practised} / {len(view.rows)}"
        "</td></tr>",
        f"<tr><td>{e(_('Hours spent'))}</td><td>{e(hours_text(view.minutes))}</td></tr>",
        f"<tr><td>{e(_('Points'))}</td><td>{e(_points(view.points))} / "
        f"{e(_points(view.max_points))}</td></tr>",
        "</table>",
    ]
    for unit_id, code, title in view.units:
        parts.append(f"<h2>{e(unit_id)} ({e(code)}): {e(title)}</h2>")
        parts.append(f"<table><tr><th>{e(_('Ability'))}</th><th>{e(_('Text of the standard'))}"
                     f"</th><th>{e(_('Coverage'))}</th><th>{e(_('Exercises'))}</th>"
                     f"<th>{e(_('Points'))}</th></tr>")
        for row in (r for r in view.rows if r.unit == unit_id):
            points = (f"{_points(row.points)} / {_points(row.max_points)}"
                      if row.max_points else "")
            parts.append(
                f"<tr><td>{e(row.ability_id)}</td><td>{e(row.ability)}</td>"
                f'<td class="{e(row.status)}">{e(coverage_name(row.status))}</td>'
                f"<td>{e(', '.join(row.exercises))}</td><td>{e(points)}</td></tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def sheets(view) -> list[Sheet]:
    matrix = pd.DataFrame({
        _("Unit"): [r.unit for r in view.rows],
        _("Ability"): [r.ability_id for r in view.rows],
        _("Text of the standard"): [r.ability for r in view.rows],
        _("Coverage"): [coverage_name(r.status) for r in view.rows],
        _("Exercises"): [", ".join(r.exercises) for r in view.rows],
        _("Points"): pd.Series([r.points for r in view.rows], dtype="float64"),
        _("Maximum points"): pd.Series([r.max_points for r in view.rows], dtype="float64"),
    })
    facts = pd.DataFrame({
        _("Item"): [_("Trainee"), _("Abilities practised"), _("Hours spent"), _("Points"),
                    _("Maximum points")],
        _("Value"): [view.person, view.practised, round(view.minutes / 60.0, 2), view.points,
                     view.max_points],
    })
    return [Sheet(_("portfolio"), facts), Sheet(_("abilities"), matrix)]


def export(view, path: Path) -> Path:
    """Write the portfolio to `path`: .html or .xlsx by its suffix."""
    from simlab.store.atomic import write_bytes_atomic

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SimlabError(_("the file name must end in .html or .xlsx"), file=path)
    data = html_text(view).encode("utf-8") if suffix == ".html" else workbook_bytes(sheets(view))
    try:
        write_bytes_atomic(path, data)
    except OSError as e:
        raise SimlabError(_("cannot write the file: {error}").format(error=e.strerror),
                          file=path) from None
    return path
