"""The shipped scenarios against a real call log (docs/scenarios.md, "Calibration"):
handle times as irregular as real ones, callers' hazard of hanging up falling with the
wait, no calls on days the line is closed, and a plan that meets real pressure."""

from __future__ import annotations

import numpy as np
import pytest

from simlab.lab import runner
from simlab.model.distributions import Weibull
from simlab.world import build
from tests.conftest import bundle

SHIPPED = ["energia-base", "telco-base", "ecommerce-base"]


@pytest.mark.parametrize("name", SHIPPED)
def test_phone_handle_times_have_the_shape_of_a_real_log(name):
    """Bank log: cv 1.2, 5% of calls under 10 s, p90 ÷ median 3.8 (was 0.85, 0%, 2.5).
    With ~20,000 calls in 14 days each figure is known to about 1%, far inside the bands."""
    b = bundle(name)
    world = build(b.scenario, days=14)
    h = world.contacts.handle_base_s[world.contacts.channel == world.channels.index("phone")]
    assert 1.1 < h.std() / h.mean() < 1.4
    assert 0.03 < (h < 10).mean() < 0.07
    assert 3.0 < np.quantile(h, 0.9) / np.median(h) < 4.2


@pytest.mark.parametrize("name", SHIPPED)
def test_callers_hazard_of_hanging_up_falls_with_the_wait(name):
    for segment in bundle(name).scenario.segments:
        for channel in ("phone", "chat"):
            dist = segment.patience[channel]
            assert isinstance(dist, Weibull) and dist.shape_scale()[0] < 1


@pytest.mark.parametrize("name", SHIPPED)
def test_no_calls_on_days_the_phone_line_is_closed(name):
    b = bundle(name)
    open_days = {d for w in b.care.opening_hours["phone"] for d in w.days}
    world = build(b.scenario, days=14)
    day = (world.contacts.arrival_s[world.contacts.channel == world.channels.index("phone")]
           // 86400).astype(int)
    weekday = np.array([b.scenario.calendar.date_of(d).weekday() for d in range(14)])
    assert set(np.unique(weekday[day])) <= open_days


@pytest.mark.parametrize("name", SHIPPED)
def test_the_baseline_plan_meets_real_pressure(name):
    """A month on the scenario's seed: phone service level near the care model's target
    and some callers hanging up. The plans were tuned so that the mean over three seeds
    lands just under the target; one month's figure moves by about 1.5 points from seed
    to seed (a few thousand calls, correlated within a day), hence the 2-point margin."""
    result = runner.execute(bundle(name))
    phone = result.summary["channels"]["phone"]
    target = result.bundle.care.service_level["phone"].target
    assert target - 0.08 < phone["service_level"] <= target + 0.02
    assert 0.03 <= phone["abandon_rate"] <= 0.09
