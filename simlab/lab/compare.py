"""Runs side by side, for the instructor: what differs in their inputs (scenario, care
model and plan as a unified diff of the stored texts, seed, days), their KPIs per channel,
their costs, and their volume and service level per half hour, each run against the first.

Every run is checked first, as `runs show` does: a damaged run, an unknown id or a folder
without a complete run refuses the comparison with a message saying which one and why.
The numbers are those of `RunView` (`analysis.kpi`); this module only lines them up and
marks what differs, so the CLI and the app highlight the same cells.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from simlab.analysis.kpi import KPI_BY_KEY, KPIS
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.lab import runner
from simlab.lab.runview import RunView, open_run

INPUT_FILES = ("scenario", "care", "plan")
INPUT_NUMBERS = ("seed", "days")
# per channel: every channel KPI of the catalogue, with the abandoned count after handled
KPI_KEYS = tuple(key for k in KPIS if k.scope == "channel"
                 for key in ((k.key, "abandoned") if k.key == "answered" else (k.key,)))
COST_KEYS_FIRST = ("total", "cost_per_contact", "handled")


@dataclass(frozen=True)
class ComparedRun:
    """One run of the comparison: `name` is its id, or the folder as the user gave it."""

    name: str
    view: RunView
    inputs: dict
    folder: Path


@dataclass(frozen=True)
class InputRow:
    """One input across the runs: its value in each (an id, a number) and, for the three
    files, the unified diff of each run's text against the first's ("" when the same)."""

    key: str
    values: list[str]
    differs: bool
    diffs: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class NumberRow:
    """One number across the runs (a KPI of a channel, a cost): the values, their
    differences from the first run (in points ×100 for a rate, `unit` "ratio"), and
    whether any run differs."""

    group: str  # a channel id, "total", or "cost"
    key: str
    unit: str
    values: list[float | None]
    deltas: list[float | None]  # one per run after the first
    differs: bool


@dataclass(frozen=True)
class Comparison:
    runs: list[ComparedRun]
    inputs: list[InputRow]
    kpis: list[NumberRow]
    costs: list[NumberRow]
    # per run: channel id → (start of each half hour in s, offered per average day, SL)
    intraday: list[dict[str, tuple[list[float], list[float], list[float | None]]]]

    @property
    def channels(self) -> list[str]:
        """The channels in order (those of the first run's scenario first), then total."""
        return list(dict.fromkeys(row.group for row in self.kpis))

    @property
    def differs(self) -> bool:
        return any(r.differs for r in (*self.inputs, *self.kpis, *self.costs))


# -- loading ---------------------------------------------------------------------------


def load_runs(refs: list[str], ws=None) -> list[ComparedRun]:
    """The runs named by `refs`: a run id of the workspace `ws` (R000012 or 12) or a run
    folder (written by `simlab run --out`). Each is verified against its hashes first."""
    if len(refs) < 2:
        raise SimlabError(_("give at least two runs to compare (ids like R000012, or run "
                            "folders)"))
    return [_load_one(ref, ws) for ref in refs]


def _load_one(ref: str, ws) -> ComparedRun:
    folder = Path(ref).expanduser()
    if folder.is_dir():
        return _load_folder(ref, folder)
    if "/" in ref or "\\" in ref or ref.startswith("."):  # meant as a folder
        raise SimlabError(_("there is no run folder here"), file=ref)
    if ws is None:
        raise SimlabError(_("«{ref}» is neither a run folder nor a run of a workspace: there is "
                            "no workspace here (give --workspace DIR)").format(ref=ref), key="ID")
    record = ws.run(ref)  # unknown id: an error naming the latest runs
    if record.status != "complete":
        raise SimlabError(_("Run {id} cannot be compared: it is not complete.").format(
            id=record.id), key=record.id)
    problems = ws.verify_run(record.id)
    if problems:
        raise SimlabError(_("Run {id} is damaged and cannot be compared: {problems}.").format(
            id=record.id, problems="; ".join(problems)), file=ws.run_dir(record.id))
    return ComparedRun(record.id, open_run(ws, record.id), ws.run_inputs(record.id),
                       ws.run_dir(record.id))


def _load_folder(ref: str, folder: Path) -> ComparedRun:
    from simlab.store.integrity import verify_folder
    from simlab.store.runfiles import read_run, read_table

    data = read_run(folder)  # no run.json: not a complete run
    problems = verify_folder(folder)
    if problems:
        raise SimlabError(_("this run is damaged and cannot be compared: {problems}.").format(
            problems="; ".join(problems)), file=folder)
    inputs = data.get("inputs") or {}
    try:
        bundle = runner.bundle_from_texts(inputs["texts"], inputs.get("sources"))
        seed, days = int(inputs["seed"]), int(inputs["days"])
    except (KeyError, TypeError, ValueError):
        raise SimlabError(_("run.json does not hold the inputs of a run"),
                          file=folder / "run.json") from None
    tables = {name: read_table(folder, name) for name in ("contacts", "agents", "costs")}
    view = RunView(bundle, seed, days, tables["contacts"], tables["agents"], tables["costs"])
    return ComparedRun(ref, view, inputs, folder)


# -- comparing -------------------------------------------------------------------------


def compare(runs: list[ComparedRun]) -> Comparison:
    """`runs` (two or more) side by side, each against the first."""
    return Comparison(runs, input_rows(runs), kpi_rows(runs), cost_rows(runs),
                      [intraday_series(r.view) for r in runs])


def compare_refs(refs: list[str], ws=None) -> Comparison:
    return compare(load_runs(refs, ws))


def input_rows(runs: list[ComparedRun]) -> list[InputRow]:
    rows = []
    first = runs[0]
    for kind in INPUT_FILES:
        texts = [str((r.inputs.get("texts") or {}).get(kind, "")) for r in runs]
        ids = [getattr(r.view.bundle, kind).id for r in runs]
        diffs = [text_diff(texts[0], texts[i], _label(first, kind), _label(r, kind))
                 for i, r in enumerate(runs) if i > 0]
        rows.append(InputRow(kind, ids, any(diffs), diffs))
    for key in INPUT_NUMBERS:
        values = [str(getattr(r.view, key)) for r in runs]
        rows.append(InputRow(key, values, len(set(values)) > 1))
    return rows


def _label(run: ComparedRun, kind: str) -> str:
    source = (run.inputs.get("sources") or {}).get(kind) or f"<{kind}>"
    return f"{run.name}: {source}"


def text_diff(before: str, after: str, before_name: str, after_name: str) -> str:
    """A unified diff of two stored texts ("" when they are the same)."""
    if before == after:
        return ""
    lines = difflib.unified_diff(before.splitlines(keepends=True),
                                 after.splitlines(keepends=True), before_name, after_name, n=2)
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def kpi_rows(runs: list[ComparedRun]) -> list[NumberRow]:
    frames = [r.view.channels for r in runs]
    channels = _channel_order(runs)
    rows = []
    for channel in channels:
        for key in KPI_KEYS:
            values = [_get(frame, channel, key) for frame in frames]
            if all(v is None for v in values):
                continue  # e.g. ticket KPIs in a scenario without tickets
            rows.append(_row(channel, key, _unit(key), values))
    return rows


def _channel_order(runs: list[ComparedRun]) -> list[str]:
    order = [c.id for r in runs for c in r.view.scenario.channels]
    return [*dict.fromkeys(order), "total"]


def _unit(key: str) -> str:
    return KPI_BY_KEY[key].unit if key in KPI_BY_KEY else "count"


def _get(frame: pd.DataFrame, row: str, key: str) -> float | None:
    if row not in frame.index or key not in frame.columns:
        return None
    return _number(frame.loc[row, key])


def _number(value) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else value


def cost_rows(runs: list[ComparedRun]) -> list[NumberRow]:
    costs = [r.view.cost for r in runs]
    items = [k for c in costs for k in c if k not in COST_KEYS_FIRST]
    keys = [*COST_KEYS_FIRST, *dict.fromkeys(items)]
    units = {"handled": "count"}
    return [_row("cost", key, units.get(key, "eur"), [_number(c.get(key)) for c in costs])
            for key in keys]


def _row(group: str, key: str, unit: str, values: list[float | None]) -> NumberRow:
    base = values[0]
    scale = 100.0 if unit == "ratio" else 1.0  # rates differ in percentage points
    deltas = [None if v is None or base is None else (v - base) * scale for v in values[1:]]
    differs = any(not _same(base, v) for v in values[1:])
    return NumberRow(group, key, unit, values, deltas, differs)


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def intraday_series(view: RunView) -> dict[str, tuple[list[float], list[float], list]]:
    """Per channel: half-hour starts (s), contacts offered on an average day, and the
    service level (None where nothing was offered or for tickets)."""
    frame = view.intraday
    kinds = {c.id: c.kind for c in view.scenario.channels}
    out = {}
    for channel in frame.index.get_level_values("channel").unique():
        part = frame.xs(channel, level="channel")
        starts = [float(t) for t in part.index]
        offered = [float(v) / max(view.days, 1) for v in part["offered"]]
        realtime = kinds.get(str(channel)) == "realtime"
        sl = [_number(v) if realtime else None for v in part["service_level"]]
        out[str(channel)] = (starts, offered, sl)
    return out


def to_json(comparison: Comparison) -> dict:
    """The comparison for programs: plain lists and numbers (None for «—»)."""
    return {
        "runs": [{"name": r.name, "folder": str(r.folder), "scenario_id": r.view.scenario.id,
                  "care_id": r.view.care.id, "plan_id": r.view.plan.id, "seed": r.view.seed,
                  "days": r.view.days} for r in comparison.runs],
        "inputs": [{"key": row.key, "values": row.values, "differs": row.differs,
                    **({"diffs": row.diffs} if row.key in INPUT_FILES else {})}
                   for row in comparison.inputs],
        "kpis": [_number_json(row) for row in comparison.kpis],
        "costs": [_number_json(row) for row in comparison.costs],
        "intraday": [{channel: {"start_s": s, "offered": o, "service_level": sl}
                      for channel, (s, o, sl) in series.items()}
                     for series in comparison.intraday],
        "differs": comparison.differs,
    }


def _number_json(row: NumberRow) -> dict:
    return {"group": row.group, "key": row.key, "unit": row.unit, "values": row.values,
            "differences": row.deltas,
            "difference_unit": "points" if row.unit == "ratio" else row.unit,
            "differs": row.differs}
