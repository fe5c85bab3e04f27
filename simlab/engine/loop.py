"""The discrete-event loop shared by every channel.

Arrivals are read in order from the world's sorted array, and so are the events known
in advance (shift and break changes, channel openings); both are merged with a heap of
the events that the run itself creates (service ends, returns from break), so the heap
only ever holds what is in progress. Abandonment has no event: a waiting contact whose
patience ran out is dropped when an agent next looks at its queue, and recorded at the
moment it left, so finding it late changes nothing.

The run's lists are built in loop_state.py, the routing and the agents' changes of
state (which contact a free agent takes, which agent an arriving contact goes to,
breaks) are in loop_work.py; this function holds the loop itself, with the hottest
steps (an arrival answered at once, a service end) written inline.
"""

from __future__ import annotations

from collections.abc import Callable
from heapq import heappop, heappush

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
)
from .loop_state import LONE, REPORT, SEVERAL, loop_state
from .loop_work import make_work
from .prepare import Compiled
from .records import ABANDONED, ANSWERED, Records

__all__ = ["PROGRESS_EVERY", "Cancelled", "Progress", "run_events"]


def run_events(
    world: World, cp: Compiled, progress: Callable[[Progress], bool | None] | None = None
) -> Records:
    s = loop_state(world, cp)
    w = make_work(s)
    n, rec = s.n, s.rec
    outcome, start_s, handle_s, end_s, agent_of = (
        rec.outcome, rec.start_s, rec.handle_s, rec.end_s, rec.agent)
    arr, gone, hb, cq, lvl = s.arr, s.gone, s.hb, s.cq, s.lvl
    queues, qlen, q_rt, q_chan, q_chat, q_lone = (
        s.queues, s.qlen, s.q_rt, s.q_chan, s.q_chat, s.q_lone)
    is_open, open_until = s.is_open, s.open_until
    na, prof_of, tq_of, rt_of = s.na, s.prof_of, s.tq_of, s.rt_of
    state, load, chan_of, token = s.state, s.load, s.chan_of, s.token
    bucket_of, buckets_of = s.bucket_of, s.buckets_of
    break_id, break_len, duty_start, break_start = (
        s.break_id, s.break_len, s.duty_start, s.break_start)
    idle, idle_of = s.idle, s.idle_of
    sched, heap, ties, tie, untie = s.sched, s.heap, s.ties, s.tie, s.untie
    due = s.due
    due_pop = due.pop
    fill, channel_open, set_partial = w.fill, w.channel_open, w.set_partial
    take_idle, take_partial, leave, begin_break = (
        w.take_idle, w.take_partial, w.leave, w.begin_break)
    si = 0
    next_sched = sched[0]
    sched_t = next_sched[0]

    # the progress callback is called before every PROGRESS_EVERY-th arrival: those
    # arrivals' queues are held aside and marked REPORT in cq, so that the test for a
    # report costs nothing to the others (it shares the out-of-hours test)
    held = {}
    if progress is not None:  # before the first event: a cancel or pause acts at once
        report(progress, 0, n, 0.0, qlen, load, state, rec, world, cp)
        for i in range(PROGRESS_EVERY - 1, n, PROGRESS_EVERY):
            held[i] = cq[i]
            cq[i] = REPORT
    ai = 0
    next_arr = arr[0]  # INF if there is no contact: the sentinel
    staffed, breaks = rec.staffed, rec.breaks
    while True:
        # the next event: the heap's first unless a scheduled one comes at the same time
        te = heap[0]
        if te < sched_t:  # so te < INF: the sentinel is never taken here
            if te <= next_arr:
                t = heappop(heap)
                a = due_pop(t)
                if ties:
                    untie(t)
                if a >= 0:  # the end of a service of agent a
                    k = load[a] - 1
                    load[a] = k
                    st = state[a]
                    if st == ON:
                        # what the agent could take now: with chats still open, more
                        # of its channel's live queues only
                        for q in (rt_of[a][chan_of[a]] if k else tq_of[a]):
                            if qlen[q]:
                                fill(a, t)
                                break
                        else:  # nothing waits (the usual case): the end of fill() inlined
                            if k:  # a chat agent with chats still open: one slot more
                                # (set_partial inlined: it was full, or in bucket k + 1)
                                old = bucket_of[a]
                                if old is not None:
                                    del old[a]
                                b = buckets_of[a][chan_of[a]][k]
                                b[a] = None
                                bucket_of[a] = b
                            else:
                                if bucket_of[a] is not None:
                                    set_partial(a)
                                idle_of[a].append((a, token[a], t))
                    elif k == 0:
                        if st == WANT_BREAK:
                            begin_break(a, t)
                        elif st == WANT_OFF:
                            state[a] = OFF
                            staffed.append((a, duty_start[a], t))
                else:  # BREAK_OFF: agent a's break number x ends
                    x, a = divmod(~a, na)
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
            next_arr = arr[ai]  # INF after the last: arr ends with a sentinel
            q = cq[i]
            if q < 0:  # out of hours (recorded before the loop), or a report first
                if q != REPORT:
                    continue
                report(progress, ai, n, t, qlen, load, state, rec, world, cp)
                q = held[i]
                if q < 0:
                    continue
            tm = q_lone[q]
            if tm >= LONE:  # take_idle() inlined for a live queue with one team, the usual case
                dq = idle[tm]
                while dq:
                    a, tok, _since = dq.popleft()
                    if tok == token[a]:  # still idle since it was filed
                        token[a] = tok + 1
                        break
                else:  # nobody idle: a chat agent with a free slot, if any
                    a = take_partial(q) if q_chat[q] else -1
            elif tm == SEVERAL:
                a = take_idle(q)
                if a < 0 and q_chat[q]:
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
            if e in due:
                tie(e, a)
            else:
                due[e] = a
            if e < te:
                te = e
            if q_chat[q]:
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
