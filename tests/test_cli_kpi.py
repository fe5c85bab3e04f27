"""`simlab kpi` on a simulated run: a folder or a run id of the workspace, JSON with the
channel KPIs and the formulas, CSV and XLSX tables read back, mistakes in Italian with
exit 2; and the schedule-based KPIs of a simulation (adherence, unplanned shrinkage)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from simlab.analysis import kpi
from simlab.analysis.kpi_groups import KpiData, parse_formulas, table
from simlab.lab import kpiview, runner
from tests.conftest import bundle

SIMLAB = str(Path(sys.executable).with_name("simlab"))


def simlab(*args: str, workspace: Path | None = None):
    env = {**os.environ, "SIMLAB_LANG": "it"}
    if workspace is not None:
        env["SIMLAB_WORKSPACE"] = str(workspace)
    return subprocess.run([SIMLAB, *args], capture_output=True, text=True, timeout=300, env=env)


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("kpi") / "run"
    r = simlab("run", "energia-base", "--days", "2", "--out", str(out), "--no-save")
    assert r.returncode == 0, r.stderr
    return out


def test_json_has_the_channel_kpis_and_the_formulas(run_dir):
    r = simlab("kpi", str(run_dir), "--json", "--formula", "service_level=offered")
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    stored = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))["summary"]
    for channel in ("phone", "chat", "email"):
        row = got["channels"][channel]
        for key in ("offered", "answered", "abandoned", "abandon_rate", "aht_s"):
            assert row[key] == pytest.approx(stored["channels"][channel][key]), key
    phone = got["channels"]["phone"]
    assert phone["service_level"] < stored["channels"]["phone"]["service_level"]  # all abandons
    assert got["formulas"]["service_level"]["variant"] == "offered"
    assert got["formulas"]["aht_s"]["formula"]  # every KPI names its formula
    assert {r["key"] for r in got["regulatory"]} == {"as", "tma", "ls", "answer_time",
                                                     "within_20s"}


def test_short_abandons_and_repeat_window_are_options(run_dir):
    base = json.loads(simlab("kpi", str(run_dir), "--json", "--formula",
                             "abandon_rate=no_short_abandons").stdout)
    wide = json.loads(simlab("kpi", str(run_dir), "--json", "--short-abandon", "60",
                             "--formula", "abandon_rate=no_short_abandons").stdout)
    assert wide["parameters"]["short_abandon_s"] == 60
    # more abandons are short at 60 s: fewer count against
    assert wide["channels"]["phone"]["abandon_rate"] < base["channels"]["phone"]["abandon_rate"]
    r = simlab("kpi", str(run_dir), "--repeat-days", "0")
    assert r.returncode == 2 and "--repeat-days" in r.stderr


def test_by_team_and_day(run_dir):
    got = json.loads(simlab("kpi", str(run_dir), "--by", "day", "--json").stdout)
    assert got["by"] == "day" and list(got["groups"]) == ["2026-03-02", "2026-03-03", "total"]
    days = [g for k, g in got["groups"].items() if k != "total"]
    assert sum(g["offered"] for g in days) == got["groups"]["total"]["offered"]
    assert 0 < got["groups"]["total"]["adherence"] <= 1


def test_csv_and_xlsx_tables(run_dir, tmp_path):
    r = simlab("kpi", str(run_dir), "--by", "team", "--out", str(tmp_path / "k.csv"))
    assert r.returncode == 0, r.stderr
    text = (tmp_path / "k.csv").read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0][0] == "Gruppo" and "Occupazione" in rows[0]
    assert rows[-1][0] == "Totale" and "," in rows[-1][rows[0].index("Occupazione")]
    assert simlab("kpi", str(run_dir), "--out", str(tmp_path / "k.xlsx")).returncode == 0
    book = openpyxl.load_workbook(tmp_path / "k.xlsx")
    assert book.sheetnames == ["Indicatori", "Formule"]
    sheet = book["Indicatori"]
    assert sheet["A1"].value == "Canale" and isinstance(sheet["B2"].value, (int, float))


def test_mistakes_are_italian_and_exit_2(run_dir, tmp_path):
    for args, words in ((["--by", "year"], "ammessi: channel, queue"),
                        (["--formula", "service_level=x"], "ammesse: default, offered"),
                        (["--formula", "x"], "indicatori ammessi"),
                        (["--out", str(tmp_path / "k.txt")], ".csv o .xlsx")):
        r = simlab("kpi", str(run_dir), *args)
        assert r.returncode == 2 and words in r.stderr and "Traceback" not in r.stderr, args
    r = simlab("kpi", str(tmp_path / "nowhere"), workspace=tmp_path / "ws")
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_a_run_id_of_the_workspace(tmp_path):
    ws = tmp_path / "ws"
    assert simlab("run", "energia-base", "--days", "1", workspace=ws).returncode == 0
    r = simlab("kpi", "1", "--json", workspace=ws)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["channels"]["phone"]["offered"] > 0
    (contacts,) = ws.glob("runs/*/contacts.parquet")
    contacts.write_bytes(contacts.read_bytes()[:-100])  # a damaged run: no numbers from it
    r = simlab("kpi", "1", "--json", workspace=ws)
    assert r.returncode == 2 and "non corrispondono" in r.stderr and not r.stdout


def _kpis(plan_update=None, days: int = 3) -> tuple:
    b = bundle()
    plan = b.plan if plan_update is None else b.plan.model_copy(update={"teams": [
        t.model_copy(update=plan_update) for t in b.plan.teams]})
    b = runner.Bundle(b.scenario, b.care, plan, b.texts, b.sources)
    result = runner.execute(b, days=days)
    log = result.log
    data = KpiData(log.contacts, log.agents, log.costs, b.care, b.scenario.calendar.start,
                   days * 86400.0, schedule=kpiview.schedule(b.scenario, plan, days))
    return data, plan


def test_without_absence_adherence_is_whole_and_shrinkage_is_the_breaks():
    data, _plan = _kpis({"absence_rate": 0.0})
    teams = table(data, "team", parse_formulas(["shrinkage=unplanned"]))
    assert teams["shrinkage"].max() == pytest.approx(0.0, abs=1e-12)
    assert teams["adherence"].min() == pytest.approx(1.0)
    planned = table(data, "team", parse_formulas(["shrinkage=planned"]))
    occupancy = kpi.by_team(data.agents)
    scheduled_h = data.schedule.groupby("team")["scheduled_s"].sum() / 3600
    for team in occupancy.index:
        assert planned.at[team, "occupancy"] == pytest.approx(occupancy.at[team, "occupancy"])
        # breaks ÷ scheduled time (staffed time also holds contacts that ran over the shift)
        assert planned.at[team, "shrinkage"] == pytest.approx(
            occupancy.at[team, "break_h"] / scheduled_h[team])


def test_unplanned_shrinkage_measures_the_plans_absence_rate():
    """Each agent-day is absent with the team's rate: over the scheduled agent-days the
    share lost is that rate within four standard errors."""
    data, plan = _kpis()
    teams = table(data, "team", parse_formulas(["shrinkage=unplanned"]))
    schedule = data.schedule
    for team in plan.teams:
        agent_days = schedule[schedule["team"] == team.id].assign(
            day=lambda f: f["interval_start_s"] // 86400)[["agent_id", "day"]].drop_duplicates()
        n = len(agent_days)
        se = (team.absence_rate * (1 - team.absence_rate) / n) ** 0.5
        assert abs(teams.at[team.id, "shrinkage"] - team.absence_rate) < 4 * se + 1e-9, team.id
