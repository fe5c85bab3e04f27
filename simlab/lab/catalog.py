"""The one catalogue of what a run needs: the shipped scenarios (each `X.yaml` with its
baseline care model `X.care.yaml` and plan `X.plan.yaml` beside it) and the scenarios,
care models and plans saved in the workspace (`simlab scenario add`, the app). The CLI
(`scenario list`, `run ID`, `--model ID`, `--plan ID`) and the app find them all here.

Free of textual, so tests use it headless. Where a text came from is recorded in a
portable form: `shipped:<file>`, `workspace:<kind>/<id> v<version>`, or a path.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.model.care import CareModel
from simlab.model.loader import load_text
from simlab.model.plan import OperationsPlan
from simlab.model.scenario import Scenario
from simlab.model.shipped import SHIPPED_DIR
from simlab.model.yamlio import read_text

DEFAULT_SCENARIO = "energia-base"
_COMPANIONS = (".care.yaml", ".plan.yaml")

# Origins of a Source.
SHIPPED_ORIGIN, WORKSPACE_ORIGIN, FILE_ORIGIN = "shipped", "workspace", "file"
# The runner's keys, the workspace's document kinds and the schema of each.
DOC_KIND = {"scenario": "scenario", "care": "care_model", "plan": "plan"}
MODEL = {"scenario": Scenario, "care": CareModel, "plan": OperationsPlan}


@dataclass(frozen=True)
class Source:
    """A scenario, care model or plan the user can pick. `key` is unique per kind."""

    key: str
    origin: str  # shipped | workspace | file
    text: str
    source: str  # portable: shipped:<file>, workspace:<kind>/<id> v<n>, or a path
    model: object | None  # the parsed Scenario / CareModel / OperationsPlan, or None
    error: str = ""

    @property
    def label(self) -> str:
        title = str(getattr(self.model, "title", "")) if self.model is not None else ""
        where = _("workspace") if self.origin == WORKSPACE_ORIGIN else _("shipped")
        name = getattr(self.model, "id", self.key)
        return f"{title} ({name}, {where})" if title else f"{name} ({where})"

    @property
    def id(self) -> str:
        return str(getattr(self.model, "id", self.key))


# --------------------------------------------------------------------------- files


def companion(path: Path, kind: str) -> Path:
    """The baseline `care` or `plan` file beside a scenario file."""
    return path.with_name(f"{path.name.removesuffix('.yaml')}.{kind}.yaml")


def scenario_files(folders: list[Path] | None = None) -> list[Path]:
    folders = folders if folders is not None else [SHIPPED_DIR, SHIPPED_DIR / "validation"]
    files = []
    for folder in folders:
        if folder.is_dir():
            files += sorted(
                p for p in folder.glob("*.yaml") if not p.name.endswith(_COMPANIONS)
            )
    return files


def _is_path(name: str | Path) -> bool:
    path = Path(name)
    return path.suffix in (".yaml", ".yml") or path.exists()


def find(name: str | Path, folders: list[Path] | None = None) -> Path:
    """A shipped scenario file by id (`energia-base`), or the file at a path."""
    if _is_path(name):
        path = Path(name)
        if not path.is_file():
            raise SimlabError(_("file not found"), file=path)
        return path
    for candidate in scenario_files(folders):
        if candidate.stem == str(name):
            return candidate
    known = ", ".join(p.stem for p in scenario_files(folders))
    raise SimlabError(
        _("no scenario «{name}»; the scenarios are: {known}").format(name=name, known=known)
    )


def portable(path: str | Path) -> str:
    """Where a file is, the same on every machine: `shipped:<file>` for a shipped one."""
    resolved = Path(path).resolve()
    if resolved.is_relative_to(SHIPPED_DIR):
        return "shipped:" + resolved.relative_to(SHIPPED_DIR).as_posix()
    return str(path)


def is_shipped(source: str) -> bool:
    return source.startswith("shipped:")


def is_file_source(source: str) -> bool:
    """A text from a user's file: neither shipped nor a workspace document."""
    return not (is_shipped(source) or source.startswith("workspace:"))


# --------------------------------------------------------------------------- sources


def _parse(kind: str, text: str, source: str):
    try:
        return load_text(MODEL[kind], text, source), ""
    except SimlabError as e:
        return None, str(e)


def file_source(kind: str, path: Path, origin: str | None = None) -> Source:
    text = read_text(path)
    name = portable(path)
    model, error = _parse(kind, text, str(path))
    origin = origin or (SHIPPED_ORIGIN if is_shipped(name) else FILE_ORIGIN)
    # Keys as the app has always saved them in its drafts: a shipped scenario by its id,
    # a shipped care model or plan by its file name.
    key = (path.name.removesuffix(".yaml") if kind == "scenario" else path.name) \
        if origin == SHIPPED_ORIGIN else str(path)
    return Source(key, origin, text, name, model, error)


def _workspace(ws, kind: str) -> list[Source]:
    if ws is None:
        return []
    out = []
    for doc in ws.documents(DOC_KIND[kind]):
        source = f"workspace:{DOC_KIND[kind]}/{doc.doc_id} v{doc.version}"
        model, error = _parse(kind, doc.text, source)
        out.append(Source(f"ws:{doc.doc_id}", WORKSPACE_ORIGIN, doc.text, source, model, error))
    return out


def scenarios(ws=None) -> list[Source]:
    """Shipped scenarios first (in catalogue order), then the workspace's."""
    return [file_source("scenario", p) for p in scenario_files()] + _workspace(ws, "scenario")


def care_models(scenario: Source, ws=None) -> list[Source]:
    """The baseline care model beside a shipped scenario, then the workspace's care
    models written for the same scenario id."""
    return _related(scenario, ws, "care")


def plans(scenario: Source, ws=None) -> list[Source]:
    return _related(scenario, ws, "plan")


def _related(scenario: Source, ws, kind: str) -> list[Source]:
    out = []
    if scenario.origin == SHIPPED_ORIGIN:
        path = companion(SHIPPED_DIR / scenario.source.removeprefix("shipped:"), kind)
        if path.is_file():
            out.append(file_source(kind, path))
    sc_id = getattr(scenario.model, "id", None)
    out += [s for s in _workspace(ws, kind)
            if s.model is not None and getattr(s.model, "scenario", None) == sc_id]
    return [s for s in out if s.model is not None]


def resolve(kind: str, name: str | Path, ws=None) -> Source:
    """A scenario, care model or plan by path, or by id: shipped first, then the
    workspace's. Raises SimlabError listing the known ids."""
    if _is_path(name):
        path = Path(name)
        if not path.is_file():
            raise SimlabError(_("file not found"), file=path)
        return file_source(kind, path)
    if kind == "scenario":
        candidates = scenarios(ws)
    else:
        candidates = [file_source(kind, companion(p, kind)) for p in scenario_files()
                      if companion(p, kind).is_file()] + _workspace(ws, kind)
    for s in candidates:
        if s.model is not None and s.id == str(name):
            return s
    known = ", ".join(dict.fromkeys(s.id for s in candidates if s.model is not None))
    message = {
        "scenario": _("no scenario «{name}»; the scenarios are: {known}"),
        "care": _("no care model «{name}»; the care models are: {known}"),
        "plan": _("no plan «{name}»; the plans are: {known}"),
    }[kind]
    raise SimlabError(message.format(name=name, known=known))


def default_related(scenario: Source, kind: str, ws=None) -> Source:
    """The care model or plan a scenario runs with when none is named: the baseline
    file beside it, else the workspace's latest written for it."""
    if scenario.origin == FILE_ORIGIN:
        path = companion(Path(scenario.source), kind)
        return file_source(kind, path) if path.is_file() else _missing(scenario, kind, path)
    found = _related(scenario, ws, kind)
    return found[0] if found else _missing(scenario, kind, None)


def _missing(scenario: Source, kind: str, path: Path | None):
    option = "--model" if kind == "care" else "--plan"
    what = _("care model") if kind == "care" else _("plan")
    raise SimlabError(_("no {what} for scenario «{id}»: give one with {option}").format(
        what=what, id=scenario.id, option=option), file=path)


def warnings(bundle) -> list[str]:
    """What is allowed but probably a mistake: a care model or plan written for another
    scenario (its `scenario:` names a different id)."""
    out = []
    sc_id = bundle.scenario.id
    for key, model in (("care", bundle.care), ("plan", bundle.plan)):
        named = getattr(model, "scenario", sc_id)
        if named != sc_id:
            what = _("care model") if key == "care" else _("plan")
            out.append(_("the {what} «{id}» was written for scenario «{named}», not for "
                         "«{scenario}»").format(what=what, id=model.id, named=named,
                                                scenario=sc_id))
    return out


def entries(ws=None) -> list[Source]:
    """Every valid scenario of the catalogue (shipped, then the workspace's)."""
    return [s for s in scenarios(ws) if s.model is not None]
