"""Small random scenarios for property tests: the same schemas as the shipped files."""

from __future__ import annotations

from hypothesis import strategies as st

from simlab.model.care import CareModel
from simlab.model.plan import OperationsPlan
from simlab.model.scenario import Scenario

TEXTS = {"subjects": ["Richiesta {pratica}"], "bodies": ["Buongiorno, sono {nome} {cognome}."]}
FLAT = [1 / 24] * 24


def _clock(quarter: int) -> str:
    return f"{quarter // 4:02d}:{quarter % 4 * 15:02d}"


@st.composite
def windows(draw):
    start = draw(st.integers(0, 80))
    end = draw(st.integers(start + 4, 96))
    days = draw(st.sampled_from(["lun-ven", "lun-dom", "sab", "lun,mer,ven", "mar-sab"]))
    return {"days": days, "from": _clock(start), "to": _clock(end)}


@st.composite
def bundles(draw):
    """(scenario, care, plan) with 1–3 channels, 1–3 teams, shifts, breaks, absences."""
    kinds = draw(st.lists(st.sampled_from(["phone", "chat", "email"]), min_size=1, max_size=3,
                          unique=True))
    kinds.sort()
    channels = [{"id": k, "name": {"it": k}, "kind": "deferred" if k == "email" else "realtime",
                 "concurrency": draw(st.integers(1, 3)) if k == "chat" else 1} for k in kinds]
    mix = [draw(st.integers(1, 5)) for _ in kinds]
    reasons = ["a", "b"]
    handle = st.sampled_from([{"dist": "exponential", "mean": 240},
                              {"dist": "lognormal", "mean": 300, "cv": 0.8},
                              {"dist": "constant", "value": 120}])
    patience = st.one_of(st.none(), st.sampled_from([{"dist": "exponential", "mean": 120},
                                                     {"dist": "constant", "value": 60}]))
    scenario = Scenario.model_validate({
        "id": "prova", "title": {"it": "Prova"}, "description": {"it": "Prova"},
        "seed": draw(st.integers(0, 10_000)),
        "calendar": {"start": "2026-03-02", "days": draw(st.integers(1, 3))},
        "company": {"name": "Prova", "sector": "prova", "customers": 500,
                    "positioning": {"it": "prova"}},
        "segments": [{"id": s, "name": {"it": s}, "share": 0.5, "value_eur": 100,
                      "channel_preference": {k: 1.0 for k in kinds},
                      "patience": {k: draw(patience) for k in kinds if k != "email"}}
                     for s in ("x", "y")],
        "reasons": [{"id": r, "name": {"it": r}, "share": 0.5, "priority": 1 + i, "fcr": 0.7,
                     "handle": {k: draw(handle) for k in kinds}, "texts": TEXTS}
                    for i, r in enumerate(reasons)],
        "channels": channels,
        "demand": {"volume_per_weekday": draw(st.integers(20, 400)),
                   "weekday_factors": [1, 1, 1, 1, 1, 0.5, 0.3],
                   "channel_mix": {k: m / sum(mix) for k, m in zip(kinds, mix, strict=True)},
                   "intraday": {k: FLAT for k in kinds}},
    })
    queues = []
    for k in kinds:
        if draw(st.booleans()):
            queues.append({"id": f"{k}-a", "name": {"it": k}, "channel": k, "reasons": ["a"],
                           "priority": draw(st.integers(1, 3))})
        queues.append({"id": f"{k}-all", "name": {"it": k}, "channel": k,
                       "priority": draw(st.integers(1, 3))})
    care = CareModel.model_validate({
        "id": "prova", "title": {"it": "Prova"}, "scenario": "prova", "queues": queues,
        "opening_hours": {k: draw(st.lists(windows(), min_size=1, max_size=2)) for k in kinds},
        "deferred_work": draw(st.sampled_from(["after_realtime", "by_priority"])),
    })
    queue_ids = [q["id"] for q in queues]
    teams = []
    for t in range(draw(st.integers(1, 3))):
        skills = draw(st.lists(st.sampled_from(queue_ids), min_size=1, max_size=len(queue_ids),
                               unique=True))
        shifts = []
        for _ in range(draw(st.integers(1, 2))):
            w = draw(windows())
            w["agents"] = draw(st.integers(0, 4))
            if draw(st.booleans()):
                w["breaks"] = [{"after_min": draw(st.integers(0, 120)),
                                "minutes": draw(st.integers(5, 30)),
                                "spread_min": draw(st.integers(0, 60))}]
            shifts.append(w)
        teams.append({"id": f"t{t}", "name": {"it": f"t{t}"},
                      "headcount": sum(s["agents"] for s in shifts),
                      "skills": {q: draw(st.sampled_from([0.8, 1.0, 1.25])) for q in skills},
                      "shifts": shifts, "absence_rate": draw(st.sampled_from([0.0, 0.2]))})
    plan = OperationsPlan.model_validate({"id": "prova", "title": {"it": "Prova"},
                                          "scenario": "prova", "teams": teams})
    care.check_against(scenario)
    plan.check_against(care)
    return scenario, care, plan
