"""Control charts and Pareto against textbook examples (docs/variance.md)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from simlab.analysis import control
from simlab.errors import SimlabError

# D. C. Montgomery, Introduction to Statistical Quality Control, Example 7.1 (orange-juice
# cans): 30 samples of n = 50, nonconforming cans per sample. Published: p̄ = 0.2313,
# UCL = 0.4102, LCL = 0.0524; samples 15 and 23 are above the upper limit.
MONTGOMERY_7_1 = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11,
                  20, 18, 24, 15, 9, 12, 7, 13, 9, 6]


def test_p_chart_reproduces_montgomery_example_7_1():
    chart = control.p_chart(list(range(1, 31)), np.full(30, 50), np.array(MONTGOMERY_7_1))
    assert chart.centre == pytest.approx(347 / 1500)
    assert chart.centre == pytest.approx(0.2313, abs=5e-5)
    assert chart.points["ucl"].iloc[0] == pytest.approx(0.4102, abs=5e-5)
    assert chart.points["lcl"].iloc[0] == pytest.approx(0.0524, abs=5e-5)
    assert list(chart.points.loc[chart.points["out"], "label"]) == [15, 23]


def test_p_chart_limits_follow_each_sample_size_and_stay_in_0_1():
    chart = control.p_chart(["a", "b", "c"], np.array([4, 100, 0]), np.array([3, 10, 0]))
    p = 13 / 104
    assert chart.centre == pytest.approx(p)
    assert list(chart.points["label"]) == ["a", "b"]  # n = 0 is no sample
    a, b = chart.points.iloc[0], chart.points.iloc[1]
    assert a["ucl"] == pytest.approx(min(1.0, p + 3 * np.sqrt(p * (1 - p) / 4)))
    assert a["lcl"] == 0.0
    assert b["ucl"] == pytest.approx(p + 3 * np.sqrt(p * (1 - p) / 100))
    assert bool(a["out"]) is True  # 3 of 4 is above its own upper limit (0.621)


def test_xbar_r_limits_reproduce_montgomery_example_6_1():
    # Montgomery, Example 6.1 (flow width, 25 subgroups of 5): x̿ = 1.5056, R̄ = 0.32521;
    # published limits 1.3180 – 1.6933 for x̄ and 0 – 0.68749 for R.
    lo, hi, rlo, rhi = control.xbar_r_limits(1.5056, 0.32521, 5)
    assert (lo, hi) == (pytest.approx(1.3180, abs=1e-4), pytest.approx(1.6933, abs=1e-4))
    assert (rlo, rhi) == (0.0, pytest.approx(0.68749, abs=1e-5))


def test_xbar_r_by_hand_flags_the_subgroup_out_of_control():
    groups = [np.array(g, dtype=float) for g in ([0, 2], [0, 2], [0, 2], [0, 2], [10, 12])]
    chart = control.xbar_r(list("abcde"), groups)
    # means 1, 1, 1, 1, 11 → x̿ = 3; ranges all 2 → R̄ = 2; n = 2: A2 = 1.880, D4 = 3.267
    assert (chart.grand_mean, chart.mean_range) == (3.0, 2.0)
    assert chart.xbar_ucl == pytest.approx(3 + 1.880 * 2)
    assert chart.xbar_lcl == pytest.approx(3 - 1.880 * 2)
    assert chart.r_ucl == pytest.approx(3.267 * 2)
    assert list(chart.points.loc[chart.points["xbar_out"], "label"]) == ["e"]
    assert not chart.points["r_out"].any()


def test_xbar_r_needs_equal_subgroups_of_a_tabled_size():
    with pytest.raises(SimlabError):
        control.xbar_r(["a", "b"], [np.ones(3), np.ones(4)])
    with pytest.raises(SimlabError):
        control.xbar_r_limits(1.0, 1.0, 11)


def test_pareto_cumulative_share_and_vital_few():
    frame = control.pareto({"c": 10, "a": 50, "e": 4, "b": 30, "d": 6, "z": 0})
    assert list(frame["category"]) == ["a", "b", "c", "d", "e"]
    assert list(frame["cumulative"]) == pytest.approx([0.5, 0.8, 0.9, 0.96, 1.0])
    assert list(frame["vital"]) == [True, True, False, False, False]


def test_complaint_causes_come_from_each_customers_previous_contact():
    contacts = pd.DataFrame({
        "contact_id": range(7),
        "customer_id": [1, 1, 2, 2, 3, 3, 4],
        "arrival_s": [0, 10, 20, 30, 40, 50, 60],
        "channel": ["phone"] * 7,
        "reason": ["bill", "complaint", "bill", "complaint", "bill", "complaint", "complaint"],
        "outcome": ["abandoned", "answered", "answered", "answered", "answered", "answered",
                    "answered"],
        "wait_s": [30, 5, 5, 5, 90, 5, 5],
        "resolved": [False, True, False, True, True, True, True],
    })
    frame = control.complaint_causes(contacts, ["complaint"], {"phone": 20.0})
    counts = dict(zip(frame["category"], frame["count"], strict=True))
    assert counts == {"previous_abandoned": 1, "previous_unresolved": 1,
                      "previous_long_wait": 1, "no_previous": 1}
