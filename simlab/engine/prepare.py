"""Compile a world, a care model and a plan into the flat arrays the event loop reads.

Everything here is vectorised or per agent-day; nothing here is per event."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.model.care import CareModel
from simlab.model.care_access import queue_tiers
from simlab.model.plan import OperationsPlan, skills_of
from simlab.world.streams import stream
from simlab.world.world import World

from .access_prep import Access, prepare_access, uses_access
from .calendar import DAY, is_open, open_intervals
from .procedures import ProcInputs, active, prepare_procedures
from .segment_procs import Segments

AFTER_REALTIME_BONUS = 100  # deferred queues rank below every real-time queue


@dataclass
class Agent:
    name: str
    team: int
    duty: list[tuple[float, float]]  # merged on-duty intervals
    breaks: list[tuple[float, float]]  # (scheduled start, duration)
    training_s: float = 0.0  # paid training off the queues (individual agents only)


@dataclass
class Compiled:
    horizon_s: float
    queue_ids: list[str]
    queue_channel: list[int]
    queue_realtime: list[bool]
    queue_rank: list[int]  # effective priority: higher first
    channel_cap: list[int]
    channel_open: list[np.ndarray]
    channel_realtime: list[bool]
    contact_queue: np.ndarray  # per contact, int
    out_of_hours: np.ndarray  # per contact, bool
    team_ids: list[str]
    team_queues: list[list[int]]  # per team, sorted by rank (desc)
    team_prof: list[dict[int, float]]
    teams_for_queue: list[list[int]]
    agents: list[Agent] = field(default_factory=list)
    # contact priority: per queue, the levels its contacts have (highest first), and per
    # contact the index of its level in its queue's list (0 = the highest)
    queue_levels: list[list[int]] = field(default_factory=list)
    contact_level: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    access: Access | None = None  # the care model's access parts; None: the plain engine
    procedures: ProcInputs | None = None  # the plan's procedures (engine/procedures.py)


def compile_run(world: World, care: CareModel, plan: OperationsPlan, seed: int,
                segments: Segments | None = None) -> Compiled:
    if not world.contacts.simulable:
        raise ValueError("this world was simulated and released its engine inputs: build it again")
    sc = world.scenario
    channels = world.channels
    cal = sc.calendar
    q_ids = [q.id for q in care.queues]
    q_channel = [channels.index(q.channel) for q in care.queues]
    rt = [c.kind == "realtime" for c in sc.channels]
    rank = [
        q.priority + (AFTER_REALTIME_BONUS if rt[c] and care.deferred_work == "after_realtime" else 0)
        for q, c in zip(care.queues, q_channel, strict=True)
    ]
    opening = [
        open_intervals(care.opening_hours[c], cal.start, world.days, closed_days(care, cal, c))
        for c in channels
    ]
    contact_queue = route(world, care)
    access = None
    procs = active(plan, segments)
    if uses_access(care) or procs:  # procedures run in the access loop
        contact_queue, access = prepare_access(world, care, contact_queue, seed)
    ch = world.contacts.channel
    out_of_hours = np.zeros(len(ch), dtype=bool)
    for c, realtime in enumerate(rt):
        if realtime:
            mask = ch == c
            out_of_hours[mask] = ~is_open(opening[c], world.contacts.arrival_s[mask])

    team_queues, team_prof = [], []
    for t in plan.teams:
        skills = skills_of(t, care)  # skill groups named by the team become their queues
        qs = sorted((q_ids.index(q) for q in skills), key=lambda q: (-rank[q], q))
        team_queues.append(qs)
        team_prof.append({q_ids.index(q): p for q, p in skills.items()})
    teams_for_queue = [[t for t, qs in enumerate(team_queues) if q in qs] for q in range(len(q_ids))]
    levels, contact_level = priority_levels(contact_queue, world.contacts.priority, len(q_ids))
    return Compiled(
        horizon_s=world.horizon_s,
        queue_ids=q_ids,
        queue_channel=q_channel,
        queue_realtime=[rt[c] for c in q_channel],
        queue_rank=rank,
        channel_cap=[concurrency(care, c) for c in sc.channels],
        channel_open=opening,
        channel_realtime=rt,
        contact_queue=contact_queue,
        out_of_hours=out_of_hours,
        team_ids=[t.id for t in plan.teams],
        team_queues=team_queues,
        team_prof=team_prof,
        teams_for_queue=teams_for_queue,
        agents=expand_agents(world, plan, seed),
        queue_levels=levels,
        contact_level=contact_level,
        access=access,
        procedures=(prepare_procedures(world, care, plan, seed, route_table(world, care), opening,
                                       segments) if procs else None),
    )


def concurrency(care: CareModel, channel) -> int:
    """Contacts an operator handles at once on a channel: what its queues state (the
    care model's decision), else the scenario's value for the channel."""
    stated = [q.concurrency for q in care.queues
              if q.channel == channel.id and q.concurrency is not None]
    return stated[0] if stated else channel.concurrency


def closed_days(care: CareModel, cal, channel: str) -> list:
    """The days a channel is closed: the calendar's holidays (unless the care model keeps
    the channel open on them) and the model's own closed days."""
    holidays = [] if channel in care.open_on_holidays else list(cal.holidays)
    return holidays + list(care.closed_days)


def priority_levels(queue: np.ndarray, priority: np.ndarray,
                    n_queues: int) -> tuple[list[list[int]], np.ndarray]:
    """The priority levels present in each queue (highest first) and, per contact, the
    index of its level in its queue's list: the loop keeps one deque per level."""
    key = queue.astype(np.int64) * 16 + priority.astype(np.int64)  # priority is 0-9
    present = np.flatnonzero(np.bincount(key, minlength=n_queues * 16))  # sorted, O(n)
    levels: list[list[int]] = [[] for _ in range(n_queues)]
    for k in present[::-1].tolist():
        levels[k // 16].append(k % 16)
    rank = np.zeros(n_queues * 16, dtype=np.int64)
    for q, ls in enumerate(levels):
        for j, level in enumerate(ls):
            rank[q * 16 + level] = j
    return levels, rank[key]


def route(world: World, care: CareModel) -> np.ndarray:
    """The queue of every contact: the first queue (in the model's order) that names the
    contact's reason and takes its segment, else the first catch-all of its channel."""
    c = world.contacts
    queue = route_table(world, care)[c.channel, c.segment, c.reason]
    if (queue < 0).any():
        i = int(np.argmax(queue < 0))
        raise SimlabError(
            _("no queue of the care model takes channel «{channel}», segment «{segment}», "
              "reason «{reason}»: add it to a queue or leave a queue's reasons empty (an L2 "
              "queue does not count: it receives contacts only by escalation)").format(
                channel=world.channels[c.channel[i]],
                segment=world.segments[c.segment[i]],
                reason=world.reasons[c.reason[i]],
            ),
            key="queues",
        )
    return queue


def route_table(world: World, care: CareModel) -> np.ndarray:
    """The queue by (channel, segment, reason), -1 where none: also routes a repeat
    contact that comes back on another channel (engine/procedures.py). An L2 queue is
    left out: customers reach it only by escalation from L1 (docs/care-model.md)."""
    n_ch, n_seg, n_rea = len(world.channels), len(world.segments), len(world.reasons)
    table = np.full((n_ch, n_seg, n_rea), -1, dtype=np.int64)
    tiers = queue_tiers(care.queues, care.skill_groups)
    for specific in (True, False):
        for qi, q in enumerate(care.queues):
            if bool(q.reasons) != specific or tiers[q.id] == "L2":
                continue
            ci = world.channels.index(q.channel)
            segs = [world.segments.index(s) for s in q.segments] or range(n_seg)
            reas = [world.reasons.index(r) for r in q.reasons] or range(n_rea)
            for s in segs:
                for r in reas:
                    if table[ci, s, r] < 0:
                        table[ci, s, r] = qi
    return table


def expand_agents(world: World, plan: OperationsPlan, seed: int) -> list[Agent]:
    """Every person of the plan with the hours they are on duty and their breaks.

    Absence is drawn per team, agent and day from a stream named after the team, so a
    change to one team does not move another team's absences. Nobody works on holidays."""
    cal = world.scenario.calendar
    holidays = set(cal.holidays)
    weekday = np.array([cal.date_of(d).weekday() for d in range(world.days)])
    working = np.array([cal.date_of(d) not in holidays for d in range(world.days)])
    day_start = np.arange(world.days) * DAY
    agents: list[Agent] = []
    for ti, team in enumerate(plan.teams):
        absent = stream(seed, f"absence:{team.id}").random((max(team.headcount, 1), world.days))
        k = 0
        for shift in team.shifts:
            on_days = working & np.isin(weekday, shift.days)
            for j in range(shift.agents):
                present = on_days & (absent[k] >= team.absence_rate)
                starts = day_start[present] + shift.start
                ends = day_start[present] + shift.end
                breaks = []
                for b in shift.breaks:
                    at = starts + 60 * (b.after_min + b.spread_min * j / max(shift.agents, 1))
                    fits = at + 60 * b.minutes < ends
                    breaks += [(float(t), 60.0 * b.minutes) for t in at[fits]]
                breaks.sort()
                agents.append(Agent(f"{team.id}-{k + 1:03d}", ti, _merge_sorted(starts, ends),
                                    breaks))
                k += 1
        for person in team.agents:
            agents.append(individual_agent(team, ti, person, working & (absent[k] >=
                                                                        team.absence_rate),
                                           weekday, day_start))
            k += 1
    return agents


def individual_agent(team, ti: int, person, present: np.ndarray, weekday: np.ndarray,
                     day_start: np.ndarray) -> Agent:
    """One agent of the plan's `agents` list (model/plan_staff.py): each day the shift of
    their own week, less the training sessions, which are off the queues but paid."""
    from simlab.model.plan_staff import agent_name

    duty: list[tuple[float, float]] = []
    breaks: list[tuple[float, float]] = []
    training_s = 0.0
    for d in np.flatnonzero(present).tolist():
        base = float(day_start[d])
        wd = int(weekday[d])
        train = sorted((w.start, w.end) for w in person.training if wd in w.days)
        training_s += sum(e - s for s, e in train)
        for w in sorted((w for w in person.week if wd in w.days), key=lambda w: w.start):
            for s, e in _minus(w.start, w.end, train):
                duty.append((base + s, base + e))
            for b in w.breaks:
                at = base + w.start + 60 * b.after_min
                if at + 60 * b.minutes < base + w.end:
                    breaks.append((at, 60.0 * b.minutes))
    breaks.sort()
    duty.sort()
    starts = np.array([s for s, _e in duty])
    ends = np.array([e for _s, e in duty])
    return Agent(agent_name(team.id, person.id), ti, _merge_sorted(starts, ends), breaks,
                 training_s)


def _minus(start: float, end: float, holes: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """[start, end) without the (sorted) holes."""
    out, at = [], start
    for s, e in holes:
        if e <= at or s >= end:
            continue
        if s > at:
            out.append((at, s))
        at = max(at, e)
    if at < end:
        out.append((at, end))
    return out


def _merge_sorted(starts: np.ndarray, ends: np.ndarray) -> list[tuple[float, float]]:
    """Join intervals that touch (a shift to 24:00 and one from 00:00 the next day)."""
    if starts.size == 0:
        return []
    new = np.ones(starts.size, dtype=bool)
    new[1:] = starts[1:] > ends[:-1]
    first = np.flatnonzero(new)
    last = np.append(first[1:], starts.size) - 1
    return list(zip(starts[first].tolist(), ends[last].tolist(), strict=True))
