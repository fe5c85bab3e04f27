"""`simlab model check`: each check fires on a care model made to break it and stays
silent on the shipped ones; errors exit 2, warnings exit 0 and are printed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from simlab.lab import design
from tests.test_cli import simlab

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ("energia-base", "telco-base", "ecommerce-base")


def care_file(folder: Path, scenario: str, **changes) -> Path:
    """The scenario's baseline care model with some top-level keys changed."""
    data = yaml.safe_load((ROOT / f"scenarios/{scenario}.care.yaml").read_text(encoding="utf-8"))
    data.update(changes)
    path = folder / f"{scenario}-changed.care.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def scenario_file(folder: Path, company_sector: str) -> Path:
    """energia-base with another sector, its care model and plan beside it."""
    data = yaml.safe_load((ROOT / "scenarios/energia-base.yaml").read_text(encoding="utf-8"))
    data["company"]["sector"] = company_sector
    path = folder / "energia-base.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for kind in ("care", "plan"):
        (folder / f"energia-base.{kind}.yaml").write_bytes(
            (ROOT / f"scenarios/energia-base.{kind}.yaml").read_bytes())
    return path


def findings(path: Path, scenario: str) -> dict[str, str]:
    return {f.code: f.severity for f in design.check(design.load(str(path), scenario))}


@pytest.mark.parametrize("scenario", SHIPPED)
def test_silent_on_the_shipped_models(scenario):
    assert design.check(design.load(scenario, scenario)) == []


def _hours(scenario: str) -> dict:
    return yaml.safe_load((ROOT / f"scenarios/{scenario}.care.yaml").read_text(
        encoding="utf-8"))["opening_hours"]


def test_a_target_on_a_channel_never_open_is_an_error(tmp_path):
    hours = {**_hours("energia-base"), "chat": []}
    found = design.check(design.load(str(care_file(tmp_path, "energia-base",
                                                   opening_hours=hours)), "energia-base"))
    closed = [f for f in found if f.code == "sla-closed-channel"]
    assert len(closed) == 1 and closed[0].severity == "error" and closed[0].ability == "UF1.A3"
    assert "«chat»" in closed[0].message and closed[0].key == "service_level.chat"


def test_demand_out_of_hours_is_a_warning(tmp_path):
    hours = {**_hours("energia-base"), "phone": [{"days": "lun-ven", "from": "08:00",
                                                  "to": "14:00"}]}
    path = care_file(tmp_path, "energia-base", opening_hours=hours)
    assert findings(path, "energia-base") == {"demand-out-of-hours": "warning"}


def test_a_budget_the_targets_cannot_reach_is_an_error(tmp_path):
    # the baseline needs about € 267.000 a month by Erlang sizing (tests/test_sizing.py)
    assert findings(care_file(tmp_path, "energia-base", budget_per_month_eur=150_000),
                    "energia-base") == {"budget-unreachable": "error"}
    assert findings(care_file(tmp_path, "energia-base", budget_per_month_eur=300_000),
                    "energia-base") == {}


def test_agcom_levels_for_telecoms(tmp_path):
    hours = {**_hours("telco-base"), "phone": [{"days": "lun-ven", "from": "09:00",
                                                "to": "18:00"}]}
    path = care_file(tmp_path, "telco-base", opening_hours=hours,
                     kpi_targets={"asa_s": 200})
    found = findings(path, "telco-base")
    assert found["agcom-hours"] == "warning" and found["agcom-asa"] == "warning"
    loose = care_file(tmp_path, "telco-base", service_level={
        "phone": {"threshold_s": 20, "target": 0.30}, "chat": {"threshold_s": 60, "target": 0.8}})
    assert "agcom-sl" in findings(loose, "telco-base")


def test_arera_levels_for_energy(tmp_path):
    path = care_file(tmp_path, "energia-base", kpi_targets={"asa_s": 240, "abandon_rate": 0.2})
    assert findings(path, "energia-base") == {"arera-tma": "warning", "arera-ls": "warning"}
    # without a stated ASA, the ASA the sized line delivers: a 20%-in-300-s target is slow
    slow = care_file(tmp_path, "energia-base", service_level={
        "phone": {"threshold_s": 300, "target": 0.2}, "chat": {"threshold_s": 60, "target": 0.8}})
    assert findings(slow, "energia-base") == {"arera-tma": "warning"}


def test_premium_targets_looser_than_every_competitor(tmp_path):
    path = care_file(tmp_path, "energia-base", positioning="premium",
                     kpi_targets={"csat": 0.60, "fcr": 0.90})
    found = design.check(design.load(str(path), "energia-base"))
    assert [(f.code, f.key, f.ability) for f in found] == [
        ("premium-looser", "kpi_targets.csat", "UF1.A2")]
    strict = care_file(tmp_path, "energia-base", positioning="premium",
                       kpi_targets={"csat": 0.95})
    assert findings(strict, "energia-base") == {}
    # the same loose target is no warning for a low-price positioning
    cheap = care_file(tmp_path, "energia-base", positioning="cost_leader",
                      kpi_targets={"csat": 0.60})
    assert findings(cheap, "energia-base") == {}


def test_unknown_target_segment_is_refused_with_its_key(tmp_path):
    path = care_file(tmp_path, "energia-base", target_segments=["nessuno"])
    r = simlab("model", "check", str(path), "--scenario", "energia-base")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "target_segments" in r.stderr and "nessuno" in r.stderr


def test_cli_errors_exit_2_and_warnings_exit_0(tmp_path):
    bad = care_file(tmp_path, "energia-base", budget_per_month_eur=1000)
    r = simlab("model", "check", str(bad), "--scenario", "energia-base")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "UF1.A5" in r.stderr and "budget" in r.stderr
    warn = care_file(tmp_path, "energia-base", kpi_targets={"asa_s": 240})
    r = simlab("model", "check", str(warn), "--scenario", "energia-base")
    assert r.returncode == 0 and "ARERA" in r.stdout and "1 avviso" in r.stdout
    r = simlab("model", "check", "energia-base", "--scenario", "energia-base")
    assert r.returncode == 0 and "nessun problema" in r.stdout


def test_expected_results_the_sizing_does_not_deliver(tmp_path):
    # energia-base: about € 267.000 a month for about 68.000 contacts: over € 3 each, and
    # an 80/20 phone line answers in about 10-20 s on average
    path = care_file(tmp_path, "energia-base",
                     kpi_targets={"cost_per_contact_eur": 1.0, "asa_s": 2})
    found = {f.code: f for f in design.check(design.load(str(path), "energia-base"))}
    assert set(found) == {"cost-per-contact-unreachable", "asa-beyond-sl"}
    assert all(f.severity == "warning" and f.ability == "UF1.A5" for f in found.values())
    easy = care_file(tmp_path, "energia-base",
                     kpi_targets={"cost_per_contact_eur": 10.0, "asa_s": 60})
    assert findings(easy, "energia-base") == {}
