"""The lab's main flows with Pilot: choose a scenario, run it, open its results; the
KPIs on screen are the core's for the same run; cancel and pause a run."""

from __future__ import annotations

import functools

from textual.widgets import Button, DataTable, Input, Select, Static, TabbedContent

from simlab import fmt
from simlab.analysis import kpi
from simlab.analysis.kpi import KPI_BY_KEY
from simlab.lab import runner
from simlab.store.workspace import Workspace
from simlab.tui.app import LabApp
from simlab.tui.messages import RunCancelled, RunDone, RunUpdate
from simlab.tui.screens.confirm import ConfirmScreen
from simlab.tui.screens.results import ResultsScreen
from simlab.tui.screens.run import RunScreen
from simlab.tui.screens.scenarios import ScenariosScreen

from .helpers import cells, drive, settle, wait_for

DAYS = 2


@functools.cache
def core_run(days: int = DAYS) -> runner.RunResult:
    return runner.execute(runner.load_bundle("energia-base"), days=days)


def expected_kpis(result: runner.RunResult) -> dict[str, list[str]]:
    """The core's KPIs per channel and total, formatted by simlab.fmt, by KPI key."""
    frame = kpi.by_channel(result.log.contacts, result.bundle.care)
    out = {}
    for key in ("offered", "answered", "abandoned", "asa_s", "aht_s",
                "abandon_rate", "fcr", "backlog", "frt_h", "ticket_sla"):
        unit = KPI_BY_KEY[key].unit if key in KPI_BY_KEY else "count"
        out[key] = [fmt.value(frame.loc[c, key], unit) for c in frame.index]
    # SL with its threshold T, and no total: phone (T = 20 s) and chat (60 s) differ
    sl, t = frame["service_level"], frame["sl_threshold_s"]
    out["service_level"] = [fmt.DASH if sl.isna()[c] else
                            f"{fmt.percent(sl[c])} entro {fmt.number(t[c])} s"
                            for c in frame.index]
    assert out["service_level"][-1] == fmt.DASH
    return out


def assert_kpis_match(table: DataTable, result: runner.RunResult) -> None:
    rows = dict(zip([str(k.value) for k in table.rows], cells(table), strict=True))
    expected = expected_kpis(result)
    assert {"service_level", "asa_s", "abandon_rate", "offered"} <= rows.keys()
    for key, values in expected.items():
        if key in rows:
            assert rows[key][1:] == values, key
    # the Italian names from the KPI catalogue
    assert rows["service_level"][0] == "Livello di servizio (SL)"
    assert rows["asa_s"][0] == "Tempo medio di risposta (ASA)"


def test_choose_scenario_run_it_and_open_results(ws_path):
    messages: list = []
    app = LabApp(ws_path)

    async def script(pilot):
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, ScenariosScreen)
        assert "Vesuvio Energia" in str(app.screen.query_one("#scenario-title").render())
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RunScreen)
        assert screen.query_one("#run-scenario", Select).value == "energia-base"
        screen.query_one("#run-days", Input).value = str(DAYS)
        screen.query_one("#run-label", Input).value = "prova in aula"
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: screen.state != "running")
        await settle(pilot)
        assert "R000001" in str(screen.query_one("#run-outcome", Static).render())
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        assert_kpis_match(app.screen.query_one("#kpi-table", DataTable), core_run())

    drive(app, script, messages=messages)
    done = list({id(m): m for m in messages if isinstance(m, RunDone)}.values())
    assert len(done) == 1 and done[0].view.run_id == "R000001"
    assert any(isinstance(m, RunUpdate) for m in messages)
    with Workspace.open(ws_path) as ws:
        (record,) = ws.runs()
        assert record.label == "prova in aula" and record.person.name == "Anna Esposito"
        assert record.summary == core_run().summary
        assert ws.draft("tui.run-form") is None  # the draft is gone once the run is saved


def test_stored_run_reopens_with_the_same_kpis_and_texts(ws_path):
    result = core_run()
    with Workspace.open(ws_path) as ws:
        run_id = runner.save(result, ws, label="ieri")
    app = LabApp(ws_path)

    async def script(pilot):
        table = app.screen.query_one("#recent-runs", DataTable)
        assert cells(table)[0][:2] == [run_id, "ieri"]
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ResultsScreen)
        assert_kpis_match(screen.query_one("#kpi-table", DataTable), result)
        await pilot.press("2")
        await pilot.pause()
        assert screen.query_one(TabbedContent).active == "tab-days"
        await pilot.press("4")
        await pilot.pause()
        assert screen.query_one(TabbedContent).active == "tab-contacts"
        browser = screen.query_one("#contacts")
        browser.query_one("#filter-channel", Select).value = "phone"
        browser.query_one("#filter-outcome", Select).value = "abandoned"
        await settle(pilot)
        contacts = result.log.contacts
        wanted = contacts[(contacts["channel"] == "phone") & (contacts["outcome"] == "abandoned")]
        assert len(browser.positions) == len(wanted) > 0
        assert f"di {fmt.number(len(wanted))}" in str(browser.query_one("#contact-page").render())
        page = browser.query_one("#contact-table", DataTable)
        assert all(row[2] == "Telefono" and row[4] == "abbandonato" for row in cells(page))
        page.focus()
        await pilot.press("enter")
        await pilot.pause()
        first = int(wanted["contact_id"].iloc[0])
        subject, body = result.world.text(first)
        assert str(app.screen.query_one("#contact-subject").render()).endswith(subject)
        assert str(app.screen.query_one("#contact-body").render()) == body

    drive(app, script)


def test_cancel_a_run(ws_path):
    messages: list = []
    app = LabApp(ws_path)

    async def script(pilot):
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        screen.query_one("#run-days", Input).value = "14"
        await pilot.pause()
        # Start and pause in one go (a key press waits for the app to be idle, and a
        # short run would be over by then): the engine then waits in its first callback.
        screen.action_start()
        assert screen.check_action("pause", ()) and not screen.check_action("resume", ())
        screen.action_pause()
        await wait_for(pilot, lambda: screen.live.last is not None)
        arrived = screen.live.last.arrived
        await pilot.pause(0.3)
        assert screen.live.last.arrived == arrived and screen.live.paused
        assert "In pausa" in str(screen.query_one("#live-status").render())
        await pilot.press("ctrl+q")  # quitting asks first while a run is in progress
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        assert app.screen is screen and screen.live.paused
        await pilot.press("x")
        await wait_for(pilot, lambda: screen.state != "running")
        await settle(pilot)
        assert "annullata" in str(screen.query_one("#run-outcome").render())
        assert not screen.query_one("#run-form").disabled
        assert screen.query_one("#run-days", Input).value == "14"  # the user's input stays
        assert not app.running

    drive(app, script, messages=messages)
    assert any(isinstance(m, RunCancelled) for m in messages)
    assert not any(isinstance(m, RunDone) for m in messages)
    with Workspace.open(ws_path) as ws:
        assert ws.runs() == []


def test_pause_then_resume_finishes_the_run(ws_path):
    app = LabApp(ws_path)

    async def script(pilot):
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        screen.query_one("#run-days", Input).value = "7"
        await pilot.pause()
        screen.action_start()
        screen.action_pause()
        await wait_for(pilot, lambda: screen.live.last is not None)
        await pilot.pause()
        assert screen.query_one("#run-pause", Button).label.plain.startswith("Riprendi")
        await pilot.press("p")
        await wait_for(pilot, lambda: screen.state != "running")
        await settle(pilot)
        assert screen.state == "done" and screen.view.run_id == "R000001"
        assert len(screen.view.contacts) == len(core_run(7).log.contacts)

    drive(app, script)


def test_bad_seed_is_shown_beside_the_form_and_kept(ws_path):
    app = LabApp(ws_path)

    async def script(pilot):
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        screen.query_one("#run-seed", Input).value = "-5"
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert "seme" in str(screen.query_one("#run-error").render()).lower()
        assert screen.query_one("#run-seed", Input).value == "-5"
        assert screen.state == "idle"

    drive(app, script)
