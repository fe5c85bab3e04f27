"""The event loop of a run whose care model uses the access parts (docs/care-model.md):
IVR time before the queue and self-service exits, busy signals at a queue's capacity,
callback offers (a callback waits in a queue of its own, served just below its live
queue, with no patience running) and retrials of callers who abandoned or found the line
busy. It is the general loop (loop.py) with these branches added; a run that uses none of
them never comes here (tests/test_engine_access.py proves the two loops give the same
records when the parts are present but do nothing).

A contact's arrival in the main sequence is the call; `arr[i]` holds when it last
entered a queue (after the IVR, a retrial, or the callback request), which is what
"waiting longest" compares.
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Callable
from heapq import heappop, heappush

import numpy as np

from simlab.world.world import World

from .access_prep import EXPECTED_WAIT, NO_WHEN, WAIT
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
from .procedures import LoopProcs, add_procedure_queues, level_index
from .records import ABANDONED, ANSWERED, BUSY, OPEN, OUT_OF_HOURS, SELF_SERVICE, Records

ENTER, GIVE_UP, OFFER, RETRY = 6, 7, 8, 9  # the access events (after events.OPEN_CH)
ARRIVE, PLAIN = 10, 11  # the procedures': a repeat arrives; a task or a campaign call queues

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
    (q_rt, q_rank, q_chan, levels, teams_for_q, team_queues, cbq) = _with_callback_queues(cp)
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
    # per queue, one deque per priority level (highest first); qlen counts what waits
    queues = [[deque() for _ in lv] for lv in levels]
    qlen = [0] * len(queues)
    cap, cbw, cb_thr, cb_acc = ac.capacity, ac.cb_when, ac.cb_threshold, ac.cb_accept
    retry_share, retry_max, retry_draws = ac.retry_share, ac.retry_max, ac.retry_draws
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
    sched, seq = schedule(cp, ch_open_starts)
    si = 0
    next_sched = sched[0]
    heap: list = []

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
        tm = team_of[a]
        res = reserve_of[tm]
        for q in team_queues[tm]:
            if q_rank[q] < best_rank:
                break
            if not qlen[q]:
                continue
            if res and q in res and not reserve_ok(tm, q, qlen[q], t):
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
        nonlocal seq
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
            heappush(heap, (e, seq, END, a, i))
            seq += 1
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

    def reserve_ok(tm: int, q: int, waiting: int, t: float) -> bool:
        """Whether team `tm` may take from its reserve queue `q` at `t`: when `q` holds
        more than `above` (`waiting` counts the contact to be taken), or else when none
        of its primary queues holds work it could take now (a closed channel's backlog
        cannot be worked, so it does not count)."""
        above = reserve_of[tm][q]
        if above >= 0:
            return waiting > above
        for p in primary[tm]:
            if qlen[p] and (q_rt[p] or (is_open[q_chan[p]] if t < open_until[q_chan[p]]
                                        else channel_open(q_chan[p], t))):
                return False
        return True

    def take_idle(q: int, t: float) -> int:
        """The longest-idle agent of the teams with the skill of queue `q`, or -1."""
        best_dq = None
        best_since = INF
        rt = reserve_teams[q]
        for tm in teams_for_q[q]:
            if rt and tm in rt and not reserve_ok(tm, q, qlen[q] + 1, t):
                continue
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
        nonlocal seq
        state[a] = ON_BREAK
        break_id[a] += 1
        break_start[a] = t
        heappush(heap, (t + break_len[a], seq, BREAK_OFF, a, break_id[a]))
        seq += 1

    def serve(i: int, q: int, a: int, t: float) -> None:
        nonlocal seq
        h = hb[i] / prof_of[a][q]
        outcome[i] = ANSWERED
        start_s[i] = t
        handle_s[i] = h
        end_s[i] = t + h
        agent_of[i] = a
        load[a] += 1
        chan_of[a] = q_chan[q]
        heappush(heap, (t + h, seq, END, a, i))
        seq += 1
        if ch_cap[q_chan[q]] > 1:
            set_partial(a)
        if px is not None:
            after_serve(i, prof_of[a][q], t + h)

    def after_serve(i: int, prof: float, e: float, outsourced: bool = False) -> None:
        """The procedures decide what follows a service; their new rows' events go on
        the heap (only before the horizon: what would come later is outside the run)."""
        if px.served(i, prof, e, outsourced):
            push_procedure_events()

    def push_procedure_events() -> None:
        nonlocal seq
        for te, what, j in px.drain():
            if te < horizon:
                heappush(heap, (te, seq, ARRIVE if what == 2 else PLAIN, j, 1))
                seq += 1

    def outsource(i: int, q: int, t: float) -> None:
        """The outsourcer answers contact `i` at once, at its own pace and quality."""
        _share, _above, fcr_factor, handle_factor = out_rule[q]
        h = hb[i] * handle_factor
        outcome[i] = ANSWERED
        start_s[i] = t
        handle_s[i] = h
        end_s[i] = t + h
        agent_of[i] = na  # no operator of the plan: procedures_log names it «outsourcing»
        after_serve(i, fcr_factor, t + h, True)

    def enter_plain(i: int, t: float) -> None:
        """A task or a campaign call joins its queue at `t`: no capacity, no callback."""
        q = cq[i]
        arr[i] = t
        queued[i] = t
        if q_rt[q] or (is_open[q_chan[q]] if t < open_until[q_chan[q]]
                       else channel_open(q_chan[q], t)):
            a = take_idle(q, t)
        else:
            a = -1
        if a >= 0:
            serve(i, q, a, t)
        else:
            queues[q][lvl[i]].append(i)
            qlen[q] += 1

    def enter(i: int, t: float) -> None:
        """Contact `i` reaches its queue at `t` (after the IVR, or calling again)."""
        nonlocal seq
        q = cq[i]
        arr[i] = t
        queued[i] = t
        if out_rule[q] is not None and px.outsource_share(i, q):
            outsource(i, q, t)
            return
        if q_rt[q]:
            gone[i] = t + pat[i]
            a = take_idle(q, t)
            if a < 0 and ch_cap[q_chan[q]] > 1:
                a = take_partial(q)
        elif is_open[q_chan[q]] if t < open_until[q_chan[q]] else channel_open(q_chan[q], t):
            a = take_idle(q, t)
        else:
            a = -1
        if a >= 0:
            serve(i, q, a, t)
            return
        if out_rule[q] is not None and out_rule[q][1] >= 0:
            purge(q, t)  # only live callers count
            if px.outsource_over(q, qlen[q]):
                outsource(i, q, t)
                return
        if cap[q] >= 0 and qlen[q] >= cap[q]:
            purge(q, t)
        if cap[q] >= 0 and qlen[q] >= cap[q]:  # the busy signal
            outcome[i] = BUSY
            end_s[i] = t
            call_again(i, q, t)
            return
        if cbw[q] == EXPECTED_WAIT and u_cb[i] < cb_acc[q]:
            on_duty = sum(on_team[tm] for tm in teams_for_q[q])
            if (qlen[q] + 1) * ac.aht[q] / max(on_duty, 1) >= cb_thr[q]:
                to_callback(i, q, t)
                return
        queues[q][lvl[i]].append(i)
        qlen[q] += 1
        if cbw[q] == WAIT and t + cb_thr[q] < gone[i] and t + cb_thr[q] <= horizon:
            heappush(heap, (t + cb_thr[q], seq, OFFER, i, attempts[i]))
            seq += 1
        if retry_share[q] > 0 and gone[i] <= horizon:
            heappush(heap, (gone[i], seq, GIVE_UP, i, attempts[i]))
            seq += 1

    def purge(q: int, t: float) -> None:
        """Record the callers of queue `q` who hung up by `t` (abandonment is otherwise
        found when an operator looks), so that the capacity counts only live callers."""
        for dq in queues[q]:
            gone_now = [i for i in dq if gone[i] <= t]
            for i in gone_now:
                dq.remove(i)
                qlen[q] -= 1
                outcome[i] = ABANDONED
                end_s[i] = gone[i]

    def to_callback(i: int, q: int, t: float) -> None:
        """The caller hangs up and waits, with no patience, for an operator to call."""
        callback[i] = t
        gone[i] = INF
        arr[i] = t
        v = cbq[q]
        queues[v][0].append(i)
        qlen[v] += 1

    def call_again(i: int, q: int, t: float) -> None:
        nonlocal seq
        draws = retry_draws[q]
        if draws is None or attempts[i] >= retry_max[q]:
            return
        u, delay = draws.next()
        if u < retry_share[q] and t + delay < horizon:
            heappush(heap, (t + delay, seq, RETRY, i, attempts[i]))
            seq += 1

    def access_event(kind: int, i: int, t: float) -> None:
        nonlocal seq
        q = cq[i]
        live = outcome[i] == OPEN and callback[i] != callback[i]  # waiting in its queue
        if kind == ENTER or kind == ARRIVE:
            enter(i, t)
        elif kind == PLAIN:
            enter_plain(i, t)
        elif kind == OFFER:  # waited the threshold: offered a callback
            if live and gone[i] > t and u_cb[i] < cb_acc[q]:
                queues[q][lvl[i]].remove(i)
                qlen[q] -= 1
                to_callback(i, q, t)
        elif kind == GIVE_UP:  # hung up: recorded now, so that it can call again
            if live:
                queues[q][lvl[i]].remove(i)
                qlen[q] -= 1
                outcome[i] = ABANDONED
                end_s[i] = t
            if outcome[i] == ABANDONED:
                call_again(i, q, t)
        else:  # RETRY: calls again, through the IVR, if the line is open
            ch = q_chan[q]
            if not (is_open[ch] if t < open_until[ch] else channel_open(ch, t)):
                return
            attempts[i] += 1
            outcome[i] = OPEN
            end_s[i] = 0.0
            if ivr[i] > 0:
                heappush(heap, (t + ivr[i], seq, ENTER, i, attempts[i]))
                seq += 1
            else:
                enter(i, t)

    if px is not None:
        px.add_campaign_calls()
        push_procedure_events()
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
            heappush(heap, (t + ivr[i], seq, ENTER, i, 1))
            seq += 1
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


def _with_callback_queues(cp: Compiled) -> tuple:
    """The compiled queues plus one callback queue per queue offering callbacks: same
    channel and teams, one priority level, ranked just below its live queue (ranks are
    doubled so that a callback queue fits between two). `cbq[q]` is the callback queue
    of queue q, or -1."""
    nq = len(cp.queue_ids)
    q_rt, q_chan = list(cp.queue_realtime), list(cp.queue_channel)
    q_rank = [2 * r for r in cp.queue_rank]
    levels = [list(lv) for lv in cp.queue_levels]
    teams_for_q = [list(t) for t in cp.teams_for_queue]
    cbq = [-1] * nq
    for q in range(nq):
        if cp.access.cb_when[q] != NO_WHEN:
            cbq[q] = len(q_rt)
            q_rt.append(True)
            q_chan.append(q_chan[q])
            q_rank.append(q_rank[q] - 1)
            levels.append([0])
            teams_for_q.append(list(teams_for_q[q]))
    team_queues = []
    for qs in cp.team_queues:
        extra = [cbq[q] for q in qs if cbq[q] >= 0]
        team_queues.append(sorted(qs + extra, key=lambda v: (-q_rank[v], v)))
    return q_rt, q_rank, q_chan, levels, teams_for_q, team_queues, cbq
