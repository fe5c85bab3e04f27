"""Arrival times: a non-homogeneous Poisson process whose rate is constant within each
hour (or quarter hour) of the intraday profile, so counts per bin are Poisson and times
inside a bin are uniform: exact, and one numpy call for the whole calendar."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from simlab.model.scenario import Scenario

DAY = 86400.0


@dataclass
class Arrivals:
    time_s: np.ndarray
    channel: np.ndarray
    forced_reason: np.ndarray  # -1, or the reason of an event's extra contacts


def day_factors(scenario: Scenario, days: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per day: the demand factor, the extra factor of events naming a reason, that reason."""
    cal, demand = scenario.calendar, scenario.demand
    holidays = set(cal.holidays)
    reasons = [r.id for r in scenario.reasons]
    base = np.empty(days)
    extra = np.zeros(days)
    extra_reason = np.full(days, -1, dtype=np.int64)
    for d in range(days):
        date = cal.date_of(d)
        base[d] = demand.holiday_factor if date in holidays else demand.weekday_factors[date.weekday()]
    for event in demand.events:
        d = (event.date - cal.start).days
        if not 0 <= d < days:
            continue
        if event.reason is None or event.factor <= 1:
            base[d] *= event.factor
        else:
            extra[d] = base[d] * (event.factor - 1)
            extra_reason[d] = reasons.index(event.reason)
    return base, extra, extra_reason


def draw_arrivals(scenario: Scenario, days: int, rng: np.random.Generator) -> Arrivals:
    demand = scenario.demand
    base, extra, extra_reason = day_factors(scenario, days)
    times, channels, forced = [], [], []
    for c, channel in enumerate(scenario.channels):
        profile = np.asarray(demand.intraday[channel.id], dtype=float)
        profile = profile / profile.sum()
        bins = len(profile)
        width = DAY / bins
        per_bin = demand.volume_per_weekday * demand.channel_mix[channel.id] * profile
        for factors, reason in ((base, None), (extra, extra_reason)):
            lam = np.outer(factors, per_bin).ravel()
            counts = rng.poisson(lam)
            starts = np.repeat(np.arange(lam.size) * width, counts)
            times.append(starts + rng.random(starts.size) * width)
            channels.append(np.full(starts.size, c, dtype=np.int8))
            if reason is None:
                forced.append(np.full(starts.size, -1, dtype=np.int64))
            else:
                forced.append(np.repeat(np.repeat(reason, bins), counts))
    time_s = np.concatenate(times)
    order = np.argsort(time_s, kind="stable")
    return Arrivals(time_s[order], np.concatenate(channels)[order], np.concatenate(forced)[order])


def stationary_arrivals(rate_per_s: float, count: int, rng: np.random.Generator) -> np.ndarray:
    """`count` arrival times of a homogeneous Poisson process (the queue lab)."""
    return np.cumsum(rng.exponential(1.0 / rate_per_s, count))
