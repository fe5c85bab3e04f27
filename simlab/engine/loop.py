"""The discrete-event loop shared by every channel.

Arrivals are read in order from the world's sorted array, and so are the events known
in advance (shift and break changes, channel openings); both are merged with a heap of
the events that the run itself creates (service ends, returns from break), so the heap
only ever holds what is in progress. Abandonment has no event: a waiting contact whose
patience ran out is dropped when an agent next looks at its queue, and recorded at the
moment it left, so finding it late changes nothing.

Routing (docs/data-dictionary.md, `priority`): a free agent looks at the queues it has
the skill for, highest queue rank first; within a queue it takes the contact of the
highest priority and, among equals, the one waiting longest; among queues of the same
rank, the queue whose candidate has waited longest. An arriving contact goes to the
longest-idle agent with the skill. Each queue keeps one deque per priority level
present in it, scanned from the highest, so a queue costs a few deque lookups whatever
its length. The hot loop uses plain lists, tuples and deques on purpose: they are the
fastest containers CPython has.
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Callable
from heapq import heappop, heappush

import numpy as np

from simlab.world.world import World

from .events import (
    BREAK_ON,
    INF,
    OFF,
    ON,
    ON_BREAK,
    PROGRESS_EVERY,
    SHIFT_OFF,
    SHIFT_ON,
    WANT_BREAK,
    WANT_OFF,
    Cancelled,
    Progress,
    report,
    schedule,
)
from .prepare import Compiled
from .records import ABANDONED, ANSWERED, OUT_OF_HOURS, Records

__all__ = ["PROGRESS_EVERY", "Cancelled", "Progress", "run_events"]


def run_events(
    world: World, cp: Compiled, progress: Callable[[Progress], bool | None] | None = None
) -> Records:
    c = world.contacts
    n = len(c)
    rec = Records.empty(n)
    outcome, start_s, handle_s, end_s, agent_of = (
        rec.outcome, rec.start_s, rec.handle_s, rec.end_s, rec.agent)
    arr = c.arrival_s.tolist()  # a list: read most often, and a list is the fastest to read
    # raw doubles (8 bytes a contact, a list takes 32), read once or twice per contact
    gone = _doubles(c.arrival_s + c.patience_s)  # when each caller hangs up (inf: never)
    hb = _doubles(c.handle_base_s)
    cq = cp.contact_queue.tolist()
    ooh = np.flatnonzero(cp.out_of_hours)
    for i in ooh.tolist():
        outcome[i] = OUT_OF_HOURS
        end_s[i] = arr[i]
    ooh_flag = cp.out_of_hours.tolist()

    nq = len(cp.queue_ids)
    # per queue, one deque per priority level (highest first); qlen counts what waits
    queues = [[deque() for _ in levels] for levels in cp.queue_levels]
    qlen = [0] * nq
    lvl = cp.contact_level.tolist()
    q_rt = cp.queue_realtime
    q_rank = cp.queue_rank
    q_chan = cp.queue_channel
    ch_cap = cp.channel_cap
    ch_open_starts = [iv[:, 0].tolist() for iv in cp.channel_open]
    ch_open_ends = [iv[:, 1].tolist() for iv in cp.channel_open]
    teams_for_q = cp.teams_for_queue
    lone_team = [tms[0] if len(tms) == 1 else -1 for tms in teams_for_q]
    team_queues = cp.team_queues
    # proficiency by agent and queue, as plain lists: the hot path indexes them per contact
    prof_by_team = [[skills.get(q, 1.0) for q in range(len(cp.queue_ids))] for skills in cp.team_prof]

    na = len(cp.agents)
    team_of = [a.team for a in cp.agents]
    prof_of = [prof_by_team[tm] for tm in team_of]
    state = [OFF] * na
    load = [0] * na
    chan_of = [-1] * na
    token = [0] * na
    break_id = [0] * na
    break_len = [0.0] * na
    duty_start = [0.0] * na
    break_start = [0.0] * na
    idle = [deque() for _ in cp.team_ids]  # (agent, token, idle since)
    # chat agents with a free slot, by team, channel and load: {(team, channel): [bucket
    # per load]}, each bucket an insertion-ordered dict used as a set
    max_cap = max(ch_cap)
    partial = {(tm, ch): [{} for _ in range(max_cap)] for tm in range(len(cp.team_ids))
               for ch in range(len(ch_cap)) if ch_cap[ch] > 1}
    bucket_of: list = [None] * na

    def set_partial(a: int) -> None:
        """File agent `a` under its current load if it has a free chat slot."""
        old = bucket_of[a]
        if old is not None:
            del old[a]
            bucket_of[a] = None
        k = load[a]
        if k and state[a] == ON and k < ch_cap[chan_of[a]]:
            b = partial[(team_of[a], chan_of[a])][k]
            b[a] = None
            bucket_of[a] = b

    # Events known in advance wait in a sorted list read in order (events.schedule)
    sched, _seq = schedule(cp, ch_open_starts)
    si = 0
    next_sched = sched[0]
    sched_t = next_sched[0]
    # The events the run creates (service ends, returns from break) come after every
    # scheduled one at the same moment and among themselves in the order they were
    # made, which is all a sequence number gave: so the heap holds bare times (a float
    # compares faster than a tuple) and `due` maps each time to what happens then, a
    # contact's index for a service end (its agent is in agent_of) or ~payload for a
    # return from break. Two events at one time are rare: the later ones wait in `ties`.
    heap: list = [INF]  # a sentinel: never popped, so the heap is never empty
    due: dict = {}
    ties: dict = {}

    def tie(e: float, x: int) -> None:
        """Keep `x` after the events already due at `e` (due.setdefault kept the first)."""
        later = ties.get(e)
        if later is None:
            ties[e] = deque((x,))
        else:
            later.append(x)

    def untie(e: float) -> None:
        """The event at `e` was taken: the next one due at `e`, if any, takes its place."""
        later = ties.get(e)
        if later is not None:
            due[e] = later.popleft()
            if not later:
                del ties[e]

    cursor = [-1] * len(ch_cap)  # per channel: the last opening started by now
    # per channel: whether it is open, and until when that answer holds (callers read
    # these two lists first and call channel_open only when the answer has expired)
    is_open = [False] * len(ch_cap)
    open_until = [-INF] * len(ch_cap)

    def channel_open(ch: int, t: float) -> bool:
        # the clock never goes back, so a cursor beats a bisection per call
        starts = ch_open_starts[ch]
        k = cursor[ch]
        while k + 1 < len(starts) and starts[k + 1] <= t:
            k += 1
        cursor[ch] = k
        now_open = k >= 0 and t < ch_open_ends[ch][k]
        is_open[ch] = now_open
        if now_open:
            open_until[ch] = ch_open_ends[ch][k]
        else:
            open_until[ch] = starts[k + 1] if k + 1 < len(starts) else INF
        return now_open

    def next_contact(a: int, t: float) -> tuple[int, int]:
        """The contact agent `a` should take now, and its queue; (-1, -1) if none."""
        best_q = -1
        best_rank = -1
        best_arr = INF
        busy_ch = chan_of[a] if load[a] else -1
        best_dq = None
        for q in team_queues[team_of[a]]:
            if q_rank[q] < best_rank:
                break
            if not qlen[q]:
                continue
            if q_rt[q]:
                if busy_ch >= 0 and q_chan[q] != busy_ch:
                    continue
                for dq in queues[q]:  # highest priority first
                    while dq:
                        i = dq[0]
                        if gone[i] <= t:  # it left already: record it and look on
                            dq.popleft()
                            qlen[q] -= 1
                            outcome[i] = ABANDONED
                            end_s[i] = gone[i]
                        else:
                            break
                    if dq:
                        break
                else:
                    continue
            elif busy_ch >= 0 or not (is_open[q_chan[q]] if t < open_until[q_chan[q]]
                                      else channel_open(q_chan[q], t)):
                continue
            else:
                for dq in queues[q]:
                    if dq:
                        break
            head = arr[dq[0]]
            if q_rank[q] > best_rank or head < best_arr:
                best_q, best_rank, best_arr, best_dq = q, q_rank[q], head, dq
        if best_q < 0:
            return -1, -1
        qlen[best_q] -= 1
        return best_dq.popleft(), best_q

    def fill(a: int, t: float) -> None:
        """Give agent `a` work up to its capacity; then mark it idle or partly free."""
        tm = team_of[a]
        tq = team_queues[tm]
        while True:
            for q in tq:  # the common case, all queues empty, costs one short loop
                if qlen[q]:
                    break
            else:
                break
            i, q = next_contact(a, t)
            if i < 0:
                break
            # serve contact i (inlined: this is the hottest path)
            h = hb[i] / prof_of[a][q]
            e = t + h
            outcome[i] = ANSWERED
            start_s[i] = t
            handle_s[i] = h
            end_s[i] = e
            agent_of[i] = a
            load[a] += 1
            chan_of[a] = q_chan[q]
            heappush(heap, e)
            if due.setdefault(e, i) != i:
                tie(e, i)
            if load[a] >= ch_cap[q_chan[q]]:
                break
        if load[a] == 0:
            if bucket_of[a] is not None:
                set_partial(a)
            idle[tm].append((a, token[a], t))
        elif bucket_of[a] is not None or ch_cap[chan_of[a]] > 1:
            set_partial(a)  # also leaves a chat bucket when the work is now of another channel

    def take_idle(q: int) -> int:
        """The longest-idle agent of the teams with the skill of queue `q`, or -1."""
        best_dq = None
        best_since = INF
        for tm in teams_for_q[q]:
            dq = idle[tm]
            while dq:
                head = dq[0]
                if head[1] == token[head[0]]:  # still idle since it was filed
                    if head[2] < best_since:
                        best_dq, best_since = dq, head[2]
                    break
                dq.popleft()
        if best_dq is None:
            return -1
        a = best_dq.popleft()[0]
        token[a] += 1
        return a

    def take_partial(q: int) -> int:
        """A chat agent with a free slot on the queue's channel: the least loaded, and
        among those the one that has had that load longest."""
        ch = q_chan[q]
        for k in range(1, ch_cap[ch]):
            for tm in teams_for_q[q]:
                b = partial[(tm, ch)][k]
                if b:
                    return next(iter(b))
        return -1

    def leave(a: int) -> None:
        """Agent `a` stops taking work (break or end of duty)."""
        token[a] += 1
        old = bucket_of[a]
        if old is not None:
            del old[a]
            bucket_of[a] = None

    def begin_break(a: int, t: float) -> None:
        state[a] = ON_BREAK
        break_id[a] += 1
        break_start[a] = t
        e = t + break_len[a]
        x = ~(break_id[a] * na + a)  # negative: not a contact
        heappush(heap, e)
        if due.setdefault(e, x) != x:
            tie(e, x)

    if progress is not None:  # before the first event: a cancel or pause acts at once
        report(progress, 0, n, 0.0, qlen, load, state, rec, world, cp)
    ai = 0
    next_arr = arr[0] if n else INF
    next_report = PROGRESS_EVERY
    staffed, breaks = rec.staffed, rec.breaks
    while True:
        # the next event: the heap's first unless a scheduled one comes at the same time
        te = heap[0]
        if te < sched_t:
            if te <= next_arr and te < INF:
                t = heappop(heap)
                x = due.pop(t)
                if ties:
                    untie(t)
                if x >= 0:  # the end of contact x's service
                    a = agent_of[x]
                    load[a] -= 1
                    st = state[a]
                    if st == ON:
                        if load[a] or bucket_of[a] is not None:
                            fill(a, t)
                        else:  # fill() inlined for an agent now free: usually nothing waits
                            tm = team_of[a]
                            for q in team_queues[tm]:
                                if qlen[q]:
                                    fill(a, t)
                                    break
                            else:
                                idle[tm].append((a, token[a], t))
                    elif load[a] == 0:
                        if st == WANT_BREAK:
                            begin_break(a, t)
                        elif st == WANT_OFF:
                            state[a] = OFF
                            staffed.append((a, duty_start[a], t))
                else:  # BREAK_OFF: agent a's break number x ends
                    x, a = divmod(~x, na)
                    if state[a] == ON_BREAK and x == break_id[a]:
                        breaks.append((a, break_start[a], t))
                        state[a] = ON
                        fill(a, t)
                continue
        else:
            te = sched_t
            if te <= next_arr and te < INF:
                t, _s, kind, a, x = next_sched
                si += 1
                next_sched = sched[si]
                sched_t = next_sched[0]
                if kind == SHIFT_ON:
                    if state[a] == WANT_OFF:
                        staffed.append((a, duty_start[a], t))
                    state[a] = ON
                    duty_start[a] = t
                    fill(a, t)
                elif kind == SHIFT_OFF:
                    st = state[a]
                    leave(a)
                    if st == ON_BREAK:
                        breaks.append((a, break_start[a], t))
                        state[a] = OFF
                        staffed.append((a, duty_start[a], t))
                    elif load[a] == 0:
                        state[a] = OFF
                        staffed.append((a, duty_start[a], t))
                    else:
                        state[a] = WANT_OFF
                elif kind == BREAK_ON:
                    if state[a] == ON:
                        leave(a)
                        break_len[a] = x
                        if load[a] == 0:
                            begin_break(a, t)
                        else:
                            state[a] = WANT_BREAK
                else:  # OPEN_CH: a deferred channel opens; idle agents look at its backlog
                    for tm in range(len(idle)):
                        waiting = [e for e in idle[tm] if e[1] == token[e[0]]]
                        idle[tm].clear()
                        for a2, _tok, idle_since in waiting:
                            token[a2] += 1
                            fill(a2, t)
                            if load[a2] == 0:
                                idle[tm].pop()
                                idle[tm].append((a2, token[a2], idle_since))
                continue
        if ai >= n:
            break
        # arrivals, one after another, while they come before the next event (te: the
        # heap's or the schedule's first, lowered when a service ends earlier)
        while next_arr < te:
            i = ai
            t = next_arr
            ai += 1
            next_arr = arr[ai] if ai < n else INF
            if ai >= next_report:
                next_report += PROGRESS_EVERY
                if progress is not None:
                    report(progress, ai, n, t, qlen, load, state, rec, world, cp)
            if ooh_flag[i]:
                continue
            q = cq[i]
            if q_rt[q]:
                tm = lone_team[q]
                if tm >= 0:  # take_idle() inlined for a queue with one team, the usual case
                    a = -1
                    dq = idle[tm]
                    while dq:
                        head = dq.popleft()
                        if head[1] == token[head[0]]:
                            a = head[0]
                            token[a] += 1
                            break
                else:
                    a = take_idle(q)
                if a < 0 and ch_cap[q_chan[q]] > 1:
                    a = take_partial(q)
            elif is_open[q_chan[q]] if t < open_until[q_chan[q]] else channel_open(q_chan[q], t):
                a = take_idle(q)
            else:
                a = -1
            if a < 0:
                queues[q][lvl[i]].append(i)
                qlen[q] += 1
                continue
            # serve contact i (inlined, as in fill)
            h = hb[i] / prof_of[a][q]
            e = t + h
            outcome[i] = ANSWERED
            start_s[i] = t
            handle_s[i] = h
            end_s[i] = e
            agent_of[i] = a
            load[a] += 1
            chan_of[a] = q_chan[q]
            heappush(heap, e)
            if due.setdefault(e, i) != i:
                tie(e, i)
            if e < te:
                te = e
            if ch_cap[q_chan[q]] > 1:
                set_partial(a)

    horizon = cp.horizon_s
    for q, by_level in enumerate(queues):
        for dq in by_level:
            for i in dq:
                if q_rt[q] and gone[i] <= horizon:
                    outcome[i] = ABANDONED
                    end_s[i] = gone[i]
    if progress is not None:
        report(progress, n, n, horizon, qlen, load, state, rec, world, cp)
    return rec



def _doubles(values: np.ndarray) -> array:
    """The float64 values as an `array.array`: indexed like a list, 8 bytes an item."""
    out = array("d")
    out.frombytes(np.ascontiguousarray(values, dtype=np.float64).data.cast("B"))
    return out
