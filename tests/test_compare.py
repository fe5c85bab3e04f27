"""Runs side by side (`lab.compare`, `simlab compare`): two runs of energia-base with the
same customers, one with five more front-office agents in the early shift. What the plan
changed differs (phone KPIs, staff cost), what it did not touch is the same (chat, email
are served by other teams), and the plan's diff shows the changed lines."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from simlab.cli import main
from simlab.lab import compare, runner
from simlab.reports import compare_tables
from simlab.store.workspace import Workspace

SCENARIOS = Path(__file__).parents[1] / "scenarios"
EARLY_SHIFT = '- {days: lun-ven, from: "08:00", to: "12:00", agents: '


def wider_plan() -> str:
    text = (SCENARIOS / "energia-base.plan.yaml").read_text(encoding="utf-8")
    assert text.count("headcount: 46") == 1 and text.count(EARLY_SHIFT + "8,") == 1
    return (text.replace("headcount: 46", "headcount: 51")
            .replace(EARLY_SHIFT + "8,", EARLY_SHIFT + "13,"))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """R000001: the baseline plan; R000002: the wider one; R000003: the baseline again."""
    root = tmp_path_factory.mktemp("compare") / "ws"
    plan = root.parent / "wider.plan.yaml"
    plan.write_text(wider_plan(), encoding="utf-8")
    with Workspace.open(root) as ws:
        for plan_file in (None, plan, None):
            result = runner.execute(runner.load_bundle("energia-base", plan=plan_file), days=1)
            runner.save(result, ws)
    return root


@pytest.fixture
def ws_env(workspace, monkeypatch) -> Path:
    monkeypatch.setenv("SIMLAB_WORKSPACE", str(workspace))
    return workspace


def comparison(workspace: Path, *refs: str) -> compare.Comparison:
    with Workspace.open(workspace) as ws:
        return compare.compare_refs(list(refs), ws)


def rows(c: compare.Comparison) -> dict[tuple[str, str], compare.NumberRow]:
    return {(r.group, r.key): r for r in c.kpis}


def test_a_different_plan_differs_where_it_acts(workspace):
    c = comparison(workspace, "1", "2")
    inputs = {r.key: r for r in c.inputs}
    assert [k for k, r in inputs.items() if r.differs] == ["plan"]
    diff = inputs["plan"].diffs[0]
    assert "-    headcount: 46\n" in diff and "+    headcount: 51\n" in diff
    assert "agents: 8," in diff and "agents: 13," in diff
    assert diff.startswith("--- R000001: shipped:energia-base.plan.yaml\n")
    kpis = rows(c)
    # more phone agents: more calls answered, a higher service level, fewer abandoned
    sl = kpis[("phone", "service_level")]
    assert sl.differs and sl.values[1] > sl.values[0]
    assert sl.deltas[0] == pytest.approx((sl.values[1] - sl.values[0]) * 100)  # points
    handled = kpis[("phone", "answered")]
    assert handled.deltas[0] == handled.values[1] - handled.values[0] > 0
    assert kpis[("phone", "offered")].deltas == [0.0]  # the same customers
    # the chat and email teams are untouched
    assert not any(r.differs for (group, _k), r in kpis.items() if group in ("chat", "email"))
    costs = {r.key: r for r in c.costs}
    assert costs["staff"].differs and costs["staff"].deltas[0] > 0
    assert not costs["overhead"].differs


def test_the_same_inputs_give_no_differences(workspace):
    c = comparison(workspace, "R000001", "R000003")
    assert not c.differs
    assert all(d == 0 for r in (*c.kpis, *c.costs) for d in r.deltas if d is not None)
    assert compare_tables.summary_line(c) == "2 simulazioni confrontate: nessuna differenza."
    assert c.intraday[0] == c.intraday[1]


def test_three_runs_are_each_compared_with_the_first(workspace):
    c = comparison(workspace, "1", "2", "3")
    sl = rows(c)[("phone", "service_level")]
    assert len(sl.values) == 3 and len(sl.deltas) == 2 and sl.deltas[1] == 0
    grid = compare_tables.kpi_grid(c)
    assert grid.headers[2:] == ["R000001", "R000002", "Δ R000002", "R000003", "Δ R000003"]
    marked = dict(zip(grid.keys, grid.marked, strict=True))
    assert marked["phone/service_level"] and not marked["chat/service_level"]


def test_differences_in_words():
    assert compare_tables.delta_text(5.25, "ratio") == "+5,2 punti"
    assert compare_tables.delta_text(-1.2, "ratio") == "−1,2 punti"
    assert compare_tables.delta_text(-3.36, "seconds") == "−3,4 s"
    assert compare_tables.delta_text(21.0, "count") == "+21"
    assert compare_tables.delta_text(463.17, "eur") == "+€ 463,17"
    assert compare_tables.delta_text(0.0, "eur") == "="
    assert compare_tables.delta_text(None, "count") == "—"


def test_a_run_folder_compares_with_a_stored_run(workspace, tmp_path):
    folder = tmp_path / "copy"
    shutil.copytree(workspace / "runs" / "R000002", folder)
    c = comparison(workspace, "1", str(folder))
    assert c.runs[1].name == str(folder)
    assert rows(c)[("phone", "service_level")].differs


def test_cli_prints_the_tables_and_the_plan_diff(ws_env, capsys):
    assert main(["compare", "1", "2"]) == 0
    out = capsys.readouterr().out
    assert "+    headcount: 51" in out and "Piano operativo" in out
    assert "Δ R000002" in out and "punti" in out


def test_cli_json_is_machine_readable(ws_env, capsys):
    assert main(["compare", "1", "2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in data["runs"]] == ["R000001", "R000002"]
    sl = next(r for r in data["kpis"] if (r["group"], r["key"]) == ("phone", "service_level"))
    assert sl["differs"] and sl["difference_unit"] == "points"
    plan = next(r for r in data["inputs"] if r["key"] == "plan")
    assert plan["differs"] and "+    headcount: 51" in plan["diffs"][0]
    phone = data["intraday"][0]["phone"]
    assert len(phone["start_s"]) == len(phone["offered"]) == len(phone["service_level"])
    assert data["differs"] is True


@pytest.mark.parametrize("args, words", [
    (["1"], "almeno due simulazioni"),
    (["1", "9"], "R000009"),
    (["1", "./non-esiste"], "non-esiste"),
])
def test_cli_refuses_with_an_italian_message(ws_env, capsys, args, words):
    assert main(["compare", *args]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_cli_refuses_a_damaged_run_naming_the_file(ws_env, tmp_path, capsys):
    folder = tmp_path / "damaged"
    shutil.copytree(ws_env / "runs" / "R000002", folder)
    data = bytearray((folder / "contacts.parquet").read_bytes())
    data[200] ^= 0x01  # one flipped bit
    (folder / "contacts.parquet").write_bytes(bytes(data))
    assert main(["compare", "1", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "contacts.parquet" in err and "danneggiata" in err


def test_runs_of_different_scenarios_line_up_by_channel(tmp_path):
    for name in ("energia-base", "telco-base"):
        result = runner.execute(runner.load_bundle(name), days=1)
        runner.write_to_folder(result, tmp_path / name)
    c = compare.compare_refs([str(tmp_path / "energia-base"), str(tmp_path / "telco-base")])
    inputs = {r.key: r for r in c.inputs}
    assert inputs["scenario"].values == ["energia-base", "telco-base"]
    assert all(inputs[k].differs for k in ("scenario", "care", "plan", "seed"))
    assert not inputs["days"].differs
    assert c.channels[-1] == "total" and "app" in c.channels  # telco's own channel too
    app_offered = rows(c)[("app", "offered")]
    assert app_offered.values[0] is None and app_offered.values[1] > 0
    assert app_offered.deltas == [None] and app_offered.differs
    grid = compare_tables.kpi_grid(c)
    names = {row[0] for row in grid.rows}
    assert "Messaggi dall'app" in names  # named from the scenario that has it
