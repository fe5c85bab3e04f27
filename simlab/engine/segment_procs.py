"""The procedures that a plan by rounds may change from one segment of days to the next
(the decision rounds of UF2, `lab.rounds`): the outsourcing overflow, looked up by the
segment in which a contact arrived, and the outbound campaigns, whose calls of segment r
are those of plan r. A run of one plan is one segment as long as the run."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from simlab.model.plan import OperationsPlan
from simlab.world.dists import draw
from simlab.world.streams import stream
from simlab.world.world import World

from .calendar import DAY


@dataclass(frozen=True)
class Segments:
    """Plan r is in force over days [r·days, (r+1)·days) of the run."""

    plans: tuple[OperationsPlan, ...]
    days: int


def outsourcing_rules(plan: OperationsPlan, q_ids: list[str]) -> tuple[list, list[float]]:
    """Per queue of the care model, the plan's outsourcing rule (share or -1, above or -1,
    fcr_factor, handle_factor) or None, and its price per contact (0 without a rule)."""
    rules: list[tuple | None] = [None] * len(q_ids)
    prices = [0.0] * len(q_ids)
    for o in plan.procedures.outsourcing if plan.procedures is not None else []:
        q = q_ids.index(o.queue)
        rules[q] = (-1.0 if o.share is None else o.share, -1 if o.above is None else o.above,
                    o.fcr_factor, o.handle_factor)
        prices[q] = o.price_per_contact
    return rules, prices


def campaign_calls(world: World, camp, seed: int, t_ids: list[str]) -> tuple:
    """The calls of a campaign: evenly spread over its window on its days, each expiring
    at the window's end; whether it reaches the customer, and how long it takes."""
    cal = world.scenario.calendar
    holidays = set(cal.holidays)
    times, expiry = [], []
    w = camp.window
    k = camp.calls_per_day
    for d in range(world.days):
        date = cal.date_of(d)
        if date.weekday() not in w.days or date in holidays:
            continue
        start, end = d * DAY + w.start, d * DAY + w.end
        times += (start + (end - start) * np.arange(k) / k).tolist()
        expiry += [float(end)] * k
    m = len(times)
    rng = stream(seed, f"campaign:{camp.id}")
    reached = rng.random(m) < camp.contact_rate
    work = np.where(reached, draw(camp.handle_s, rng, m), camp.attempt_s)
    return (camp.id, world.channels.index(camp.channel), [t_ids.index(t) for t in camp.teams],
            times, expiry, work.tolist(), reached.tolist())


def campaigns_by_segment(world: World, segs: Segments, seed: int, t_ids: list[str]
                         ) -> list[tuple]:
    """Every campaign named by a plan (first-named first), with the calls of segment r
    built from plan r exactly as a run of (r+1) segments builds them, then cut to
    segment r, as `segments.compose_agents` builds the people: segment r's calls depend
    on nothing a later segment decides, so a campaign started, stopped or changed in
    round r makes the calls of round r's plan from week r's first day and leaves the
    weeks before it as they were. (A run of one plan over several segments draws its
    calls' durations over all its days at once, so with a campaign the segments of a
    game are not the plain run of all its days: only round 1 is.)"""
    ids: list[str] = []
    for plan in segs.plans:
        for camp in plan.procedures.campaigns if plan.procedures is not None else []:
            if camp.id not in ids:
                ids.append(camp.id)
    out = []
    for cid in ids:
        of_seg = [_campaign_of(plan, cid) for plan in segs.plans]
        first = next(c for c in of_seg if c is not None)
        calls: list[list] = [[], [], [], []]  # times, expiry, work, reached
        for r, camp in enumerate(of_seg):
            if camp is None:
                continue
            own = dataclasses.replace(world, days=min((r + 1) * segs.days, world.days))
            _id, _ch, _teams, times, expiry, work, reached = campaign_calls(own, camp, seed,
                                                                            t_ids)
            keep = [j for j, t in enumerate(times) if t >= r * segs.days * DAY]
            for dest, src in zip(calls, (times, expiry, work, reached), strict=True):
                dest += [src[j] for j in keep]
        out.append((cid, world.channels.index(first.channel),
                    [t_ids.index(t) for t in first.teams], *calls))
    return out


def _campaign_of(plan: OperationsPlan, cid: str):
    camps = plan.procedures.campaigns if plan.procedures is not None else []
    return next((c for c in camps if c.id == cid), None)
