"""The run files' Parquet: the tables come back as they were, and a run written to a
folder and then to the workspace is encoded once."""

from __future__ import annotations

import pandas as pd

from simlab.lab import runner
from simlab.store import runfiles


def _result():
    return runner.execute(runner.load_bundle("energia-base"), days=2)


def test_tables_round_trip(tmp_path):
    result = _result()
    runner.write(result, tmp_path)
    for name in runfiles.TABLES:
        back = runfiles.read_table(tmp_path, name)
        pd.testing.assert_frame_equal(back, getattr(result.log, name), check_categorical=True)


def test_writing_twice_encodes_once(tmp_path, monkeypatch):
    result = _result()
    calls = []
    encode = runfiles.parquet_buffer
    monkeypatch.setattr(runfiles, "parquet_buffer", lambda t: calls.append(1) or encode(t))
    first = runner.write(result, tmp_path / "a")
    second = runner.write(result, tmp_path / "b")
    assert first == second
    assert len(calls) == len(runfiles.TABLES)
    for name in first:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_bytes_and_buffer_are_the_same_file():
    table = _result().log.contacts
    assert runfiles.parquet_bytes(table) == bytes(runfiles.parquet_buffer(table))
