"""Label–value pairs (a scenario's facts, a contact's details) as a two-column grid."""

from __future__ import annotations

from rich.table import Table


def facts_table(rows: list[tuple[str, str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    for label, value in rows:
        table.add_row(label, value)
    return table
