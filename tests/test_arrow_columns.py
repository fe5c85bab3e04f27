"""`store/arrowcols.arrow_table` against `pa.Table.from_pandas`: the tables of real runs,
given as numpy columns, encode to the same Parquet bytes as the pandas frames do today,
and making them imports no pandas (issue 8: the queue command without pandas)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from simlab.lab.queuelab import QueueSpec
from simlab.lab.queuelab import run as lab_run
from simlab.lab.runner import execute, load_bundle, run_ledger
from simlab.store.arrowcols import Categories, Dates, Strings, arrow_table, frame_columns
from simlab.store.runfiles import parquet_bytes

EPOCH = dt.date(1970, 1, 1)


def _columns(frame: pd.DataFrame) -> dict:
    """The frame's columns as arrow_table takes them (what a pandas-free RunLog holds)."""
    out = {}
    for name in frame.columns:
        s = frame[name]
        if isinstance(s.dtype, pd.CategoricalDtype):
            out[name] = Categories(s.cat.codes.to_numpy(), [str(c) for c in s.cat.categories])
        elif s.dtype == object and len(s) and isinstance(s.iloc[0], dt.date):
            out[name] = Dates(np.array([(v - EPOCH).days for v in s], dtype=np.int32))
        elif s.dtype == object or pd.api.types.is_string_dtype(s.dtype):
            out[name] = Strings([None if pd.isna(v) else str(v) for v in s])
        else:
            out[name] = s.to_numpy()
    return out


def _pandas_bytes(frame: pd.DataFrame) -> bytes:
    """The file as pyarrow's pandas conversion makes it (the store's way before)."""
    return parquet_bytes(pa.Table.from_pandas(frame, preserve_index=False))


def _same_bytes(frame: pd.DataFrame) -> None:
    assert parquet_bytes(arrow_table(_columns(frame))) == _pandas_bytes(frame)
    assert parquet_bytes(frame) == _pandas_bytes(frame)  # the store's own way now


@pytest.fixture(scope="module")
def queue_run():
    return lab_run(QueueSpec(540, 300, 50, 180, 20, 5_000, 3))


@pytest.fixture(scope="module")
def energia_run():
    return execute(load_bundle("energia-base"), days=2)


@pytest.mark.parametrize("table", ["contacts", "agents", "costs"])
def test_queue_lab_tables_encode_to_the_same_bytes(queue_run, table):
    _same_bytes(getattr(queue_run.log, table))


@pytest.mark.parametrize("table", ["contacts", "agents", "costs", "ledger"])
def test_energia_tables_encode_to_the_same_bytes(energia_run, table):
    # three channels, tickets (NaN and numbers in one column), six queues, two teams
    frame = run_ledger(energia_run) if table == "ledger" else getattr(energia_run.log, table)
    _same_bytes(frame)


def test_many_categories_and_missing_values():
    names = [f"op{i:03d}" for i in range(200)]  # 200 names: pandas keeps int16 codes
    codes = np.array([0, 199, -1, 7], dtype=np.int32)
    frame = pd.DataFrame({
        "agent_id": pd.Categorical.from_codes(codes, categories=names),
        "wait_s": [1.5, np.nan, 0.0, np.nan],
        "resolved": [True, False, True, True],
        "note": pd.Series(["à", None, "", "ok"], dtype="str"),
    })
    _same_bytes(frame)
    table = arrow_table(_columns(frame))
    assert table.column("wait_s").null_count == 2
    assert str(table.schema.field("agent_id").type.index_type) == "int16"


def test_a_wrong_description_gives_other_bytes(queue_run):
    """The check can fail: codes kept as int32 describe another pandas column."""
    frame = queue_run.log.agents
    columns = _columns(frame)
    ours = arrow_table(columns)
    wide = ours.schema.metadata[b"pandas"].replace(b'"numpy_type": "int8"',
                                                    b'"numpy_type": "int32"', 1)
    assert parquet_bytes(ours.replace_schema_metadata({b"pandas": wide})) != _pandas_bytes(frame)


def test_making_a_table_does_not_import_pandas():
    code = ("import sys, numpy as np\n"
            "from simlab.store.arrowcols import Categories, Dates, Strings, arrow_table, frame_columns\n"
            "import pyarrow as pa, pyarrow.parquet as pq\n"
            "t = arrow_table({'a': np.array([1.0, np.nan]), 'b': Categories(np.array([0, 1]),"
            " ['x', 'y']), 'c': np.array([True, False]), 'd': Strings(['u', None])})\n"
            "pq.write_table(t, pa.BufferOutputStream())\n"
            "print('pandas' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=120)
    assert done.stdout.strip() == "False"


def test_run_tables_are_read_without_pandas_conversion(energia_run):
    """The store makes the run's tables itself; other kinds of column go to pandas."""
    assert frame_columns(energia_run.log.contacts) is not None
    assert frame_columns(run_ledger(energia_run)) is not None
    odd = pd.DataFrame({"n": pd.array([1, None], dtype="Int64"),
                        "level": pd.Categorical(["a", "b"], ordered=True)})
    assert frame_columns(odd[["n"]]) is None and frame_columns(odd[["level"]]) is None
    assert frame_columns(pd.DataFrame([[1.0, 2.0]], columns=["a", "a"])) is None
    assert parquet_bytes(odd) == _pandas_bytes(odd)


def test_text_categories_of_object_dtype_go_to_pandas():
    frame = pd.DataFrame({"c": pd.Categorical.from_codes(
        [0, 1], categories=pd.Index(["x", "y"], dtype=object))})
    assert frame_columns(frame) is None
    assert parquet_bytes(frame) == _pandas_bytes(frame)
