"""Where the lab finds what a run needs: the shipped scenarios (with their baseline care
model and plan beside them) and the scenarios, care models and plans saved in the
workspace. Free of textual, so tests use it headless."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.lab import catalog, runner
from simlab.model.care import CareModel
from simlab.model.loader import load_text
from simlab.model.plan import OperationsPlan
from simlab.model.scenario import Scenario
from simlab.model.yamlio import read_text

SHIPPED, WORKSPACE = "shipped", "workspace"


@dataclass(frozen=True)
class Source:
    """A scenario, care model or plan the user can pick. `key` is unique per kind."""

    key: str
    origin: str  # shipped | workspace
    text: str
    source: str  # a file path, or "workspace:<kind>/<id> v<version>"
    model: object | None  # the parsed Scenario / CareModel / OperationsPlan, or None
    error: str = ""

    @property
    def label(self) -> str:
        title = str(getattr(self.model, "title", "")) if self.model is not None else ""
        where = _("workspace") if self.origin == WORKSPACE else _("shipped")
        name = getattr(self.model, "id", self.key)
        return f"{title} ({name}, {where})" if title else f"{name} ({where})"


def _parse(cls, text: str, source: str):
    try:
        return load_text(cls, text, source), ""
    except SimlabError as e:
        return None, str(e)


def scenarios(ws=None) -> list[Source]:
    """Shipped scenarios first (in catalogue order), then the workspace's."""
    out = [Source(p.stem, SHIPPED, read_text(p), str(p), None) for p in catalog.scenario_files()]
    out = [_loaded(s, Scenario) for s in out]
    out += _workspace(ws, "scenario", Scenario)
    return out


def _loaded(s: Source, cls) -> Source:
    model, error = _parse(cls, s.text, s.source)
    return Source(s.key, s.origin, s.text, s.source, model, error)


def _workspace(ws, kind: str, cls) -> list[Source]:
    if ws is None:
        return []
    out = []
    for doc in ws.documents(kind):
        source = f"workspace:{kind}/{doc.doc_id} v{doc.version}"
        model, error = _parse(cls, doc.text, source)
        out.append(Source(f"ws:{doc.doc_id}", WORKSPACE, doc.text, source, model, error))
    return out


def care_models(scenario: Source, ws=None) -> list[Source]:
    """The baseline care model beside a shipped scenario, then the workspace's care
    models written for the same scenario id."""
    return _related(scenario, ws, "care", "care_model", CareModel)


def plans(scenario: Source, ws=None) -> list[Source]:
    return _related(scenario, ws, "plan", "plan", OperationsPlan)


def _related(scenario: Source, ws, companion: str, kind: str, cls) -> list[Source]:
    out = []
    if scenario.origin == SHIPPED:
        path = catalog.companion(Path(scenario.source), companion)
        if path.is_file():
            out.append(_loaded(Source(path.name, SHIPPED, read_text(path), str(path), None), cls))
    sc_id = getattr(scenario.model, "id", None)
    out += [s for s in _workspace(ws, kind, cls)
            if s.model is not None and getattr(s.model, "scenario", None) == sc_id]
    return [s for s in out if s.model is not None]


def bundle(scenario: Source, care: Source, plan: Source) -> runner.Bundle:
    """Check the three together (raises SimlabError naming file, line and key)."""
    if scenario.model is None:
        raise SimlabError(scenario.error or _("the scenario is not valid"), file=scenario.source)
    texts = {"scenario": scenario.text, "care": care.text, "plan": plan.text}
    sources = {"scenario": scenario.source, "care": care.source, "plan": plan.source}
    return runner.bundle_from_texts(texts, sources)
