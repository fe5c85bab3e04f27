"""What the event loop shares with the rest of the engine: the kinds of event and the
agents' states, the events known before the run starts (the schedule), and the live view
handed to the progress callback."""

from __future__ import annotations

from operator import itemgetter

from .prepare import Compiled

END, SHIFT_ON, SHIFT_OFF, BREAK_ON, BREAK_OFF, OPEN_CH = range(6)
OFF, ON, WANT_BREAK, ON_BREAK, WANT_OFF = range(5)
INF = float("inf")
PROGRESS_EVERY = 8192


class Cancelled(Exception):
    """The progress callback asked to stop."""


class Progress:
    """A live view of the run, handed to the progress callback. `records` are the
    contact records so far (read them with `analysis.live.snapshot`, not in the loop)."""

    __slots__ = ("fraction", "clock_s", "arrived", "queue_lengths", "agents_busy",
                 "agents_on_duty", "records", "world", "compiled")

    def __init__(self, fraction, clock_s, arrived, queue_lengths, agents_busy, agents_on_duty,
                 records, world, compiled):
        self.fraction = fraction
        self.clock_s = clock_s
        self.arrived = arrived
        self.queue_lengths = queue_lengths
        self.agents_busy = agents_busy
        self.agents_on_duty = agents_on_duty
        self.records = records
        self.world = world
        self.compiled = compiled


def schedule(cp: Compiled, open_starts: list[list[float]]) -> tuple[list, int]:
    """Events known in advance (shifts, breaks, deferred channels opening) as one sorted
    list of (time, seq, kind, agent or channel, value), ended by a sentinel at infinity,
    and the next free sequence number. Read in order like the arrivals, they keep the
    loop's heap down to what is in progress."""
    sched: list = []
    seq = 0
    for a, ag in enumerate(cp.agents):
        for s, e in ag.duty:
            sched.append((s, seq, SHIFT_ON, a, 0))
            sched.append((e, seq + 1, SHIFT_OFF, a, 0))
            seq += 2
        for at, dur in ag.breaks:
            sched.append((at, seq, BREAK_ON, a, dur))
            seq += 1
    for ch, realtime in enumerate(cp.channel_realtime):
        if not realtime:
            for s in open_starts[ch]:
                sched.append((s, seq, OPEN_CH, ch, 0))
                seq += 1
    # by time, and at equal times by seq: the list is in seq order already and the sort
    # is stable, so a float key gives that order without comparing tuples
    sched.sort(key=itemgetter(0))
    sched.append((INF, seq, -1, 0, 0))  # a sentinel: the list never runs out
    return sched, seq + 1


def report(progress, arrived, n, t, qlen, load, state, rec, world=None, cp=None) -> None:
    """Hand the callback a live view; raise `Cancelled` if it returns False."""
    busy = sum(1 for x in load if x)
    on = sum(1 for s in state if s != OFF)
    view = Progress(arrived / n if n else 1.0, t, arrived, list(qlen), busy, on, rec,
                    world, cp)
    if progress(view) is False:
        raise Cancelled
