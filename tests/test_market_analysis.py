"""The market analysis on small hand-made data whose gaps and quadrants are worked by
hand, then on the shipped scenarios through `simlab market`."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from simlab.analysis import market
from simlab.errors import SimlabError
from simlab.lab import runner
from simlab.lab.market import analyse
from tests.test_cli import simlab

ROOT = Path(__file__).parents[1]

COMPETITORS = pd.DataFrame({
    "name": ["Uno", "Due", "Tre"], "price_tier": ["low", "mid", "premium"],
    "archetype": ["reactive", "omnichannel", "premium"],
    "channels": ["phone", "phone+chat", "phone+chat+email"],
    "phone_hours_week": [50, 60, 70], "service_level": [0.70, 0.80, 0.90],
    "asa_s": [60.0, 40.0, 20.0], "fcr": [0.70, 0.75, 0.80], "csat": [0.70, 0.80, 0.90],
    "nps": [0.0, 10.0, 20.0], "cost_per_contact_eur": [2.0, 3.0, 4.0],
})
COMPANY = {"service_level": 0.85, "asa_s": 30.0, "fcr": None, "csat": None, "nps": None,
           "cost_per_contact_eur": 2.5, "phone_hours_week": 60.0, "channel_count": 2.0}


def test_benchmark_gaps_worked_by_hand():
    table = market.benchmark(COMPANY, COMPETITORS).set_index("metric")
    sl = table.loc["service_level"]
    # mean 0.80, best 0.90: +0.05 above the mean, 0.05 short of the best, beats Uno and Due
    assert sl["sector_mean"] == pytest.approx(0.80)
    assert sl["gap_to_mean"] == pytest.approx(0.05) and sl["gap_to_best"] == pytest.approx(-0.05)
    assert sl["beats"] == 2 and sl["sector_worst"] == 0.70
    asa = table.loc["asa_s"]  # less is better: 30 s against a mean of 40 s is +10
    assert asa["sector_best"] == 20 and asa["sector_worst"] == 60
    assert asa["gap_to_mean"] == pytest.approx(10) and asa["gap_to_best"] == pytest.approx(-10)
    assert asa["beats"] == 2
    cost = table.loc["cost_per_contact_eur"]
    assert cost["gap_to_mean"] == pytest.approx(0.5) and cost["beats"] == 2
    hours = table.loc["phone_hours_week"]  # a tie with Due beats nobody but Uno
    assert hours["gap_to_mean"] == 0 and hours["beats"] == 1
    channels = table.loc["channel_count"]  # 1, 2, 3 channels
    assert channels["sector_mean"] == 2 and channels["beats"] == 1
    fcr = table.loc["fcr"]  # not stated: no gap, no count
    assert pd.isna(fcr["company"]) and pd.isna(fcr["gap_to_mean"])
    assert pd.isna(fcr["beats"])


def test_positioning_map_scales_service_between_the_worst_and_the_best():
    points = market.positioning_map("Noi", COMPANY, COMPETITORS).set_index("name")
    # Uno is worst on all five measures, Tre best, Due exactly half way
    assert points.loc["Uno", "y_service_index"] == pytest.approx(0)
    assert points.loc["Due", "y_service_index"] == pytest.approx(50)
    assert points.loc["Tre", "y_service_index"] == pytest.approx(100)
    # the company states SL 0.85 (75 on the scale) and ASA 30 s (75): the others are absent
    assert points.loc["Noi", "y_service_index"] == pytest.approx(75)
    assert points.loc["Noi", "x_cost_per_contact_eur"] == 2.5
    assert points.loc["Noi", "is_company"] == 1 and points["is_company"].sum() == 1


SURVEY = pd.DataFrame({
    "segment": ["x", "y"], "preferred_channel": ["phone", "chat"],
    "tolerated_wait_s": [60, 120], "nps_score": [10, 3],
    "imp_a": [7, 7], "perf_a": [2, 4],  # importance 7, performance 3
    "imp_b": [6, 6], "perf_b": [6, 6],  # 6, 6
    "imp_c": [2, 4], "perf_c": [2, 2],  # 3, 2
    "imp_d": [4, 4], "perf_d": [7, 5],  # 4, 6
})
DIMENSION_OF = {"a": "reliability", "b": "reliability", "c": "empathy", "d": "empathy"}


def test_importance_performance_quadrants_worked_by_hand():
    ipa = market.importance_performance(SURVEY, DIMENSION_OF).set_index("attribute")
    # cross-hairs: importance (7+6+3+4)/4 = 5, performance (3+6+2+6)/4 = 4.25
    assert ipa.attrs["cuts"] == pytest.approx((5.0, 4.25))
    assert ipa["quadrant"].to_dict() == {"a": "concentrate", "b": "keep_up",
                                         "c": "low_priority", "d": "overkill"}
    assert ipa["gap"].to_dict() == pytest.approx({"a": -4, "b": 0, "c": -1, "d": 2})
    dims = market.dimensions(market.importance_performance(SURVEY, DIMENSION_OF))
    dims = dims.set_index("dimension")
    # reliability: importance 6.5, performance 4.5; empathy: 3.5 and 4
    assert dims.loc["reliability", ["importance", "performance"]].tolist() == [6.5, 4.5]
    assert dims["quadrant"].to_dict() == {"reliability": "keep_up", "empathy": "low_priority"}


def test_nps_counts_promoters_and_detractors():
    assert market.nps(pd.Series([10, 9, 8, 7, 6, 0])) == pytest.approx(0)
    assert market.nps(pd.Series([10, 10, 10, 0])) == pytest.approx(50)
    assert market.nps(pd.Series([6, 5])) == pytest.approx(-100)


def test_segment_needs():
    needs = market.segment_needs(SURVEY).set_index("segment")
    assert needs.loc["x", "preferred_channel"] == "phone"
    assert needs.loc["y", "digital_share"] == 1.0 and needs.loc["x", "digital_share"] == 0.0
    assert needs.loc["x", "top_needs"] == "a+b+d"  # 7, 6, then d (4) before c (2)
    assert needs.loc["x", "largest_gap"] == "a"  # 2 − 7
    assert needs.loc["y", "nps"] == -100 and needs.loc["x", "nps"] == 100


def _survey(preferred: list[str], wait: int = 90) -> pd.DataFrame:
    n = len(preferred)
    frame = pd.DataFrame({"segment": ["s"] * n, "preferred_channel": preferred,
                          "tolerated_wait_s": [wait] * n, "nps_score": [8] * n})
    for c in ("phone", "chat", "email", "social", "app"):
        frame[f"pref_{c}"] = 3
    for a in DIMENSION_OF:
        frame[f"imp_{a}"], frame[f"perf_{a}"] = 5, 5
    return frame


@pytest.mark.parametrize("preferred, positioning, expected", [
    (["chat"] * 5 + ["app"] * 3 + ["phone"] * 2, "cost_leader", "self_service"),
    (["phone"] * 9 + ["email"], "premium", "premium"),
    (["phone", "chat", "email", "social", "app"] * 2, None, "omnichannel"),
    (["phone"] * 9 + ["email"], "cost_leader", "reactive"),
])
def test_suggested_archetype_follows_the_rules(preferred, positioning, expected):
    survey = _survey(preferred)
    dims = {"a": "reliability", "b": "assurance", "c": "empathy", "d": "tangibles"}
    suggestion = market.suggest_archetype(survey, market.importance_performance(survey, dims),
                                          positioning)
    assert suggestion.archetype == expected
    assert suggestion.reasons and all(isinstance(r, str) for r in suggestion.reasons)


def test_poorly_served_reliability_suggests_proactive_care():
    survey = _survey(["phone"] * 7 + ["email"] * 3)
    survey["imp_a"], survey["perf_a"] = 7, 2  # reliability: important, poorly served
    dims = {"a": "reliability", "b": "assurance", "c": "empathy", "d": "tangibles"}
    s = market.suggest_archetype(survey, market.importance_performance(survey, dims), "value")
    assert s.archetype == "proactive" and s.scores["proactive"] == 3
    assert any("affidabilità" in r for r in s.reasons)


def test_sector_of_the_scenarios():
    assert market.sector_of("energia elettrica e gas") == "energy"
    assert market.sector_of("telecomunicazioni: telefonia mobile e fibra") == "telecoms"
    assert market.sector_of("commercio elettronico: elettronica e casa") == "ecommerce"
    assert market.sector_of("banca") is None


@pytest.mark.parametrize("scenario, sector", [("energia-base", "energy"),
                                              ("telco-base", "telecoms"),
                                              ("ecommerce-base", "ecommerce")])
def test_market_view_of_each_shipped_scenario(scenario, sector):
    view = analyse(scenario)
    # 800 respondents per sector; the baseline model's target segments narrow them
    survey = pd.read_csv(ROOT / "datasets" / "market_survey.csv", sep=";", encoding="utf-8-sig")
    in_sector = survey[survey["sector"] == sector]
    assert len(in_sector) == 800
    targets = runner.load_bundle(scenario).care.target_segments
    assert targets and view.respondents == in_sector["segment"].isin(targets).sum() < 800
    assert view.sector == sector
    assert len(view.benchmark) == len(market.METRICS)
    assert view.positioning["is_company"].sum() == 1 and len(view.positioning) == 6
    assert set(view.ipa["quadrant"]) <= {"concentrate", "keep_up", "low_priority", "overkill"}
    assert view.suggestion.archetype in market.ARCHETYPES and view.suggestion.reasons


def test_target_segments_narrow_the_survey(tmp_path):
    from tests.test_design_check import care_file

    path = care_file(tmp_path, "energia-base", target_segments=["vulnerabili"])
    view = analyse("energia-base", path)
    assert list(view.segments["segment"]) == ["vulnerabili"]
    assert view.respondents < 200


def test_cli_market_prints_tables_and_json(tmp_path):
    r = simlab("market", "energia-base")
    assert r.returncode == 0, r.stderr
    assert "Benchmark" in r.stdout and "Archetipo di customer care suggerito" in r.stdout
    assert "concentrarsi qui" in r.stdout
    out = tmp_path / "m.json"
    r = simlab("market", "telco-base", "--json", "--out", str(out))
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data == json.loads(out.read_text(encoding="utf-8"))
    assert data["sector"] == "telecoms" and len(data["importance_performance"]) == 10


def test_unknown_sector_is_a_clear_error(tmp_path):
    from tests.test_design_check import scenario_file

    path = scenario_file(tmp_path, company_sector="banca al dettaglio")
    with pytest.raises(SimlabError, match="banca al dettaglio"):
        analyse(str(path), str(tmp_path / "energia-base.care.yaml"))


def test_a_model_with_its_own_queues_needs_no_plan(tmp_path):
    from tests.test_design_check import care_file

    queues = [{"id": f"{c}-tutto", "name": {"it": "Tutto"}, "channel": c}
              for c in ("phone", "chat", "email")]
    # the skill groups name the old queues: they go with them
    view = analyse("energia-base", care_file(tmp_path, "energia-base", queues=queues,
                                            skill_groups=[]))
    assert view.sector == "energy"
