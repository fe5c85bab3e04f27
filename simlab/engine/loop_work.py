"""How work meets agents in the general event loop (loop.py): which contact a free agent
takes (`fill`), which idle or partly free agent an arriving contact goes to, the chat
agents' buckets, the deferred channels' opening hours, breaks and leaving the queues.

`make_work` binds the loop's lists (loop_state.py) into closures: their hottest calls
then read their data as closure cells, as they did when written inside the loop's
function, and the loop's own variables stay plain locals.

Routing (docs/data-dictionary.md, `priority`): a free agent looks at the queues it has
the skill for, highest queue rank first; within a queue it takes the contact of the
highest priority and, among equals, the one waiting longest; among queues of the same
rank, the queue whose candidate has waited longest. An arriving contact goes to the
longest-idle agent with the skill. Each queue keeps one deque per priority level
present in it, scanned from the highest, so a queue costs a few deque lookups whatever
its length."""

from __future__ import annotations

from heapq import heappush
from types import SimpleNamespace

from .events import INF, ON, ON_BREAK
from .records import ABANDONED, ANSWERED


def make_work(s: SimpleNamespace) -> SimpleNamespace:
    """The work functions of one run, over the lists of `s` (loop_state.loop_state)."""
    rec = s.rec
    outcome, start_s, handle_s, end_s, agent_of = (
        rec.outcome, rec.start_s, rec.handle_s, rec.end_s, rec.agent)
    arr, gone, hb = s.arr, s.gone, s.hb
    queues, qlen, q_rt, q_rank, q_chan, ch_cap = (
        s.queues, s.qlen, s.q_rt, s.q_rank, s.q_chan, s.ch_cap)
    ch_open_starts, ch_open_ends = s.ch_open_starts, s.ch_open_ends
    cursor, is_open, open_until = s.cursor, s.is_open, s.open_until
    teams_for_q, prof_of, tq_of = s.teams_for_q, s.prof_of, s.tq_of
    state, load, chan_of, token = s.state, s.load, s.chan_of, s.token
    break_id, break_len, break_start, na = s.break_id, s.break_len, s.break_start, s.na
    idle, idle_of, bucket_of, buckets_of, q_buckets = (
        s.idle, s.idle_of, s.bucket_of, s.buckets_of, s.q_buckets)
    heap, tie = s.heap, s.tie
    due = s.due

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

    def set_partial(a: int) -> None:
        """File agent `a` under its current load if it has a free chat slot."""
        old = bucket_of[a]
        if old is not None:
            del old[a]
            bucket_of[a] = None
        k = load[a]
        if k and state[a] == ON and k < ch_cap[chan_of[a]]:
            b = buckets_of[a][chan_of[a]][k]
            b[a] = None
            bucket_of[a] = b

    def fill(a: int, t: float) -> None:
        """Give agent `a` work up to its capacity; then mark it idle or partly free.
        The loop calls it when one of the agent's queues holds a contact, or after a
        change of the agent's state."""
        tq = tq_of[a]
        while True:
            # the contact to take now, and its queue (inlined: the hottest call)
            best_q = -1
            best_rank = -1
            best_arr = INF
            busy_ch = chan_of[a] if load[a] else -1
            best_dq = None
            for q in tq:  # by rank, highest first (prepare.compile_run sorts them)
                if not qlen[q]:
                    continue
                if q_rank[q] < best_rank:  # and so are all that follow
                    break
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
                            i = dq[0]
                            break
                head = arr[i]
                if q_rank[q] > best_rank or head < best_arr:
                    best_q, best_rank, best_arr, best_dq = q, q_rank[q], head, dq
            if best_q < 0:
                break
            qlen[best_q] -= 1
            i = best_dq.popleft()
            # serve contact i (as the loop does for an arrival)
            h = hb[i] / prof_of[a][best_q]
            e = t + h
            outcome[i] = ANSWERED
            start_s[i] = t
            handle_s[i] = h
            end_s[i] = e
            agent_of[i] = a
            load[a] += 1
            ch = q_chan[best_q]
            chan_of[a] = ch
            heappush(heap, e)
            if e in due:
                tie(e, a)
            else:
                due[e] = a
            if load[a] >= ch_cap[ch]:  # full (a call, or every chat slot): out of the buckets
                if bucket_of[a] is not None:
                    set_partial(a)
                return
            for q in tq:  # another free slot: is there more work? (usually not)
                if qlen[q]:
                    break
            else:
                break
        if load[a] == 0:
            if bucket_of[a] is not None:
                set_partial(a)
            idle_of[a].append((a, token[a], t))
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
        for b in q_buckets[q]:
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
        x = ~(break_id[a] * na + a)  # negative: not a contact (loop_state.py)
        heappush(heap, e)
        if e in due:
            tie(e, x)
        else:
            due[e] = x

    return SimpleNamespace(channel_open=channel_open, set_partial=set_partial, fill=fill,
                           take_idle=take_idle, take_partial=take_partial, leave=leave,
                           begin_break=begin_break)
