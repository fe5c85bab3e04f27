"""A report (`report_doc.Report`) as Markdown: headings, paragraphs and pipe tables; charts
are left out (Markdown has no pictures of its own; their numbers are in the tables)."""

from __future__ import annotations

from simlab.reports.report_doc import Report, Table, cell


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table_md(table: Table) -> list[str]:
    lines = [f"**{table.title}**", "", "| " + " | ".join(_escape(c) for c in table.columns) + " |",
             "|" + "|".join("---" for _ in table.columns) + "|"]
    for row in table.rows:
        lines.append("| " + " | ".join(_escape(cell(v, u)) for v, u in
                                       zip(row, table.units, strict=True)) + " |")
    return lines + [""]


def render(report: Report) -> str:
    lines = [f"# {report.title}", "", report.subtitle, ""]
    for s in report.sections:
        lines += [f"## {s.title}", ""]
        for p in s.paragraphs:
            lines += [p, ""]
        for t in s.tables:
            lines += table_md(t)
    return "\n".join(lines).rstrip() + "\n"
