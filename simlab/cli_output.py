"""What the CLI prints: errors, the tables of `reports.tables` rendered with rich, the
progress bar. Only the CLI imports it."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from simlab.errors import SimlabError
from simlab.i18n import _

if TYPE_CHECKING:  # a name for the type only: importing reports.tables would import pandas
    from simlab.reports.tables import Grid

# Piped into a file, a table has no screen to fit: a width for whole rows, not 80 columns.
out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def print_error(e: SimlabError) -> None:
    where = e.where()
    if where:
        err.print(f"[bold red]{_('Error')}[/]: {where}", markup=True)
        err.print(f"  {e.message}", markup=False)
    else:
        err.print(f"[bold red]{_('Error')}[/]: ", markup=True, end="")
        err.print(e.message, markup=False)


def grid_table(grid: Grid, title: str | None = None) -> Table:
    """A `reports.tables.Grid` (the app shows the same one) as a rich table: the first
    column left, the others (numbers) right."""
    table = Table(title=title, title_justify="left")
    # the first column names the row (a scenario id a user must type, a KPI): never cut it,
    # however narrow the terminal; the others wrap
    first = max((len(row[0]) for row in grid.rows), default=0)
    for i, header in enumerate(grid.headers):
        if i == 0:
            table.add_column(header, justify="left", no_wrap=True,
                             min_width=max(first, len(header)))
        else:
            table.add_column(header, justify="right")
    for row in grid.rows:
        table.add_row(*row)
    return table


def facts_table(rows: list[tuple[str, str]]) -> Table:
    """Label–value pairs (the run header, costs), as the app shows them."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    for label, value in rows:
        table.add_row(label, value)
    return table


class ProgressBar:
    """A progress bar on stderr that appears only if the work lasts over a second."""

    def __init__(self, description: str) -> None:
        self.description = description
        self.started = time.monotonic()
        self.bar: Progress | None = None
        self.task = None

    def __call__(self, view) -> None:
        if self.bar is None:
            if time.monotonic() - self.started < 1.0 or not sys.stderr.isatty():
                return
            self.bar = Progress(TextColumn("{task.description}"), BarColumn(),
                                TextColumn("{task.percentage:>3.0f}%"), TimeRemainingColumn(),
                                console=err, transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.description, total=1.0)
        self.bar.update(self.task, completed=view.fraction)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
