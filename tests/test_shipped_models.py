"""The shipped baseline care models use the parts of the care model (docs/care-model.md,
"The shipped baseline models") and `simlab model check` finds nothing in them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from simlab.engine.access_prep import uses_access
from simlab.lab import runner

SHIPPED = ("energia-base", "telco-base", "ecommerce-base")


@pytest.mark.parametrize("name", SHIPPED)
def test_simlab_model_check_is_silent_on_each_shipped_model(name):
    done = subprocess.run([sys.executable, "-m", "simlab", "model", "check",
                           f"scenarios/{name}.care.yaml", "--scenario", name],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    assert lines == [f"✓ modello di customer care «{name}»: nessun problema trovato"]
    assert done.stderr == ""


@pytest.mark.parametrize("name", SHIPPED)
def test_each_shipped_model_uses_the_design_parts(name):
    care = runner.load_bundle(name).care
    assert care.positioning and care.target_segments and care.budget_per_month_eur
    assert care.services and care.support_activities and care.skill_groups
    assert care.open_on_holidays or care.closed_days
    assert any(r.priority is not None for r in care.realtime_sla)
    assert any(r.priority is None for r in care.realtime_sla)
    assert {r.channel for r in care.ticket_sla} == set(care.tickets)
    assert care.expected_results and all(g.variant for g in care.expected_results)
    assert len({g.variant for g in care.expected_results}) >= 2


def test_telco_reaches_operators_through_an_ivr_with_capacity_and_callbacks():
    bundle = runner.load_bundle("telco-base")
    care = bundle.care
    first = care.ivr["phone"].levels[0]
    complaints = [r.id for r in bundle.scenario.reasons if r.id == "reclamo"]
    assert any(set(o.reasons) & set(complaints) for o in first.options)  # AGCOM
    assert any(o.self_service > 0 for lv in care.ivr["phone"].levels for o in lv.options)
    capacity = {q.id: q.capacity for q in care.queues if q.channel == "phone"}
    # the sales and technical lines are limited; a complaint is never refused a line
    assert capacity == {"tel-commerciale": 20, "tel-tecnica": 12, "tel-reclami": None}
    assert any(q.callback for q in care.queues)
    assert uses_access(care)


def test_ecommerce_states_its_chat_concurrency_and_energia_keeps_the_plain_loop():
    ecommerce = runner.load_bundle("ecommerce-base")
    chat = next(c for c in ecommerce.scenario.channels if c.id == "chat")
    assert [q.concurrency for q in ecommerce.care.queues if q.channel == "chat"] == [
        chat.concurrency]
    # the year-long energia run is the speed benchmark: no part that needs the access loop
    assert not uses_access(runner.load_bundle("energia-base").care)
    assert not uses_access(ecommerce.care)
