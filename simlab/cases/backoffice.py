"""The back office that works the cases: one pool of `staff` people on its working days,
taking the work in order of arrival (first in, first out).

The pool is treated as a fluid: its capacity is `staff` person-seconds per second while
it is open, and one case's step takes its minutes of work out of that capacity. Totals
and backlogs are exact; one case's steps are a little quicker than one person's would
be, which the targets (days, not minutes) do not notice.

When the run ends the pool goes on working the cases it has received (no new one comes),
up to a year: so every case gets its reply, and whether it is late is known even when the
legal deadline falls after the run. Only the hours within the run are paid in the run."""

from __future__ import annotations

import numpy as np

from simlab.model.plan_cases import BackOffice
from simlab.world.world import DAY


class Capacity:
    """Cumulative work W(t) the pool can do from time 0, and its inverse."""

    def __init__(self, office: BackOffice, weekday0: int, horizon_s: float,
                 after_days: int = 366, staff_by_day: list[int] | None = None) -> None:
        """`staff_by_day` (decision rounds: each week's plan sets its back office) gives
        the people of day d; past its end, and without it, `office.staff`."""
        days = int(np.ceil(horizon_s / DAY)) + after_days
        opens, closes, staff = [], [], []
        for d in range(days):
            if (weekday0 + d) % 7 in office.days:
                start = d * DAY + office.start_h * 3600
                opens.append(start)
                closes.append(start + office.hours_per_day * 3600)
                staff.append(staff_by_day[d] if staff_by_day and d < len(staff_by_day)
                             else office.staff)
        self.staff = office.staff
        self.opens = np.array(opens)
        self.closes = np.array(closes)
        # the people of each opening (a constant pool unless the rounds set one per day)
        self.people = np.array(staff, dtype=np.float64) if staff_by_day else self.staff
        self.work_end = np.cumsum((self.closes - self.opens) * self.people)  # W at each close
        self.work_start = self.work_end - (self.closes - self.opens) * self.people
        within = np.clip(self.closes, None, horizon_s) - np.clip(self.opens, None, horizon_s)
        self.open_hours = float(within.sum() / 3600)  # the hours open in the run
        # the person-hours paid in the run (the same number as before without rounds)
        self.paid_hours = (self.open_hours * self.staff if staff_by_day is None
                           else float((within * self.people).sum() / 3600))

    @property
    def total(self) -> float:
        return float(self.work_end[-1]) if len(self.work_end) else 0.0

    def work_at(self, t: float) -> float:
        k = int(np.searchsorted(self.opens, t, side="right")) - 1
        if k < 0:
            return 0.0
        return float(self.work_start[k] + self._people(k) * (min(t, self.closes[k]) - self.opens[k]))

    def _people(self, k: int) -> float:
        return float(self.people if np.isscalar(self.people) else self.people[k])

    def time_of(self, w: float) -> float:
        """The first moment the pool has done `w` person-seconds; NaN if never."""
        if self.total == 0 or w > self.total:
            return float("nan")
        k = int(np.searchsorted(self.work_end, w, side="left"))
        while self._people(k) == 0:  # a day without people does no work: the next that has
            k += 1
        return float(self.opens[k] + (w - self.work_start[k]) / self._people(k))


def work_through(cap: Capacity, entries: np.ndarray, chunks: list[list[float]]) -> list[list[float]]:
    """For each item (entered at `entries[i]`, in any order), the moments its chunks of
    work (minutes, in sequence) are done; items are served by entry time, ties by index."""
    done: list[list[float]] = [[] for _ in chunks]
    free = 0.0
    order = np.lexsort((np.arange(len(entries)), entries))
    for i in order:
        entry = float(entries[i])
        if np.isnan(entry):
            done[i] = [float("nan")] * len(chunks[i])
            continue
        w = max(cap.work_at(entry), free)
        times = []
        for minutes in chunks[i]:
            w += minutes * 60
            t = cap.time_of(w)
            times.append(t if np.isnan(t) else max(entry, t))
        free = w
        done[i] = times
    return done
