"""The care model's full schema (docs/care-model.md): a model using every part loads,
older files mean what they meant, and each kind of mistake gets its Italian message at
its key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simlab.analysis.kpi_variants import VARIANTS
from simlab.errors import SimlabError
from simlab.lab import catalog
from simlab.model.care_sla import KPI_VARIANTS
from simlab.model.loader import load_care, load_scenario

SCENARIO = load_scenario(catalog.find("telco-base"))
SHIPPED = catalog.companion(catalog.find("telco-base"), "care").read_text(encoding="utf-8")
# the shipped model without the newer parts (its queues' access keys, everything from
# its IVR on): what a file written before them holds
QUEUE_PARTS = ("capacity:", "callback", "concurrency:", "tier:")
BASE = "".join(line for line in SHIPPED.split("\n# IVR of the phone line")[0].splitlines(True)
               if not any(part in line for part in QUEUE_PARTS))

FULL = BASE + """
positioning: value
services:
  - id: assistenza-fibra
    name: {it: "Assistenza fibra"}
    features: [{it: "Tecnico entro 48 ore"}]
    quality: premium
    channels: [phone, chat]
    reasons: [guasto]
    cost_per_month_eur: 1200
support_activities:
  - id: avvisi-guasto
    name: {it: "Avvisi proattivi di guasto"}
    kind: proactive_notice
    cost_per_month_eur: 300
    effect: {it: "Meno chiamate durante un guasto"}
open_on_holidays: [chat]
closed_days: [2026-08-14]
ivr:
  phone:
    levels:
      - id: menu
        prompt_s: 8
        options:
          - {id: reclami, label: {it: "Reclami"}, time_s: 5, reasons: [reclamo], queue: tel-reclami}
          - {id: guasti, label: {it: "Guasti"}, time_s: 5, reasons: [guasto], next: tecnico}
          - {id: altro, label: {it: "Altro"}, time_s: 6, self_service: 0.1}
      - id: tecnico
        options:
          - {id: linea, label: {it: "Linea"}, time_s: 10, self_service: 0.2}
skill_groups:
  - {id: l2-tecnico, name: {it: "Specialisti"}, tier: L2, queues: [tel-tecnica]}
realtime_sla:
  - {channel: phone, priority: 3, threshold_s: 20, target: 0.9, max_abandon_rate: 0.03}
  - {channel: phone, threshold_s: 30, target: 0.8, asa_s: 40}
ticket_sla:
  - {channel: email, priority: 2, first_response_h: 8, next_response_h: 8, resolution_h: 40}
expected_results:
  - {kpi: service_level, variant: offered, target: 0.8, channel: phone}
  - {kpi: abandon_rate, target: 0.05}
"""


def _load(tmp_path: Path, text: str):
    path = tmp_path / "m.care.yaml"
    path.write_text(text, encoding="utf-8")
    return load_care(path, SCENARIO)


def _error(tmp_path: Path, text: str) -> SimlabError:
    with pytest.raises(SimlabError) as info:
        _load(tmp_path, text)
    return info.value


def test_a_model_using_every_part_loads(tmp_path):
    care = _load(tmp_path, FULL.replace(
        "    priority: 3\n", "    priority: 3\n    capacity: 30\n    callback: {threshold_s: "
        "120, accept: 0.5}\n    retrials: {share: 0.6, delay_s: {dist: exponential, mean: "
        "600}}\n", 1))
    assert care.ivr["phone"].levels[0].options[1].next == "tecnico"
    q = next(q for q in care.queues if q.id == "tel-reclami")
    assert q.capacity == 30 and q.callback.accept == 0.5 and q.retrials.max_attempts == 3
    assert care.expected_results[1].at_most and not care.expected_results[0].at_most
    assert care.services[0].quality == "premium" and care.open_on_holidays == ["chat"]


def test_older_files_mean_what_they_meant(tmp_path):
    care = _load(tmp_path, BASE)
    assert care.ivr == {} and care.realtime_sla == [] and care.open_on_holidays == []
    assert all(q.capacity is None and q.callback is None and q.retrials is None
               for q in care.queues)


def test_the_kpi_variants_are_those_of_the_analysis():
    variants: dict[str, set[str]] = {}
    for v in VARIANTS:
        variants.setdefault(v.kpi, set()).add(v.key)
    assert {k: set(v) for k, v in KPI_VARIANTS.items()} == variants


MISTAKES = [
    # (what to replace, with what, the key named, words of the message)
    ("next: tecnico", "next: tecnicoo", "ivr.phone.levels.0.options.1.next", "tecnicoo"),
    ("next: tecnico", "next: menu", "ivr.phone.levels.0.options.1.next", "più in basso"),
    ("queue: tel-reclami}", "queue: tel-reclami, next: tecnico}",
     "ivr.phone.levels.0.options.0.queue", "non entrambi"),
    ("queue: tel-reclami}", "queue: chat-assistenza}", "ivr.phone.levels.0.options.0.queue",
     "chat-assistenza"),
    ("reasons: [reclamo], queue", "reasons: [reclamoo], queue",
     "ivr.phone.levels.0.options.0.reasons.0", "reclamoo"),
    ("ivr:\n  phone:", "ivr:\n  email:", "ivr.email", "differito"),
    ("self_service: 0.1", "self_service: 1.5", "ivr.phone.levels.0.options.2.self_service",
     "1"),
    ("{channel: phone, threshold_s: 30", "{channel: phone, priority: 3, threshold_s: 30",
     "realtime_sla.1.priority", "stessa priorità"),
    ("{channel: phone, priority: 3,", "{channel: email, priority: 3,", "realtime_sla.0.channel",
     "email"),
    ("first_response_h: 8, next_response_h: 8, resolution_h: 40",
     "first_response_h: 8, resolution_h: 4", "ticket_sla.0.resolution_h", "risoluzione"),
    ("variant: offered", "variant: offerto", "expected_results.0.variant", "offerto"),
    ("kpi: abandon_rate", "kpi: abbandoni", "expected_results.1.kpi", "abbandoni"),
    ("kind: proactive_notice", "kind: avviso", "support_activities.0.kind", "proactive_notice"),
    ("channels: [phone, chat]", "channels: [phone, fax]", "services.0.channels.1", "fax"),
    ("open_on_holidays: [chat]", "open_on_holidays: [fax]", "open_on_holidays.0", "fax"),
    ("queues: [tel-tecnica]", "queues: [tel-l2]", "skill_groups.0.queues.0", "tel-l2"),
]


@pytest.mark.parametrize(("old", "new", "key", "words"), MISTAKES)
def test_each_kind_of_mistake_is_named_in_italian_at_its_key(tmp_path, old, new, key, words):
    assert old in FULL
    e = _error(tmp_path, FULL.replace(old, new, 1))
    assert re.sub(r"\[(\d+)\]", r".\1", e.key) == key, e.message
    assert words in e.message


@pytest.mark.parametrize(("extra", "key"), [
    ("    capacity: 10\n", "capacity"),
    ("    callback: {threshold_s: 60, accept: 0.3}\n", "callback"),
    ("    concurrency: 2\n", "concurrency"),
])
def test_access_of_a_deferred_queue_is_refused(tmp_path, extra, key):
    text = FULL.replace("    reasons: []              # every reason not routed to email-reclami\n",
                        "    reasons: []\n" + extra, 1)
    e = _error(tmp_path, text)
    assert e.key.endswith(key), e.key
    assert "email" in e.message


def test_queues_of_one_channel_must_agree_on_concurrency(tmp_path):
    text = BASE.replace("    channel: chat\n    reasons: []\n",
                        "    channel: chat\n    reasons: []\n    concurrency: 2\n", 1)
    text = text.replace("queues:\n", "queues:\n  - id: chat-vip\n    name: {it: \"Chat VIP\"}\n"
                        "    channel: chat\n    reasons: [reclamo]\n    concurrency: 1\n", 1)
    e = _error(tmp_path, text)
    assert "concurrency" in e.key and "1, 2" in e.message
