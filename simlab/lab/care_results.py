"""A run against its own care model: the SLAs per channel and priority, the callbacks'
SLA, the ticket clocks (`analysis.sla`) and the expected results, each by its formula
variant (`analysis.expected`). `simlab kpi` and the app's results show these tables."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from simlab.analysis import expected, sla
from simlab.analysis.kpi_groups import KpiData
from simlab.model.care import CareModel


@dataclass(frozen=True)
class CareResults:
    realtime: pd.DataFrame  # analysis.sla.realtime_sla: a row per rule
    tickets: pd.DataFrame  # analysis.sla.ticket_sla
    callbacks: pd.DataFrame  # analysis.sla.callback_sla: a row per queue offering one
    goals: pd.DataFrame  # analysis.expected.goal_results: a row per expected result

    def empty(self) -> bool:
        return all(len(f) == 0 for f in (self.realtime, self.tickets, self.callbacks,
                                         self.goals))


def care_results(data: KpiData) -> CareResults:
    """The tables of a simulated run; an imported log has no care model beyond its
    targets per channel, so every table is empty."""
    care = data.targets
    if not isinstance(care, CareModel):
        return CareResults(*(pd.DataFrame() for _ in range(4)))
    contacts = data.contacts
    return CareResults(
        sla.realtime_sla(contacts, care) if care.realtime_sla else pd.DataFrame(),
        sla.ticket_sla(contacts, care) if care.ticket_sla else pd.DataFrame(),
        sla.callback_sla(contacts, care) if any(q.callback for q in care.queues)
        else pd.DataFrame(),
        expected.goal_results(data, care.expected_results) if care.expected_results
        else pd.DataFrame())


def as_json(results: CareResults) -> dict:
    """What `simlab kpi --json` adds: the four tables as lists of rows, NaN as null."""
    return {name: _records(getattr(results, name))
            for name in ("realtime", "tickets", "callbacks", "goals")}


def _records(frame: pd.DataFrame) -> list[dict]:
    out = []
    for row in frame.to_dict(orient="records"):
        out.append({k: _plain(v) for k, v in row.items()})
    return out


def _plain(v: object) -> object:
    v = v.item() if hasattr(v, "item") else v
    if isinstance(v, float) and v != v:  # NaN
        return None
    return v
