"""A small document for people (a title, facts, sections of paragraphs, tables and
lists) and its two renderings: Markdown that reads well as plain text, and one
self-contained HTML page (inline CSS, no script, no link outside it: it opens offline,
prints and can be mailed). The trainee's deliverables are built as a `Document`."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from simlab.i18n import language
from simlab.reports.tables import Grid


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[tuple[str, Grid]] = field(default_factory=list)  # (caption, grid)
    items: list[str] = field(default_factory=list)  # a bulleted list after the tables


@dataclass
class Document:
    title: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


# --- Markdown -------------------------------------------------------------------------------


def _md_cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _md_table(grid: Grid) -> list[str]:
    lines = ["| " + " | ".join(_md_cell(h) for h in grid.headers) + " |",
             "|" + "|".join("---" for _h in grid.headers) + "|"]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in grid.rows]
    return lines


def markdown(doc: Document) -> str:
    lines = [f"# {doc.title}", ""]
    for label, value in doc.facts:
        lines.append(f"- **{label}**: {value}")
    if doc.facts:
        lines.append("")
    for section in doc.sections:
        lines += [f"## {section.title}", ""]
        for paragraph in section.paragraphs:
            lines += [paragraph, ""]
        for caption, grid in section.tables:
            if caption:
                lines += [f"**{caption}**", ""]
            lines += [*_md_table(grid), ""]
        if section.items:
            lines += [f"- {item}" for item in section.items] + [""]
    return "\n".join(lines).rstrip("\n") + "\n"


# --- HTML -----------------------------------------------------------------------------------

_CSS = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 60em; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: .5em 0 1em; }
th, td { border: 1px solid #bbb; padding: .25em .5em; text-align: left; vertical-align: top; }
th { background: #eee; } caption { text-align: left; font-weight: bold; padding: .3em 0; }
.facts td { border: none; padding: .1em 1em .1em 0; }
@media print { body { margin: 0; } }
"""


def _html_table(caption: str, grid: Grid) -> list[str]:
    e = html.escape
    out = ["<table>"]
    if caption:
        out.append(f"<caption>{e(caption)}</caption>")
    out.append("<tr>" + "".join(f"<th>{e(str(h))}</th>" for h in grid.headers) + "</tr>")
    out += ["<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in row) + "</tr>"
            for row in grid.rows]
    out.append("</table>")
    return out


def html_page(doc: Document) -> str:
    e = html.escape
    parts = ["<!DOCTYPE html>",
             f'<html lang="{e(language())}"><head><meta charset="utf-8">',
             f"<title>{e(doc.title)}</title>", f"<style>{_CSS}</style></head><body>",
             f"<h1>{e(doc.title)}</h1>"]
    if doc.facts:
        parts.append('<table class="facts">')
        parts += [f"<tr><td><strong>{e(label)}</strong></td><td>{e(value)}</td></tr>"
                  for label, value in doc.facts]
        parts.append("</table>")
    for section in doc.sections:
        parts.append(f"<h2>{e(section.title)}</h2>")
        parts += [f"<p>{e(p)}</p>" for p in section.paragraphs]
        for caption, grid in section.tables:
            parts += _html_table(caption, grid)
        if section.items:
            parts.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in section.items) + "</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
