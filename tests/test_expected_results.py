"""The care model's expected results against a run's actuals (analysis/expected.py), the
run's SLA tables (lab/care_results.py) in `simlab kpi`, and the care_model check's
«meets its own targets» reading them."""

from __future__ import annotations

import dataclasses
import functools
import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from simlab.analysis import expected, kpi_groups
from simlab.analysis import kpi_variants as kv
from simlab.curriculum.care_checks import missed_goals, missed_targets
from simlab.lab import care_results, runner
from simlab.lab.runview import RunView

GOALS = [
    {"kpi": "service_level", "variant": "offered", "target": 0.5, "channel": "phone"},
    {"kpi": "asa_s", "variant": "tma", "target": 1.0, "channel": "phone"},
    {"kpi": "abandon_rate", "target": 0.9},
    {"kpi": "occupancy", "target": 0.99, "direction": "at_most"},
    {"kpi": "occupancy", "target": 0.5, "channel": "phone"},
    {"kpi": "cost_per_contact", "variant": "direct", "target": 1000.0},
]


def _care(**extra):
    base = runner.load_bundle("energia-base").care
    return base.model_validate({**base.model_dump(by_alias=True), **extra})


@functools.cache
def _view() -> RunView:
    bundle = runner.load_bundle("energia-base")
    care = _care(expected_results=GOALS, realtime_sla=[
        {"channel": "phone", "threshold_s": 20, "target": 0.8},
        {"channel": "phone", "priority": 5, "threshold_s": 10, "target": 0.99}],
        ticket_sla=[{"channel": "email", "first_response_h": 24, "resolution_h": 72}])
    return RunView.from_result(runner.execute(dataclasses.replace(bundle, care=care), days=2))


def test_each_actual_is_the_number_of_its_formula_variant():
    view = _view()
    got = expected.goal_results(view.kpi_data, view.care.expected_results)
    assert list(got["variant"]) == ["offered", "tma", "default", "default", "default", "direct"]
    offered = kpi_groups.table(view.kpi_data, "channel",
                               {**kv.DEFAULTS, "service_level": "offered"})
    assert got.at[0, "actual"] == offered.at["phone", "service_level"]
    tma = kpi_groups.table(view.kpi_data, "channel", {**kv.DEFAULTS, "asa_s": "tma"})
    assert got.at[1, "actual"] == tma.at["phone", "asa_s"]
    # the TMA counts the waits of those who gave up: it is not the ASA
    assert got.at[1, "actual"] != offered.at["phone", "asa_s"]
    defaults = kpi_groups.table(view.kpi_data, "team", kv.DEFAULTS)
    assert got.at[2, "actual"] == defaults.at["total", "abandon_rate"]
    assert got.at[3, "actual"] == defaults.at["total", "occupancy"] > 0
    direct = kv.cost_per_contact(view.costs, view.contacts, "direct")
    assert got.at[5, "actual"] == pytest.approx(direct)


def test_met_follows_the_direction_and_a_missing_number_is_not_met():
    view = _view()
    got = expected.goal_results(view.kpi_data, view.care.expected_results)
    sl, tma = got.at[0, "actual"], got.at[1, "actual"]
    assert 0.5 < sl < 1 and tma > 1.0
    assert got.at[0, "met"] is True  # at least 50%: a service level's better direction
    assert got.at[1, "met"] is False  # at most 1 s: a time's better direction
    assert got.at[2, "met"] is True  # abandon rate at most 90%
    assert got.at[3, "met"] is True  # occupancy at most 99% (stated)
    assert pd.isna(got.at[4, "actual"]) and pd.isna(got.at[4, "met"])  # no agent KPI by channel
    assert list(expected.missed(got).index) == [1, 4]


def test_a_target_equal_to_the_result_is_met_both_ways():
    view = _view()
    actual = expected.goal_results(view.kpi_data, view.care.expected_results).at[0, "actual"]
    care = _care(expected_results=[
        {"kpi": "service_level", "variant": "offered", "target": actual, "channel": "phone"},
        {"kpi": "service_level", "variant": "offered", "target": actual, "channel": "phone",
         "direction": "at_most"},
        {"kpi": "service_level", "variant": "offered", "target": actual + 0.001,
         "channel": "phone"}])
    got = expected.goal_results(view.kpi_data, care.expected_results)
    assert list(got["met"]) == [True, True, False]


def test_the_care_model_check_names_the_missed_expected_results():
    view = _view()
    names = missed_goals(view.care, view)
    assert names == ["Tempo medio di attesa (ARERA TMA) (asa_s=tma) di «phone»",
                     "Occupazione (occupancy=default) di «phone»"]
    assert all(n in missed_targets(view.care, view) for n in names)
    met_only = _care(expected_results=GOALS[:1])
    assert missed_goals(met_only, view) == []


def test_sla_tables_of_a_run():
    got = care_results.care_results(_view().kpi_data)
    assert list(got.realtime["priority"].isna()) == [True, False]
    assert list(got.tickets["channel"]) == ["email"]
    assert got.callbacks.empty  # no queue offers a callback
    doc = care_results.as_json(got)
    assert doc["realtime"][0]["priority"] is None and len(doc["goals"]) == len(GOALS)
    json.dumps(doc)  # NaN and numpy numbers made plain


def test_an_imported_log_has_no_care_model_tables():
    data = kpi_groups.KpiData(pd.DataFrame(), pd.DataFrame(), pd.DataFrame(),
                              object(), None, 0.0)
    assert care_results.care_results(data).empty()


def test_simlab_kpi_prints_the_care_model_tables(tmp_path):
    care = _care(expected_results=GOALS[:2], ticket_sla=[], realtime_sla=[
        {"channel": "phone", "threshold_s": 20, "target": 0.8, "max_abandon_rate": 0.1}])
    model = tmp_path / "m.care.yaml"
    import yaml

    model.write_text(yaml.safe_dump(care.model_dump(mode="json", by_alias=True,
                                                    exclude_none=True), allow_unicode=True),
                     encoding="utf-8")
    run = tmp_path / "run"
    cmd = [sys.executable, "-m", "simlab"]
    subprocess.run([*cmd, "run", "energia-base", "--model", str(model), "--days", "1",
                    "--out", str(run)], check=True, capture_output=True)
    shown = subprocess.run([*cmd, "kpi", str(run)], check=True, capture_output=True,
                           text=True).stdout
    assert "SLA in tempo reale per priorità" in shown
    assert "Risultati attesi del modello di customer care" in shown
    assert "asa_s=tma" in shown and "service_level=offered" in shown
    assert "Ticket" not in shown.split("Risultati attesi")[0].split("SLA in tempo reale")[1]
    doc = json.loads(subprocess.run([*cmd, "kpi", str(run), "--json"], check=True,
                                    capture_output=True, text=True).stdout)
    goals = doc["care_model"]["goals"]
    assert [g["variant"] for g in goals] == ["offered", "tma"]
    # on offered calls every abandon counts against: below the default formula's SL
    assert 0 < goals[0]["actual"] < doc["channels"]["phone"]["service_level"]
    assert goals[1]["met"] is False
    assert doc["care_model"]["realtime"][0]["max_abandon_rate"] == 0.1
    assert np.isfinite(doc["care_model"]["realtime"][0]["service_level"])
