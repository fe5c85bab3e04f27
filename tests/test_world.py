"""The synthetic world: deterministic, independent of decisions, realistic."""

from __future__ import annotations

import dataclasses
import hashlib
import re

import numpy as np

from simlab.engine import simulate
from simlab.world import build
from simlab.world.arrivals import day_factors
from tests.conftest import bundle


def _digest(world) -> str:
    h = hashlib.sha256()
    for f in dataclasses.fields(world.contacts):
        h.update(np.ascontiguousarray(getattr(world.contacts, f.name)).tobytes())
    return h.hexdigest()


def test_same_scenario_and_seed_give_the_same_world_byte_for_byte():
    b = bundle()
    assert _digest(build(b.scenario, 5, 3)) == _digest(build(b.scenario, 5, 3))
    assert _digest(build(b.scenario, 5, 3)) != _digest(build(b.scenario, 6, 3))


def test_decisions_never_change_the_world():
    """Common random numbers: running any plan leaves the world as it was."""
    b = bundle()
    world = build(b.scenario, days=2)
    before = _digest(world)
    fewer = b.plan.model_copy(update={"teams": b.plan.teams[:1] + [
        t.model_copy(update={"absence_rate": 0.3}) for t in b.plan.teams[1:]]})
    simulate(world, b.care, fewer)
    assert _digest(world) == before
    assert _digest(build(b.scenario, days=2)) == before


def test_daily_volume_matches_the_demand_within_poisson_error():
    b = bundle()
    days = 14
    world = build(b.scenario, days=days)
    base, extra, _ = day_factors(b.scenario, days)
    mix = np.array([b.scenario.demand.channel_mix[c] for c in world.channels])
    expected = b.scenario.demand.volume_per_weekday * ((base + extra).sum(axis=1) * mix).sum()
    assert abs(len(world.contacts) - expected) < 4 * np.sqrt(expected)


def test_channel_mix_matches_the_demand():
    b = bundle()
    world = build(b.scenario, days=7)
    n = len(world.contacts)
    base, extra, _ = day_factors(b.scenario, 7)
    mix = np.array([b.scenario.demand.channel_mix[c] for c in world.channels])
    expected = mix * (base + extra).sum(axis=1)  # the channels' own weekday factors
    for c in range(len(world.channels)):
        share = expected[c] / expected.sum()
        observed = (world.contacts.channel == c).mean()
        assert abs(observed - share) < 4 * np.sqrt(share * (1 - share) / n) + 1e-3


def test_arrivals_are_sorted_and_inside_the_calendar():
    b = bundle()
    world = build(b.scenario, days=3)
    t = world.contacts.arrival_s
    assert (np.diff(t) >= 0).all() and t.min() >= 0 and t.max() < 3 * 86400


def test_outage_day_brings_extra_contacts_for_its_reason():
    b = bundle()
    event = b.scenario.demand.events[0]
    d = (event.date - b.scenario.calendar.start).days
    world = build(b.scenario, days=d + 1)
    reason = world.reasons.index(event.reason)
    day = (world.contacts.arrival_s // 86400).astype(int)
    share_event = (world.contacts.reason[day == d] == reason).mean()
    share_before = (world.contacts.reason[(day < d) & (day >= d - 5)] == reason).mean()
    assert share_event > share_before * 1.2


def test_texts_are_italian_sentences_with_every_placeholder_filled():
    b = bundle()
    world = build(b.scenario, days=1)
    for i in range(0, len(world.contacts), max(1, len(world.contacts) // 200)):
        subject, body = world.text(i)
        assert subject and len(body.split()) >= 5
        assert not re.search(r"[{}]", subject + body)
    customer = world.customer(0)
    assert re.fullmatch(r"CL\d{8}", customer["codice_cliente"])
    assert "@" in customer["email"] and customer["comune"]


def test_customers_belong_to_the_segment_of_the_contact():
    b = bundle()
    world = build(b.scenario, days=2)
    seg = world.customers.segment_of(world.contacts.customer)
    assert (seg == world.contacts.segment).all()


def test_the_first_days_are_the_same_whatever_the_length_of_the_run():
    """Common random numbers across lengths: a 7-day check and a 30-day run meet the
    same customers, with the same handle times, patience, texts, … on days 0-6."""
    b = bundle()
    short, long = build(b.scenario, 11, 7), build(b.scenario, 11, 30)
    first = long.contacts.arrival_s < 7 * 86400
    assert first.sum() == len(short.contacts) > 1000 and not first.all()
    for f in dataclasses.fields(short.contacts):
        a, z = getattr(short.contacts, f.name), getattr(long.contacts, f.name)[first]
        assert a.dtype == z.dtype and np.array_equal(a, z), f.name
    assert short.text(len(short.contacts) - 1) == long.text(len(short.contacts) - 1)


def test_weekday_factors_per_channel_close_a_channel_on_sunday():
    b = bundle()
    week = [1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 0.5]

    def world_with(factors):
        data = b.scenario.model_dump(by_alias=True)
        data["demand"]["weekday_factors"] = factors
        return build(type(b.scenario).model_validate(data), 3, 14)

    def sunday_contacts(world, phone: bool) -> int:
        sunday = np.array([b.scenario.calendar.date_of(d).weekday() == 6 for d in range(14)])
        on_sunday = sunday[(world.contacts.arrival_s // 86400).astype(int)]
        is_phone = world.contacts.channel == world.channels.index("phone")
        return int((on_sunday & (is_phone == phone)).sum())

    shared = world_with(week)
    per_channel = world_with({c.id: week if c.id != "phone" else week[:6] + [0.0]
                              for c in b.scenario.channels})
    assert sunday_contacts(shared, phone=True) > 100
    assert sunday_contacts(per_channel, phone=True) == 0
    assert sunday_contacts(per_channel, phone=False) == sunday_contacts(shared, phone=False) > 100


def test_holiday_factor_per_channel():
    b = bundle()
    data = b.scenario.model_dump(by_alias=True)
    holiday = b.scenario.calendar.date_of(2)
    data["calendar"]["holidays"] = [holiday]
    data["demand"]["holiday_factor"] = {c.id: 0.0 if c.id == "phone" else 1.0
                                        for c in b.scenario.channels}
    world = build(type(b.scenario).model_validate(data), 3, 4)
    on_holiday = (world.contacts.arrival_s // 86400).astype(int) == 2
    is_phone = world.contacts.channel == world.channels.index("phone")
    assert not (on_holiday & is_phone).any() and (on_holiday & ~is_phone).sum() > 100
    assert (~on_holiday & is_phone).sum() > 1000
