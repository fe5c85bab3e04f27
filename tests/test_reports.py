"""What people read: the contact detail's times add up by hand and say their clock; the
KPI grid shows SL with its threshold and target; the run header names its inputs; a
stored run reopens without rebuilding its world."""

from __future__ import annotations

import datetime as dt

import pytest

from simlab.lab import runner
from simlab.lab.runview import RunView, open_run
from simlab.reports import contact_tables, runinfo, tables
from simlab.store.workspace import Workspace


@pytest.fixture(scope="module")
def result():
    return runner.execute(runner.load_bundle("energia-base"), days=2)


@pytest.fixture(scope="module")
def view(result):
    return RunView.from_result(result)


def clock(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%d/%m/%Y %H:%M:%S")


def minutes(text: str) -> int:
    """«6 h 55 min» → 415; «12 min 5 s» → 12."""
    parts = text.replace(".", "").split()
    values = dict(zip(parts[1::2], map(int, parts[0::2]), strict=True))
    return values.get("h", 0) * 60 + values.get("min", 0)


def test_a_ticket_detail_adds_up_in_calendar_time_and_names_business_hours(view):
    c = view.contacts
    pos = int(((c["channel"] == "email") & (c["outcome"] == "answered")
               & (c["wait_s"] > 4 * 3600)).to_numpy().nonzero()[0][0])
    facts = dict(contact_tables.contact_detail(view, pos)["facts"])
    arrival, sent = clock(facts["Arrivo"]), clock(facts["Prima risposta inviata alle"])
    calendar = facts["Tempo di prima risposta, in tempo di calendario (arrivo → prima risposta)"]
    assert minutes(calendar) == int((sent - arrival).total_seconds() // 60)
    assert "Tempo di prima risposta, in ore lavorative (FRT)" in facts
    assert clock(facts["Lavorazione iniziata alle"]) <= sent
    assert "Risposta alle" not in facts  # the start of work is not called the answer


def test_a_call_detail_adds_up(view):
    c = view.contacts
    pos = int(((c["channel"] == "phone") & (c["outcome"] == "answered")
               & (c["wait_s"] > 60)).to_numpy().nonzero()[0][0])
    facts = dict(contact_tables.contact_detail(view, pos)["facts"])
    waited = clock(facts["Risposta alle"]) - clock(facts["Arrivo"])
    wait = facts["Attesa in coda, in tempo di calendario (arrivo → risposta)"]
    assert abs(waited.total_seconds() - c["wait_s"].iloc[pos]) < 1
    assert wait.endswith(" s")


def test_kpi_grid_shows_sl_with_threshold_and_target_and_no_mixed_total(view):
    grid = tables.kpi_grid(view.channels, view.scenario)
    rows = dict(zip(grid.keys, grid.rows, strict=True))
    assert grid.headers[1:4] == ["Telefono", "Chat sul sito e nell'app", "Email e modulo web"]
    sl, target = rows["service_level"], rows["sl_target"]
    assert sl[1].endswith("entro 20 s") and sl[2].endswith("entro 60 s")
    assert sl[-1] == "—"  # phone at 20 s and chat at 60 s: no total
    gap = (view.channels.loc["phone", "service_level"] - 0.8) * 100
    word = "raggiunto" if gap >= 0 else "mancato"
    assert target[1].startswith("80,0%: " + word) and f"{abs(gap):.1f}".replace(".", ",") in target[1]
    assert rows["in_queue_end"][0] == "Ancora in coda alla fine"
    assert rows["backlog"][1] == "0"  # a phone call is never backlog


def test_run_header_names_inputs_person_and_date(result, tmp_path):
    with Workspace.open(tmp_path / "ws") as ws:
        ws.set_current_person(ws.add_person("Anna Esposito", "trainee"))
        run_id = runner.save(result, ws, person_id=ws.current_person().id)
        view = open_run(ws, run_id)
    facts = dict(runinfo.run_facts(view))
    assert facts["Scenario"].endswith("(energia-base) — file fornito con simlab energia-base.yaml")
    assert facts["Piano operativo"].endswith("file fornito con simlab energia-base.plan.yaml")
    assert facts["Persona"].startswith("Anna Esposito (")
    assert facts["Creata"].count("/") == 2


def test_a_stored_run_reopens_from_its_files_without_its_world(result, tmp_path, monkeypatch):
    with Workspace.open(tmp_path / "ws") as ws:
        run_id = runner.save(result, ws)
        built = []
        import simlab.lab.runview as runview

        real = runview.build
        monkeypatch.setattr(runview, "build", lambda *a: built.append(a) or real(*a))
        view = open_run(ws, run_id)
        assert view.summary == result.summary  # KPIs from the files = the run's
        tables.kpi_grid(view.channels, view.scenario)
        contact_tables.contact_rows(view, range(10))
        assert built == []  # tables and the contact list need no world
        contact_tables.contact_detail(view, 0)  # a customer's text does
        assert len(built) == 1


def test_erlang_c_calls_waiting_at_the_end_are_not_backlog():
    """The issue's case: `simlab run erlang-c --days 2` showed a phone backlog of 11 (with
    today's per-day world, one day of erlang-c ends with 5 calls still waiting)."""
    view = RunView.from_result(runner.execute(runner.load_bundle("erlang-c"), days=1))
    grid = tables.kpi_grid(view.channels, view.scenario)
    rows = dict(zip(grid.keys, grid.rows, strict=True))
    assert rows["backlog"][1:] == ["0", "0"]
    assert rows["in_queue_end"][1:] == ["5", "5"]
    assert view.summary["channels"]["phone"]["backlog"] == 0


def test_a_contact_detail_names_its_queue_and_team_not_their_ids(view):
    c = view.contacts
    pos = int((c["outcome"] == "answered").to_numpy().nonzero()[0][0])
    facts = dict(contact_tables.contact_detail(view, pos)["facts"])
    queue = next(q for q in view.care.queues if q.id == c["queue"].iloc[pos])
    team = next(t for t in view.plan.teams if t.id == c["team"].iloc[pos])
    assert facts["Coda"] == str(queue.name) != queue.id
    assert facts["Operatore"].endswith(f"({team.name})")
