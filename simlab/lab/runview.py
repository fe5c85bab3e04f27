"""One run as the lab shows it: its inputs, its world (for the customers' texts) and its
tables, with the KPI tables computed once, on first use, by `analysis.kpi`.

A fresh run comes from `runner.RunResult`; a stored one is rebuilt from the workspace:
the world from the stored inputs (same scenario and seed, so the same customers and
texts) and the tables from the run folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from simlab.analysis import kpi
from simlab.lab import runner
from simlab.world import World, build

INTRADAY_INTERVAL_S = 1800


@dataclass(eq=False)
class RunView:
    bundle: runner.Bundle
    seed: int
    days: int
    world: World
    contacts: pd.DataFrame
    agents: pd.DataFrame
    costs: pd.DataFrame
    summary: dict
    run_id: str | None = None
    label: str = ""

    @classmethod
    def from_result(cls, result: runner.RunResult, run_id: str | None = None,
                    label: str = "") -> RunView:
        log = result.log
        return cls(result.bundle, result.seed, result.days, result.world, log.contacts,
                   log.agents, log.costs, result.summary, run_id, label)

    @property
    def scenario(self):
        return self.bundle.scenario

    @property
    def care(self):
        return self.bundle.care

    @cached_property
    def channels(self) -> pd.DataFrame:
        """KPIs per channel, with a last row "total" (`kpi.by_channel`)."""
        return kpi.by_channel(self.contacts, self.care)

    @cached_property
    def by_day(self) -> pd.DataFrame:
        return kpi.by_channel_day(self.contacts, self.care)

    @cached_property
    def intraday(self) -> pd.DataFrame:
        return kpi.intraday(self.contacts, self.care, INTRADAY_INTERVAL_S)

    @cached_property
    def teams(self) -> pd.DataFrame:
        return kpi.by_team(self.agents)

    @cached_property
    def cost(self) -> dict[str, float]:
        return kpi.cost_summary(self.costs, self.contacts)


def open_run(ws, run_id: str) -> RunView:
    """A stored run of the workspace `ws`, with its world rebuilt from the inputs."""
    from simlab.store.runfiles import read_run, read_table

    record = ws.run(run_id)
    inputs = ws.run_inputs(run_id)
    folder = ws.run_dir(run_id)
    bundle = runner.bundle_from_texts(inputs["texts"])
    world = build(bundle.scenario, int(inputs["seed"]), int(inputs["days"]))
    stored = read_run(folder)
    tables = {name: read_table(folder, name) for name in ("contacts", "agents", "costs")}
    return RunView(bundle, int(inputs["seed"]), int(inputs["days"]), world, tables["contacts"],
                   tables["agents"], tables["costs"], stored.get("summary", record.summary),
                   run_id, record.label)
