"""`build(scenario, seed) -> World`: customers and every contact with all the random
numbers it may need later, drawn from named streams (DESIGN.md, common random numbers)."""

from __future__ import annotations

import numpy as np

from simlab.model.scenario import Scenario
from simlab.world.arrivals import Arrivals, draw_arrivals
from simlab.world.customers import build_pool
from simlab.world.dists import draw
from simlab.world.streams import stream
from simlab.world.world import Contacts, World


def build(scenario: Scenario, seed: int | None = None, days: int | None = None) -> World:
    """The world of `scenario`: same scenario, seed and days → the same world, byte for byte."""
    seed = scenario.seed if seed is None else seed
    days = scenario.calendar.days if days is None else days
    pool = build_pool(seed, scenario.company.customers, [s.share for s in scenario.segments],
                      scenario.company.region)
    arrivals = draw_arrivals(scenario, days, stream(seed, "arrivals"))
    contacts = draw_contacts(scenario, seed, arrivals, pool.starts, pool.size)
    return World(
        scenario=scenario,
        seed=seed,
        days=days,
        customers=pool,
        contacts=contacts,
        channels=[c.id for c in scenario.channels],
        segments=[s.id for s in scenario.segments],
        reasons=[r.id for r in scenario.reasons],
    )


def draw_contacts(
    scenario: Scenario, seed: int, arrivals: Arrivals, seg_starts: np.ndarray, n_customers: int
) -> Contacts:
    n = arrivals.time_s.size
    channel = arrivals.channel
    segment = _segments(scenario, channel, stream(seed, "segments").random(n))
    reason = _reasons(scenario, arrivals.forced_reason, stream(seed, "reasons").random(n))
    customer = _customers(segment, seg_starts, n_customers, stream(seed, "customers").random(n))
    boost = np.array([s.priority_boost for s in scenario.segments], dtype=np.int16)
    base_priority = np.array([r.priority for r in scenario.reasons], dtype=np.int16)
    priority = np.minimum(base_priority[reason] + boost[segment], 9).astype(np.int8)
    patience = _by_group(
        n, stream(seed, "patience"), channel, segment,
        lambda c, s: scenario.segments[s].patience.get(scenario.channels[c].id)
        if scenario.channels[c].kind == "realtime" else None,
    )
    handle = _by_group(
        n, stream(seed, "handle"), channel, reason,
        lambda c, r: scenario.reasons[r].handle[scenario.channels[c].id],
    )
    texts = stream(seed, "texts")
    n_subjects = np.array([len(r.texts.subjects) for r in scenario.reasons])
    n_bodies = np.array([len(r.texts.bodies) for r in scenario.reasons])
    u_subject, u_body = texts.random(n), texts.random(n)
    return Contacts(
        arrival_s=arrivals.time_s,
        channel=channel.astype(np.int8),
        segment=segment.astype(np.int8),
        reason=reason.astype(np.int16),
        priority=priority,
        customer=customer,
        patience_s=patience,
        handle_base_s=handle,
        u_resolve=stream(seed, "resolution").random(n),
        u_survey=stream(seed, "survey").random(n),
        subject_tpl=np.floor(u_subject * n_subjects[reason]).astype(np.int16),
        body_tpl=np.floor(u_body * n_bodies[reason]).astype(np.int16),
        detail=texts.integers(0, 2**31 - 1, n, dtype=np.int64),
    )


def _segments(scenario: Scenario, channel: np.ndarray, u: np.ndarray) -> np.ndarray:
    """P(segment | channel) ∝ share × channel preference."""
    weights = np.array(
        [[s.share * s.channel_preference[c.id] for s in scenario.segments] for c in scenario.channels]
    )
    totals = weights.sum(axis=1, keepdims=True)
    cum = np.cumsum(weights / np.where(totals > 0, totals, 1), axis=1)
    cum[:, -1] = 1.0
    segment = np.empty(channel.size, dtype=np.int64)
    for c in range(len(scenario.channels)):
        mask = channel == c
        segment[mask] = np.searchsorted(cum[c], u[mask], side="right")
    return np.minimum(segment, len(scenario.segments) - 1)


def _reasons(scenario: Scenario, forced: np.ndarray, u: np.ndarray) -> np.ndarray:
    cum = np.cumsum([r.share for r in scenario.reasons])
    cum = cum / cum[-1]
    drawn = np.minimum(np.searchsorted(cum, u, side="right"), len(scenario.reasons) - 1)
    return np.where(forced >= 0, forced, drawn)


def _customers(segment: np.ndarray, starts: np.ndarray, total: int, u: np.ndarray) -> np.ndarray:
    ends = np.append(starts[1:], total)
    size = (ends - starts)[segment]
    return starts[segment] + np.minimum(np.floor(u * size).astype(np.int64), size - 1)


def _by_group(n, rng, first: np.ndarray, second: np.ndarray, dist_of) -> np.ndarray:
    """Draw per (first, second) group in a fixed order, each group from `dist_of(a, b)`."""
    out = np.empty(n)
    for a in np.unique(first):
        mask_a = first == a
        for b in np.unique(second[mask_a]):
            mask = mask_a & (second == b)
            out[mask] = draw(dist_of(int(a), int(b)), rng, int(mask.sum()))
    return out
