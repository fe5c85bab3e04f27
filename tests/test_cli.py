"""The `simlab` command through its installed entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from simlab import __version__

SIMLAB = str(Path(sys.executable).with_name("simlab"))
ROOT = Path(__file__).resolve().parent.parent


def simlab(*args: str, env: dict | None = None, cwd: Path | None = None):
    full_env = {**os.environ, "SIMLAB_LANG": "it", **(env or {})}
    return subprocess.run([SIMLAB, *args], capture_output=True, text=True, env=full_env,
                          cwd=cwd, timeout=300)


def test_version():
    r = simlab("--version")
    assert r.returncode == 0 and __version__ in r.stdout


def test_python_dash_m():
    r = subprocess.run([sys.executable, "-m", "simlab", "--version"], capture_output=True,
                       text=True)
    assert r.returncode == 0 and __version__ in r.stdout


def test_help_is_italian_by_default_and_english_on_request():
    assert "uso:" in simlab("--help").stdout
    assert "usage:" in simlab("--lang", "en", "--help").stdout
    assert "usage:" in simlab("--help", env={"SIMLAB_LANG": "en"}).stdout


def test_scenario_check_good():
    r = simlab("scenario", "check", "energia-base")
    assert r.returncode == 0 and "valido" in r.stdout


def test_scenario_check_bad_file_gives_one_italian_message_and_exit_2(tmp_path):
    text = (ROOT / "scenarios/energia-base.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "rotto.yaml"
    bad.write_text(text.replace("volume_per_weekday: 3000", "volume_per_weekday: -1"),
                   encoding="utf-8")
    r = simlab("scenario", "check", str(bad))
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert f"{bad}:" in r.stderr and "demand.volume_per_weekday" in r.stderr
    assert "almeno 0" in r.stderr
    assert len(r.stderr.strip().splitlines()) <= 2


def test_missing_file_exit_2():
    r = simlab("scenario", "check", "non/esiste.yaml")
    assert r.returncode == 2 and "Traceback" not in r.stderr and "non trovato" in r.stderr


def test_unknown_scenario_lists_the_known_ones():
    r = simlab("run", "inesistente")
    assert r.returncode == 2 and "energia-base" in r.stderr


def test_schema_is_json_schema():
    r = simlab("scenario", "schema")
    schema = json.loads(r.stdout)
    assert schema["title"] == "Scenario" and "demand" in schema["properties"]
    for kind in ("care", "plan"):
        assert json.loads(simlab("scenario", "schema", "--kind", kind).stdout)["properties"]


def test_run_writes_identical_files_twice(tmp_path):
    env = {"SIMLAB_WORKSPACE": str(tmp_path / "ws")}
    for out in ("a", "b"):
        r = simlab("run", "telco-base", "--days", "2", "--out", str(tmp_path / out), "--csv",
                   env=env)
        assert r.returncode == 0, r.stderr
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == ["agents.parquet", "contacts.parquet", "contatti.csv", "costi.csv",
                     "costs.parquet", "fasce_orarie.csv", "giorni.csv", "gruppi.csv",
                     "indicatori.csv", "ledger.parquet", "run.json"]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    run = json.loads((tmp_path / "a" / "run.json").read_text(encoding="utf-8"))
    assert run["inputs"]["seed"] == 20260504 and run["inputs"]["texts"]["scenario"]
    assert "Livello di servizio (SL)" in r.stdout
    listed = simlab("runs", "list", env=env)
    assert listed.returncode == 0
    assert sum(1 for line in listed.stdout.splitlines() if line.startswith("│ R")) == 2


def test_replay_of_a_saved_run_matches(tmp_path):
    env = {"SIMLAB_WORKSPACE": str(tmp_path / "ws")}
    assert simlab("run", "energia-base", "--days", "1", env=env).returncode == 0
    run_id = next(line.split()[1] for line in simlab("runs", "list", env=env).stdout.splitlines()
                  if line.startswith("│ R"))
    r = simlab("runs", "replay", run_id, env=env)
    assert r.returncode == 0 and "identic" in r.stdout
    shown = simlab("runs", "show", run_id, env=env)
    assert shown.returncode == 0 and run_id in shown.stdout


def test_runs_list_without_a_workspace_is_a_clear_error(tmp_path):
    r = simlab("runs", "list", env={"SIMLAB_WORKSPACE": str(tmp_path / "manca")})
    assert r.returncode == 2 and "Traceback" not in r.stderr


@pytest.mark.parametrize("patience", [None, "180"])
def test_queue_json(patience):
    args = ["queue", "--arrivals-per-hour", "540", "--aht", "300", "--agents", "50",
            "--contacts", "50000", "--json"]
    if patience:
        args += ["--patience", patience]
    r = simlab(*args)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    keys = {"p_wait", "p_abandon", "service_level", "asa_s", "occupancy"}
    assert set(data["theory"]) == keys and set(data["simulated"]) == keys
    expected_sl = 0.893525 if patience else 0.739280
    assert data["theory"]["service_level"] == pytest.approx(expected_sl, abs=5e-7)


def test_queue_out_writes_run_files(tmp_path):
    r = simlab("queue", "--arrivals-per-hour", "100", "--aht", "180", "--agents", "8",
               "--contacts", "5000", "--out", str(tmp_path / "q"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "q" / "contacts.parquet").exists() and (tmp_path / "q" / "run.json").exists()


def test_queue_bad_arguments():
    r = simlab("queue", "--arrivals-per-hour", "100", "--aht", "180", "--agents", "-2")
    assert r.returncode == 2 and "--agents" in r.stderr and "Traceback" not in r.stderr
    r = simlab("queue", "--arrivals-per-hour", "900", "--aht", "300", "--agents", "50")
    assert r.returncode == 2 and "Traceback" not in r.stderr  # unstable Erlang C


def copy_telco_as_own(folder: Path) -> None:
    """telco-base's three files as a trainee's own scenario «telco-mio» in `folder`."""
    for suffix in ("", ".care", ".plan"):
        text = (ROOT / f"scenarios/telco-base{suffix}.yaml").read_text(encoding="utf-8")
        text = text.replace("id: telco-base\n", "id: telco-mio\n").replace(
            "scenario: telco-base\n", "scenario: telco-mio\n")
        (folder / f"telco-mio{suffix}.yaml").write_text(text, encoding="utf-8")


def test_scenario_add_puts_own_files_in_the_workspace_where_the_lab_finds_them(tmp_path):
    from simlab.lab import sources
    from simlab.store.workspace import Workspace

    env = {"SIMLAB_WORKSPACE": str(tmp_path / "ws")}
    copy_telco_as_own(tmp_path)
    r = simlab("scenario", "add", str(tmp_path / "telco-mio.yaml"), env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("salvato") == 3
    with Workspace.open(tmp_path / "ws", create=False) as ws:
        found = [s for s in sources.scenarios(ws) if s.origin == sources.WORKSPACE]
        assert [s.model.id for s in found] == ["telco-mio"]
        assert sources.care_models(found[0], ws) and sources.plans(found[0], ws)


def test_scenario_add_refuses_a_shipped_scenario_alone_and_a_bad_file(tmp_path):
    env = {"SIMLAB_WORKSPACE": str(tmp_path / "ws")}
    r = simlab("scenario", "add", "energia-base", env=env)
    assert r.returncode == 2 and "--plan" in r.stderr
    bad = tmp_path / "p.yaml"
    bad.write_text("id: x\n", encoding="utf-8")
    r = simlab("scenario", "add", "energia-base", "--plan", str(bad), env=env)
    assert r.returncode == 2 and "Traceback" not in r.stderr and str(bad) in r.stderr


def test_runs_show_and_list_name_inputs_teams_costs_in_italian(tmp_path):
    env = {"SIMLAB_WORKSPACE": str(tmp_path / "ws")}
    r = simlab("run", "energia-base", "--days", "1", env=env)
    assert r.returncode == 0, r.stderr
    run_id = r.stderr.split(" come ")[1].split()[0]
    shown = simlab("runs", "show", run_id, env=env)
    assert shown.returncode == 0, shown.stderr
    text = shown.stdout
    assert f"{run_id} — completa" in text
    assert "file fornito con simlab energia-base.care.yaml" in text
    assert "Piano operativo" in text and "Gruppi di lavoro" in text
    assert "Costo totale" in text and "Costo per contatto" in text
    assert "entro 20 s" in text and "Obiettivo di SL" in text
    assert "Telefono" in text and "phone" not in text  # names, not ids
    assert text.count("Livello di servizio (SL)") == 1
    # the same grid as the run printed
    # (the run also prints its cost per contact, fully loaded and direct, after the grid)
    grid = r.stdout.split("Indicatori", 1)[1].split("Contatti gestiti:", 1)[0]
    assert grid == text.split("Indicatori", 1)[1].rsplit("Cartella", 1)[0]
    listed = simlab("runs", "list", env=env).stdout
    assert "Vesuvio Energia" in listed and "completa" in listed and "/20" in listed


def test_one_catalogue_for_scenarios_care_models_and_plans(tmp_path):
    env = {"SIMLAB_WORKSPACE": str(tmp_path / "ws")}
    copy_telco_as_own(tmp_path)
    assert simlab("scenario", "add", str(tmp_path / "telco-mio.yaml"), env=env).returncode == 0
    listed = simlab("scenario", "list", env=env).stdout
    assert "telco-mio" in listed and "area di lavoro" in listed and "energia-base" in listed
    # by id, from the workspace, with its own care model and plan
    r = simlab("run", "telco-mio", "--days", "1", "--no-save", env=env)
    assert r.returncode == 0, r.stderr
    assert "documento dell'area di lavoro scenario/telco-mio v1" in r.stdout
    r = simlab("run", "telco-base", "--model", "telco-mio", "--plan", "telco-mio", "--days", "1",
               "--no-save", env=env)
    assert r.returncode == 0, r.stderr
    assert "care_model/telco-mio" in r.stdout
    assert "scritto per lo scenario «telco-mio», non per «telco-base»" in r.stderr
    # a scenario of one's own with the shipped care model and plan: only the scenario is saved
    text = (ROOT / "scenarios/energia-base.yaml").read_text(encoding="utf-8")
    (tmp_path / "mia.yaml").write_text(text.replace("id: energia-base\n", "id: mia\n"),
                                       encoding="utf-8")
    r = simlab("scenario", "add", str(tmp_path / "mia.yaml"), "--model", "energia-base",
               "--plan", "energia-base", env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("salvato") == 1 and "«mia»" in r.stdout
    assert "scritto per lo scenario «energia-base»" in r.stderr
    r = simlab("run", "nessuno", "--model", "telco-mio", env=env)
    assert r.returncode == 2 and "telco-mio" in r.stderr  # the known ids include ours


def test_scenario_ids_are_never_cut_at_80_columns():
    """The id is what a user types after `simlab run`: a narrow terminal wraps the other
    columns, never the id."""
    import io

    from rich.console import Console

    from simlab.cli_output import grid_table
    from simlab.lab import catalog
    from simlab.reports.tables import scenario_list_grid

    console = Console(width=80, file=io.StringIO(), record=True)
    console.print(grid_table(scenario_list_grid(catalog.entries()), "Scenari"))
    text = console.export_text()
    for entry in catalog.entries():
        assert f"│ {entry.key}" in text or f" {entry.model.id} " in text, entry.key
    assert "…" not in "".join(line.split("│")[1] for line in text.splitlines()
                              if line.startswith("│"))
