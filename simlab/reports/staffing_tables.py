"""Tables of a plan's staffing against the requirement (`simlab plan coverage` and the
app's staffing screen): per channel, per shift and per interval (docs/plan-editor.md).
`st` is a `lab.staffing.Staffing` (reports sits below lab, so it is not imported)."""

from __future__ import annotations

from simlab import fmt
from simlab.i18n import _
from simlab.model.common import DAY_LABELS_IT
from simlab.reports.tables import Grid, channel_names

INTERVAL_H = 0.5


def summary_grid(st, scenario) -> Grid:
    """Per channel: intervals under the requirement, peaks and hours of a week."""
    names = channel_names(scenario)
    headers = [_("Channel"), _("Intervals under"), _("Peak required"), _("Peak scheduled"),
               _("Hours required"), _("Hours scheduled")]
    rows, keys = [], []
    for c in st.channels:
        need, have = st.required[c], st.scheduled[c]
        if not need.any() and not have.any():
            continue
        rows.append([names.get(c, c), fmt.number(st.under(c)), fmt.number(need.max(), 1),
                     fmt.number(have.max(), 1), fmt.number(need.sum() * INTERVAL_H),
                     fmt.number(have.sum() * INTERVAL_H)])
        keys.append(c)
    return Grid(headers, rows, keys)


def shift_grid(st, scenario) -> Grid:
    """Every shift: team, channel, days, hours, operators, hours and cost of a week."""
    names = channel_names(scenario)
    headers = [_("Team"), _("Channel"), _("Days"), _("From"), _("To"), _("Operators"),
               _("Hours a week"), _("Cost per week")]
    rows, keys = [], []
    for s in st.shifts:
        channel = names.get(s.channel, s.channel) if s.channel else "—"
        rows.append([s.team_id, channel, days_text(s.days), _clock(s.start_s),
                     _clock(s.end_s), fmt.number(s.agents), fmt.number(s.hours_per_week, 1),
                     fmt.euro(s.cost_per_week)])
        keys.append(f"{s.team}/{s.shift}")
    return Grid(headers, rows, keys)


def coverage_grid(st, scenario, channel: str | None = None, day: str | None = None) -> Grid:
    """The coverage per interval (of one channel, one day if given)."""
    names = channel_names(scenario)
    frame = st.coverage
    if channel is not None:
        frame = frame[frame["channel"] == channel]
    if day is not None:
        frame = frame[frame["day"] == day]
    headers = [_("Day"), _("Interval"), _("Channel"), _("Required"), _("Scheduled"),
               _("Shortfall")]
    rows, keys = [], []
    for r in frame.itertuples():
        rows.append([r.day, r.interval_start, names.get(r.channel, r.channel),
                     fmt.number(r.required_staff, 1), fmt.number(r.scheduled_staff, 1),
                     fmt.number(r.shortfall, 1) if r.shortfall > 1e-9 else ""])
        keys.append(f"{r.channel}/{r.day}/{r.interval_start}")
    return Grid(headers, rows, keys)


def days_text(days) -> str:
    """Weekdays as the plan writes them: a run of three or more as «lun–ven»."""
    days = sorted(set(days))
    parts, i = [], 0
    while i < len(days):
        j = i
        while j + 1 < len(days) and days[j + 1] == days[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{DAY_LABELS_IT[days[i]]}–{DAY_LABELS_IT[days[j]]}")
        else:
            parts += [DAY_LABELS_IT[d] for d in days[i:j + 1]]
        i = j + 1
    return ", ".join(parts)


def _clock(seconds: int) -> str:
    """A time of the day, 24:00 for the end of a shift at midnight."""
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"
