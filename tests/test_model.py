"""Scenario, care-model and plan files: valid ones load, bad ones get one located
Italian message (file, line, key)."""

from __future__ import annotations

from pathlib import Path

import pytest

from simlab.errors import SimlabError
from simlab.lab import catalog
from simlab.model.loader import load_care, load_plan, load_scenario

SCENARIOS = ["energia-base", "ecommerce-base", "telco-base", "erlang-c", "erlang-a"]
GOOD = catalog.find("energia-base").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", SCENARIOS)
def test_shipped_scenarios_load_with_their_model_and_plan(name):
    path = catalog.find(name)
    scenario = load_scenario(path)
    care = load_care(catalog.companion(path, "care"), scenario)
    plan = load_plan(catalog.companion(path, "plan"), care)
    assert scenario.id == name and care.queues and plan.teams


def _error(tmp_path: Path, text: str) -> SimlabError:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SimlabError) as info:
        load_scenario(path)
    assert info.value.file == str(path)
    return info.value


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_unknown_key_names_key_and_line(tmp_path):
    text = GOOD.replace("  customers:", "  clienti_totali: 5\n  customers:", 1)
    e = _error(tmp_path, text)
    assert e.key == "company.clienti_totali"
    assert e.line == _line_of(text, "clienti_totali")
    assert "clienti_totali" in e.message and "sconosciuta" in e.message


def test_wrong_type(tmp_path):
    text = GOOD.replace("volume_per_weekday: 3000", "volume_per_weekday: tremila", 1)
    e = _error(tmp_path, text)
    assert e.key == "demand.volume_per_weekday"
    assert e.line == _line_of(text, "volume_per_weekday")
    assert "non è un numero" in e.message


def test_negative_volume(tmp_path):
    text = GOOD.replace("volume_per_weekday: 3000", "volume_per_weekday: -5", 1)
    e = _error(tmp_path, text)
    assert e.key == "demand.volume_per_weekday" and "almeno 0" in e.message


def test_shares_not_summing_to_one(tmp_path):
    import yaml

    data = yaml.safe_load(GOOD)
    data["demand"]["channel_mix"]["phone"] += 0.2
    e = _error(tmp_path, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert e.key == "demand.channel_mix"
    assert "somma" in e.message and "1" in e.message


def test_intraday_profile_of_wrong_length(tmp_path):
    import yaml

    data = yaml.safe_load(GOOD)
    data["demand"]["intraday"]["chat"] = data["demand"]["intraday"]["chat"][:23]
    e = _error(tmp_path, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert e.key == "demand.intraday"
    assert "23" in e.message and "24" in e.message


def test_unknown_distribution(tmp_path):
    text = GOOD.replace("dist: lognormal", "dist: lognormale", 1)
    e = _error(tmp_path, text)
    assert "lognormale" in e.message and e.line == _line_of(text, "lognormale")


def test_missing_file(tmp_path):
    with pytest.raises(SimlabError) as info:
        load_scenario(tmp_path / "nessuno.yaml")
    assert "non trovato" in info.value.message


def test_yaml_syntax_error_has_line(tmp_path):
    e = _error(tmp_path, "id: x\ntitle: [unclosed\nseed: 1\n")
    assert e.line is not None and "YAML" in e.message


def test_duplicate_key(tmp_path):
    e = _error(tmp_path, "id: a\nid: b\n")
    assert e.line == 2 and "due volte" in e.message


def test_times_of_day_are_not_sexagesimal(tmp_path):
    from simlab.model.common import Window

    window = Window.model_validate({"days": "lun-ven", "from": "9:30", "to": "18:00"})
    assert (window.start, window.end) == (9 * 3600 + 1800, 18 * 3600)
    assert window.days == (0, 1, 2, 3, 4)


def test_unknown_queue_in_plan_points_at_line(tmp_path):
    path = catalog.find("energia-base")
    scenario = load_scenario(path)
    care = load_care(catalog.companion(path, "care"), scenario)
    plan_text = catalog.companion(path, "plan").read_text(encoding="utf-8")
    first_skill = next(q.id for q in care.queues)
    bad = plan_text.replace(f"{first_skill}:", "coda-inventata:", 1)
    target = tmp_path / "p.yaml"
    target.write_text(bad, encoding="utf-8")
    with pytest.raises(SimlabError) as info:
        load_plan(target, care)
    assert "coda-inventata" in info.value.message
    assert info.value.line == _line_of(bad, "coda-inventata")


def test_headcount_must_match_shifts(tmp_path):
    import yaml

    path = catalog.find("energia-base")
    scenario = load_scenario(path)
    care = load_care(catalog.companion(path, "care"), scenario)
    data = yaml.safe_load(catalog.companion(path, "plan").read_text(encoding="utf-8"))
    data["teams"][0]["headcount"] += 1
    target = tmp_path / "p.yaml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(SimlabError) as info:
        load_plan(target, care)
    assert info.value.key == "teams[0].headcount"


def test_negative_staff_count(tmp_path):
    import yaml

    path = catalog.find("energia-base")
    scenario = load_scenario(path)
    care = load_care(catalog.companion(path, "care"), scenario)
    data = yaml.safe_load(catalog.companion(path, "plan").read_text(encoding="utf-8"))
    data["teams"][0]["shifts"][0]["agents"] = -3
    target = tmp_path / "p.yaml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(SimlabError) as info:
        load_plan(target, care)
    assert info.value.key == "teams[0].shifts[0].agents"
    assert "-3" in info.value.message
