"""The live view of a run in progress: progress bar, simulated clock, queues, agents
and the KPIs so far (as `analysis.live.snapshot` computed them)."""

from __future__ import annotations

import datetime as dt

from rich.table import Table
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import ProgressBar, Static

from simlab import fmt
from simlab.i18n import _
from simlab.lab.liverun import LiveState

LIVE_COLUMNS = ("waiting", "answered", "abandoned", "service_level", "asa_s", "abandon_rate")
_UNITS = {"waiting": "count", "answered": "count", "abandoned": "count",
          "service_level": "ratio", "asa_s": "seconds", "abandon_rate": "ratio"}


def live_headers() -> list[str]:
    return [_("Channel"), _("In queue"), _("Handled"), _("Abandoned"), "SL", "ASA",
            _("Abandon rate")]


def live_cells(state: LiveState, channel: str) -> list[str]:
    kpis = state.kpis.get(channel, {})
    cells = [fmt.number(state.waiting.get(channel, 0))]
    for key in LIVE_COLUMNS[1:]:
        cells.append(fmt.value(kpis.get(key), _UNITS[key]))
    return cells


class LivePanel(Vertical):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.channels: dict[str, str] = {}  # id -> name
        self.start = dt.datetime(2026, 1, 1)
        self.days = 1

    def compose(self) -> ComposeResult:
        yield Static("", id="live-status")
        yield ProgressBar(total=None, show_eta=False, id="live-progress")
        yield Static("", id="live-clock")
        yield Static(_("Indicators so far, from the start of the run:"), id="live-caption")
        yield Static("", id="live-table")

    def prepare(self, channels: dict[str, str], start: dt.date, days: int) -> None:
        """A new run: its channels (id → name), first day and length."""
        self.channels = channels
        self.start = dt.datetime.combine(start, dt.time())
        self.days = days
        self.query_one("#live-table", Static).update(self.table(None))
        self.query_one("#live-progress", ProgressBar).update(total=None, progress=0)
        self.query_one("#live-clock", Static).update("")

    def set_status(self, text: str) -> None:
        self.query_one("#live-status", Static).update(text)

    def show(self, state: LiveState) -> None:
        self.query_one("#live-progress", ProgressBar).update(total=100,
                                                             progress=state.fraction * 100)
        clock_s = min(state.clock_s, self.days * 86400 - 60)  # the end shows as 23:59
        now = self.start + dt.timedelta(seconds=clock_s)
        day = int(clock_s // 86400) + 1
        self.query_one("#live-clock", Static).update(
            _("Simulated clock: day {day} of {days}, {date} {time} · contacts arrived: {arrived} "
              "of {total} · agents busy: {busy} of {on_duty} on duty").format(
                day=day, days=self.days, date=fmt.date(now.date()), time=fmt.clock(clock_s),
                arrived=fmt.number(state.arrived), total=fmt.number(state.total),
                busy=fmt.number(state.agents_busy), on_duty=fmt.number(state.agents_on_duty)))
        self.query_one("#live-table", Static).update(self.table(state))

    def table(self, state: LiveState | None) -> Table:
        """A Rich table, so that at 80 columns long headers and channel names wrap
        instead of being cut; the numbers never wrap."""
        table = Table(box=None, header_style="bold", pad_edge=False)
        headers = live_headers()
        table.add_column(headers[0])
        for header in headers[1:]:
            table.add_column(header, justify="right", min_width=6)
        for channel, name in self.channels.items():
            cells = (live_cells(state, channel) if state is not None
                     else [fmt.DASH] * len(LIVE_COLUMNS))
            table.add_row(name, *cells)
        return table
