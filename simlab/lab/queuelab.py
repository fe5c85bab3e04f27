"""The queue lab: an M/M/N (+M) system built as an ordinary scenario, care model and
plan, simulated through `engine.simulate` and set beside Erlang C or Erlang A."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from simlab.model.care import CareModel
from simlab.model.plan import OperationsPlan
from simlab.model.scenario import Scenario
from simlab.world.arrivals import Arrivals, stationary_arrivals
from simlab.world.build import draw_contacts
from simlab.world.customers import build_pool
from simlab.world.streams import stream
from simlab.world.world import DAY, World


@dataclass(frozen=True)
class QueueSpec:
    arrivals_per_hour: float
    aht_s: float
    agents: int
    patience_s: float | None = None
    target_s: float = 20.0
    contacts: int = 200_000
    seed: int = 1

    @property
    def rate_per_s(self) -> float:
        return self.arrivals_per_hour / 3600.0


def _flat(value: float) -> list[float]:
    return [value] * 24


def bundle(spec: QueueSpec) -> tuple[Scenario, CareModel, OperationsPlan, int]:
    """The scenario, care model and plan of the stationary system, and its length in days."""
    days = int(math.ceil(spec.contacts / spec.rate_per_s / DAY)) + 2
    patience = None if spec.patience_s is None else {"dist": "exponential", "mean": spec.patience_s}
    label = {"it": "Laboratorio code", "en": "Queue lab"}
    scenario = Scenario.model_validate({
        "id": "queue-lab",
        "title": label,
        "description": label,
        "seed": spec.seed,
        "calendar": {"start": "2026-01-05", "days": days},
        "company": {"name": "Laboratorio", "sector": "lab", "customers": 100_000,
                    "positioning": label},
        "segments": [{"id": "tutti", "name": {"it": "Tutti"}, "share": 1.0, "value_eur": 0,
                      "channel_preference": {"phone": 1.0}, "patience": {"phone": patience}}],
        "reasons": [{"id": "richiesta", "name": {"it": "Richiesta"}, "share": 1.0, "priority": 1,
                     "fcr": 1.0, "handle": {"phone": {"dist": "exponential", "mean": spec.aht_s}},
                     "texts": {"subjects": ["Richiesta di informazioni"],
                               "bodies": ["Buongiorno, vorrei alcune informazioni."]}}],
        "channels": [{"id": "phone", "name": {"it": "Telefono", "en": "Phone"}, "kind": "realtime"}],
        "demand": {"volume_per_weekday": spec.arrivals_per_hour * 24,
                   "weekday_factors": [1.0] * 7, "holiday_factor": 1.0,
                   "channel_mix": {"phone": 1.0}, "intraday": {"phone": _flat(1 / 24)}},
    })
    care = CareModel.model_validate({
        "id": "queue-lab", "title": label, "scenario": "queue-lab",
        "queues": [{"id": "coda", "name": {"it": "Coda unica"}, "channel": "phone"}],
        "opening_hours": {"phone": [{"days": "lun-dom", "from": "00:00", "to": "24:00"}]},
        "service_level": {"phone": {"threshold_s": spec.target_s, "target": 0.8}},
    })
    plan = OperationsPlan.model_validate({
        "id": "queue-lab", "title": label, "scenario": "queue-lab",
        "teams": [{"id": "agenti", "name": {"it": "Agenti"}, "headcount": spec.agents,
                   "skills": {"coda": 1.0},
                   "shifts": [{"days": "lun-dom", "from": "00:00", "to": "24:00",
                               "agents": spec.agents}]}],
    })
    return scenario, care, plan, days


def world(spec: QueueSpec, scenario: Scenario, days: int) -> World:
    """Exactly `spec.contacts` Poisson arrivals from time 0, then the usual attributes."""
    times = stationary_arrivals(spec.rate_per_s, spec.contacts, stream(spec.seed, "arrivals"))
    arrivals = Arrivals(times, np.zeros(times.size, dtype=np.int8),
                        np.full(times.size, -1, dtype=np.int64))
    pool = build_pool(spec.seed, scenario.company.customers, [1.0], "Campania")
    contacts = draw_contacts(scenario, spec.seed, arrivals, pool.starts, pool.size)
    return World(scenario, spec.seed, days, pool, contacts, ["phone"], ["tutti"], ["richiesta"])


@dataclass
class LabResult:
    spec: QueueSpec
    theory: object  # simlab.queueing.QueueMetrics
    simulated: dict  # metric -> analysis.batch.Estimate
    world: World
    log: object  # engine.RunLog
    scenario: Scenario
    care: CareModel
    plan: OperationsPlan
    days: int


def run(spec: QueueSpec, progress=None) -> LabResult:
    """Theory and simulation of the same stationary system, side by side."""
    from simlab.analysis.batch import queue_metrics
    from simlab.engine import simulate
    from simlab.queueing import erlang_a_metrics, erlang_c_metrics

    if spec.patience_s is None:
        theory = erlang_c_metrics(spec.rate_per_s, spec.aht_s, spec.agents, spec.target_s)
    else:
        theory = erlang_a_metrics(spec.rate_per_s, spec.aht_s, spec.patience_s, spec.agents,
                                  spec.target_s)
    scenario, care, plan, days = bundle(spec)
    w = world(spec, scenario, days)
    log = simulate(w, care, plan, seed=spec.seed, progress=progress)
    w.contacts.release_engine_inputs()  # the result keeps the world, not to rerun it
    simulated = queue_metrics(log.contacts, spec.agents, spec.target_s)
    return LabResult(spec, theory, simulated, w, log, scenario, care, plan, days)
