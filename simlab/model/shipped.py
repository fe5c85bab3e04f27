"""Where the shipped scenarios are (the files of the lab, beside the code)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def _shipped_folder() -> Path:
    """`simlab/scenarios/` of an installed wheel (setup.py maps the repository's top-level
    `scenarios/` there), else that folder of the checkout, where an editable install
    (`make run`, `make test`) reads them."""
    installed = resources.files("simlab") / "scenarios"
    if isinstance(installed, Path) and installed.is_dir():
        return installed.resolve()
    return Path(__file__).resolve().parents[2] / "scenarios"


SHIPPED_DIR = _shipped_folder()
