"""The market datasets: rebuilt byte for byte from their seed, equal to the committed
files, in the project's CSV dialect, plausible, and documented column by column."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from simlab.errors import SimlabError
from simlab.lab import datasets
from simlab.world import market

ROOT = Path(__file__).resolve().parent.parent
from tests.test_cli import simlab  # noqa: E402


def test_two_builds_are_byte_identical_and_equal_the_committed_files(tmp_path):
    first = datasets.build(tmp_path / "a")
    second = datasets.build(tmp_path / "b")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()
        assert a.read_bytes() == (ROOT / "datasets" / a.name).read_bytes(), (
            f"datasets/{a.name} is stale: run «simlab dataset build»")


def test_the_same_bytes_whatever_the_processor(tmp_path):
    """As for the runs (tests/test_result_hashes.py): a build with only numpy's baseline
    kernels writes the committed bytes."""
    from numpy._core._multiarray_umath import (
        __cpu_baseline__,
        __cpu_dispatch__,
        __cpu_features__,
    )

    extra = [f for f in __cpu_dispatch__ if __cpu_features__.get(f) and f not in __cpu_baseline__]
    env = {**os.environ, "NPY_DISABLE_CPU_FEATURES": " ".join(extra)}
    subprocess.run([sys.executable, "-m", "simlab", "dataset", "build", "--out", str(tmp_path)],
                   env=env, check=True, capture_output=True, cwd=ROOT)
    for name in ("competitors.csv", "market_survey.csv"):
        assert (tmp_path / name).read_bytes() == (ROOT / "datasets" / name).read_bytes()


def test_another_seed_gives_other_data(tmp_path):
    datasets.build(tmp_path, seed=7)
    assert (tmp_path / "market_survey.csv").read_bytes() != (
        ROOT / "datasets/market_survey.csv").read_bytes()


def test_the_files_are_in_the_spreadsheet_dialect():
    raw = (ROOT / "datasets/competitors.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())  # UTF-8 with BOM
    text = raw.decode("utf-8-sig")
    header, first = text.splitlines()[:2]
    assert header.split(";") == list(market.COMPETITOR_COLUMNS)
    assert "\r\n" in text
    assert re.search(r";0,\d+;", first)  # a decimal comma, not a point
    assert "." not in first.split(";")[6]


def test_competitors_cover_every_sector_with_plausible_values():
    comp = datasets.load("competitors")
    assert len(comp) >= 12
    assert comp["sector"].value_counts().to_dict() == {"energy": 5, "telecoms": 5,
                                                       "ecommerce": 5}
    assert comp["name"].is_unique and comp["competitor_id"].is_unique
    assert set(comp["archetype"]) == set(market.ARCHETYPES)
    assert set(comp["price_tier"]) == set(market.PRICE_TIERS)
    for col in ("service_level", "fcr", "csat"):
        assert comp[col].between(0.3, 1).all()
    assert comp["nps"].between(-100, 100).all()
    assert comp["asa_s"].between(1, 600).all()
    assert comp["cost_per_contact_eur"].between(0.5, 15).all()
    # a premium competitor serves better and costs more than a reactive one of its sector
    by = comp.set_index(["sector", "archetype"])
    for sector in market.SECTORS:
        assert by.loc[(sector, "premium"), "csat"] > by.loc[(sector, "reactive"), "csat"]
        assert (by.loc[(sector, "premium"), "cost_per_contact_eur"]
                > by.loc[(sector, "reactive"), "cost_per_contact_eur"])


def test_survey_has_enough_respondents_on_its_scales():
    survey = datasets.load("market_survey")
    assert len(survey) >= 2000 and survey["respondent_id"].is_unique
    assert set(survey["sector"]) == set(market.SECTORS)
    for sector, segments in market.SEGMENTS.items():
        assert set(survey.loc[survey["sector"] == sector, "segment"]) == {s for s, _ in segments}
    imp = survey.filter(like="imp_")
    perf = survey.filter(like="perf_")
    assert imp.shape[1] == perf.shape[1] == len(market.ATTRIBUTES)
    assert ((imp >= 1) & (imp <= 7)).all().all() and ((perf >= 1) & (perf <= 7)).all().all()
    prefs = survey[[f"pref_{c}" for c in market.CHANNELS]]
    assert ((prefs >= 1) & (prefs <= 5)).all().all()
    assert survey["nps_score"].between(0, 10).all()
    assert (survey["preferred_channel"] != survey["second_channel"]).all()
    # seniors tolerate longer waits and prefer the phone more than the digital segment
    wait = survey.groupby("segment")["tolerated_wait_s"].median()
    assert wait["senior"] > wait["consumer"] > wait["plus"]
    phone = survey.groupby("segment")["preferred_channel"].apply(lambda s: (s == "phone").mean())
    assert phone["vulnerabili"] > phone["residenziale"]


def test_readme_documents_every_column():
    readme = (ROOT / "datasets/README.md").read_text(encoding="utf-8")
    for column in (*market.COMPETITOR_COLUMNS, *market.SURVEY_COLUMNS):
        if column.startswith(("imp_", "perf_", "pref_")):
            column = column.split("_", 1)[1]
        assert f"`{column}`" in readme, column


def test_a_file_missing_a_column_is_refused_naming_it(tmp_path):
    datasets.build(tmp_path)
    path = tmp_path / "competitors.csv"
    frame = pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig").drop(columns=["fcr"])
    frame.to_csv(path, sep=";", decimal=",", index=False, encoding="utf-8-sig")
    with pytest.raises(SimlabError, match="fcr") as e:
        datasets.load("competitors", tmp_path)
    assert e.value.file == str(path)
    with pytest.raises(SimlabError, match="dataset build"):
        datasets.load("market_survey", tmp_path / "none")


def test_cli_dataset_build(tmp_path):
    r = simlab("dataset", "build", "--out", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    for name in ("competitors.csv", "market_survey.csv"):
        assert (tmp_path / "out" / name).read_bytes() == (ROOT / "datasets" / name).read_bytes()


def test_without_the_folder_the_same_data_is_built_in_memory(monkeypatch, tmp_path):
    # an installed wheel has no datasets/ folder: the market analysis still works
    monkeypatch.setattr(datasets, "REPO_DATASETS", tmp_path / "absent")
    for name in ("competitors", "market_survey"):
        pd.testing.assert_frame_equal(datasets.load(name),
                                      datasets.load(name, ROOT / "datasets"))
