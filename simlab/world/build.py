"""`build(scenario, seed) -> World`: customers and every contact with all the random
numbers it may need later. Each purpose (segments, handle times, …) has its own named
stream, and each day its own sub-stream of it (world/streams.py): day d is the same
whatever the number of days, and changing one distribution moves no other draw."""

from __future__ import annotations

import numpy as np

from simlab.model.scenario import Scenario
from simlab.world.arrivals import DAY, Arrivals, draw_arrivals
from simlab.world.customers import build_pool
from simlab.world.dists import draw
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
    """Everything about each arrival (in time order), drawn day by day from the day's
    sub-stream of each purpose."""
    n = arrivals.time_s.size
    day = np.floor(arrivals.time_s / DAY).astype(np.int64)
    first = np.flatnonzero(np.r_[True, day[1:] != day[:-1]]) if n else np.empty(0, np.int64)
    bounds = np.append(first, n)
    parts = [
        _draw_day(scenario, seed, int(day[lo]), arrivals.channel[lo:hi],
                  arrivals.forced_reason[lo:hi], seg_starts, n_customers)
        for lo, hi in zip(bounds[:-1], bounds[1:], strict=True)
    ]
    cols = {k: np.concatenate([p[k] for p in parts]) if parts else np.empty(0) for k in _COLUMNS}
    return Contacts(arrival_s=arrivals.time_s, channel=arrivals.channel.astype(np.int8),
                    **{k: cols[k].astype(t) for k, t in _COLUMNS.items()})


_COLUMNS = {
    "segment": np.int8, "reason": np.int16, "priority": np.int8, "customer": np.int64,
    "patience_s": np.float64, "handle_base_s": np.float64, "u_resolve": np.float64,
    "u_survey": np.float64, "subject_tpl": np.int16, "body_tpl": np.int16, "detail": np.int64,
}


def _draw_day(scenario: Scenario, seed: int, d: int, channel: np.ndarray, forced: np.ndarray,
              seg_starts: np.ndarray, n_customers: int) -> dict[str, np.ndarray]:
    n = channel.size
    # Uniforms whose count depends only on n come from one stream, in fixed rows, so
    # no scenario change can shift them; patience and handle times take as many
    # numbers as their distributions need, so each has a stream of its own.
    u = day_stream(seed, "contacts", d).random((_U_ROWS, n))
    segment = _segments(scenario, channel, u[0])
    reason = _reasons(scenario, forced, u[1])
    customer = _customers(segment, seg_starts, n_customers, u[2])
    boost = np.array([s.priority_boost for s in scenario.segments], dtype=np.int16)
    base_priority = np.array([r.priority for r in scenario.reasons], dtype=np.int16)
    n_subjects = np.array([len(r.texts.subjects) for r in scenario.reasons])
    n_bodies = np.array([len(r.texts.bodies) for r in scenario.reasons])
    patience = _by_group(
        day_stream(seed, "patience", d), channel, segment, len(scenario.segments),
        lambda c, s: scenario.segments[s].patience.get(scenario.channels[c].id)
        if scenario.channels[c].kind == "realtime" else None,
    )
    handle = _by_group(
        day_stream(seed, "handle", d), channel, reason, len(scenario.reasons),
        lambda c, r: scenario.reasons[r].handle[scenario.channels[c].id],
    )
    return {
        "segment": segment,
        "reason": reason,
        "priority": np.minimum(base_priority[reason] + boost[segment], 9),
        "customer": customer,
        "patience_s": patience,
        "handle_base_s": handle,
        "u_resolve": u[3],
        "u_survey": u[4],
        "subject_tpl": np.floor(u[5] * n_subjects[reason]),
        "body_tpl": np.floor(u[6] * n_bodies[reason]),
        "detail": np.floor(u[7] * (2**31 - 1)),
    }


_U_ROWS = 8  # segment, reason, customer, resolution, survey, subject, body, detail


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


def _by_group(rng, first: np.ndarray, second: np.ndarray, n_second: int, dist_of) -> np.ndarray:
    """Draw per (first, second) group in a fixed order (groups by number, contacts in
    arrival order inside a group), each group from `dist_of(a, b)`."""
    out = np.empty(first.size)
    if first.size == 0:
        return out
    key = first.astype(np.int64) * n_second + second
    if key.max() < 2**15:
        key = key.astype(np.int16)  # numpy sorts 16-bit keys by radix: much faster
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    edges = np.flatnonzero(np.r_[True, sorted_key[1:] != sorted_key[:-1], True])
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        k = int(sorted_key[lo])
        out[order[lo:hi]] = draw(dist_of(k // n_second, k % n_second), rng, hi - lo)
    return out
