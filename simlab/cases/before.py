"""What the plan's case procedures change in the world before the run: proactive
notices spare some contacts, the knowledge base shortens handling and raises the chance
of first-contact resolution. The world as drawn is never modified: a new one is made."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np

from simlab.model.plan_cases import CasesPlan
from simlab.world.world import DAY, Contacts, World

from .keyed import uniform


@dataclasses.dataclass
class Prepared:
    """The world the engine runs, and what the procedures need after it."""

    world: World
    origin: np.ndarray  # index of each contact in the world as drawn (the draws' key)
    avoided: dict[str, int]  # contacts a notice spared, by notice id


def prepare(world: World, cases: CasesPlan, seed: int) -> Prepared:
    c = world.contacts
    n = len(c)
    origin = np.arange(n, dtype=np.int64)
    keep = np.ones(n, dtype=bool)
    avoided: dict[str, int] = {}
    if cases.notices:
        # one number per contact for every notice: a larger share spares the same
        # customers and more, never others
        u = uniform(seed, "notice", origin)
        for notice in cases.notices:
            hit = _in_window(world, notice.start, notice.end) & np.isin(
                c.reason, [world.reasons.index(r) for r in notice.reasons])
            spared = hit & keep & (u < notice.avoided_share)
            avoided[notice.id] = int(spared.sum())
            keep &= ~spared
    fields = {f.name: getattr(c, f.name) for f in dataclasses.fields(Contacts)}
    if not keep.all():
        fields = {k: v[keep] for k, v in fields.items()}
        origin = origin[keep]
    if cases.knowledge_base is not None and cases.knowledge_base.level > 0:
        handle, fcr, _cost = cases.knowledge_base.factors()
        fields["handle_base_s"] = fields["handle_base_s"] * handle
        # resolved when u < fcr × proficiency: dividing u multiplies the chance
        fields["u_resolve"] = fields["u_resolve"] / fcr
    new = dataclasses.replace(world, contacts=Contacts(**fields))
    return Prepared(new, origin, avoided)


def _in_window(world: World, start: dt.date, end: dt.date) -> np.ndarray:
    """Contacts that arrive from the start of `start` to the end of `end`."""
    first = (start - world.scenario.calendar.start).days * DAY
    last = ((end - world.scenario.calendar.start).days + 1) * DAY
    a = world.contacts.arrival_s
    return (a >= first) & (a < last)
