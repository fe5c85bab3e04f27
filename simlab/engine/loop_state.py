"""The per-run state of the general event loop (loop.py), built once before the first
event: the contacts' inputs, the queues, the agents' lists, the channels' opening hours
and the heap of the events the run creates.

Everything is a plain list, deque, dict or `array.array` on purpose: they are the
fastest containers CPython has, and the loop reads them a few times per contact. The
lists are shared by reference with the loop's functions (loop_work.py) and never
rebound, so each side may keep them in local variables.

The heap holds bare times. The events the run creates (service ends, returns from
break) come after every scheduled event at the same moment, since the schedule's
sequence numbers are all below theirs (events.schedule), and among themselves in the
order they were made: that is all a sequence number in each heap entry gave. So the
heap holds floats (a float compares faster than a tuple) and `due` maps each time to
what happens then: the agent's index for the end of one of its services (which
contact it was does not matter then), or `~(break number · agents + agent)` for the
end of a break. Two events at one time are rare (breaks of the same length taken
together): the later ones wait, in the order they were made, in `ties`."""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Callable
from types import SimpleNamespace

import numpy as np

from simlab.world.world import World

from .events import INF, OFF, schedule
from .prepare import Compiled
from .records import OUT_OF_HOURS, Records

LONE, SEVERAL, DEFERRED = 0, -1, -2  # q_lone: a team index (>= LONE) or one of these
OUT, REPORT = -1, -2  # in cq: out of hours; a progress report due before this arrival


def loop_state(world: World, cp: Compiled) -> SimpleNamespace:
    """The lists one run of the general loop reads and writes (see the module's text)."""
    s = SimpleNamespace()
    c = world.contacts
    s.n = n = len(c)
    s.rec = rec = Records.empty(n)
    # a list: read most often, and a list is the fastest to read; ended by a sentinel
    # so that the next arrival after the last is read without a test
    s.arr = arr = c.arrival_s.tolist()
    arr.append(INF)
    # raw doubles (8 bytes a contact, a list takes 32), read once or twice per contact
    s.gone = _doubles(c.arrival_s + c.patience_s)  # when each caller hangs up (inf: never)
    s.hb = _doubles(c.handle_base_s)
    # each contact's queue, -1 for a contact out of hours (recorded here, once)
    s.cq = cq = cp.contact_queue.tolist()
    for i in np.flatnonzero(cp.out_of_hours).tolist():
        rec.outcome[i] = OUT_OF_HOURS
        rec.end_s[i] = arr[i]
        cq[i] = OUT
    s.lvl = cp.contact_level.tolist()

    nq = len(cp.queue_ids)
    # per queue, one deque per priority level (highest first); qlen counts what waits
    s.queues = [[deque() for _ in levels] for levels in cp.queue_levels]
    s.qlen = [0] * nq
    s.q_rt = q_rt = cp.queue_realtime
    s.q_rank = cp.queue_rank
    s.q_chan = q_chan = cp.queue_channel
    s.ch_cap = ch_cap = cp.channel_cap
    s.q_chat = [ch_cap[q_chan[q]] > 1 for q in range(nq)]  # several contacts at a time
    s.ch_open_starts = [iv[:, 0].tolist() for iv in cp.channel_open]
    s.ch_open_ends = [iv[:, 1].tolist() for iv in cp.channel_open]
    s.teams_for_q = teams_for_q = cp.teams_for_queue
    # how an arriving contact finds its agent: the one team of a live queue, or several
    # teams, or a deferred queue (worked only while its channel is open)
    s.q_lone = [(tms[0] if len(tms) == 1 else SEVERAL) if q_rt[q] else DEFERRED
                for q, tms in enumerate(teams_for_q)]
    s.team_queues = team_queues = cp.team_queues
    # per channel: the last opening started by now, whether it is open, and until when
    # that answer holds (callers read the last two first and call channel_open only
    # when the answer has expired)
    s.cursor = [-1] * len(ch_cap)
    s.is_open = [False] * len(ch_cap)
    s.open_until = [-INF] * len(ch_cap)

    s.na = na = len(cp.agents)
    s.team_of = team_of = [a.team for a in cp.agents]
    # proficiency by agent and queue, as plain lists: the hot path indexes them per contact
    prof_by_team = [[skills.get(q, 1.0) for q in range(nq)] for skills in cp.team_prof]
    s.prof_of = [prof_by_team[tm] for tm in team_of]
    s.tq_of = [team_queues[tm] for tm in team_of]  # each agent's queues, best rank first
    s.state = [OFF] * na
    s.load = [0] * na
    s.chan_of = [-1] * na
    s.token = [0] * na
    s.break_id = [0] * na
    s.break_len = [0.0] * na
    s.duty_start = [0.0] * na
    s.break_start = [0.0] * na
    s.idle = idle = [deque() for _ in cp.team_ids]  # (agent, token, idle since)
    s.idle_of = [idle[tm] for tm in team_of]  # each agent's team's deque
    # chat agents with a free slot, by team, channel and load: {(team, channel): [bucket
    # per load]}, each bucket an insertion-ordered dict used as a set
    max_cap = max(ch_cap)
    s.partial = {(tm, ch): [{} for _ in range(max_cap)] for tm in range(len(cp.team_ids))
                 for ch in range(len(ch_cap)) if ch_cap[ch] > 1}
    s.bucket_of = [None] * na
    # where a chat queue's arrival looks for a partly free agent: the buckets in the
    # order they are searched, least loaded first, then team by team (the buckets are
    # made once and never replaced, so the list stays true)
    s.q_buckets = [[s.partial[(tm, q_chan[q])][k] for k in range(1, ch_cap[q_chan[q]])
                    for tm in teams_for_q[q]] for q in range(nq)]
    # each agent's buckets by channel (None for a channel of one contact at a time)
    s.buckets_of = [[s.partial.get((tm, ch)) for ch in range(len(ch_cap))] for tm in team_of]
    # each agent's live queues by channel, in the agent's order: all that an agent
    # with a contact still open may take more of (its own channel's, never a deferred one)
    s.rt_of = [[[q for q in team_queues[tm] if q_rt[q] and q_chan[q] == ch]
                for ch in range(len(ch_cap))] for tm in team_of]

    # events known in advance, in a sorted list read in order (events.schedule)
    s.sched, _seq = schedule(cp, s.ch_open_starts)
    s.heap = [INF]  # a sentinel: never popped, so the heap is never empty
    s.due = {}
    s.ties = {}
    s.tie, s.untie = _ties(s.due, s.ties)
    return s


def _ties(due: dict, ties: dict) -> tuple[Callable[[float, int], None], Callable[[float], None]]:
    def tie(e: float, x: int) -> None:
        """Keep `x` after the events already due at `e`."""
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

    return tie, untie


def _doubles(values: np.ndarray) -> array:
    """The float64 values as an `array.array`: indexed like a list, 8 bytes an item."""
    out = array("d")
    out.frombytes(np.ascontiguousarray(values, dtype=np.float64).data.cast("B"))
    return out
