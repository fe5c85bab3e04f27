"""The live view of a run: the progress callback the engine calls in the worker thread.

`LiveRun` is handed to `runner.execute(progress=...)`. Each call it
- returns False once `cancel()` was asked (the engine then raises `Cancelled`);
- blocks on a `threading.Event` while paused (the engine waits inside the callback);
- at most every `every_s` seconds hands a `LiveState` to `on_update`: simulated clock,
  queue lengths per channel and agents busy (cheap, from the engine's view), plus the
  KPIs so far from `analysis.live.snapshot`, refreshed at most every `kpi_every_s`
  (it scans the records, so it is kept off the hot path).

Free of textual: the app posts the state as a message; the benchmark counts updates.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from simlab.analysis import live


@dataclass(frozen=True)
class LiveState:
    fraction: float
    clock_s: float  # simulated seconds from the first day's midnight
    arrived: int
    total: int
    waiting: dict[str, int]  # per channel id
    agents_busy: int
    agents_on_duty: int
    kpis: dict[str, dict] = field(default_factory=dict)  # analysis.live.snapshot
    paused: bool = False


class LiveRun:
    def __init__(self, care, on_update: Callable[[LiveState], None] | None = None, *,
                 every_s: float = 0.2, kpi_every_s: float = 0.5,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.care = care
        self.on_update = on_update
        self.every_s = every_s
        self.kpi_every_s = kpi_every_s
        self._clock = clock
        self._cancelled = threading.Event()
        self._running = threading.Event()
        self._running.set()
        # Set by whoever runs the simulation once it is over (finished, failed, cancelled,
        # saved): the app waits on it before closing the workspace.
        self.done = threading.Event()
        self._last = -float("inf")
        self._last_kpi = -float("inf")
        self._kpis: dict[str, dict] = {}
        self.updates = 0
        self.kpi_updates = 0
        self.last: LiveState | None = None

    # -- asked from the UI thread --------------------------------------------------------

    def cancel(self) -> None:
        self._cancelled.set()
        self._running.set()  # a paused run must wake up to stop

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    # -- called by the engine in the worker thread ---------------------------------------

    def __call__(self, view) -> bool:
        if self._cancelled.is_set():
            return False
        if not self._running.is_set():
            self._emit(view, self._clock(), paused=True, kpis=True)
            self._running.wait()
            if self._cancelled.is_set():
                return False
        now = self._clock()
        if now - self._last >= self.every_s or view.fraction >= 1.0:
            self._emit(view, now, paused=False,
                       kpis=now - self._last_kpi >= self.kpi_every_s or view.fraction >= 1.0)
        return True

    def _emit(self, view, now: float, *, paused: bool, kpis: bool) -> None:
        if kpis:
            self._kpis = live.snapshot(view, self.care)
            self._last_kpi = now
            self.kpi_updates += 1
        world, cp = view.world, view.compiled
        waiting = dict.fromkeys(world.channels, 0)
        for q, length in enumerate(view.queue_lengths):
            waiting[world.channels[cp.queue_channel[q]]] += length
        state = LiveState(view.fraction, view.clock_s, view.arrived, len(world.contacts),
                          waiting, view.agents_busy, view.agents_on_duty, self._kpis, paused)
        self._last = now
        self.updates += 1
        self.last = state
        if self.on_update is not None:
            self.on_update(state)
