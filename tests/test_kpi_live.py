"""The live view's figures (`analysis.live.snapshot`) at the last progress report equal
the final KPIs of the run (`analysis.kpi.by_channel`)."""

from __future__ import annotations

import math

import pytest

from simlab.analysis import kpi, live
from simlab.lab import runner


def last_snapshot(scenario: str):
    bundle = runner.load_bundle(scenario)
    seen = {}

    def progress(view):
        if view.fraction >= 1.0:
            seen["last"] = live.snapshot(view, bundle.care)

    result = runner.execute(bundle, days=2, progress=progress)
    final = kpi.by_channel(result.log.contacts, bundle.care)
    kinds = {c.id: c.kind for c in bundle.scenario.channels}
    return seen["last"], final, kinds


# energia-base runs the event loop; erlang-c the fast path (one queue, one team).
@pytest.mark.parametrize("scenario", ["energia-base", "erlang-c"])
def test_live_snapshot_at_the_end_equals_the_final_kpis(scenario):
    last, final, kinds = last_snapshot(scenario)
    for channel, now in last.items():
        row = final.loc[channel]
        assert now["answered"] == row["answered"], channel
        if kinds[channel] == "deferred":
            continue  # the live view shows no answer-time KPI for tickets
        assert now["abandoned"] == row["abandoned"], channel
        for key in ("service_level", "asa_s", "abandon_rate"):
            a, b = now[key], row[key]
            assert (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, rel=1e-12), key


@pytest.mark.parametrize("scenario", ["energia-base", "erlang-c"])
def test_live_waiting_at_the_end_is_still_in_queue_at_the_end(scenario):
    last, final, kinds = last_snapshot(scenario)
    for channel, now in last.items():
        if kinds[channel] == "realtime":
            assert now["waiting"] == final.loc[channel, "in_queue_end"], channel
