"""The market datasets as CSV files in the project's one dialect (`reports/csvfile.py`):
the columns keep their machine names (documented in datasets/README.md), so the files
read the same whatever the user's language, and `simlab market` reads them back."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from simlab.reports.csvfile import csv_bytes
from simlab.reports.xlsx import Sheet
from simlab.store.atomic import write_bytes_atomic

# How each numeric column is written (decimals by unit, csvfile.DECIMALS).
UNITS = {
    "service_level": "ratio", "fcr": "ratio", "csat": "ratio",
    "asa_s": "seconds", "cost_per_contact_eur": "eur",
}


def dataset_bytes(title: str, columns: dict[str, list]) -> bytes:
    frame = pd.DataFrame(columns)
    units = {c: UNITS.get(c, "count") for c in frame.columns}
    return csv_bytes(Sheet(title, frame, column_units=units))


def write_dataset(path: Path, title: str, columns: dict[str, list]) -> Path:
    write_bytes_atomic(path, dataset_bytes(title, columns))
    return path


def read_dataset(path: Path) -> pd.DataFrame:
    """A dataset written above (or edited in a spreadsheet and saved in the same dialect)."""
    return pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig")
