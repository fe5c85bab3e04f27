"""The market datasets (UF1): built from a seed by `simlab dataset build`, read back by
the market analysis. The repository keeps the built files in its top-level `datasets/`;
where that folder is missing (an installed wheel) the same bytes are built in memory."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.reports.datasets import dataset_bytes, read_dataset, write_dataset
from simlab.world import market

REPO_DATASETS = Path(__file__).resolve().parents[2] / "datasets"
FILES = {"competitors": "competitors.csv", "market_survey": "market_survey.csv"}
COLUMNS = {"competitors": market.COMPETITOR_COLUMNS, "market_survey": market.SURVEY_COLUMNS}


def _columns(name: str, seed: int) -> dict[str, list]:
    return market.competitors(seed) if name == "competitors" else market.survey(seed)


def build(folder: Path, seed: int = market.DATASET_SEED) -> list[Path]:
    """Write every dataset into `folder` (created if missing); same seed, same bytes."""
    if folder.exists() and not folder.is_dir():
        raise SimlabError(_("not a folder"), file=folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [write_dataset(folder / file, name, _columns(name, seed))
            for name, file in FILES.items()]


def load(name: str, folder: Path | None = None) -> pd.DataFrame:
    """A dataset from `folder` (default: the repository's `datasets/`, else built in
    memory), checked to have every column the analysis reads."""
    folder = folder or (REPO_DATASETS if REPO_DATASETS.is_dir() else None)
    if folder is None:
        data = dataset_bytes(name, _columns(name, market.DATASET_SEED))
        return pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
    path = folder / FILES[name]
    if not path.is_file():
        raise SimlabError(_("file not found: rebuild it with «simlab dataset build»"),
                          file=path)
    try:
        frame = read_dataset(path)
    except (ValueError, UnicodeDecodeError) as e:
        raise SimlabError(_("not a readable CSV file ({error})").format(error=e),
                          file=path) from None
    missing = [c for c in COLUMNS[name] if c not in frame.columns]
    if missing:
        raise SimlabError(_("missing columns: {columns}").format(columns=", ".join(missing)),
                          file=path)
    return frame
