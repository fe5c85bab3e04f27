"""An exact shortcut for a lone first-come-first-served queue with fixed staff.

With one real-time queue, one team, everybody on duty over the same single interval and
no breaks, the longest-idle agent is the one with the earliest next free time, so a heap
of (free time, agent) gives every record of the general loop with no event loop at all.
`tests/test_engine_fastpath.py` proves the records identical to the general path.
"""

from __future__ import annotations

from heapq import heapify, heapreplace

from simlab.world.world import World

from .loop import PROGRESS_EVERY, Cancelled, Progress
from .prepare import Compiled
from .records import ABANDONED, ANSWERED, OUT_OF_HOURS, Records


def eligible(cp: Compiled) -> bool:
    if len(cp.queue_ids) != 1 or not cp.queue_realtime[0]:
        return False
    if cp.channel_cap[cp.queue_channel[0]] != 1 or len(cp.team_ids) != 1 or not cp.agents:
        return False
    duty = cp.agents[0].duty
    return len(duty) == 1 and all(a.duty == duty and not a.breaks for a in cp.agents)


def run_fast(world: World, cp: Compiled, progress=None) -> Records:
    c = world.contacts
    n = len(c)
    rec = Records.empty(n)
    outcome, start_s, handle_s, end_s, agent_of = (
        rec.outcome, rec.start_s, rec.handle_s, rec.end_s, rec.agent)
    arr = c.arrival_s.tolist()
    pat = c.patience_s.tolist()
    hb = c.handle_base_s.tolist()
    ooh = cp.out_of_hours.tolist()
    prof = cp.team_prof[0][0]
    duty_start, duty_end = cp.agents[0].duty[0]
    horizon = cp.horizon_s
    free = [(duty_start, a) for a in range(len(cp.agents))]
    heapify(free)
    last_end = [duty_start] * len(cp.agents)
    for i in range(n):
        a = arr[i]
        if progress is not None and not i & (PROGRESS_EVERY - 1) and i:
            _report_fast(progress, i, n, a, free, rec, world, cp)
        if ooh[i]:
            outcome[i] = OUT_OF_HOURS
            end_s[i] = a
            continue
        f, ag = free[0]
        st = f if f > a else a
        p = pat[i]
        if st >= duty_end:
            if a + p <= horizon:
                outcome[i] = ABANDONED
                end_s[i] = a + p
            continue
        if st > a and a + p <= st:
            outcome[i] = ABANDONED
            end_s[i] = a + p
            continue
        h = hb[i] / prof
        e = st + h
        heapreplace(free, (e, ag))
        outcome[i] = ANSWERED
        start_s[i] = st
        handle_s[i] = h
        end_s[i] = e
        agent_of[i] = ag
        last_end[ag] = e
    for ag, e in enumerate(last_end):
        rec.staffed.append((ag, duty_start, max(duty_end, e)))
    return rec


def _report_fast(progress, i, n, t, free, rec, world, cp) -> None:
    """The live view without an event list: waiting = recent contacts not yet answered
    or abandoned at time t."""
    lo = max(0, i - 20_000)
    waiting = sum(
        1 for j in range(lo, i)
        if (rec.outcome[j] == ANSWERED and rec.start_s[j] > t)
        or (rec.outcome[j] == ABANDONED and rec.end_s[j] > t)
    )
    busy = sum(1 for f, _a in free if f > t)
    if progress(Progress(i / n, t, i, [waiting], busy, len(free), rec, world, cp)) is False:
        raise Cancelled
