"""Routing in the access loop (loop_access.py): which contact an operator takes next,
which operator a contact that enters its queue goes to, the chat operators with a free
slot, the reserve skills' rule, and the queues added beside the live ones (callbacks,
the plan's campaigns and reserve skills).

`make_router` binds the loop's shared lists (a `LoopState`) into closures: the loop's
hottest calls then read their data as closure cells, as they did when they were written
inside the loop's function."""

from __future__ import annotations

from types import SimpleNamespace

from .access_prep import NO_WHEN
from .events import INF, ON
from .prepare import Compiled
from .procedures import CAMPAIGN_RANK, ProcInputs
from .records import ABANDONED

LoopState = SimpleNamespace  # the loop's per-run lists and tables, shared by reference


def make_router(s: LoopState) -> SimpleNamespace:
    """The routing functions of one run, over the lists of `s` (never rebound)."""
    qlen, queues = s.qlen, s.queues
    q_rank, q_rt, q_chan = s.q_rank, s.q_rt, s.q_chan
    team_queues, teams_for_q, reserve_teams = s.team_queues, s.teams_for_q, s.reserve_teams
    team_of, load, chan_of, state = s.team_of, s.load, s.chan_of, s.state
    reserve_of, primary = s.reserve_of, s.primary
    gone, outcome, end_s, arr = s.gone, s.outcome, s.end_s, s.arr
    idle, token, partial, bucket_of, ch_cap = s.idle, s.token, s.partial, s.bucket_of, s.ch_cap
    ch_open_starts, ch_open_ends = s.ch_open_starts, s.ch_open_ends
    cursor, is_open, open_until = s.cursor, s.is_open, s.open_until

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
            b = partial[(team_of[a], chan_of[a])][k]
            b[a] = None
            bucket_of[a] = b

    def next_contact(a: int, t: float) -> tuple[int, int]:
        """The contact agent `a` should take now, and its queue; (-1, -1) if none."""
        best_q = -1
        best_rank = -INF  # below every rank, the campaigns' too
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

    return SimpleNamespace(channel_open=channel_open, set_partial=set_partial,
                           next_contact=next_contact, reserve_ok=reserve_ok,
                           take_idle=take_idle, take_partial=take_partial)


def with_callback_queues(cp: Compiled) -> tuple:
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


def add_procedure_queues(inp: ProcInputs, q_rt: list, q_rank: list, q_chan: list, levels: list,
                         teams_for_q: list, team_queues: list) -> tuple[list[int], list[list[int]]]:
    """Extend the loop's queue lists in place: one real-time queue per campaign, ranked
    below everything, and each team's reserve skill. Returns the campaigns' queue indices
    and, per team, its primary queues (those it holds as a skill, not in reserve)."""
    camp_queue = []
    for _cid, ch, teams, *_rest in inp.campaigns:
        camp_queue.append(len(q_rt))
        q_rt.append(True)
        q_rank.append(CAMPAIGN_RANK)
        q_chan.append(ch)
        levels.append([0])
        teams_for_q.append(list(teams))
        for tm in teams:
            team_queues[tm].append(camp_queue[-1])
    primary = [[q for q in qs if q not in camp_queue] for qs in team_queues]
    for tm, res in enumerate(inp.reserve):
        for q in res:
            team_queues[tm].append(q)
            teams_for_q[q].append(tm)
    for qs in team_queues:
        qs.sort(key=lambda v: (-q_rank[v], v))
    for lv in levels:
        if not lv:  # a queue no contact of the world reaches: tasks and repeats may
            lv.append(0)
    return camp_queue, primary


def level_index(levels: list[int], priority: int) -> int:
    """The deque a contact of `priority` joins in a queue with these levels (highest
    first): its own level, else the first one below it, else the lowest."""
    for k, v in enumerate(levels):
        if v <= priority:
            return k
    return len(levels) - 1
