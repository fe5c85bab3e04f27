"""A report (`report_doc.Report`) as one self-contained HTML page: inline style, tables
and charts as inline SVG (`charts_svg`); nothing to download, nothing that changes
between two renderings of the same report."""

from __future__ import annotations

from html import escape

from simlab.i18n import language
from simlab.reports.report_doc import Report, Table, cell

STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 2em; color: #1c2833; }
h1 { color: #1f5f8b; } h2 { border-bottom: 1px solid #aab7b8; padding-bottom: .2em; }
table { border-collapse: collapse; margin: .5em 0 1.5em; font-size: .9em; }
th, td { border: 1px solid #d5dbdb; padding: .25em .6em; }
th { background: #eaf2f8; text-align: left; } td.n { text-align: right; }
caption { text-align: left; font-weight: bold; padding: .3em 0; }
figure { margin: 1em 0; } svg { max-width: 100%; height: auto; }
"""


NUMERIC = ' class="n"'


def table_html(table: Table) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in table.columns)
    body = []
    for row in table.rows:
        cells = "".join(f"<td{'' if u == 'text' else NUMERIC}>{escape(cell(v, u))}</td>"
                        for v, u in zip(row, table.units, strict=True))
        body.append(f"<tr>{cells}</tr>")
    return (f"<table><caption>{escape(table.title)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def render(report: Report) -> str:
    from simlab.reports.charts_svg import svg

    parts = [f'<!DOCTYPE html>\n<html lang="{language()}"><head><meta charset="utf-8">',
             f"<title>{escape(report.title)}</title><style>{STYLE}</style></head><body>",
             f"<h1>{escape(report.title)}</h1><p>{escape(report.subtitle)}</p>"]
    for s in report.sections:
        parts.append(f'<section id="{escape(s.id)}"><h2>{escape(s.title)}</h2>')
        parts += [f"<p>{escape(p)}</p>" for p in s.paragraphs]
        parts += [table_html(t) for t in s.tables]
        parts += [f"<figure>{svg(c)}<figcaption>{escape(c.title)}</figcaption></figure>"
                  for c in s.charts]
        parts.append("</section>")
    parts.append("</body></html>\n")
    return "\n".join(parts)
