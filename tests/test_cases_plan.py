"""The cases block of a plan: off by default, errors in Italian naming file and key, the
run files and the `simlab complaints` command."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml

from simlab import i18n
from simlab.cli import main
from simlab.errors import SimlabError
from simlab.lab import runner
from tests.cases_helpers import run, texts


def test_an_empty_cases_block_changes_nothing():
    base = run("telco-base", None, days=1)
    empty = run("telco-base", {}, days=1)
    pd.testing.assert_frame_equal(base.log.contacts, empty.log.contacts)
    pd.testing.assert_frame_equal(base.log.costs, empty.log.costs)
    assert base.cases is None and empty.cases.complaints is None


def _error(cases: dict) -> SimlabError:
    i18n.set_language("it")
    with pytest.raises(SimlabError) as e:
        runner.bundle_from_texts(texts("telco-base", cases),
                                 {"scenario": "s.yaml", "care": "c.yaml", "plan": "p.yaml"})
    return e.value


def test_an_unknown_reason_is_named_with_its_key_file_and_line():
    e = _error({"notices": [{"id": "n", "reasons": ["nessuno"], "start": "2026-05-04",
                             "end": "2026-05-04", "avoided_share": 0.3, "recipients": 10}]})
    assert e.file == "p.yaml" and e.line is not None
    assert e.key == "cases.notices[0].reasons[0]"
    assert "«nessuno» inesistente" in e.message and "guasto" in e.message


def test_a_wrong_sector_lists_the_allowed_ones():
    e = _error({"complaints": {"sector": "banca", "back_office": {"staff": 1}}})
    assert e.file == "p.yaml" and "cases.complaints.sector" in e.key
    assert "telco" in e.message and "energy" in e.message


def test_consumer_law_needs_a_complaint_procedure():
    e = _error({"consumer_law": [{"reason": "contratto", "kind": "withdrawal",
                                  "decision": "refuse"}]})
    assert e.key.startswith("cases") and "reclam" in e.message


def test_steps_cannot_be_due_before_the_previous_step():
    e = _error({"complaints": {"sector": "telco", "back_office": {"staff": 1},
                               "assessment": {"target_days": 10},
                               "investigation": {"target_days": 3}}})
    assert e.key == "cases.complaints.investigation.target_days"


def test_the_complaints_command_shows_steps_and_compensation(tmp_path, capsys):
    plan = yaml.safe_load(texts("telco-base", {"complaints": {
        "sector": "telco", "deadline_days": 1, "back_office": {"staff": 1},
        "compensation": {"fixed": 5}}})["plan"])
    path = tmp_path / "p.plan.yaml"
    path.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "run"
    assert main(["run", "telco-base", "--plan", str(path), "--days", "2", "--out",
                 str(out)]) == 0
    assert (out / "complaints.parquet").exists()
    capsys.readouterr()
    assert main(["--lang", "it", "complaints", str(out)]) == 0
    text = capsys.readouterr().out
    assert "presa in carico" in text and "Indennizzo automatico" in text
    assert main(["complaints", str(out), "--json"]) == 0
    import json

    data = json.loads(capsys.readouterr().out)
    table = pd.read_parquet(out / "complaints.parquet")
    assert data["summary"]["late"] == int(table["late"].sum()) > 0
    assert data["summary"]["compensation_eur"] == pytest.approx(5 * data["summary"]["late"])
    costs = pd.read_parquet(out / "costs.parquet")
    assert costs.loc[costs["item"] == "compensation", "amount"].sum() == pytest.approx(
        5 * data["summary"]["late"])


def test_a_run_without_complaints_gets_an_italian_message(tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["run", "telco-base", "--days", "1", "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["--lang", "it", "complaints", str(out)]) == 2
    assert "reclami" in capsys.readouterr().err


def test_every_column_of_the_case_files_is_documented():
    import re
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / "docs" / "data-dictionary.md").read_text(
        encoding="utf-8")
    documented = set(re.findall(r"^\| `(\w+)` \|", doc, re.M))
    result = run("ecommerce-base", {
        "complaints": {"sector": "ecommerce", "back_office": {"staff": 2}},
        "consumer_law": [{"reason": "reso-recesso", "kind": "withdrawal",
                          "decision": "refuse"}]}, days=1)
    for table in (result.cases.complaints, result.cases.consumer):
        assert not set(table.columns) - documented


def test_rules_of_one_reason_cannot_take_more_than_its_contacts():
    rule = {"reason": "contratto", "kind": "withdrawal", "decision": "verify", "share": 0.6}
    e = _error({"complaints": {"sector": "telco", "back_office": {"staff": 1}},
                "consumer_law": [rule, rule]})
    assert e.key == "cases.consumer_law[1].share" and "«contratto»" in e.message


def test_a_run_with_cases_replays_file_for_file(tmp_path):
    result = run("telco-base", {
        "complaints": {"sector": "telco", "back_office": {"staff": 3}},
        "notices": [{"id": "n", "reasons": ["guasto"], "start": "2026-05-04",
                     "end": "2026-05-04", "avoided_share": 0.3, "recipients": 10}],
        "knowledge_base": {"level": 1}}, days=1)
    first = runner.write(result, tmp_path / "a")
    again = runner.rerun(runner.inputs(result), tmp_path / "b")
    assert "complaints.parquet" in first and first == again
