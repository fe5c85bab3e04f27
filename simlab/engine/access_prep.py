"""What the care model's access parts add to a compiled run (docs/care-model.md): IVR time
and self-service exits per contact, the queue an IVR option routes to, queue capacities,
callback offers and retrials. Vectorised per contact; the loop (loop_access.py) reads it.

Random numbers come from streams named after their purpose (world/streams.py), so a
model that turns on callbacks does not move the IVR's self-service draws, and so on."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from simlab.model.care import CareModel
from simlab.model.care_access import IvrMenu
from simlab.world.dists import draw
from simlab.world.streams import stream
from simlab.world.world import World

NO_WHEN, EXPECTED_WAIT, WAIT = 0, 1, 2
RETRY_BATCH = 4096  # retrial delays drawn so many at a time, in the order they are used


def uses_access(care: CareModel) -> bool:
    """Whether the run needs the access loop; otherwise the engine is exactly as before."""
    return bool(care.ivr) or any(
        q.capacity is not None or q.callback is not None or q.retrials is not None
        for q in care.queues)


@dataclass
class Access:
    ivr_s: np.ndarray  # per contact: seconds in the IVR before the queue (0: none)
    self_service: np.ndarray  # per contact: left resolved in the IVR
    capacity: list[int]  # per queue: callers that can wait (-1: no limit)
    cb_when: list[int]  # per queue: NO_WHEN, EXPECTED_WAIT or WAIT
    cb_threshold: list[float]
    cb_accept: list[float]
    u_callback: np.ndarray  # per contact: accepts the callback if below cb_accept
    aht: list[float]  # per queue: mean handling time of its contacts (expected wait)
    retry_share: list[float]
    retry_max: list[int]
    retry_draws: list[RetryDraws | None]


class RetryDraws:
    """Whether a caller calls again, and after how long: drawn in batches from the
    queue's own stream, in the order the loop asks (the loop's order is fixed)."""

    def __init__(self, seed: int, queue_id: str, dist: object) -> None:
        self._rng = stream(seed, f"retrial:{queue_id}")
        self._dist = dist
        self._u: list[float] = []
        self._d: list[float] = []

    def next(self) -> tuple[float, float]:
        if not self._u:
            self._u = self._rng.random(RETRY_BATCH).tolist()[::-1]
            self._d = draw(self._dist, self._rng, RETRY_BATCH).tolist()[::-1]
        return self._u.pop(), self._d.pop()


def ivr_path(menu: IvrMenu, reason: str) -> tuple[list[tuple[float, float]], str | None]:
    """The options a caller with `reason` goes through: (seconds so far when the option
    ends, its self-service share) per option, and the queue the last one routes to."""
    levels = {lv.id: lv for lv in menu.levels}
    level = menu.levels[0]
    path: list[tuple[float, float]] = []
    t = 0.0
    while True:
        option = next((o for o in level.options if reason in o.reasons), None) or next(
            (o for o in level.options if not o.reasons), None)
        t += level.prompt_s
        if option is None:  # no option fits: the caller waits out the menu, then the queue
            return path + [(t, 0.0)], None
        t += option.time_s
        path.append((t, option.self_service))
        if option.next is None:
            return path, option.queue
        level = levels[option.next]


def prepare_access(world: World, care: CareModel, contact_queue: np.ndarray,
                   seed: int) -> tuple[np.ndarray, Access]:
    """The access inputs of the loop, and the contacts' queues after the IVR's routing."""
    c = world.contacts
    n = len(c)
    q_ids = [q.id for q in care.queues]
    ivr_s = np.zeros(n)
    self_service = np.zeros(n, dtype=bool)
    contact_queue = contact_queue.copy()
    for channel, menu in care.ivr.items():
        ci = world.channels.index(channel)
        on = c.channel == ci
        u = stream(seed, f"ivr:{channel}").random(int(on.sum()))
        idx = np.flatnonzero(on)
        for ri, reason in enumerate(world.reasons):
            sel = c.reason[idx] == ri
            rows = idx[sel]
            if rows.size == 0:
                continue
            path, queue = ivr_path(menu, reason)
            times = np.array([t for t, _p in path])
            stay = np.cumprod([1 - p for _t, p in path])  # still in the menu after option k
            left = u[sel][:, None] < (1 - stay)[None, :]
            out = left.any(axis=1)
            first = np.argmax(left, axis=1)
            ivr_s[rows] = np.where(out, times[first], times[-1])
            self_service[rows] = out
            if queue is not None:
                contact_queue[rows] = q_ids.index(queue)
    hb = c.handle_base_s
    counts = np.bincount(contact_queue, minlength=len(q_ids))
    sums = np.bincount(contact_queue, weights=hb, minlength=len(q_ids))
    aht = [float(s / k) if k else 0.0 for s, k in zip(sums, counts, strict=True)]
    cbs = [q.callback for q in care.queues]
    rts = [q.retrials for q in care.queues]
    access = Access(
        ivr_s=ivr_s,
        self_service=self_service,
        capacity=[-1 if q.capacity is None else q.capacity for q in care.queues],
        cb_when=[NO_WHEN if cb is None else (EXPECTED_WAIT if cb.when == "expected_wait"
                                             else WAIT) for cb in cbs],
        cb_threshold=[0.0 if cb is None else cb.threshold_s for cb in cbs],
        cb_accept=[0.0 if cb is None else cb.accept for cb in cbs],
        u_callback=stream(seed, "callback").random(n),
        aht=aht,
        retry_share=[0.0 if r is None else r.share for r in rts],
        retry_max=[1 if r is None else r.max_attempts for r in rts],
        retry_draws=[None if r is None else RetryDraws(seed, q.id, r.delay_s)
                     for q, r in zip(care.queues, rts, strict=True)],
    )
    return contact_queue, access
