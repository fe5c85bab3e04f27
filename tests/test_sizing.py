"""Sizing a care model: the Erlang reference values of docs/domain.md, one interval
worked by hand, deferred work and costs, and `simlab model size`."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from simlab.analysis.sizing import (
    DEFAULT_SHRINKAGE,
    INTERVAL_COLUMNS,
    channel_aht,
    channel_patience,
    half_hour_shares,
    size,
    staffing_terms,
)
from simlab.lab import design
from simlab.model.care import CareModel
from simlab.model.scenario import Scenario
from tests.conftest import bundle
from tests.test_cli import simlab


def one_peak(per_30_min: float, aht: float, patience: float | None = None, target=(20, 0.80),
             per_minute: float = 0.0, second_channel: bool = False) -> tuple[Scenario, CareModel]:
    """A phone line whose Monday demand all falls in 10:00-11:00: `per_30_min` calls in
    each half hour, exponential handle times of mean `aht`."""
    patience_dist = None if patience is None else {"dist": "exponential", "mean": patience}
    profile = [0.0] * 24
    profile[10] = 1.0
    channels = [{"id": "phone", "name": {"it": "Telefono"}, "kind": "realtime"}]
    mix, pref, handle = {"phone": 1.0}, {"phone": 1.0}, {"phone": {"dist": "exponential",
                                                                   "mean": aht}}
    intraday = {"phone": profile}
    if second_channel:
        channels.append({"id": "email", "name": {"it": "Email"}, "kind": "deferred"})
        mix, pref = {"phone": 0.5, "email": 0.5}, {"phone": 0.5, "email": 0.5}
        handle["email"] = {"dist": "constant", "value": 360}
        intraday["email"] = [1 / 24] * 24
    volume = 2 * per_30_min / mix["phone"]
    scenario = Scenario.model_validate({
        "id": "picco", "title": {"it": "Picco"}, "description": {"it": "Picco"}, "seed": 1,
        "calendar": {"start": "2026-01-05", "days": 7},
        "company": {"name": "Prova", "sector": "energia", "customers": 1000,
                    "positioning": {"it": "x"}},
        "segments": [{"id": "tutti", "name": {"it": "Tutti"}, "share": 1.0, "value_eur": 0,
                      "channel_preference": pref, "patience": {"phone": patience_dist}}],
        "reasons": [{"id": "r", "name": {"it": "R"}, "share": 1.0, "priority": 1, "fcr": 1.0,
                     "handle": handle,
                     "texts": {"subjects": ["Oggetto"], "bodies": ["Testo"]}}],
        "channels": channels,
        "demand": {"volume_per_weekday": volume,
                   "weekday_factors": [1, 0, 0, 0, 0, 0, 0], "channel_mix": mix,
                   "intraday": intraday},
        "costs": {"per_minute": {"phone": per_minute}, "overhead_per_day": 0},
    })
    hours = {"phone": [{"days": "lun-ven", "from": "08:00", "to": "20:00"}]}
    if second_channel:
        hours["email"] = [{"days": "lun-ven", "from": "09:00", "to": "17:00"}]
    care = CareModel.model_validate({
        "id": "picco", "title": {"it": "Picco"}, "scenario": "picco",
        "queues": [{"id": c["id"], "name": {"it": c["id"]}, "channel": c["id"]}
                   for c in channels],
        "opening_hours": hours,
        "service_level": {"phone": {"threshold_s": target[0], "target": target[1]}},
    })
    return scenario, care


def _peak(sizing) -> pd.Series:
    rows = sizing.intervals
    return rows[(rows["day"] == "lun") & (rows["interval_start"] == "10:00")].iloc[0]


def test_c1_needs_14_agents_for_80_in_20_by_erlang_c_and_13_by_erlang_a():
    # docs/domain.md: 100 calls per 30 min, AHT 180 s: 13 agents give SL 0.795595 < 0.80,
    # 14 give 0.888350; with a mean patience of 300 s (case A4) 13 are enough.
    peak = _peak(size(*one_peak(100, 180, patience=300)))
    assert peak["forecast_contacts"] == pytest.approx(100)
    assert peak["aht_s"] == 180 and peak["target_sl"] == 0.80 and peak["target_s"] == 20
    assert peak["required_agents"] == 14
    assert peak["required_agents_erlang_a"] == 13
    assert peak["expected_sl"] == pytest.approx(0.888350, abs=5e-7)
    assert peak["expected_asa_s"] == pytest.approx(7.835937, abs=5e-7)


def test_c3_and_a1_reference_staffing():
    # C3: 9 calls a minute (270 per 30 min), AHT 300 s: 50 agents give SL 0.739280 in 20 s
    peak = _peak(size(*one_peak(270, 300, target=(20, 0.739))))
    assert peak["required_agents"] == 50
    assert peak["expected_sl"] == pytest.approx(0.739280, abs=5e-7)
    # A1: the same with a mean patience of 180 s: 50 agents give SL 0.893525
    peak = _peak(size(*one_peak(270, 300, patience=180, target=(20, 0.8935))))
    assert peak["required_agents_erlang_a"] == 50


def test_one_interval_worked_by_hand():
    # 100 calls, AHT 180 s, 80/20: 14 agents (above). Shrinkage 30%: 14 / 0.7 = 20 staff.
    # No plan: the default 20 €/h, so 20 staff × 0.5 h × 20 € = 200 €. Connection at
    # 0.01 €/min over handle + expected wait: 100 × (180 + 7.835937) s / 60 × 0.01 € = 3.1306 €.
    sizing = size(*one_peak(100, 180, per_minute=0.01), shrinkage=0.30)
    peak = _peak(sizing)
    assert peak["required_staff"] == 20
    assert peak["staff_cost_eur"] == pytest.approx(200.0)
    monday = sizing.days.set_index("day").loc["lun"]
    assert monday["staff_eur"] == pytest.approx(400.0)  # two such half hours
    assert monday["connection_eur"] == pytest.approx(2 * 100 * (180 + 7.835937) / 60 * 0.01,
                                                     abs=1e-5)
    assert sizing.cost_per_week == pytest.approx(monday["total_eur"])
    assert sizing.cost_per_month == pytest.approx(monday["total_eur"] / 7 * 365 / 12)
    basis = sizing.basis[0]
    assert basis.shrinkage_given and not basis.cost_given


def test_closed_intervals_need_nobody_and_every_interval_is_listed():
    scenario, care = one_peak(100, 180)
    sizing = size(scenario, care)
    assert list(sizing.intervals.columns) == list(INTERVAL_COLUMNS)
    assert len(sizing.intervals) == 7 * 48
    closed = sizing.intervals[sizing.intervals["open"] == 0]
    assert (closed["required_agents"] == 0).all()
    assert sizing.basis[0].shrinkage == DEFAULT_SHRINKAGE and not sizing.basis[0].shrinkage_given


def test_deferred_work_hours_and_weekend_carry_over():
    scenario, care = one_peak(100, 180, second_channel=True)
    sizing = size(scenario, care, shrinkage=0.20)
    email = sizing.deferred.set_index("day")
    # 200 emails on Monday (half of 400), 360 s each: 20 h of work, 25 h of staff at 20%
    # shrinkage, over 8 business hours: 3.125 people present
    assert email.loc["lun", "forecast_contacts"] == pytest.approx(200)
    assert email.loc["lun", "work_hours"] == pytest.approx(20)
    assert email.loc["lun", "staff_hours"] == pytest.approx(25)
    assert email.loc["lun", "staff_in_business_hours"] == pytest.approx(25 / 8)
    assert email.loc["sab", "work_hours"] == 0


def test_weekend_email_is_worked_on_monday():
    sizing = size(bundle("energia-base").scenario, bundle("energia-base").care,
                  bundle("energia-base").plan)
    email = sizing.deferred.set_index("day")
    weekend = email.loc["sab", "forecast_contacts"] + email.loc["dom", "forecast_contacts"]
    assert email.loc["lun", "work_hours"] == pytest.approx(
        (email.loc["lun", "forecast_contacts"] + weekend) * email.loc["lun", "aht_s"] / 3600)


def test_scenario_terms_aht_patience_and_profile():
    sc = bundle("energia-base").scenario
    # reasons' phone means weighted by share (mixtures: 5% × 4 s + 95% × the long part)
    expected = sum(r.share * r.handle["phone"].mean for r in sc.reasons)
    assert channel_aht(sc, "phone") == pytest.approx(expected)
    assert channel_patience(sc, "email") is None
    assert 300 < channel_patience(sc, "phone") < 480  # Weibull means of 320-480 s
    halves = half_hour_shares([1 / 24] * 24)
    assert len(halves) == 48 and sum(halves) == pytest.approx(1)
    assert half_hour_shares([0.25, 0.75] + [0.0] * 94)[0] == pytest.approx(1.0)


def test_plan_shrinkage_combines_absence_and_breaks():
    b = bundle("energia-base")
    shrink, cost = staffing_terms(b.plan, b.care, "email")
    # back office (12, absence 6%, 90 min of breaks in 9 h) and the two teams with email
    # skills: every team's shrinkage is between its absence rate and 30%
    assert 0.06 < shrink < 0.30 and 19 < cost < 24


def test_energia_baseline_sizing_is_near_its_plan():
    b = bundle("energia-base")
    peak = size(b.scenario, b.care, b.plan).intervals
    phone = peak[(peak["channel"] == "phone") & (peak["day"] == "lun")]
    # the plan's notes: ~21 agents at the Monday 10-11 peak for 80/20 on the phone
    assert 20 <= phone["required_agents"].max() <= 24


def test_cli_model_size_writes_csv_and_xlsx(tmp_path):
    out = tmp_path / "size.csv"
    r = simlab("model", "size", "energia-base", "--scenario", "energia-base", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "Costo al mese" in r.stdout and "Erlang C" in r.stdout
    raw = out.read_bytes()
    assert raw.startswith("\ufeff".encode())
    frame = pd.read_csv(io.BytesIO(raw), sep=";", decimal=",", encoding="utf-8-sig")
    for column in ("interval_start", "channel", "forecast_contacts", "aht_s", "target_sl",
                   "target_s", "required_agents", "required_staff"):
        assert column in frame.columns
    assert set(frame["channel"]) == {"phone", "chat"}
    r = simlab("model", "size", "energia-base", "--scenario", "energia-base",
               "--out", str(tmp_path / "size.xlsx"))
    assert r.returncode == 0 and (tmp_path / "size.xlsx").stat().st_size > 1000


def test_cli_model_size_bad_shrinkage_and_missing_model():
    r = simlab("model", "size", "energia-base", "--scenario", "energia-base",
               "--shrinkage", "0.95")
    assert r.returncode == 2 and "--shrinkage" in r.stderr and "Traceback" not in r.stderr
    r = simlab("model", "size", "energia-base", "--scenario", "energia-base",
               "--out", "/nessuna/cartella/f.csv")
    assert r.returncode == 2 and "/nessuna/cartella/f.csv" in r.stderr and not r.stdout
    r = simlab("model", "size", "nessuno", "--scenario", "energia-base")
    assert r.returncode == 2 and "nessuno" in r.stderr and "Traceback" not in r.stderr


def test_a_plan_that_does_not_fit_falls_back_to_defaults(tmp_path):
    from tests.test_design_check import care_file

    queues = [{"id": "tutto", "name": {"it": "Tutto"}, "channel": c}
              for c in ("phone", "chat", "email")]
    queues = [{**q, "id": f"{q['channel']}-tutto"} for q in queues]
    # the skill groups name the old queues: they go with them
    path = care_file(tmp_path, "energia-base", queues=queues, skill_groups=[])
    d = design.load(str(path), "energia-base")
    assert d.plan is None and d.plan_note
    assert not design.sizing(d).basis[0].shrinkage_given


def test_unreachable_targets_are_user_errors_naming_the_key():
    from simlab.errors import SimlabError

    with pytest.raises(SimlabError, match="100%") as e:
        size(*one_peak(100, 180, target=(20, 1.0)))
    assert e.value.key == "service_level.phone"
    with pytest.raises(SimlabError, match="10000") as e:
        size(*one_peak(100_000, 3600, target=(5, 0.99)))
    assert e.value.key == "service_level.phone"


@hsettings(max_examples=25, deadline=None)
@given(calls=st.floats(1, 400), aht=st.floats(30, 900), threshold=st.sampled_from([10, 20, 60]),
       target=st.floats(0.5, 0.95), shrinkage=st.floats(0, 0.5))
def test_the_required_agents_are_the_fewest_that_meet_the_target(calls, aht, threshold,
                                                                 target, shrinkage):
    from simlab.queueing import erlang_c_metrics

    peak = _peak(size(*one_peak(calls, aht, target=(threshold, target)), shrinkage=shrinkage))
    n, lam = int(peak["required_agents"]), calls / 1800
    assert peak["expected_sl"] >= target
    if n - 1 > lam * aht:  # one fewer, if still stable, misses the target
        assert erlang_c_metrics(lam, aht, n - 1, threshold).service_level < target
    assert peak["required_staff"] >= n / (1 - shrinkage) - 1e-9
    assert peak["required_staff"] < n / (1 - shrinkage) + 1
