"""`simlab calibrate` recovers the parameters of a simulated log: a week of the Erlang A
validation centre re-drawn with known, irregular inputs (lognormal handle times, a
Weibull patience whose hazard falls, an uneven day and week) is simulated, written as a
run folder, and calibrated back. Tolerances come from the standard errors of a week of
~85,000 calls: each bound is about five standard errors, so a seed cannot fail them by
chance while a wrong fit (a formula slip, a lost censoring) misses them by far."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import yaml

from simlab.analysis import fits
from simlab.lab import calibrate, kpiview, runner
from simlab.model.loader import load_file
from simlab.model.scenario import Scenario

ROOT = Path(__file__).resolve().parent.parent
VALIDATION = ROOT / "scenarios" / "validation"
HANDLE = {"mean": 300.0, "cv": 1.0}
PATIENCE = {"mean": 400.0, "shape": 0.8}
# 00-07 quiet, 08-19 busy (the 50 agents are overloaded: long waits, many abandons),
# 20-23 in between
INTRADAY = [0.02] * 8 + [0.06] * 12 + [0.03] * 4
WEEK = [1.2, 1.0, 1.0, 0.9, 0.9, 0.5, 0.3]
DAYS = 7


def scenario_text() -> str:
    data = yaml.safe_load((VALIDATION / "erlang-a.yaml").read_text(encoding="utf-8"))
    data["reasons"][0]["handle"]["phone"] = {"dist": "lognormal", **HANDLE}
    data["segments"][0]["patience"]["phone"] = {"dist": "weibull", **PATIENCE}
    data["demand"]["intraday"]["phone"] = INTRADAY
    data["demand"]["weekday_factors"] = WEEK
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="module")
def fitted(tmp_path_factory):
    texts = {"scenario": scenario_text(),
             "care": (VALIDATION / "erlang-a.care.yaml").read_text(encoding="utf-8"),
             "plan": (VALIDATION / "erlang-a.plan.yaml").read_text(encoding="utf-8")}
    result = runner.execute(runner.bundle_from_texts(texts), days=DAYS)
    folder = tmp_path_factory.mktemp("cal") / "run"
    runner.write(result, folder)
    data = kpiview.open_log(folder)
    out = tmp_path_factory.mktemp("cal") / "ricalibrato.yaml"
    cal = calibrate.calibrate(data, calibrate.scenario_id_for(out), "run")
    calibrate.write(cal, out)
    return load_file(Scenario, out), result.log.contacts, cal


def test_handle_times_are_recovered(fitted):
    scenario, _contacts, _cal = fitted
    dist = scenario.reasons[0].handle["phone"]
    assert dist.dist == "lognormal"  # hardly any call under 10 s: no short part
    assert dist.mean == pytest.approx(HANDLE["mean"], rel=0.02)  # SE of the mean ≈ 0.4%
    assert dist.cv == pytest.approx(HANDLE["cv"], rel=0.04)


def test_patience_is_recovered_from_abandons_and_censored_answers(fitted):
    scenario, contacts, _cal = fitted
    patience = scenario.segments[0].patience["phone"]
    abandons = int((contacts["outcome"] == "abandoned").sum())
    assert abandons > 3000  # enough events for the bounds below
    assert patience.shape == pytest.approx(PATIENCE["shape"], abs=0.05)
    assert patience.mean == pytest.approx(PATIENCE["mean"], rel=0.10)


def test_the_day_and_the_week_are_recovered(fitted):
    scenario, contacts, _cal = fitted
    n = len(contacts)
    profile = scenario.demand.intraday["phone"]
    for hour, share in enumerate(INTRADAY):
        se = math.sqrt(share * (1 - share) / n)
        assert abs(profile[hour] - share) < 5 * se, hour
    # one day of each weekday: a day's count is Poisson, ≈1% of ~13,000 calls
    assert scenario.demand.volume_per_weekday == pytest.approx(12960, rel=0.03)
    for got, want in zip(scenario.demand.weekday_factors, WEEK, strict=True):
        assert got == pytest.approx(want, rel=0.05)


def test_the_fit_table_puts_data_beside_the_scenario(fitted):
    _scenario, contacts, cal = fitted
    rows = {(ch, figure): (d, m) for ch, figure, d, m in cal.fit_rows}
    data_mean, model_mean = rows[("phone", "tempo di gestione: media (s)")]
    answered = contacts[contacts["outcome"] == "answered"]["handle_s"]
    assert data_mean == pytest.approx(answered.mean())
    assert model_mean == pytest.approx(data_mean, rel=0.02)


def test_weibull_fit_with_censoring_on_known_draws():
    """Draws of a Weibull (shape 0.7, mean 300), censored by independent exponential
    answer times: the fit lands within five standard errors; ignoring censoring (every
    answered wait thrown away) would shorten the mean far beyond that."""
    rng = np.random.default_rng(7)
    k, mean = 0.7, 300.0
    scale = mean / math.gamma(1 + 1 / k)
    patience = scale * rng.weibull(k, 20000)
    answer = rng.exponential(200.0, 20000)
    abandoned = patience < answer
    fit = fits.weibull_censored(patience[abandoned], answer[~abandoned])
    assert fit.shape == pytest.approx(k, abs=0.03)
    assert fit.mean == pytest.approx(mean, rel=0.06)
    naive = fits.weibull_censored(patience[abandoned], np.array([]))
    assert naive.mean < 0.6 * mean


def test_lognormal_fit_is_the_maximum_likelihood_one():
    x = np.array([10.0, 100.0, 1000.0])  # log10: 1, 2, 3
    fit = fits.lognormal(x)
    mu, s2 = math.log(100.0), (2 / 3) * math.log(10.0) ** 2
    assert fit.mean == pytest.approx(math.exp(mu + s2 / 2))
    assert fit.cv == pytest.approx(math.sqrt(math.expm1(s2)))


def test_calibrate_never_overwrites(tmp_path, fitted):
    _scenario, _contacts, cal = fitted
    out = tmp_path / "x.yaml"
    out.write_text("mine")
    from simlab.errors import SimlabError

    with pytest.raises(SimlabError):
        calibrate.write(cal, out)
    assert out.read_text() == "mine"
