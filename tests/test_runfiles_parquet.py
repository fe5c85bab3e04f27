"""The run files' Parquet: the tables come back as they were, and a run written to a
folder and then to the workspace is encoded once."""

from __future__ import annotations

import hashlib

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
    encode = runfiles.encode_parquet
    monkeypatch.setattr(runfiles, "encode_parquet",
                        lambda t, sink: calls.append(1) or encode(t, sink))
    first = runner.write(result, tmp_path / "a")
    second = runner.write(result, tmp_path / "b")
    assert first == second
    assert len(calls) == len(runfiles.TABLES) + len(runfiles.OPTIONAL_TABLES)  # the ledger
    for name in first:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_bytes_and_buffer_are_the_same_file():
    table = _result().log.contacts
    assert runfiles.parquet_bytes(table) == bytes(runfiles.parquet_buffer(table))


def test_file_and_buffer_are_the_same_bytes(tmp_path):
    table = _result().log.contacts
    sha = runfiles.write_parquet(tmp_path / "c.parquet", table)
    data = (tmp_path / "c.parquet").read_bytes()
    assert data == runfiles.parquet_bytes(table)
    assert sha == hashlib.sha256(data).hexdigest()
    assert [p.name for p in tmp_path.iterdir()] == ["c.parquet"]  # no temporary file left


def test_a_changed_first_file_is_encoded_again(tmp_path):
    result = _result()
    first = runner.write(result, tmp_path / "a")
    (tmp_path / "a" / "contacts.parquet").write_bytes(b"not parquet")
    second = runner.write(result, tmp_path / "b")
    assert second == first
    back = runfiles.read_table(tmp_path / "b", "contacts")
    pd.testing.assert_frame_equal(back, result.log.contacts, check_categorical=True)
