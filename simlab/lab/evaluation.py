"""A saved run evaluated (UF3.A3–A5, A7): targets against actuals, the budget's
variances, the causes found in the data, control charts, and improvement proposals that
the trainee accepts, edits or rejects and tests with a what-if run (docs/variance.md).

The CLI's `simlab report`, the app's variance view and its report builder all come here.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from simlab.analysis import causes as causes_mod
from simlab.analysis import control, evaluation, proposals, variance
from simlab.analysis.kpi_groups import KpiData
from simlab.errors import SimlabError
from simlab.i18n import _

WHATIF_KEYS = ("offered", "service_level", "abandon_rate", "asa_s", "aht_s", "fcr")


@dataclass
class RunData:
    """One saved run: its folder, its KPI data and, for a simulation, its bundle."""

    folder: Path
    data: KpiData
    meta: dict
    bundle: object | None  # runner.Bundle; None for an imported log
    days: int
    seed: int | None

    @property
    def realtime(self) -> list[str]:
        if self.bundle is None:
            return sorted(self.data.targets.service_level)
        return [c.id for c in self.bundle.scenario.channels if c.kind == "realtime"]

    @property
    def channels(self) -> list[str]:
        return sorted({str(c) for c in self.data.contacts["channel"].astype(str).unique()})


@dataclass
class Evaluation:
    run: RunData
    targets: pd.DataFrame
    variance: variance.Variance | None
    causes: list[causes_mod.Cause]
    proposals: list[proposals.Proposal]
    charts: dict = field(default_factory=dict)  # channel: (p-chart, x-bar R or None)
    reasons: pd.DataFrame | None = None
    complaints: pd.DataFrame | None = None


def resolve_folder(source: str | Path, ws_opener=None) -> Path:
    """A run folder, or else a run id of the workspace (complete and intact)."""
    from simlab.lab import kpiview

    return kpiview.resolve_run(source, ws_opener)[0]


def open_run(source: str | Path, ws_opener=None) -> RunData:
    from simlab.lab import kpiview, runner
    from simlab.store.runfiles import read_run

    folder = resolve_folder(source, ws_opener)
    data = kpiview.open_log(folder)
    meta = read_run(folder)
    inputs = meta.get("inputs", {})
    if inputs.get("kind") == "import":
        return RunData(folder, data, meta, None, int(inputs.get("days", 1)), None)
    bundle = runner.bundle_from_texts(inputs["texts"], inputs.get("sources"))
    return RunData(folder, data, meta, bundle, int(inputs["days"]), int(inputs["seed"]))


def find_causes(run: RunData, targets: pd.DataFrame) -> list[causes_mod.Cause]:
    from simlab.analysis.sizing import size

    data = run.data
    if run.bundle is None:
        return []
    b = run.bundle
    sizing = size(b.scenario, b.care, b.plan)
    backlog = (data.contacts[(data.contacts["outcome"].astype(str) == "open").to_numpy()]
               ["channel"].astype(str).value_counts().to_dict())
    found = (causes_mod.volume(data.contacts, b.scenario, sizing, run.days)
             + causes_mod.aht(data.contacts, b.scenario)
             + causes_mod.absence(data.agents, data.schedule, b.plan)
             + causes_mod.understaffed(data.contacts, data.agents, b.scenario, b.care, run.days)
             + causes_mod.starved(data.contacts, b.care, b.plan)
             + causes_mod.deferred(targets, b.care, backlog))
    return found


def evaluate(run: RunData) -> Evaluation:
    data = run.data
    targets = evaluation.evaluate(data, run.realtime)
    var = None
    if run.bundle is not None:
        b = run.bundle
        budget = variance.budget_for_days(b.scenario, b.care, b.plan, run.days)
        var = variance.variance(budget, data.costs, len(data.contacts), b.plan, b.scenario)
    found = find_causes(run, targets)
    stored = load_proposals(run.folder)
    from simlab.reports.variance_text import cause_text

    made = (proposals.propose(found, run.bundle.care, run.bundle.plan, cause_text)
            if run.bundle is not None else [])
    charts = {ch: (control.abandonment_chart(data.contacts, ch),
                   control.handle_time_chart(data.contacts, ch)) for ch in run.realtime
              if ch in run.channels}
    complaint_reasons = ([r.id for r in run.bundle.scenario.reasons if r.complaint]
                         if run.bundle is not None else [])
    thresholds = {c: t.threshold_s for c, t in data.targets.service_level.items()
                  if c in run.realtime}
    return Evaluation(run, targets, var, found, merge(made, stored), charts,
                      control.reasons_pareto(data.contacts),
                      control.complaint_causes(data.contacts, complaint_reasons, thresholds)
                      if complaint_reasons else None)


# ---- proposals: stored beside the run, never inside its hashed folder ----------------

def proposals_path(folder: Path) -> Path:
    """A workspace run (`runs/<id>/`) keeps them in `proposals/<id>.json` of the workspace;
    a run folder elsewhere in `<folder>.proposals.json` beside it."""
    folder = Path(folder)
    if folder.parent.name == "runs" and (folder.parent.parent / "simlab.db").exists():
        return folder.parent.parent / "proposals" / f"{folder.name}.json"
    return folder.with_name(folder.name + ".proposals.json")


def load_proposals(folder: Path) -> list[proposals.Proposal]:
    path = proposals_path(folder)
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [proposals.Proposal.from_dict(p) for p in data["proposals"]]
    except (ValueError, KeyError, TypeError) as e:
        raise SimlabError(_("the proposals file cannot be read: {e}").format(e=e),
                          file=path) from None


def save_proposals(folder: Path, items: list[proposals.Proposal]) -> Path:
    from simlab.store.atomic import write_text_atomic

    path = proposals_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, json.dumps({"proposals": [p.to_dict() for p in items]},
                                       indent=2, ensure_ascii=False, sort_keys=True) + "\n")
    return path


def merge(made: list[proposals.Proposal], stored: list[proposals.Proposal]
          ) -> list[proposals.Proposal]:
    """The stored proposals (with the trainee's decisions and edits) first, then the
    generated ones that are not stored yet (by id)."""
    ids = {p.id for p in stored}
    return list(stored) + [p for p in made if p.id not in ids]


def decide(ev: Evaluation, proposal_id: str, status: str, params: dict | None = None
           ) -> proposals.Proposal:
    """Accept, reject or edit (new parameters) a proposal, and store them all."""
    if status not in proposals.STATUSES:
        raise SimlabError(_("unknown decision «{s}»; allowed: {allowed}").format(
            s=status, allowed=", ".join(proposals.STATUSES)), key="status")
    p = find(ev, proposal_id)
    if params is not None:
        candidate = proposals.Proposal(p.id, p.kind, {**p.params, **params}, p.because)
        if ev.run.bundle is not None:
            proposals.apply([candidate], ev.run.bundle.care, ev.run.bundle.plan)  # validates
        p.params = candidate.params
        p.whatif = {}
    p.status = status
    save_proposals(ev.run.folder, ev.proposals)
    return p


def find(ev: Evaluation, proposal_id: str) -> proposals.Proposal:
    for p in ev.proposals:
        if p.id == proposal_id:
            return p
    raise SimlabError(_("unknown proposal «{id}»; allowed: {allowed}").format(
        id=proposal_id, allowed=", ".join(p.id for p in ev.proposals) or "—"), key="proposal")


def whatif(ev: Evaluation, proposal_ids: list[str], progress=None) -> dict:
    """The run again with the same scenario, seed and days and the proposals applied:
    KPIs per channel before and after. Stored with each proposal when there is one."""
    from simlab.lab import runner
    from simlab.model.yamlio import dump

    run = ev.run
    if run.bundle is None:
        raise SimlabError(_("an imported log cannot be simulated again: a what-if run needs "
                            "a simulation"), file=run.folder)
    chosen = [find(ev, i) for i in proposal_ids]
    care, plan = proposals.apply(chosen, run.bundle.care, run.bundle.plan)
    texts = dict(run.bundle.texts)
    texts["care"] = dump(care.model_dump(mode="json", by_alias=True, exclude_none=True))
    texts["plan"] = dump(plan.model_dump(mode="json", by_alias=True, exclude_none=True))
    bundle = runner.bundle_from_texts(texts, run.bundle.sources)
    result = runner.execute(bundle, seed=run.seed, days=run.days, progress=progress)
    before = _channel_kpis(ev, run.data)
    from simlab.analysis import kpi

    after_frame = kpi.by_channel(result.log.contacts, bundle.care)
    after = {str(ch): {k: _num(row.get(k)) for k in WHATIF_KEYS}
             for ch, row in after_frame.iterrows() if ch != "total"}
    cost_after = float(result.log.costs["amount"].sum())
    out = {"proposals": proposal_ids, "seed": run.seed, "days": run.days,
           "before": before, "after": after,
           "cost_before": float(run.data.costs["amount"].sum()), "cost_after": cost_after}
    if len(chosen) == 1:
        chosen[0].whatif = out
        save_proposals(run.folder, ev.proposals)
    return out


def _channel_kpis(ev: Evaluation, data: KpiData) -> dict:
    from simlab.analysis import kpi

    frame = kpi.by_channel(data.contacts, ev.run.bundle.care)
    return {str(ch): {k: _num(row.get(k)) for k in WHATIF_KEYS}
            for ch, row in frame.iterrows() if ch != "total"}


def _num(v) -> float | None:
    if v is None:
        return None
    v = float(v)
    return None if math.isnan(v) else v
