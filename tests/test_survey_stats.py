"""The statistics of the satisfaction surveys against published numbers and examples
worked by hand (docs/surveys.md)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from simlab.survey import stats


@pytest.mark.parametrize(("k", "n", "low", "high"), [
    # Newcombe R.G. (1998), "Two-sided confidence intervals for the single proportion:
    # comparison of seven methods", Statistics in Medicine 17, 857–872, Table I, method 3
    # (Wilson's score interval without continuity correction).
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0000, 0.1611),
    (1, 29, 0.0061, 0.1718),
])
def test_wilson_interval_matches_newcombe_table(k, n, low, high):
    got = stats.share(k, n)
    assert got["value"] == pytest.approx(k / n)
    assert got["low"] == pytest.approx(low, abs=5e-5)
    assert got["high"] == pytest.approx(high, abs=5e-5)
    assert got["method"] == "wilson"


def test_wilson_is_not_the_normal_interval():
    """The wrong (Wald) interval for 1 of 29 goes below zero; Wilson's never does."""
    wald_low = 1 / 29 - 1.959964 * math.sqrt(1 / 29 * 28 / 29 / 29)
    assert wald_low < 0
    assert stats.share(1, 29)["low"] > 0


def test_nps_worked_by_hand():
    # 10 answers: promoters (9–10) 10, 9, 9, 10, 9 = 50%; detractors (0–6) 6, 5, 3 = 30%
    # NPS = 50 − 30 = 20 points; Var = (0,5 + 0,3 − 0,2²) ÷ 10 = 0,076, SE = 0,27568;
    # 95%: 20 ± 1,95996 × 27,568 = 20 ± 54,03
    got = stats.nps([10, 9, 9, 8, 7, 6, 5, 10, 3, 9])
    assert got["value"] == pytest.approx(20.0)
    assert got["promoters"] == pytest.approx(0.5)
    assert got["passives"] == pytest.approx(0.2)
    assert got["detractors"] == pytest.approx(0.3)
    assert got["se"] == pytest.approx(27.568, abs=1e-3)
    assert got["low"] == pytest.approx(20 - 54.032, abs=1e-2)
    assert got["high"] == pytest.approx(20 + 54.032, abs=1e-2)


def test_nps_counts_a_7_and_an_8_as_passives_not_detractors():
    assert stats.nps([7, 8, 7, 8])["value"] == pytest.approx(0.0)
    assert stats.nps([6, 6, 9, 9])["value"] == pytest.approx(0.0)
    assert stats.nps([6, 6, 6, 9])["value"] == pytest.approx(-50.0)


def test_alpha_from_a_covariance_matrix_as_published_by_statsbase():
    # The example of StatsBase.jl's `cronbachalpha` documentation (Julia): alpha 0.8136,
    # and 0.7500, 0.7606, 0.7714, 0.7826 with item 1, 2, 3, 4 dropped. By hand:
    # 4/3 × (1 − 46 ÷ 118) = 0.81356.
    cov = np.array([[10, 6, 6, 6], [6, 11, 6, 6], [6, 6, 12, 6], [6, 6, 6, 13]], dtype=float)
    assert stats.alpha_from_cov(cov) == pytest.approx(0.8136, abs=5e-5)
    dropped = [stats.alpha_from_cov(np.delete(np.delete(cov, i, 0), i, 1)) for i in range(4)]
    assert dropped == pytest.approx([0.7500, 0.7606, 0.7714, 0.7826], abs=5e-5)


def test_cronbach_alpha_of_raw_answers():
    # Statology, "How to Calculate Cronbach's Alpha in Python": three items, ten
    # respondents, alpha 0.773 (exactly 0.7734375).
    data = pd.DataFrame({"Q1": [1, 2, 2, 3, 2, 2, 3, 3, 2, 3],
                         "Q2": [1, 1, 1, 2, 3, 3, 2, 3, 3, 3],
                         "Q3": [1, 1, 2, 1, 2, 3, 3, 3, 2, 3]})
    got = stats.cronbach(data)
    assert got["alpha"] == pytest.approx(0.7734375)
    assert got["low"] < got["alpha"] < got["high"] <= 1
    assert got["method"] == "feldt" and got["n"] == 10 and got["items"] == 3


def test_cronbach_alpha_of_unrelated_items_is_low():
    rng = np.random.default_rng(7)
    data = pd.DataFrame(rng.integers(1, 6, size=(400, 4)))
    assert abs(stats.cronbach(data)["alpha"]) < 0.15


def test_mean_uses_student_t():
    # 2, 4, 6: mean 4, sd 2, se 1,1547; t(0,975; 2) = 4,3027 → 4 ± 4,968
    got = stats.mean([2, 4, 6])
    assert got["value"] == pytest.approx(4.0)
    assert got["low"] == pytest.approx(4 - 4.968, abs=1e-3)
    assert got["high"] == pytest.approx(4 + 4.968, abs=1e-3)


def test_servqual_gaps_on_a_tiny_hand_made_set():
    # Three respondents, tangibles (statements 01, 02) and reliability (05):
    #  r1: E 6,7 P 5,5 → gap −1,5;  E05 7 P05 6 → −1
    #  r2: E 5,5 P 6,4 → gap 0;     E05 6 P05 6 → 0
    #  r3: E 7,7 P 4,5 → gap −2,5;  E05 7 P05 4 → −3
    responses = pd.DataFrame({
        "sq_e_01": [6, 5, 7], "sq_e_02": [7, 5, 7], "sq_p_01": [5, 6, 4], "sq_p_02": [5, 4, 5],
        "sq_e_05": [7, 6, 7], "sq_p_05": [6, 6, 4]})
    rows = {r["dimension"]: r for r in stats.servqual_gaps(
        responses, {"01": "tangibles", "02": "tangibles", "05": "reliability"})}
    tang, rel = rows["tangibles"], rows["reliability"]
    assert tang["expectation"] == pytest.approx(18.5 / 3)
    assert tang["perception"] == pytest.approx(14.5 / 3)
    assert tang["gap"] == pytest.approx(-4 / 3)
    # t interval of the gaps −1,5, 0, −2,5: sd 1,2583, se 0,72648, t 4,3027 → ±3,1258
    assert tang["low"] == pytest.approx(-4 / 3 - 3.1258, abs=1e-3)
    assert tang["high"] == pytest.approx(-4 / 3 + 3.1258, abs=1e-3)
    assert rel["gap"] == pytest.approx(-4 / 3)
    assert rel["high"] - rel["gap"] == pytest.approx(3.7946, abs=1e-3)
    assert tang["items"] == 2 and rel["items"] == 1 and tang["n"] == 3
