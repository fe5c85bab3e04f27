"""The course's Italian terms, one name for each thing, in the app, the CLI, the README
and the shipped scenarios: «modello di customer care» (care model) and «piano operativo»
(operations plan)."""

from __future__ import annotations

import io
import re
from pathlib import Path

from simlab.i18n_tools import PO_PATH, parse_po

ROOT = Path(__file__).parents[2]
OTHER_NAMES = ("modello di servizio", "modelli di servizio", "modello di assistenza",
               "modelli di assistenza")


def italian() -> list[tuple[str, str]]:
    catalog = parse_po(PO_PATH.read_bytes())
    pairs = []
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strs = message.string if isinstance(message.string, tuple) else (message.string,)
        pairs += [(i, s) for i in ids for s in strs if i]
    return pairs


def test_the_care_model_has_one_name():
    texts = [s for _, s in italian()]
    texts.append((ROOT / "README.md").read_text(encoding="utf-8"))
    texts += [p.read_text(encoding="utf-8") for p in (ROOT / "scenarios").rglob("*.yaml")]
    for text in texts:
        for other in OTHER_NAMES:
            assert other not in text.lower(), text
    for msgid, msgstr in italian():
        if "care model" in msgid.lower():
            assert "modello di customer care" in msgstr.lower(), msgid


def test_the_plan_is_the_operations_plan():
    for msgid, msgstr in italian():
        if "operations plan" in msgid.lower():
            assert "piano operativo" in msgstr.lower(), msgid
        if "piano" in msgstr.lower():  # a plan is never just «piano»
            assert msgstr.lower().count("piano") == msgstr.lower().count("piano operativo"), \
                msgstr


def test_a_run_of_one_contact_is_singular():
    from simlab.tui.screens.run import finished_text

    assert finished_text(1, "R000001") == "Completata: 1 contatto, salvata come simulazione R000001."
    assert finished_text(1234, "R000002").startswith("Completata: 1.234 contatti,")


def test_one_day_is_singular_in_the_scenario_facts():
    from simlab.lab import runner
    from simlab.reports import tables

    sc = runner.load_bundle("energia-base").scenario
    one_day = sc.model_copy(update={"calendar": sc.calendar.model_copy(update={"days": 1})})
    period = dict(tables.scenario_facts(one_day))["Periodo"]
    assert period.endswith("(1 giorno)"), period
    assert dict(tables.scenario_facts(sc))["Periodo"].endswith(
        f"({sc.calendar.days} giorni)")


def test_results_of_a_one_day_run_say_one_day(ws_path):
    from simlab.lab import runner
    from simlab.store.workspace import Workspace
    from simlab.tui.app import LabApp
    from simlab.tui.screens.results import ResultsScreen

    from .helpers import drive, settle
    from .test_flows import core_run

    with Workspace.open(ws_path) as ws:
        run_id = runner.save(core_run(1), ws)
    app = LabApp(ws_path)

    async def script(pilot):
        app.screen.query_one("#recent-runs").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen) and app.screen.run_id == run_id
        from rich.console import Console

        console = Console(width=120, record=True, file=io.StringIO())
        console.print(app.screen.query_one("#results-header").content)
        header = console.export_text()
        assert re.search(r"Giorni\s+1\b", header) and "1 giorni" not in header, header

    drive(app, script)
