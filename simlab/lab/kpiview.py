"""Every KPI of one log, as `simlab kpi` shows it: a run folder (a simulation's, as
`simlab run --out` writes it, or an imported log's, `lab.importlog`) or a run of the
workspace, opened into `analysis.kpi_groups.KpiData` and reported by one dimension with
the formulas asked for."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd

from simlab.analysis import kpi_groups, regulatory
from simlab.analysis.kpi_groups import KpiData
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.model.care import ServiceTarget, TicketTarget

SCHEDULE_INTERVAL_S = 900.0
JSON_CHANNEL_KEYS = ("offered", "answered", "abandoned", "abandon_rate", "service_level",
                     "sl_threshold_s", "asa_s", "aht_s", "fcr", "backlog", "backlog_age_h",
                     "ticket_sla", "frt_h", "resolution_h")


def resolve_run(source: str | Path, ws_opener=None) -> tuple[Path, str]:
    """A run folder, or else a run id of the workspace (`ws_opener()` opens it), complete
    and checked against its hashes; returns the folder and the name to record."""
    folder = Path(source)
    if folder.is_dir():
        return folder, str(source)
    if ws_opener is None:
        raise SimlabError(_("neither a run folder nor a run id"), file=source)
    with ws_opener() as ws:
        record = ws.run(str(source))
        if record.status != "complete":
            raise SimlabError(_("the run is not complete: it has no results"),
                              file=ws.run_dir(record.id))
        problems = ws.verify_run(record.id)
        if problems:  # a damaged run's numbers cannot be trusted
            raise SimlabError(_("the run's files do not match what was saved: {problems}")
                              .format(problems="; ".join(problems)), file=ws.run_dir(record.id))
        return ws.run_dir(record.id), record.id


def open_log(source: str | Path, ws_opener=None) -> KpiData:
    """A run folder, or else a run id of the workspace (`ws_opener()` opens it)."""
    from simlab.store.runfiles import read_run, read_table

    folder, _name = resolve_run(source, ws_opener)
    meta = read_run(folder)
    tables = {name: read_table(folder, name) for name in ("contacts", "agents", "costs")}
    inputs = meta.get("inputs", {})
    if inputs.get("kind") == "import":
        return _imported(inputs, tables)
    return _simulated(inputs, tables)


def _simulated(inputs: dict, tables: dict) -> KpiData:
    from simlab.lab import runner

    bundle = runner.bundle_from_texts(inputs["texts"], inputs.get("sources"))
    days = int(inputs["days"])
    return KpiData(tables["contacts"], tables["agents"], tables["costs"], bundle.care,
                   bundle.scenario.calendar.start, days * 86400.0,
                   schedule=schedule(bundle.scenario, bundle.plan, days))


def _imported(inputs: dict, tables: dict) -> KpiData:
    """An imported log keeps its targets in run.json (from the mapping)."""
    targets = targets_from(inputs.get("targets", {}))
    return KpiData(tables["contacts"], tables["agents"], tables["costs"], targets,
                   dt.date.fromisoformat(inputs["start"]), float(inputs["horizon_s"]),
                   unknown=tuple(inputs.get("unknown", ())))


def targets_from(data: dict) -> SimpleNamespace:
    """What the KPIs read of a care model: `service_level` and `tickets` by channel."""
    return SimpleNamespace(
        service_level={c: ServiceTarget.model_validate(v)
                       for c, v in data.get("service_level", {}).items()},
        tickets={c: TicketTarget.model_validate(v) for c, v in data.get("tickets", {}).items()})


def schedule(scenario, plan, days: int) -> pd.DataFrame:
    """Each agent's scheduled seconds per 15-minute interval: the plan's shifts on the
    working days, as if nobody were absent (the engine's own expansion, absence 0)."""
    from simlab.engine.prepare import expand_agents

    present = plan.model_copy(update={"teams": [t.model_copy(update={"absence_rate": 0.0})
                                                for t in plan.teams]})
    people = expand_agents(SimpleNamespace(scenario=scenario, days=days), present, 0)
    rows: dict[str, list] = {"agent_id": [], "team": [], "interval_start_s": [],
                             "scheduled_s": []}
    for agent in people:
        team = plan.teams[agent.team].id
        for start, end in agent.duty:
            first = np.floor(start / SCHEDULE_INTERVAL_S) * SCHEDULE_INTERVAL_S
            edges = np.arange(first, end, SCHEDULE_INTERVAL_S)
            seconds = np.minimum(edges + SCHEDULE_INTERVAL_S, end) - np.maximum(edges, start)
            rows["agent_id"] += [agent.name] * len(edges)
            rows["team"] += [team] * len(edges)
            rows["interval_start_s"] += edges.tolist()
            rows["scheduled_s"] += seconds.tolist()
    return pd.DataFrame(rows)


def report(data: KpiData, by: str | None, formulas: dict[str, str]) -> dict:
    """What `simlab kpi --json` prints: KPIs per channel, the table by `by` if asked,
    the formulas used and the regulatory views (indicative)."""
    channels = kpi_groups.table(data, "channel", formulas)
    out = {"channels": {str(k): _clean(row, JSON_CHANNEL_KEYS)
                        for k, row in channels.iterrows()},
           "formulas": kpi_groups.formulas_used(formulas),
           "parameters": {"short_abandon_s": data.short_abandon_s,
                          "repeat_days": data.repeat_days}}
    if by:
        grouped = kpi_groups.table(data, by, formulas)
        out["by"] = by
        out["groups"] = {str(k): _clean(row, kpi_groups.COLUMNS) for k, row in grouped.iterrows()}
    out["regulatory"] = [{**row, "name": _(row["name"]), "definition": _(row["definition"])}
                         for row in regulatory.view(data.contacts, data.agents)]
    from simlab.lab import care_results

    out["care_model"] = care_results.as_json(care_results.care_results(data))
    return out


COUNTS = ("offered", "answered", "abandoned", "in_queue_end", "backlog")


def _clean(row: pd.Series, keys) -> dict:
    """JSON-safe: NaN is None, counts are whole numbers (a row of mixed columns is float)."""
    out = {}
    for k in keys:
        v = float(row[k])
        out[k] = None if np.isnan(v) else (int(v) if k in COUNTS and v == int(v) else v)
    return out
