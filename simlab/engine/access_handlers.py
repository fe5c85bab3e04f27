"""What the access loop (loop_access.py) does when a contact reaches its queue, and the
events of the access parts and of the plan's procedures: the busy signal at a queue's
capacity, the callback offer, a caller hanging up and calling again, a task or a
campaign call queueing, the outsourcer answering, and what a service leads on to.

`make_handlers` binds the loop's shared lists (routing.LoopState) and the router into
closures; every event goes on the loop's heap with the loop's one sequence counter."""

from __future__ import annotations

from heapq import heappush
from types import SimpleNamespace

from .access_prep import EXPECTED_WAIT, WAIT
from .events import END, INF
from .records import ABANDONED, ANSWERED, BUSY, OPEN
from .routing import LoopState

ENTER, GIVE_UP, OFFER, RETRY = 6, 7, 8, 9  # the access events (after events.OPEN_CH)
ARRIVE, PLAIN = 10, 11  # the procedures': a repeat arrives; a task or a campaign call queues


def make_handlers(s: LoopState, r: SimpleNamespace) -> SimpleNamespace:
    """The handlers of one run over the lists of `s`, routing with `r` (make_router)."""
    heap, nxt, ac, px = s.heap, s.nxt, s.ac, s.px
    cq, arr, queued, gone, pat, hb, ivr, lvl = (s.cq, s.arr, s.queued, s.gone, s.pat, s.hb,
                                                s.ivr, s.lvl)
    outcome, start_s, handle_s, end_s, agent_of = (s.outcome, s.start_s, s.handle_s, s.end_s,
                                                   s.agent_of)
    callback, attempts, u_cb = s.callback, s.attempts, s.u_cb
    q_rt, q_chan, queues, qlen, cbq = s.q_rt, s.q_chan, s.queues, s.qlen, s.cbq
    teams_for_q, on_team, load, chan_of, prof_of = (s.teams_for_q, s.on_team, s.load,
                                                    s.chan_of, s.prof_of)
    is_open, open_until, ch_cap, out_rule, na = (s.is_open, s.open_until, s.ch_cap,
                                                 s.out_rule, s.na)
    cap, cbw, cb_thr, cb_acc = ac.capacity, ac.cb_when, ac.cb_threshold, ac.cb_accept
    retry_share, retry_max, retry_draws = ac.retry_share, ac.retry_max, ac.retry_draws
    horizon = s.horizon
    channel_open, take_idle, take_partial, set_partial = (r.channel_open, r.take_idle,
                                                          r.take_partial, r.set_partial)

    def serve(i: int, q: int, a: int, t: float) -> None:
        h = hb[i] / prof_of[a][q]
        outcome[i] = ANSWERED
        start_s[i] = t
        handle_s[i] = h
        end_s[i] = t + h
        agent_of[i] = a
        load[a] += 1
        chan_of[a] = q_chan[q]
        heappush(heap, (t + h, nxt(), END, a, i))
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
        for te, what, j in px.drain():
            if te < horizon:
                heappush(heap, (te, nxt(), ARRIVE if what == 2 else PLAIN, j, 1))

    def outsource(i: int, q: int, t: float) -> None:
        """The outsourcer answers contact `i` at once, at its own pace and quality."""
        _share, _above, fcr_factor, handle_factor = px.out_rule(i, q)
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
        if out_rule[q] is not None and px.overflows(i, q):
            purge(q, t)  # only live callers count
            if px.outsource_over(i, q, qlen[q]):
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
            per_agent = ac.aht[q] / max(sum(on_team[tm] for tm in teams_for_q[q]), 1)
            # the expected wait counts live callers only: purging can only lower it, so
            # it is needed (and done) only when the raw count would make the offer
            if (qlen[q] + 1) * per_agent >= cb_thr[q]:
                purge(q, t)
                if (qlen[q] + 1) * per_agent >= cb_thr[q]:
                    to_callback(i, q, t)
                    return
        queues[q][lvl[i]].append(i)
        qlen[q] += 1
        if cbw[q] == WAIT and t + cb_thr[q] < gone[i] and t + cb_thr[q] <= horizon:
            heappush(heap, (t + cb_thr[q], nxt(), OFFER, i, attempts[i]))
        if retry_share[q] > 0 and gone[i] <= horizon:
            heappush(heap, (gone[i], nxt(), GIVE_UP, i, attempts[i]))

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
        draws = retry_draws[q]
        if draws is None or attempts[i] >= retry_max[q]:
            return
        u, delay = draws.next()
        if u < retry_share[q] and t + delay < horizon:
            heappush(heap, (t + delay, nxt(), RETRY, i, attempts[i]))

    def access_event(kind: int, i: int, t: float) -> None:
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
                heappush(heap, (t + ivr[i], nxt(), ENTER, i, attempts[i]))
            else:
                enter(i, t)

    return SimpleNamespace(enter=enter, access_event=access_event, after_serve=after_serve,
                           push_procedure_events=push_procedure_events)
