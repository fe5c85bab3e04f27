"""Arrival times: a non-homogeneous Poisson process whose rate is constant within each
hour (or quarter hour) of the intraday profile, so counts per bin are Poisson and times
inside a bin are uniform: exact, and a few numpy calls per day.

Each channel and day draws from its own stream (`day_stream(seed, "arrivals/phone", day)`),
so day d holds the same contacts whatever the number of days of the run (common random
numbers)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from simlab.model.scenario import Scenario
from simlab.world.streams import day_stream

DAY = 86400.0


@dataclass
class Arrivals:
    time_s: np.ndarray
    channel: np.ndarray
    forced_reason: np.ndarray  # -1, or the reason of an event's extra contacts


def day_factors(scenario: Scenario, days: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per channel and day (arrays channels × days): the demand factor and the extra factor
    of events naming a reason; per day: that reason (-1 if none)."""
    cal, demand = scenario.calendar, scenario.demand
    holidays = set(cal.holidays)
    reasons = [r.id for r in scenario.reasons]
    n_ch = len(scenario.channels)
    weekday = np.array([demand.weekday_factors_of(c.id) for c in scenario.channels], dtype=float)
    holiday = np.array([demand.holiday_factor_of(c.id) for c in scenario.channels], dtype=float)
    dates = [cal.date_of(d) for d in range(days)]
    is_holiday = np.array([date in holidays for date in dates], dtype=bool)
    base = weekday[:, [date.weekday() for date in dates]].reshape(n_ch, days)
    base[:, is_holiday] = holiday[:, None]
    extra = np.zeros((n_ch, days))
    extra_reason = np.full(days, -1, dtype=np.int64)
    for event in demand.events:
        d = (event.date - cal.start).days
        if not 0 <= d < days:
            continue
        if event.reason is None or event.factor <= 1:
            base[:, d] *= event.factor
        else:
            extra[:, d] = base[:, d] * (event.factor - 1)
            extra_reason[d] = reasons.index(event.reason)
    return base, extra, extra_reason


def draw_arrivals(scenario: Scenario, days: int, seed: int) -> Arrivals:
    """Every arrival of days 0 … days-1, in time order. Each channel and day has its own
    stream, so a change to one channel's demand leaves the other channels' arrivals be."""
    demand = scenario.demand
    base, extra, extra_reason = day_factors(scenario, days)
    per_day: list[list[tuple[np.ndarray, int, np.ndarray]]] = [[] for _ in range(days)]
    for c, channel in enumerate(scenario.channels):
        profile = np.asarray(demand.intraday[channel.id], dtype=float)
        profile = profile / profile.sum()
        bins = len(profile)
        width = DAY / bins
        rate = demand.volume_per_weekday * demand.channel_mix[channel.id] * profile
        # the base contacts first, then the event's extra contacts, bin by bin
        start = np.tile(np.arange(bins) * width, 2)
        is_extra = np.repeat([False, True], bins)
        name = f"arrivals/{channel.id}"
        for d in range(days):
            lam = np.concatenate([rate * base[c, d], rate * extra[c, d]])
            if not lam.any():
                continue
            rng = day_stream(seed, name, d)
            counts = rng.poisson(lam)
            t = d * DAY + np.repeat(start, counts) + rng.random(int(counts.sum())) * width
            per_day[d].append((t, c, np.repeat(is_extra, counts)))
    times, channels, forced = [], [], []
    for d, parts in enumerate(per_day):
        if not parts:
            continue
        t = np.concatenate([p[0] for p in parts])
        order = np.argsort(t, kind="stable")
        times.append(t[order])
        channels.append(np.concatenate([np.full(p[0].size, p[1], np.int8) for p in parts])[order])
        extra_flag = np.concatenate([p[2] for p in parts])[order]
        forced.append(np.where(extra_flag, extra_reason[d], -1).astype(np.int64))
    if not times:
        return Arrivals(np.empty(0), np.empty(0, np.int8), np.empty(0, np.int64))
    return Arrivals(np.concatenate(times), np.concatenate(channels), np.concatenate(forced))


def stationary_arrivals(rate_per_s: float, count: int, rng: np.random.Generator) -> np.ndarray:
    """`count` arrival times of a homogeneous Poisson process (the queue lab)."""
    return np.cumsum(rng.exponential(1.0 / rate_per_s, count))
