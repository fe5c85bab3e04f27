"""`build(scenario, seed) -> World`: customers and every contact with all the random
numbers it may need later. Each purpose (segments, handle times, …) has its own named
stream, and each day its own sub-stream of it (world/streams.py): day d is the same
whatever the number of days, and changing one distribution moves no other draw."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from simlab.model.scenario import Scenario
from simlab.world.arrivals import DAY, Arrivals, draw_arrivals
from simlab.world.customers import build_pool
from simlab.world.dists import Sampler
from simlab.world.memory import release_freed
from simlab.world.streams import day_stream
from simlab.world.world import Contacts, World


def build(scenario: Scenario, seed: int | None = None, days: int | None = None) -> World:
    """The world of `scenario`: same scenario, seed and days → the same world, byte for byte."""
    seed = scenario.seed if seed is None else seed
    days = scenario.calendar.days if days is None else days
    pool = build_pool(seed, scenario.company.customers, [s.share for s in scenario.segments],
                      scenario.company.region)
    arrivals = draw_arrivals(scenario, days, seed)
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
    """Everything about each arrival (in time order). The random numbers of day d come
    from day d's stream of each purpose; the arithmetic runs once over all days."""
    n = arrivals.time_s.size
    day = np.floor(arrivals.time_s / DAY).astype(np.int64)
    first = np.flatnonzero(np.r_[True, day[1:] != day[:-1]]) if n else np.empty(0, np.int64)
    bounds = np.append(first, n)
    days = [int(d) for d in day[first]]
    # Uniforms whose count depends only on the day's contacts come from one stream, in
    # fixed rows, so that no scenario change can shift them; patience and handle times
    # take as many numbers as their distributions need, so each has a stream of its own.
    # Day d's stream gives its rows one after another (segment, reason, customer, ...);
    # drawing row by row over all days, each day's generator taken up where it stopped,
    # gives the same numbers as all of day d's rows at once, and only one row of n
    # numbers is alive at a time instead of all eight (55 MB at 857k contacts).
    streams = [day_stream(seed, "contacts", d) for d in days]
    spans = list(zip(streams, bounds[:-1].tolist(), bounds[1:].tolist(), strict=True))

    def next_row() -> np.ndarray:
        row = np.empty(n)
        for rng, lo, hi in spans:
            rng.random(out=row[lo:hi])
        return row

    def skip_row() -> None:  # as if drawn (one 64-bit step per uniform), nothing kept
        for rng, lo, hi in spans:
            rng.bit_generator.advance(hi - lo)

    t = _Tables.of(scenario)
    channel = arrivals.channel.astype(np.int64)
    segment = _pick(t.segment_cum, channel, next_row())
    reason = np.where(arrivals.forced_reason >= 0, arrivals.forced_reason,
                      _pick(t.reason_cum, np.zeros(n, np.int64), next_row()))
    customer = _customers(segment, seg_starts, n_customers, next_row())
    u_resolve = next_row()
    # Row 5 holds a uniform per contact that nothing reads (surveys draw from their own
    # keyed streams, simlab/survey/keyed.py): skipped, not kept, so that the rows after
    # it keep their numbers.
    skip_row()
    subject_tpl = np.floor(next_row() * t.n_subjects[reason]).astype(np.int16)
    body_tpl = np.floor(next_row() * t.n_bodies[reason]).astype(np.int16)
    detail = np.floor(next_row() * (2**31 - 1)).astype(np.int64)
    patience = t.patience.draw(channel * t.n_segments + segment,
                               [day_stream(seed, "patience", d) for d in days], bounds)
    handle = t.handle.draw(channel * t.n_reasons + reason,
                           [day_stream(seed, "handle", d) for d in days], bounds)
    contacts = Contacts(
        arrival_s=arrivals.time_s,
        channel=arrivals.channel.astype(np.int8),
        segment=segment.astype(np.int8),
        reason=reason.astype(np.int16),
        priority=np.minimum(t.priority[reason] + t.boost[segment], 9).astype(np.int8),
        customer=customer,
        patience_s=patience,
        handle_base_s=handle,
        u_resolve=u_resolve,
        subject_tpl=subject_tpl,
        body_tpl=body_tpl,
        detail=detail,
    )
    del patience, handle, segment, reason, channel
    release_freed()  # the temporaries above were several times the contacts' size
    return contacts




@dataclass(frozen=True)
class _Tables:
    """What the scenario says about drawing contacts, as arrays."""

    n_segments: int
    n_reasons: int
    segment_cum: np.ndarray  # channel × segment: P(segment | channel), cumulated
    reason_cum: np.ndarray  # 1 × reason
    priority: np.ndarray
    boost: np.ndarray
    n_subjects: np.ndarray
    n_bodies: np.ndarray
    patience: Sampler  # group channel × segment
    handle: Sampler  # group channel × reason

    @classmethod
    def of(cls, scenario: Scenario) -> _Tables:
        channels, segments, reasons = scenario.channels, scenario.segments, scenario.reasons
        # P(segment | channel) ∝ share × channel preference
        weights = np.array([[s.share * s.channel_preference[c.id] for s in segments]
                            for c in channels])
        return cls(
            n_segments=len(segments),
            n_reasons=len(reasons),
            segment_cum=_cumulate(weights),
            reason_cum=_cumulate(np.array([[r.share for r in reasons]])),
            priority=np.array([r.priority for r in reasons], dtype=np.int16),
            boost=np.array([s.priority_boost for s in segments], dtype=np.int16),
            n_subjects=np.array([len(r.texts.subjects) for r in reasons]),
            n_bodies=np.array([len(r.texts.bodies) for r in reasons]),
            patience=Sampler([s.patience.get(c.id) if c.kind == "realtime" else None
                              for c in channels for s in segments]),
            handle=Sampler([r.handle[c.id] for c in channels for r in reasons]),
        )


def _cumulate(weights: np.ndarray) -> np.ndarray:
    totals = weights.sum(axis=1, keepdims=True)
    cum = np.cumsum(weights / np.where(totals > 0, totals, 1), axis=1)
    cum[:, -1] = 1.0
    return cum


def _pick(cum: np.ndarray, row: np.ndarray, u: np.ndarray) -> np.ndarray:
    """For each u, in row `row` of `cum`, the first category whose cumulated share exceeds
    u. A row is non-decreasing, so the count of shares ≤ u is a binary search: no
    contacts × categories table."""
    if cum.shape[1] == 1:  # one category (the queue lab's one segment): no search
        return np.zeros(u.size, dtype=np.int64)
    if cum.shape[0] == 1:  # one row for every u: no mask to select it
        return np.minimum(np.searchsorted(cum[0], u, side="right"), cum.shape[1] - 1)
    out = np.empty(u.size, dtype=np.int64)
    for r in range(cum.shape[0]):
        mask = row == r
        out[mask] = np.searchsorted(cum[r], u[mask], side="right")
    return np.minimum(out, cum.shape[1] - 1)


def _customers(segment: np.ndarray, starts: np.ndarray, total: int, u: np.ndarray) -> np.ndarray:
    ends = np.append(starts[1:], total)
    size = (ends - starts)[segment]
    return starts[segment] + np.minimum(np.floor(u * size).astype(np.int64), size - 1)
