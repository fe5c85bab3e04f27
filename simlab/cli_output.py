"""What the CLI prints: errors, KPI tables, the progress bar. Only the CLI imports it."""

from __future__ import annotations

import sys
import time

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from simlab import fmt
from simlab.analysis.kpi import KPI_BY_KEY, N_, kpi_label
from simlab.errors import SimlabError
from simlab.i18n import _

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

CHANNEL_KPIS = ("offered", "answered", "abandoned", "out_of_hours", "service_level", "asa_s",
                "aht_s", "abandon_rate", "fcr", "backlog", "frt_h", "ticket_sla")
_EXTRA_LABELS = {  # msgids marked here, translated when shown
    "abandoned": N_("Abandoned"),
    "out_of_hours": N_("Out of hours"),
}


def print_error(e: SimlabError) -> None:
    where = e.where()
    if where:
        err.print(f"[bold red]{_('Error')}[/]: {where}", markup=True)
        err.print(f"  {e.message}", markup=False)
    else:
        err.print(f"[bold red]{_('Error')}[/]: ", markup=True, end="")
        err.print(e.message, markup=False)


def label(key: str) -> str:
    if key in KPI_BY_KEY:
        return kpi_label(key)
    return _(_EXTRA_LABELS.get(key, key))


def kpi_table(summary: dict, title: str) -> Table:
    channels = summary["channels"]
    table = Table(title=title, title_justify="left")
    table.add_column(_("Indicator"))
    for ch in channels:
        table.add_column(_("Total") if ch == "total" else ch, justify="right")
    for key in CHANNEL_KPIS:
        values = [row.get("open" if key == "backlog" else key) for row in channels.values()]
        if all(v is None for v in values):
            continue
        unit = KPI_BY_KEY[key].unit if key in KPI_BY_KEY else "count"
        table.add_row(label(key), *(fmt.value(v, unit) for v in values))
    return table


def team_table(summary: dict) -> Table:
    table = Table(title=_("Teams"), title_justify="left")
    for col in (_("Team"), _("Staffed hours"), _("Busy hours"), _("Occupancy")):
        table.add_column(col, justify="left" if col == _("Team") else "right")
    for team, row in summary["teams"].items():
        table.add_row(team, fmt.number(row["staffed_h"], 1), fmt.number(row["busy_h"], 1),
                      fmt.percent(row["occupancy"]))
    return table


def cost_lines(summary: dict) -> list[str]:
    costs = summary["costs"]
    return [
        f"{_('Total cost')}: {fmt.euro(costs['total'])}",
        f"{kpi_label('cost_per_contact')}: {fmt.euro(costs['cost_per_contact'])}",
    ]


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
