"""The event loop of a run whose care model uses the access parts (docs/care-model.md):
IVR time before the queue and self-service exits, busy signals at a queue's capacity,
callback offers (a callback waits in a queue of its own, served just below its live
queue, with no patience running) and retrials of callers who abandoned or found the line
busy. It is the general loop (loop.py) with these branches added; a run that uses none of
them never comes here (tests/test_engine_access.py proves the two loops give the same
records when the parts are present but do nothing).

This module holds the run's state, the operators' side (work, breaks, shifts) and the
loop itself; routing.py chooses contacts and operators, access_handlers.py carries out
what happens when a contact enters its queue and the access and procedure events.

A contact's arrival in the main sequence is the call; `arr[i]` holds when it last
entered a queue (after the IVR, a retrial, or the callback request), which is what
"waiting longest" compares.
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Callable
from heapq import heappop, heappush
from itertools import count

import numpy as np

from simlab.world.world import World

from .access_handlers import ENTER, make_handlers
from .events import (
    BREAK_OFF,
    BREAK_ON,
    END,
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
from .procedures import LoopProcs
from .records import ABANDONED, ANSWERED, OPEN, OUT_OF_HOURS, SELF_SERVICE, Records
from .routing import (
    LoopState,
    add_procedure_queues,
    level_index,
    make_router,
    with_callback_queues,
)

__all__ = ["PROGRESS_EVERY", "Cancelled", "Progress", "run_events"]


def run_events(
    world: World, cp: Compiled, progress: Callable[[Progress], bool | None] | None = None
) -> Records:
    c = world.contacts
    n = len(c)
    rec = Records.empty(n)
    outcome, start_s, handle_s, end_s, agent_of = (
        rec.outcome, rec.start_s, rec.handle_s, rec.end_s, rec.agent)
    ac = cp.access
    arrivals = c.arrival_s.tolist()  # the calls, in order
    arr = list(arrivals)  # when each contact last entered a queue
    pat = c.patience_s.tolist()
    gone = _doubles(c.arrival_s + c.patience_s)  # when each caller hangs up (inf: never)
    hb = _doubles(c.handle_base_s)
    cq = cp.contact_queue.tolist()
    ivr = ac.ivr_s.tolist()
    queued = _doubles(c.arrival_s)
    callback = _doubles(np.full(n, np.nan))
    attempts = array("i", [1]) * n
    u_cb = ac.u_callback.tolist()
    rec.access = {"queued_s": queued, "callback_s": callback, "attempts": attempts}
    for i in np.flatnonzero(cp.out_of_hours).tolist():
        outcome[i] = OUT_OF_HOURS
        end_s[i] = arr[i]
    for i in np.flatnonzero(ac.self_service & ~cp.out_of_hours).tolist():
        outcome[i] = SELF_SERVICE
        end_s[i] = arr[i] + ivr[i]
    skip = (cp.out_of_hours | ac.self_service).tolist()

    nq = len(cp.queue_ids)
    lvl = cp.contact_level.tolist()
    (q_rt, q_rank, q_chan, levels, teams_for_q, team_queues, cbq) = with_callback_queues(cp)
    pin = cp.procedures
    px = None
    if pin is not None:  # the plan's procedures (engine/procedures.py)
        camp_queue, primary = add_procedure_queues(pin, q_rt, q_rank, q_chan, levels,
                                                   teams_for_q, team_queues)
        px = LoopProcs(world, pin, {
            "outcome": outcome, "start_s": start_s, "handle_s": handle_s, "end_s": end_s,
            "agent": agent_of, "callback_s": callback, "arr": arr, "queued": queued,
            "pat": pat, "gone": gone, "hb": hb, "cq": cq, "ivr": ivr, "attempts": attempts,
            "u_cb": u_cb, "lvl": lvl}, lambda q, p: level_index(levels[q], p))
        px.camp_queue = camp_queue
        reserve_of = pin.reserve
        reserve_teams = [[tm for tm, r in enumerate(reserve_of) if q in r]
                         for q in range(len(q_rt))]
        out_rule = pin.outsource
    else:
        reserve_of = [{} for _ in cp.team_ids]
        reserve_teams = [[] for _ in q_rt]
        out_rule = [None] * nq
        primary = [[] for _ in cp.team_ids]
    # per queue, one deque per priority level (highest first); qlen counts what waits
    queues = [[deque() for _ in lv] for lv in levels]
    qlen = [0] * len(queues)
    horizon = cp.horizon_s
    ch_cap = cp.channel_cap
    ch_open_starts = [iv[:, 0].tolist() for iv in cp.channel_open]
    ch_open_ends = [iv[:, 1].tolist() for iv in cp.channel_open]
    # proficiency by team and queue; a callback queue takes its live queue's
    home = list(range(nq)) + [q for q in range(nq) if cbq[q] >= 0]
    home += [-1] * (len(queues) - len(home))  # campaign queues: proficiency 1
    prof_by_team = [[skills.get(home[q], 1.0) for q in range(len(queues))]
                    for skills in cp.team_prof]
    if pin is not None:
        for tm, profs in enumerate(pin.reserve_prof):
            for q, p in profs.items():
                prof_by_team[tm][q] = p
    on_team = [0] * len(cp.team_ids)  # operators on duty (breaks included), per team

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

    # Events known in advance wait in a sorted list read in order (events.schedule)
    sched, seq = schedule(cp, ch_open_starts)
    nxt = count(seq).__next__  # the one sequence counter of every event pushed
    si = 0
    next_sched = sched[0]
    heap: list = []

    cursor = [-1] * len(ch_cap)  # per channel: the last opening started by now
    # per channel: whether it is open, and until when that answer holds (callers read
    # these two lists first and call channel_open only when the answer has expired)
    is_open = [False] * len(ch_cap)
    open_until = [-INF] * len(ch_cap)

    s = LoopState(
        heap=heap, nxt=nxt, ac=ac, px=px, horizon=horizon, na=na,
        cq=cq, arr=arr, queued=queued, gone=gone, pat=pat, hb=hb, ivr=ivr, lvl=lvl,
        outcome=outcome, start_s=start_s, handle_s=handle_s, end_s=end_s, agent_of=agent_of,
        callback=callback, attempts=attempts, u_cb=u_cb,
        q_rt=q_rt, q_rank=q_rank, q_chan=q_chan, queues=queues, qlen=qlen, cbq=cbq,
        team_queues=team_queues, teams_for_q=teams_for_q, reserve_teams=reserve_teams,
        reserve_of=reserve_of, primary=primary, out_rule=out_rule,
        team_of=team_of, load=load, chan_of=chan_of, state=state, on_team=on_team,
        prof_of=prof_of, idle=idle, token=token, partial=partial, bucket_of=bucket_of,
        ch_cap=ch_cap, ch_open_starts=ch_open_starts, ch_open_ends=ch_open_ends,
        cursor=cursor, is_open=is_open, open_until=open_until)
    router = make_router(s)
    handlers = make_handlers(s, router)
    next_contact, set_partial = router.next_contact, router.set_partial
    after_serve, access_event = handlers.after_serve, handlers.access_event
    enter = handlers.enter

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
            heappush(heap, (e, nxt(), END, a, i))
            if px is not None:
                after_serve(i, prof_of[a][q], e)
            if load[a] >= ch_cap[q_chan[q]]:
                break
        if load[a] == 0:
            if bucket_of[a] is not None:
                set_partial(a)
            idle[tm].append((a, token[a], t))
        elif bucket_of[a] is not None or ch_cap[chan_of[a]] > 1:
            set_partial(a)  # also leaves a chat bucket when the work is now of another channel

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
        heappush(heap, (t + break_len[a], nxt(), BREAK_OFF, a, break_id[a]))

    if px is not None:
        px.add_campaign_calls()
        handlers.push_procedure_events()
    if progress is not None:  # before the first event: a cancel or pause acts at once
        report(progress, 0, n, 0.0, qlen, load, state, rec, world, cp)
    ai = 0
    next_arr = arrivals[0] if n else INF
    next_report = PROGRESS_EVERY
    staffed, breaks = rec.staffed, rec.breaks
    while True:
        # the next event in (time, seq) order, from the heap or the schedule
        if heap and heap[0] < next_sched:
            event = heap[0]
            from_heap = True
        else:
            event = next_sched
            from_heap = False
        te = event[0]
        if te <= next_arr and te < INF:
            if from_heap:
                heappop(heap)
            else:
                si += 1
                next_sched = sched[si]
            t, _s, kind, a, x = event
            if kind == END:
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
                        on_team[team_of[a]] -= 1
                        staffed.append((a, duty_start[a], t))
            elif kind == SHIFT_ON:
                if state[a] == WANT_OFF:
                    staffed.append((a, duty_start[a], t))
                else:
                    on_team[team_of[a]] += 1
                state[a] = ON
                duty_start[a] = t
                fill(a, t)
            elif kind == SHIFT_OFF:
                st = state[a]
                leave(a)
                if st == ON_BREAK:
                    breaks.append((a, break_start[a], t))
                    state[a] = OFF
                    on_team[team_of[a]] -= 1
                    staffed.append((a, duty_start[a], t))
                elif load[a] == 0:
                    state[a] = OFF
                    on_team[team_of[a]] -= 1
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
            elif kind == BREAK_OFF:
                if state[a] == ON_BREAK and x == break_id[a]:
                    breaks.append((a, break_start[a], t))
                    state[a] = ON
                    fill(a, t)
            elif kind >= ENTER:
                if x == attempts[a]:  # else an event of an earlier call of this contact
                    access_event(kind, a, t)
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
        # an arrival
        i = ai
        t = next_arr
        ai += 1
        next_arr = arrivals[ai] if ai < n else INF
        if ai >= next_report:
            next_report += PROGRESS_EVERY
            if progress is not None:
                report(progress, ai, n, t, qlen, load, state, rec, world, cp)
        if skip[i]:
            continue
        if ivr[i] > 0:
            heappush(heap, (t + ivr[i], nxt(), ENTER, i, 1))
        else:
            enter(i, t)

    for q, by_level in enumerate(queues):
        for dq in by_level:
            for i in dq:
                if q_rt[q] and gone[i] <= horizon and outcome[i] == OPEN:
                    outcome[i] = ABANDONED
                    end_s[i] = gone[i]
    if progress is not None:
        report(progress, n, n, horizon, qlen, load, state, rec, world, cp)
    rec.procedures = px
    return rec



def _doubles(values: np.ndarray) -> array:
    """The float64 values as an `array.array`: indexed like a list, 8 bytes an item."""
    out = array("d")
    out.frombytes(np.ascontiguousarray(values, dtype=np.float64).data.cast("B"))
    return out


