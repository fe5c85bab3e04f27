"""Where scenarios are: the shipped ones beside the package, and any folder the user
names. A scenario `X.yaml` has its baseline care model `X.care.yaml` and plan
`X.plan.yaml` beside it, so that every scenario runs alone."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.model.loader import load_scenario
from simlab.model.scenario import Scenario


def _shipped_folder() -> Path:
    """The shipped scenarios: `simlab/scenarios/` of an installed wheel (setup.py maps the
    repository's top-level `scenarios/` there), else that folder of the checkout, where
    an editable install (`make run`, `make test`) reads them."""
    installed = resources.files("simlab") / "scenarios"
    if isinstance(installed, Path) and installed.is_dir():
        return installed.resolve()
    return Path(__file__).resolve().parents[2] / "scenarios"


SHIPPED = _shipped_folder()
DEFAULT_SCENARIO = "energia-base"
_COMPANIONS = (".care.yaml", ".plan.yaml")


@dataclass(frozen=True)
class Entry:
    id: str
    path: Path
    scenario: Scenario


def companion(path: Path, kind: str) -> Path:
    """The baseline `care` or `plan` file beside a scenario file."""
    return path.with_name(f"{path.name.removesuffix('.yaml')}.{kind}.yaml")


def scenario_files(folders: list[Path] | None = None) -> list[Path]:
    folders = folders if folders is not None else [SHIPPED, SHIPPED / "validation"]
    files = []
    for folder in folders:
        if folder.is_dir():
            files += sorted(
                p for p in folder.glob("*.yaml") if not p.name.endswith(_COMPANIONS)
            )
    return files


def find(name: str | Path, folders: list[Path] | None = None) -> Path:
    """A scenario by id (`energia-base`) or by path."""
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or path.exists():
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


def entries(folders: list[Path] | None = None) -> list[Entry]:
    return [Entry(p.stem, p, load_scenario(p)) for p in scenario_files(folders)]
