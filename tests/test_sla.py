"""SLA per channel and priority, callbacks' SLA and the ticket clock, on small logs and
clocks worked by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from simlab.analysis.sla import realtime_sla, ticket_clock, ticket_sla
from simlab.lab import runner

H = 3600.0


def _care(**extra):
    base = runner.load_bundle("telco-base").care
    return base.model_validate({**base.model_dump(by_alias=True), **extra})


def _log(rows):
    cols = ["channel", "priority", "outcome", "wait_s"]
    frame = pd.DataFrame(rows, columns=cols)
    frame["channel"] = frame["channel"].astype("category")
    frame["outcome"] = frame["outcome"].astype("category")
    return frame


def test_per_priority_service_level_by_hand():
    care = _care(realtime_sla=[
        {"channel": "phone", "priority": 3, "threshold_s": 20, "target": 0.9,
         "max_abandon_rate": 0.2},
        {"channel": "phone", "threshold_s": 30, "target": 0.5, "asa_s": 25}])
    log = _log([
        ("phone", 3, "answered", 10), ("phone", 3, "answered", 25),
        ("phone", 3, "abandoned", 40), ("phone", 3, "abandoned", 5),
        ("phone", 1, "answered", 10), ("phone", 1, "answered", 40),
        ("phone", 2, "answered", 29), ("phone", 1, "out_of_hours", np.nan),
        ("chat", 3, "answered", 100),
    ])
    out = realtime_sla(log, care)
    p3 = out.iloc[0]
    # priority 3, T = 20: within 1 (10 s); answered 2 + abandoned after T 1 (40 s) = 3
    assert p3["offered"] == 4 and p3["service_level"] == pytest.approx(1 / 3)
    assert not p3["sl_met"]
    assert p3["abandon_rate"] == pytest.approx(0.5) and not p3["abandon_met"]
    other = out.iloc[1]  # every other priority of phone, T = 30: 10, 40, 29 → 2 of 3
    assert other["offered"] == 3 and other["service_level"] == pytest.approx(2 / 3)
    assert other["sl_met"] and other["asa_s"] == pytest.approx(79 / 3)
    assert not other["asa_met"]  # 26.3 s > 25 s


def test_ticket_sla_per_priority_counts_breaches_that_stay():
    care = _care(ticket_sla=[{"channel": "email", "priority": 2, "first_response_h": 8,
                              "resolution_h": 16, "warning_at": 0.5}])
    log = pd.DataFrame({
        "channel": pd.Categorical(["email"] * 4 + ["email"]),
        "priority": [2, 2, 2, 2, 1],
        "frt_bh_s": [2 * H, 5 * H, 9 * H, np.nan, 1 * H],
        "resolution_bh_s": [2 * H, np.nan, 20 * H, np.nan, 1 * H],
        "backlog_age_bh_s": [np.nan, np.nan, np.nan, 10 * H, np.nan],
    })
    row = ticket_sla(log, care).iloc[0]
    assert row["tickets"] == 4
    # first response ≤ 8 h: 2 h and 5 h met; 9 h late; the open one (10 h) is due and late
    assert row["first_response"] == pytest.approx(2 / 4)
    assert row["breached"] == 2 and row["warnings"] == 3  # 5, 9 and 10 h ≥ 4 h
    # resolution ≤ 16 h: 2 h met, 20 h late (answered but breached); 5 h and the open
    # one (unresolved, 10 h < 16 h) not due yet
    assert row["resolution"] == pytest.approx(1 / 2) and row["resolution_breached"] == 1


OPEN = np.array([[9 * H, 18 * H], [33 * H, 42 * H]])  # two days, 09:00-18:00


def test_ticket_clock_runs_in_business_hours_only():
    c = ticket_clock(OPEN, 17 * H, 34 * H, target_s=4 * H, warning_at=0.5)
    # 17-18 on day 1, 09-10 on day 2: 2 business hours, under the 4 h target
    assert c.elapsed_s == pytest.approx(2 * H)
    assert c.warned_at == pytest.approx(33 * H + 1 * H) and c.breached_at is None


def test_ticket_clock_pauses_while_waiting_for_the_customer():
    paused = ticket_clock(OPEN, 10 * H, 14 * H, target_s=3 * H, warning_at=0.8,
                          pauses=[(11 * H, 13 * H)])
    assert paused.elapsed_s == pytest.approx(2 * H) and paused.breached_at is None
    running = ticket_clock(OPEN, 10 * H, 14 * H, target_s=3 * H, warning_at=0.8)
    assert running.elapsed_s == pytest.approx(4 * H)
    assert running.breached_at == pytest.approx(13 * H)  # 3 h after 10:00
    assert running.warned_at == pytest.approx(10 * H + 0.8 * 3 * H)


def test_a_breach_stays_even_when_the_answer_comes_later():
    late = ticket_clock(OPEN, 9 * H, 35 * H, target_s=8 * H, warning_at=0.8)
    assert late.breached_at == pytest.approx(17 * H)
    # on the dot is within
    exact = ticket_clock(OPEN, 9 * H, 17 * H, target_s=8 * H, warning_at=0.8)
    assert exact.breached_at is None and exact.elapsed_s == pytest.approx(8 * H)
