"""docs/kpi.md and the KPI catalogue the app's help shows say the same: one row, one
formula per KPI, and every row of the results grid is a KPI or a documented count."""

from __future__ import annotations

from pathlib import Path

from simlab.analysis.kpi import KPI_BY_KEY, KPIS, kpi_label
from simlab.reports import tables

DOC = (Path(__file__).resolve().parent.parent / "docs" / "kpi.md").read_text(encoding="utf-8")


def doc_rows() -> dict[str, list[list[str]]]:
    rows: dict[str, list[list[str]]] = {}
    for line in DOC.splitlines():
        if line.startswith("| `"):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            rows.setdefault(cells[0].strip("`"), []).append(cells)
    return rows


def test_every_kpi_has_exactly_one_row_with_the_formula_the_app_shows():
    rows = doc_rows()
    assert set(rows) == set(KPI_BY_KEY)
    for k in KPIS:
        assert len(rows[k.key]) == 1, k.key
        _key, name, formula, _exact = rows[k.key][0]
        assert name == kpi_label(k.key) and formula == k.formula, k.key


def test_every_row_of_the_results_grid_is_documented():
    for key in tables.CHANNEL_ROWS:
        assert key in KPI_BY_KEY or f"`{key}`" in DOC or tables.row_label(key) in DOC, key
    assert "total** SL exists only when" in DOC


def test_every_channel_kpi_of_the_catalogue_is_a_row_of_every_view():
    channel = [k.key for k in KPIS if k.scope == "channel"]
    assert [key for key in tables.CHANNEL_ROWS if key in KPI_BY_KEY] == channel
