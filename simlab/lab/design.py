"""The care-model design workflows (UF1): load a model for a scenario, size it by
Erlang and check it (`simlab model size`, `simlab model check`; the app's designer will
call the same functions)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simlab.analysis import design_check, market
from simlab.analysis.sizing import Sizing, size
from simlab.errors import SimlabError
from simlab.lab import catalog, datasets
from simlab.model.care import CareModel
from simlab.model.loader import check_related, load_text
from simlab.model.plan import OperationsPlan
from simlab.model.scenario import Scenario


@dataclass
class Design:
    scenario: Scenario
    care: CareModel
    plan: OperationsPlan | None  # the plan that gives shrinkage and hourly cost, if any
    plan_note: str  # why no plan was used, or ""


def load(model: str | Path | None, scenario: str | Path, plan: str | Path | None = None,
         ws=None) -> Design:
    """The care model (None: the scenario's own) checked against the scenario. The plan
    (named, else the scenario's baseline) only lends its shrinkage and costs: a baseline
    plan that does not fit a trainee's queues is left out, with a note, and defaults are
    used."""
    sc_src = catalog.resolve("scenario", scenario, ws)
    sc = load_text(Scenario, sc_src.text, sc_src.source)
    care_src = (catalog.resolve("care", model, ws) if model is not None
                else catalog.default_related(sc_src, "care", ws))
    care = load_text(CareModel, care_src.text, care_src.source)
    check_related(care, sc, care_src.text, care_src.source)
    if plan is not None:
        plan_src = catalog.resolve("plan", plan, ws)
        found = load_text(OperationsPlan, plan_src.text, plan_src.source)
        check_related(found, care, plan_src.text, plan_src.source)
        return Design(sc, care, found, "")
    try:
        plan_src = catalog.default_related(sc_src, "plan", ws)
        found = load_text(OperationsPlan, plan_src.text, plan_src.source)
        check_related(found, care, plan_src.text, plan_src.source)
    except SimlabError as e:
        return Design(sc, care, None, e.message)
    return Design(sc, care, found, "")


def sizing(design: Design, shrinkage: float | None = None) -> Sizing:
    return size(design.scenario, design.care, design.plan, shrinkage)


def check(design: Design, folder: Path | None = None) -> list[design_check.Finding]:
    sector = market.sector_of(design.scenario.company.sector)
    competitors = None
    if sector is not None and design.care.positioning is not None:
        competitors = datasets.load("competitors", folder)
        competitors = competitors[competitors["sector"] == sector].reset_index(drop=True)
    return design_check.check(design.scenario, design.care, sizing(design), competitors)
