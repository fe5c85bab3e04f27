"""One run's results: the one object the CLI, the app, the store and the exports read.

It holds the run's inputs (scenario, care model, plan and where each came from), its
tables (contacts, agents, costs) and, computed once on first use by `analysis.kpi`, its
KPI tables and the summary stored in `run.json`. A fresh run comes from
`runner.RunResult`; a stored one is reopened from its files. The world (the customers
and their texts) is rebuilt only when a text is asked for: same scenario and seed, so
the same customers and texts.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from simlab.analysis import kpi
from simlab.lab import runner
from simlab.world import World, build

INTRADAY_INTERVAL_S = 1800
KPI_TABLES = ("channels", "by_day", "intraday", "teams", "cost", "summary")


@dataclass(eq=False)
class RunView:
    bundle: runner.Bundle
    seed: int
    days: int
    contacts: pd.DataFrame
    agents: pd.DataFrame
    costs: pd.DataFrame
    run_id: str | None = None
    label: str = ""
    record: object | None = None  # store.RunRecord of a saved run: person, date, status
    built_world: World | None = field(default=None, repr=False)
    # the fresh run this view shows (None when reopened from files): what «save
    # elsewhere» writes when the workspace could not keep it
    result: runner.RunResult | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def from_result(cls, result: runner.RunResult, run_id: str | None = None,
                    label: str = "", record: object | None = None) -> RunView:
        log = result.log
        view = cls(result.bundle, result.seed, result.days, log.contacts, log.agents,
                   log.costs, run_id, label, record, result.world, result)
        known = getattr(result, "view", None)  # the same tables: the same KPIs
        if known is not None and known.contacts is log.contacts and known.care is result.bundle.care:
            for name in KPI_TABLES:
                if name in known.__dict__:
                    view.__dict__[name] = known.__dict__[name]
        return view

    @property
    def scenario(self):
        return self.bundle.scenario

    @property
    def care(self):
        return self.bundle.care

    @property
    def plan(self):
        return self.bundle.plan

    @property
    def world(self) -> World:
        """The customers and their texts, built on first use (a stored run does not
        need them for its tables). Locked: the app asks from more than one thread."""
        with self._lock:
            if self.built_world is None:
                self.built_world = build(self.scenario, self.seed, self.days)
            return self.built_world

    def timestamp(self, seconds: float) -> dt.datetime:
        """A time of the run (seconds from the first midnight) as a date and time."""
        start = dt.datetime.combine(self.scenario.calendar.start, dt.time())
        return start + dt.timedelta(seconds=float(seconds))

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

    @cached_property
    def kpi_data(self):
        """The run as `analysis.kpi_groups` reads it, for every KPI variant and grouping
        (the dashboard, the exercises' checks of a formula), with the plan's schedule."""
        from simlab.analysis.kpi_groups import KpiData
        from simlab.lab.kpiview import schedule

        return KpiData(self.contacts, self.agents, self.costs, self.care,
                       self.scenario.calendar.start, self.days * 86400.0,
                       schedule=schedule(self.scenario, self.plan, self.days))

    @cached_property
    def summary(self) -> dict:
        """What `run.json` and the workspace keep of the KPIs (JSON-safe)."""
        return {
            "contacts": len(self.contacts),
            "channels": {str(k): _clean(v)
                         for k, v in self.channels.to_dict(orient="index").items()},
            "teams": {str(k): _clean(v) for k, v in self.teams.to_dict(orient="index").items()},
            "costs": _clean(self.cost),
        }

    def compute(self) -> None:
        """Every KPI table now (the app calls it off the UI thread)."""
        for name in KPI_TABLES:
            getattr(self, name)


def _clean(values: dict) -> dict:
    """JSON-safe numbers: NaN becomes None, numpy scalars become Python ones."""
    out = {}
    for k, v in values.items():
        v = v.item() if hasattr(v, "item") else v
        out[str(k)] = None if isinstance(v, float) and math.isnan(v) else v
    return out


def open_run(ws, run_id: str) -> RunView:
    """A stored run of the workspace `ws`, from its files: the world is not rebuilt."""
    from simlab.store.runfiles import read_table

    record = ws.run(run_id)
    inputs = ws.run_inputs(run_id)
    folder = ws.run_dir(run_id)
    bundle = runner.bundle_from_texts(inputs["texts"], inputs.get("sources"))
    tables = {name: read_table(folder, name) for name in ("contacts", "agents", "costs")}
    return RunView(bundle, int(inputs["seed"]), int(inputs["days"]), tables["contacts"],
                   tables["agents"], tables["costs"], run_id, record.label, record)
