"""`simlab survey` through its entry point: a questionnaire sent to a run's customers
and staff, the files written (same inputs, same bytes), the analysis printed, as JSON and
read back from XLSX and CSV, mistakes in Italian with exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

SIMLAB = str(Path(sys.executable).with_name("simlab"))
ROOT = Path(__file__).resolve().parent.parent
CUSTOMER = ROOT / "scenarios" / "surveys" / "clienti-dopo-contatto.survey.yaml"
STAFF = ROOT / "scenarios" / "surveys" / "clima-operatori.survey.yaml"


def simlab(*args: str, workspace: Path | None = None):
    env = {**os.environ, "SIMLAB_LANG": "it"}
    if workspace is not None:
        env["SIMLAB_WORKSPACE"] = str(workspace)
    return subprocess.run([SIMLAB, *args], capture_output=True, text=True, timeout=300, env=env)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("survey-ws")


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory, workspace) -> Path:
    out = tmp_path_factory.mktemp("survey") / "run"
    r = simlab("run", "ecommerce-base", "--seed", "3", "--days", "5", "--out", str(out),
               workspace=workspace)
    assert r.returncode == 0, r.stderr
    return out


@pytest.fixture(scope="module")
def responses(run_dir, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("answers") / "clienti"
    r = simlab("survey", "run", str(run_dir), "--survey", str(CUSTOMER), "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "risposte su" in r.stdout
    return out


def test_survey_run_writes_the_files_and_the_same_inputs_give_the_same_bytes(
        run_dir, responses, tmp_path):
    again = tmp_path / "again"
    r = simlab("survey", "run", str(run_dir), "--survey", str(CUSTOMER), "--out", str(again))
    assert r.returncode == 0, r.stderr
    names = sorted(p.name for p in responses.iterdir())
    assert names == ["responses.parquet", "risposte.csv", "risposte.xlsx", "survey.json"]
    for name in names:
        assert (responses / name).read_bytes() == (again / name).read_bytes(), name
    meta = json.loads((responses / "survey.json").read_text(encoding="utf-8"))
    assert meta["run"]["seed"] == 3 and len(meta["run"]["run_json_sha256"]) == 64
    assert meta["fieldwork"]["responses"] < meta["fieldwork"]["invited"]


def test_the_csv_is_in_the_spreadsheet_dialect_and_matches_the_parquet(responses):
    frame = pd.read_parquet(responses / "responses.parquet")
    raw = (responses / "risposte.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig").splitlines()
    header = text[0].split(";")
    assert header[:3] == ["Risposta", "Contatto", "Cliente"] and "nps" in header
    assert len(text) == len(frame) + 1
    first = dict(zip(header, text[1].split(";"), strict=True))
    assert first["nps"] == str(frame["nps"].iloc[0])
    assert first["Risolto al primo contatto"] in ("Sì", "No")
    sheets = openpyxl.load_workbook(responses / "risposte.xlsx", read_only=True).sheetnames
    assert sheets == ["Risposte", "Questionario"]


def test_survey_analyse_prints_the_tables_and_json(responses):
    r = simlab("survey", "analyse", str(responses))
    assert r.returncode == 0, r.stderr
    for title in ("Soddisfazione (intervalli al 95%)", "Scostamenti SERVQUAL",
                  "Affidabilità delle scale", "Fattori della soddisfazione", "Temi dei commenti"):
        assert title in r.stdout, title
    r = simlab("survey", "analyse", str(responses), "--json")
    report = json.loads(r.stdout)
    frame = pd.read_parquet(responses / "responses.parquet")
    assert report["responses"] == len(frame)
    share = float((frame["csat"] >= 4).mean())
    assert report["csat"]["value"] == pytest.approx(share)
    assert report["csat"]["low"] < share < report["csat"]["high"]
    nps = 100 * float((frame["nps"] >= 9).mean() - (frame["nps"] <= 6).mean())
    assert report["nps"]["value"] == pytest.approx(nps)
    assert [g["dimension"] for g in report["servqual"]] == [
        "tangibles", "reliability", "responsiveness", "assurance", "empathy"]
    assert all(g["gap"] < 0 for g in report["servqual"])  # expectations exceed perceptions
    assert {d["factor"] for d in report["drivers"]["nps"]["factors"]} >= {
        "resolved", "abandoned", "wait_index", "repeat"}
    assert sum(t["count"] for t in report["themes"]) >= (frame["comment"] != "").sum()


def test_survey_analyse_writes_xlsx(responses, tmp_path):
    out = tmp_path / "analisi.xlsx"
    r = simlab("survey", "analyse", str(responses), "--out", str(out))
    assert r.returncode == 0, r.stderr
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames[:3] == ["Intestazione", "Soddisfazione", "SERVQUAL"]
    rows = list(book["SERVQUAL"].iter_rows(values_only=True))
    assert rows[0][0] == "Dimensione" and rows[1][0] == "Aspetti tangibili"


def test_staff_survey_links_workload_to_occupancy(run_dir, tmp_path):
    out = tmp_path / "operatori"
    r = simlab("survey", "run", str(run_dir), "--survey", str(STAFF), "--out", str(out))
    assert r.returncode == 0, r.stderr
    r = simlab("survey", "analyse", str(out), "--json")
    report = json.loads(r.stdout)
    assert report["audience"] == "staff"
    assert [d["dimension"] for d in report["dimensions"]] == [
        "workload", "shifts", "tools", "training", "climate", "stay"]
    assert report["link"]["r"] < 0  # busier agents find the workload heavier
    frame = pd.read_parquet(out / "responses.parquet")
    assert frame["agent_id"].is_unique and frame["occupancy"].between(0, 1).all()


def test_survey_of_a_workspace_run_by_id(run_dir, workspace, tmp_path):
    r = simlab("survey", "run", "R000001", "--survey", str(CUSTOMER), "--out",
               str(tmp_path / "ws"), workspace=workspace)
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("case", ["not-empty", "bad-item", "no-survey-json", "bad-suffix"])
def test_mistakes_give_one_italian_error_and_exit_2(case, run_dir, responses, tmp_path):
    if case == "not-empty":
        args = ("survey", "run", str(run_dir), "--survey", str(CUSTOMER), "--out", str(responses))
        words = "cartella nuova o vuota"
    elif case == "bad-item":
        bad = tmp_path / "bad.survey.yaml"
        bad.write_text(CUSTOMER.read_text(encoding="utf-8").replace("- nps", "- npx"),
                       encoding="utf-8")
        args = ("survey", "check", str(bad))
        words = "«npx» non è una domanda della banca"
    elif case == "no-survey-json":
        args = ("survey", "analyse", str(tmp_path))
        words = "non ha survey.json"
    else:
        args = ("survey", "analyse", str(responses), "--out", str(tmp_path / "a.txt"))
        words = ".json o .xlsx"
    r = simlab(*args)
    assert r.returncode == 2, r.stdout + r.stderr
    assert words in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) <= 2


@pytest.mark.parametrize("path", [CUSTOMER, STAFF], ids=lambda p: p.name)
def test_shipped_questionnaires_check(path):
    r = simlab("survey", "check", str(path))
    assert r.returncode == 0, r.stderr
    assert "questionario" in r.stdout
