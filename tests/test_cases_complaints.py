"""Complaints by ISO 10002 steps: the back office's timing worked by hand, deadlines,
compensation, conciliation and churn moving the expected way on a fixed seed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from simlab.cases.backoffice import Capacity, work_through
from simlab.cases.complaints import _compensation
from simlab.lab import cases as lab_cases
from simlab.model.plan_cases import BackOffice, ComplaintProcedure
from tests.cases_helpers import cost, run

H = 3600.0
DAY = 86400.0


def test_the_back_office_works_in_order_of_arrival_within_its_hours():
    # Monday start; two people 09:00-16:30 on weekdays
    cap = Capacity(BackOffice(staff=2, start_h=9, hours_per_day=7.5), weekday0=0,
                   horizon_s=7 * DAY)
    assert cap.open_hours == pytest.approx(5 * 7.5)
    done = work_through(cap, np.array([8 * H, 8 * H + 1]), [[0, 15, 30, 15], [60]])
    # 15 + 30 + 15 minutes of work at two people's pace: 7.5, 15 and 7.5 minutes
    assert done[0] == pytest.approx([9 * H, 9 * H + 450, 9 * H + 1350, 9 * H + 1800])
    # the second waits for the first, then 60 minutes of work take 30
    assert done[1] == pytest.approx([9 * H + 1800 + 1800])


def test_work_left_on_friday_evening_is_finished_on_monday():
    cap = Capacity(BackOffice(staff=1, start_h=9, hours_per_day=7.5), weekday0=0,
                   horizon_s=14 * DAY)
    friday = 4 * DAY + 16 * H + 20 * 60  # 16:20, ten minutes before closing
    done = work_through(cap, np.array([friday]), [[30]])
    assert done[0][0] == pytest.approx(7 * DAY + 9 * H + 20 * 60)  # Monday 09:20


def test_no_staff_means_no_step_is_done():
    cap = Capacity(BackOffice(staff=0), weekday0=0, horizon_s=7 * DAY)
    done = work_through(cap, np.array([0.0]), [[0, 10]])
    assert np.isnan(done[0]).all()


def test_automatic_compensation_fixed_per_day_cap_and_tiers():
    proc = ComplaintProcedure.model_validate({
        "sector": "energy", "back_office": {"staff": 1},
        "compensation": {"fixed": 25, "per_day": 2, "cap": 120, "tiers": True}})
    receipt = np.zeros(4)
    deadline = receipt + 30 * DAY
    # on time; 1 day late (31 days: ×1); 61 days (past twice: ×2); no reply at day 100
    response = np.array([29 * DAY, 31 * DAY, 61 * DAY, np.nan])
    late = np.array([False, True, True, True])
    got = _compensation(proc, receipt, response, deadline, late, horizon_s=100 * DAY)
    assert got == pytest.approx([0, 25 + 2 * 1, 50 + 2 * 31, 120])  # 75 + 140 capped at 120


def test_the_sector_sets_the_legal_deadline_unless_the_plan_does():
    office = {"staff": 1}
    assert ComplaintProcedure(sector="telco", back_office=office).deadline() == 30
    assert ComplaintProcedure(sector="energy", back_office=office,
                              deadline_days=10).deadline() == 10


PROC = {"sector": "telco", "deadline_days": 2, "back_office": {"staff": 1, "hourly_cost": 25},
        "compensation": {"fixed": 10, "per_day": 2.5, "cap": 100},
        "conciliation": {"on_time": 0.02, "late": 0.3}, "conciliation_cost": 100,
        "churn": {"on_time": 0.05, "late": 0.4}}


@pytest.fixture(scope="module")
def slow_and_fast():
    slow = run("telco-base", {"complaints": PROC}, days=4)
    fast = run("telco-base", {"complaints": {**PROC, "back_office": {"staff": 60,
                                                                    "hourly_cost": 25}}}, days=4)
    return slow, fast


def test_every_case_goes_through_the_steps_in_order(slow_and_fast):
    table = slow_and_fast[1].cases.complaints
    assert len(table) > 100 and table["case_id"].is_unique
    assert (table["origin"] == "contact").all()
    t = table[["receipt_s", "acknowledgement_s", "assessment_s", "investigation_s",
               "response_s"]].dropna().to_numpy()
    assert len(t) and (np.diff(t, axis=1) >= -1e-6).all()
    assert np.allclose(table["deadline_s"] - table["receipt_s"], 2 * DAY)
    # every complaint contact that reached someone opened one case
    c = slow_and_fast[1].log.contacts
    reached = (c["reason"] == "reclamo") & ((c["outcome"] == "answered") | (
        (c["outcome"] == "open") & c["channel"].isin(["email", "app"])))
    assert len(table) == reached.sum()


def test_late_replies_cost_compensation_and_raise_conciliation_and_churn(slow_and_fast):
    slow, fast = (r.cases.complaints for r in slow_and_fast)
    assert slow["late"].mean() > 0.5 > fast["late"].mean()
    assert cost(slow_and_fast[0], "compensation") > cost(slow_and_fast[1], "compensation")
    assert cost(slow_and_fast[0], "compensation") == pytest.approx(slow["compensation_eur"].sum())
    # the same customers (the same draws), more of them leave when the reply is late
    assert slow["churned"].sum() > fast["churned"].sum()
    assert slow["conciliation"].sum() > fast["conciliation"].sum()
    # a churn chance of 0.4 on late cases: within four standard errors
    late = slow[slow["late"]]
    assert abs(late["churned"].mean() - 0.4) < 4 * np.sqrt(0.4 * 0.6 / len(late))


def test_the_back_office_is_paid_for_its_hours(slow_and_fast):
    # four days from Monday 4 May: 4 × 7.5 h × 1 person at 25 euro
    assert cost(slow_and_fast[0], "back_office") == pytest.approx(4 * 7.5 * 25)


def test_step_status_counts_on_time_late_and_open():
    table = pd.DataFrame({
        "acknowledgement_s": [1.0, 5.0, np.nan], "acknowledgement_due_s": [2.0, 2.0, 50.0],
        "assessment_s": [1.0, np.nan, np.nan], "assessment_due_s": [2.0, 3.0, 50.0],
        "investigation_s": [1.0, np.nan, np.nan], "investigation_due_s": [2.0, 3.0, 50.0],
        "response_s": [1.0, np.nan, np.nan], "response_due_s": [2.0, 3.0, 50.0],
        "deadline_s": [2.0, 3.0, 50.0]})
    status = lab_cases.step_status(table, horizon_s=10.0).set_index("step")
    assert status.loc["acknowledgement"].tolist() == [3, 1, 1, 1]
    assert status.loc["deadline"].tolist() == [3, 1, 1, 1]


def test_the_same_inputs_give_the_same_cases(slow_and_fast):
    again = run("telco-base", {"complaints": PROC}, days=4)
    pd.testing.assert_frame_equal(again.cases.complaints, slow_and_fast[0].cases.complaints)
