"""The World: every contact of a scenario, drawn before any decision is taken."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from simlab.model.scenario import Scenario
from simlab.world.customers import CustomerPool
from simlab.world.texts import details, fill

DAY = 86400.0


@dataclass
class Contacts:
    """One entry per contact, sorted by arrival. Categories are indices into the
    scenario's lists (channels, segments, reasons)."""

    arrival_s: np.ndarray  # float64, seconds from the first day's midnight
    channel: np.ndarray  # int8
    segment: np.ndarray  # int8
    reason: np.ndarray  # int16
    priority: np.ndarray  # int8
    customer: np.ndarray  # int64
    patience_s: np.ndarray | None  # float64, inf = never abandons (None once released)
    handle_base_s: np.ndarray | None  # float64, before the agent's proficiency (idem)
    u_resolve: np.ndarray | None  # float64 in [0, 1): resolved at first contact if below the
    # chance (None once released: the contact table holds the outcome, `resolved`)
    subject_tpl: np.ndarray  # int16
    body_tpl: np.ndarray  # int16
    detail: np.ndarray  # int64: case number, amount, dates in the texts

    def __len__(self) -> int:
        return len(self.arrival_s)

    def release_engine_inputs(self) -> None:
        """Let go of what only the simulation and its tables read (24 bytes a contact): a
        run's caller keeps the world for the texts and the tables, not to simulate it
        again."""
        self.patience_s = None
        self.handle_base_s = None
        self.u_resolve = None

    @property
    def simulable(self) -> bool:
        return all(a is not None for a in (self.patience_s, self.handle_base_s, self.u_resolve))


@dataclass
class World:
    scenario: Scenario
    seed: int
    days: int
    customers: CustomerPool
    contacts: Contacts
    channels: list[str] = field(default_factory=list)
    segments: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    @property
    def horizon_s(self) -> float:
        return self.days * DAY

    @property
    def start(self) -> dt.datetime:
        return dt.datetime.combine(self.scenario.calendar.start, dt.time())

    def timestamp(self, seconds: float) -> dt.datetime:
        return self.start + dt.timedelta(seconds=float(seconds))

    def text(self, i: int) -> tuple[str, str]:
        """The Italian subject and body of contact `i`."""
        c = self.contacts
        reason = self.scenario.reasons[int(c.reason[i])]
        values = self.customers.describe(int(c.customer[i]))
        values.update(details(int(c.detail[i]), self.timestamp(c.arrival_s[i])))
        values["azienda"] = self.scenario.company.name
        subject = reason.texts.subjects[int(c.subject_tpl[i]) % len(reason.texts.subjects)]
        body = reason.texts.bodies[int(c.body_tpl[i]) % len(reason.texts.bodies)]
        return fill(subject, values), fill(body, values)

    def customer(self, i: int) -> dict[str, str]:
        return self.customers.describe(int(self.contacts.customer[i]))
