"""Every KPI of docs/kpi.md against numbers worked by hand on small contact and agent
tables: zero denominators, abandonment before and after T, tickets falling due."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from simlab.analysis import kpi
from simlab.model.care import CareModel

NAN = float("nan")
HOURS = [{"days": "lun-dom", "from": "00:00", "to": "24:00"}]


def care(chat_t: float = 30.0) -> CareModel:
    return CareModel.model_validate({
        "id": "c", "title": {"it": "c"}, "scenario": "s",
        "queues": [{"id": q, "name": {"it": q}, "channel": q} for q in ("phone", "chat", "email")],
        "opening_hours": {c: HOURS for c in ("phone", "chat", "email")},
        "service_level": {"phone": {"threshold_s": 20, "target": 0.8},
                          "chat": {"threshold_s": chat_t, "target": 0.9}},
        "tickets": {"email": {"first_response_h": 8, "resolution_h": 24}},
    })


# channel, outcome, wait_s, handle_s, resolved, frt_bh_s, backlog_age_bh_s, arrival_s
ROWS = [
    ("phone", "answered", 10, 100, True, NAN, NAN, 3600),      # within T
    ("phone", "answered", 30, 200, False, NAN, NAN, 3700),     # after T
    ("phone", "abandoned", 5, NAN, False, NAN, NAN, 3800),     # abandoned before T: not in SL
    ("phone", "abandoned", 40, NAN, False, NAN, NAN, 90000),   # abandoned after T: counts
    ("phone", "out_of_hours", NAN, NAN, False, NAN, NAN, 100),
    ("phone", "open", NAN, NAN, False, NAN, NAN, 172000),      # still in queue at the end
    ("chat", "answered", 25, 300, True, NAN, NAN, 4000),       # within 30 s, not within 20 s
    ("email", "answered", 5000, 600, True, 3600, NAN, 5000),   # first response in 1 h: met
    ("email", "answered", 90000, 400, False, 36000, NAN, 6000),  # 10 h: missed
    ("email", "open", NAN, NAN, False, NAN, 30000, 7000),      # open past its 8 h: due, missed
    ("email", "open", NAN, NAN, False, NAN, 100, 170000),      # open, not yet due
]
CHANNELS = ["phone", "chat", "email", "fax"]  # fax: no contact at all


def contacts(rows=ROWS) -> pd.DataFrame:
    cols = list(zip(*rows, strict=True))
    return pd.DataFrame({
        "contact_id": np.arange(len(rows)),
        "channel": pd.Categorical(cols[0], categories=CHANNELS),
        "outcome": pd.Categorical(cols[1], categories=["open", "answered", "abandoned",
                                                        "out_of_hours"]),
        "wait_s": np.array(cols[2], dtype=float),
        "handle_s": np.array(cols[3], dtype=float),
        "resolved": np.array(cols[4], dtype=bool),
        "frt_bh_s": np.array(cols[5], dtype=float),
        "backlog_age_bh_s": np.array(cols[6], dtype=float),
        "arrival_s": np.array(cols[7], dtype=float),
    })


def test_kpis_per_channel_worked_by_hand():
    f = kpi.by_channel(contacts(), care())
    phone, chat, email = f.loc["phone"], f.loc["chat"], f.loc["email"]
    assert (phone["arrivals"], phone["out_of_hours"], phone["offered"]) == (6, 1, 5)
    assert (phone["answered"], phone["abandoned"]) == (2, 2)
    assert phone["service_level"] == pytest.approx(1 / 3)  # 1 within ÷ (2 answered + 1 late)
    assert phone["asa_s"] == pytest.approx(20.0)  # (10 + 30) ÷ 2
    assert phone["aht_s"] == pytest.approx(150.0)
    assert phone["abandon_rate"] == pytest.approx(2 / 5)
    assert phone["fcr"] == pytest.approx(1 / 2)
    assert (phone["backlog"], phone["in_queue_end"]) == (0, 1)  # a waiting call is no backlog
    assert chat["service_level"] == 1.0 and chat["asa_s"] == 25.0
    assert (email["offered"], email["answered"], email["backlog"], email["in_queue_end"]) == (
        4, 2, 2, 0)
    assert math.isnan(email["service_level"]) and math.isnan(email["asa_s"])
    assert email["aht_s"] == pytest.approx(500.0)
    assert email["abandon_rate"] == 0.0
    assert email["frt_h"] == pytest.approx(5.5)  # (1 h + 10 h) ÷ 2
    assert email["ticket_sla"] == pytest.approx(1 / 3)  # 1 met ÷ (2 answered + 1 open past due)


def test_zero_denominators_are_nan_not_zero():
    fax = kpi.by_channel(contacts(), care()).loc["fax"]
    assert (fax["offered"], fax["answered"], fax["backlog"]) == (0, 0, 0)
    for key in ("service_level", "asa_s", "aht_s", "abandon_rate", "fcr", "frt_h",
                "ticket_sla"):
        assert math.isnan(fax[key]), key
    only_out = contacts([("phone", "out_of_hours", NAN, NAN, False, NAN, NAN, 0)])
    assert math.isnan(kpi.by_channel(only_out, care()).loc["phone", "abandon_rate"])


def test_threshold_is_inclusive_for_answers_and_exclusive_for_abandonment():
    rows = [("phone", "answered", 20, 60, False, NAN, NAN, 0),   # exactly T: within
            ("phone", "abandoned", 20, NAN, False, NAN, NAN, 1)]  # exactly T: not after T
    assert kpi.by_channel(contacts(rows), care()).loc["phone", "service_level"] == 1.0


def test_total_sl_only_when_every_channel_shares_its_threshold():
    mixed = kpi.by_channel(contacts(), care(chat_t=30)).loc["total"]
    assert math.isnan(mixed["service_level"]) and math.isnan(mixed["sl_threshold_s"])
    shared = kpi.by_channel(contacts(), care(chat_t=20)).loc["total"]
    assert shared["service_level"] == pytest.approx(1 / 4)  # 1 within ÷ (3 answered + 1 late)
    assert shared["sl_threshold_s"] == 20.0
    total = mixed
    assert (total["offered"], total["answered"], total["backlog"], total["in_queue_end"]) == (
        10, 5, 2, 1)
    assert total["aht_s"] == pytest.approx(320.0)  # 1600 ÷ 5
    assert total["asa_s"] == pytest.approx(65 / 3)  # real-time answers only
    assert total["abandon_rate"] == pytest.approx(0.2)
    assert total["fcr"] == pytest.approx(3 / 5)


def test_sl_against_the_care_model_target():
    f = kpi.by_channel(contacts(), care())
    assert f.loc["phone", "sl_threshold_s"] == 20.0 and f.loc["phone", "sl_target"] == 0.8
    assert f.loc["phone", "sl_gap"] == pytest.approx(1 / 3 - 0.8)
    assert f.loc["chat", "sl_gap"] == pytest.approx(0.1)
    assert math.isnan(f.loc["email", "sl_target"])  # no SL, so no target to meet


def test_kpis_per_day_split_by_arrival_day():
    days = kpi.by_channel_day(contacts(), care())
    assert days.loc[("phone", 0), "service_level"] == pytest.approx(1 / 2)
    assert days.loc[("phone", 1), "service_level"] == 0.0  # only the late abandonment
    assert days.loc[("phone", 1), "sl_threshold_s"] == 20.0
    assert days.loc[("email", 1), "backlog"] == 1


def test_occupancy_per_team_worked_by_hand():
    agents = pd.DataFrame({
        "team": pd.Categorical(["a", "a", "a"], categories=["a", "b"]),
        "staffed_s": [2700.0, 900.0, 900.0], "busy_s": [1800.0, 0.0, 300.0],
        "break_s": [0.0, 900.0, 0.0], "available_s": [900.0, 0.0, 600.0],
    })
    teams = kpi.by_team(agents)
    assert teams.loc["a", "occupancy"] == pytest.approx(2100 / 3600)
    assert teams.loc["a", "staffed_h"] == pytest.approx(1.25)
    assert math.isnan(teams.loc["b", "occupancy"])  # never staffed


def test_cost_per_contact_worked_by_hand():
    costs = pd.DataFrame({"item": ["staff", "overhead"], "amount": [100.0, 20.0]})
    cost = kpi.cost_summary(costs, contacts())
    assert (cost["total"], cost["handled"], cost["cost_per_contact"]) == (120.0, 5, 24.0)
    none = kpi.cost_summary(costs, contacts(ROWS[2:6]))
    assert math.isnan(none["cost_per_contact"])
