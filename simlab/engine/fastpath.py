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


ABANDONS, STAYS = -1, -2  # in a chunk's agent list: the contact abandoned, or still waits


def run_fast(world: World, cp: Compiled, progress=None) -> Records:
    c = world.contacts
    n = len(c)
    rec = Records.empty(n)
    outcome = np.frombuffer(rec.outcome, dtype=np.int8)
    start_s = np.frombuffer(rec.start_s, dtype=np.float64)
    end_s = np.frombuffer(rec.end_s, dtype=np.float64)
    agent_of = np.frombuffer(rec.agent, dtype=np.int32)
    prof = cp.team_prof[0][0]
    work_all = c.handle_base_s / prof  # same IEEE division as the event loop
    # arrival + patience once for all, as numpy adds it: the same bits as the loop's sum
    deadline_all = c.arrival_s + c.patience_s
    duty_start, duty_end = cp.agents[0].duty[0]
    horizon = cp.horizon_s
    free = [(duty_start, a) for a in range(len(cp.agents))]
    heapify(free)
    ooh_all = np.asarray(cp.out_of_hours, dtype=bool)
    outcome[ooh_all] = OUT_OF_HOURS  # they never reach the queue
    end_s[ooh_all] = c.arrival_s[ooh_all]
    # In chunks, so that progress costs nothing per contact, and so that the inputs are
    # Python lists (fast to iterate) one chunk at a time, not a million floats at once.
    # The loop keeps two numbers per contact (a time, and the agent or what happened);
    # the records are filled from them with numpy after each chunk.
    for lo in range(0, n, PROGRESS_EVERY):
        hi = min(lo + PROGRESS_EVERY, n)
        if progress is not None:
            _report_fast(progress, lo, n, float(c.arrival_s[lo]), free, rec, world, cp)
        index = lo + np.flatnonzero(~ooh_all[lo:hi])
        times: list[float] = []
        agents: list[int] = []
        keep_time, keep_agent = times.append, agents.append
        for a, dl, w in zip(c.arrival_s[index].tolist(), deadline_all[index].tolist(),
                            work_all[index].tolist(), strict=True):
            f, ag = free[0]
            if f <= a:  # an agent is free: answered on arrival, if still on duty
                if a < duty_end:
                    heapreplace(free, (a + w, ag))
                    keep_time(a)
                    keep_agent(ag)
                    continue
            elif f < duty_end:  # waits until f, unless its patience runs out first
                if dl <= f:
                    keep_time(dl)
                    keep_agent(ABANDONS)
                else:
                    heapreplace(free, (f + w, ag))
                    keep_time(f)
                    keep_agent(ag)
                continue
            # nobody answers before the end of duty: it abandons within the horizon or stays
            keep_time(dl)
            keep_agent(ABANDONS if dl <= horizon else STAYS)
        _store(index, np.array(times), np.array(agents, dtype=np.int32), work_all,
               outcome, start_s, end_s, agent_of)
    if progress is not None and n:
        _report_fast(progress, n, n, float(c.arrival_s[-1]), free, rec, world, cp)
    handle = np.frombuffer(rec.handle_s, dtype=np.float64)
    answered = outcome == ANSWERED
    handle[answered] = work_all[answered]
    for f, ag in sorted(free, key=lambda x: x[1]):  # each agent's last end is in the heap
        rec.staffed.append((ag, duty_start, max(duty_end, f)))
    return rec


def _store(index, times, agents, work_all, outcome, start_s, end_s, agent_of) -> None:
    """A chunk's records from the loop's time and agent per contact: an answered contact
    starts at its time and ends one handling later (the same sum as the loop's), an
    abandoned one ends at its time, one still waiting has no end."""
    answered = agents >= 0
    abandoned = agents == ABANDONS
    done = index[answered]
    outcome[done] = ANSWERED
    start_s[done] = times[answered]
    end_s[done] = times[answered] + work_all[done]
    agent_of[done] = agents[answered]
    outcome[index[abandoned]] = ABANDONED
    end_s[index[abandoned]] = times[abandoned]


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
