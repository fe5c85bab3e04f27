"""The market analysis of one scenario (UF1.A1, UF1.A2): its sector's competitors and
survey respondents against the company's care model, as `simlab market` and the app
show it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from simlab.analysis import market
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.lab import datasets, design
from simlab.world.market import ATTRIBUTES


@dataclass
class MarketView:
    scenario_id: str
    company: str
    sector: str
    benchmark: pd.DataFrame
    positioning: pd.DataFrame
    ipa: pd.DataFrame
    dimensions: pd.DataFrame
    segments: pd.DataFrame
    suggestion: market.Suggestion
    respondents: int


def analyse(scenario: str, model: str | Path | None = None, folder: Path | None = None,
            ws=None) -> MarketView:
    # the plan plays no part here: a trainee's model need not fit the baseline plan
    return view_of(design.load(model, scenario, ws=ws), folder)


def view_of(loaded: design.Design, folder: Path | None = None) -> MarketView:
    """The market analysis of a care model already loaded for its scenario."""
    sc, care = loaded.scenario, loaded.care
    sector = market.sector_of(sc.company.sector)
    if sector is None:
        raise SimlabError(_("the sector «{text}» matches no sector of the datasets; the "
                            "sectors are: energy, telecoms, ecommerce").format(
                                text=sc.company.sector), key="company.sector")
    competitors = datasets.load("competitors", folder)
    competitors = competitors[competitors["sector"] == sector].reset_index(drop=True)
    survey = datasets.load("market_survey", folder)
    survey = survey[survey["sector"] == sector]
    if care.target_segments:
        survey = survey[survey["segment"].isin(care.target_segments)]
    if competitors.empty or survey.empty:
        raise SimlabError(_("the datasets hold no data for the sector «{sector}»").format(
            sector=sector))
    profile = market.company_profile(sc, care)
    ipa = market.importance_performance(survey, dict(ATTRIBUTES))
    return MarketView(
        scenario_id=sc.id, company=sc.company.name, sector=sector,
        benchmark=market.benchmark(profile, competitors),
        positioning=market.positioning_map(sc.company.name, profile, competitors),
        ipa=ipa, dimensions=market.dimensions(ipa), segments=market.segment_needs(survey),
        suggestion=market.suggest_archetype(survey, ipa, care.positioning),
        respondents=len(survey),
    )

