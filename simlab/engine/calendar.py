"""Weekly windows on the run's calendar: when a channel is open, and business time
(the clock of ticket SLAs, which stops outside opening hours and on holidays)."""

from __future__ import annotations

import datetime as dt

import numpy as np

from simlab.model.common import Window

DAY = 86400.0


def open_intervals(
    windows: list[Window], start: dt.date, days: int, holidays: list[dt.date]
) -> np.ndarray:
    """The (start_s, end_s) rows when any window is open, merged and sorted."""
    closed = set(holidays)
    rows = []
    for d in range(days):
        date = start + dt.timedelta(days=d)
        if date in closed:
            continue
        for w in windows:
            if date.weekday() in w.days:
                rows.append((d * DAY + w.start, d * DAY + w.end))
    return merge(np.array(rows, dtype=float).reshape(-1, 2))


def merge(rows: np.ndarray) -> np.ndarray:
    if len(rows) == 0:
        return rows
    rows = rows[np.argsort(rows[:, 0], kind="stable")]
    out = [list(rows[0])]
    for s, e in rows[1:]:
        if s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return np.array(out, dtype=float)


def is_open(intervals: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Whether each time falls inside an interval (start included, end excluded)."""
    if len(intervals) == 0:
        return np.zeros(np.shape(t), dtype=bool)
    k = np.searchsorted(intervals[:, 0], t, side="right") - 1
    return (k >= 0) & (t < intervals[np.maximum(k, 0), 1])


def business_seconds(intervals: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Open seconds from time 0 to each t: differences give business-time durations."""
    t = np.asarray(t, dtype=float)
    if len(intervals) == 0:
        return np.zeros_like(t)
    lengths = intervals[:, 1] - intervals[:, 0]
    before = np.concatenate([[0.0], np.cumsum(lengths)])
    k = np.searchsorted(intervals[:, 0], t, side="right")  # intervals started by t
    inside = np.clip(t - intervals[np.maximum(k - 1, 0), 0], 0, lengths[np.maximum(k - 1, 0)])
    return np.where(k > 0, before[np.maximum(k - 1, 0)] + inside, 0.0)
