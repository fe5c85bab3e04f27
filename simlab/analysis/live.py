"""KPIs so far, from the records of a run still in progress (the live view)."""

from __future__ import annotations

import numpy as np

from simlab.analysis.kpi import thresholds
from simlab.model.care import CareModel
from simlab.model.kinds import ABANDONED, ANSWERED, OUT_OF_HOURS


def snapshot(view, care: CareModel) -> dict:
    """Per channel: waiting now, answered, abandoned, SL, ASA and abandon rate so far.

    Same formulas as `kpi` (SL = answered within T ÷ (answered + abandoned after T)),
    counted over the contacts arrived so far whose fate is already known."""
    n = view.arrived
    world, cp = view.world, view.compiled
    outcome = np.frombuffer(view.records.outcome, dtype=np.int8)[:n]
    start = np.frombuffer(view.records.start_s, dtype=np.float64)[:n]
    end = np.frombuffer(view.records.end_s, dtype=np.float64)[:n]
    arrival = world.contacts.arrival_s[:n]
    channel = world.contacts.channel[:n]
    limits = thresholds(care, world.channels)
    waiting = np.zeros(len(world.channels), dtype=int)
    for q, length in enumerate(view.queue_lengths):
        waiting[cp.queue_channel[q]] += length
    out = {}
    for c, name in enumerate(world.channels):
        mask = channel == c
        answered = mask & (outcome == ANSWERED)
        abandoned = mask & (outcome == ABANDONED)
        wait = np.where(answered, start - arrival, np.where(abandoned, end - arrival, np.nan))
        t = limits[name]
        n_ans, n_ab = int(answered.sum()), int(abandoned.sum())
        within = int((answered & (wait <= t)).sum())
        after = int((abandoned & (wait > t)).sum())
        offered = int((mask & (outcome != OUT_OF_HOURS)).sum())
        if not cp.channel_realtime[c]:  # tickets: no answer-time KPIs, the backlog counts
            n_done = int((mask & (outcome == ANSWERED)).sum())
            out[name] = {"waiting": int(waiting[c]), "answered": n_done, "abandoned": 0,
                         "service_level": float("nan"), "asa_s": float("nan"),
                         "abandon_rate": float("nan")}
            continue
        out[name] = {
            "waiting": int(waiting[c]),
            "answered": n_ans,
            "abandoned": n_ab,
            "service_level": within / (n_ans + after) if n_ans + after else float("nan"),
            "asa_s": float(np.nanmean(wait[answered])) if n_ans else float("nan"),
            "abandon_rate": n_ab / offered if offered else float("nan"),
        }
    return out
