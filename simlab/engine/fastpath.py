"""An exact shortcut for a lone first-come-first-served queue with fixed staff.

With one real-time queue holding one priority level (so priority cannot reorder it),
one team, everybody on duty over the same single interval and no breaks, the longest-idle
agent is the one with the earliest next free time, so a heap
of (free time, agent) gives every record of the general loop with no event loop at all.
`tests/test_engine_fastpath.py` proves the records identical to the general path.
"""

from __future__ import annotations

from heapq import heapify, heapreplace

import numpy as np

from simlab.world.world import World

from .events import PROGRESS_EVERY, Cancelled, Progress
from .prepare import Compiled
from .records import ABANDONED, ANSWERED, OUT_OF_HOURS, Records


def eligible(cp: Compiled) -> bool:
    if len(cp.queue_ids) != 1 or not cp.queue_realtime[0] or len(cp.queue_levels[0]) > 1:
        return False
    if cp.channel_cap[cp.queue_channel[0]] != 1 or len(cp.team_ids) != 1 or not cp.agents:
        return False
    duty = cp.agents[0].duty
    return len(duty) == 1 and all(a.duty == duty and not a.breaks for a in cp.agents)


def run_fast(world: World, cp: Compiled, progress=None) -> Records:
    c = world.contacts
    n = len(c)
    rec = Records.empty(n)
    outcome, start_s, end_s, agent_of = rec.outcome, rec.start_s, rec.end_s, rec.agent
    prof = cp.team_prof[0][0]
    work_all = c.handle_base_s / prof  # same IEEE division as the event loop
    duty_start, duty_end = cp.agents[0].duty[0]
    horizon = cp.horizon_s
    free = [(duty_start, a) for a in range(len(cp.agents))]
    heapify(free)
    # In chunks, so that progress costs nothing per contact, and so that the inputs are
    # Python lists (fast to index) one chunk at a time, not a million floats at once.
    for lo in range(0, n, PROGRESS_EVERY):
        hi = min(lo + PROGRESS_EVERY, n)
        arr = c.arrival_s[lo:hi].tolist()
        pat = c.patience_s[lo:hi].tolist()
        work = work_all[lo:hi].tolist()
        ooh = cp.out_of_hours[lo:hi].tolist()
        if progress is not None:
            _report_fast(progress, lo, n, arr[0], free, rec, world, cp)
        for i in range(lo, hi):
            k = i - lo
            a = arr[k]
            if ooh[k]:
                outcome[i] = OUT_OF_HOURS
                end_s[i] = a
                continue
            f, ag = free[0]
            st = f if f > a else a
            p = pat[k]
            if st >= duty_end:
                if a + p <= horizon:
                    outcome[i] = ABANDONED
                    end_s[i] = a + p
                continue
            if st > a and a + p <= st:
                outcome[i] = ABANDONED
                end_s[i] = a + p
                continue
            e = st + work[k]
            heapreplace(free, (e, ag))
            outcome[i] = ANSWERED
            start_s[i] = st
            end_s[i] = e
            agent_of[i] = ag
    if progress is not None and n:
        _report_fast(progress, n, n, float(c.arrival_s[-1]), free, rec, world, cp)
    handle = np.frombuffer(rec.handle_s, dtype=np.float64)
    answered = np.frombuffer(outcome, dtype=np.int8) == ANSWERED
    handle[answered] = work_all[answered]
    for f, ag in sorted(free, key=lambda x: x[1]):  # each agent's last end is in the heap
        rec.staffed.append((ag, duty_start, max(duty_end, f)))
    return rec


def _report_fast(progress, i, n, t, free, rec, world, cp) -> None:
    """The live view without an event list: waiting = recent contacts not yet answered
    or abandoned at time t. Counted with numpy over a bounded window of the records, so a
    call costs the same whatever the length of the run."""
    lo = max(0, i - 20_000)
    outcome = np.frombuffer(rec.outcome, dtype=np.int8)[lo:i]
    start = np.frombuffer(rec.start_s, dtype=np.float64)[lo:i]
    end = np.frombuffer(rec.end_s, dtype=np.float64)[lo:i]
    waiting = int(np.count_nonzero(((outcome == ANSWERED) & (start > t))
                                   | ((outcome == ABANDONED) & (end > t))))
    busy = sum(1 for f, _a in free if f > t)
    if progress(Progress(i / n, t, i, [waiting], busy, len(free), rec, world, cp)) is False:
        raise Cancelled
