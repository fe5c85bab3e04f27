"""Arrow tables made straight from numpy columns, without importing pandas, that encode
to the same Parquet bytes as `pa.Table.from_pandas` of the DataFrame with those columns.

The run files are read back as pandas tables (`store/runfiles.read_table`), so each
file's schema carries pandas' description of its columns (the "pandas" key of the
schema's metadata). This module writes that description itself, in the order and with
the spelling pyarrow gives it, so that a run whose tables never were pandas frames still
writes files byte for byte the same as today's (tests/test_arrow_columns.py compares
them). Arrays are made with `pa.Array.from_buffers`: `pa.array` imports pandas as soon as
pandas is installed, only to ask whether its argument is a pandas object.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

import numpy as np
import pyarrow as pa


@dataclass(frozen=True)
class Categories:
    """A categorical column: small integer codes into `names` (-1: missing)."""

    codes: np.ndarray
    names: list[str]


@dataclass(frozen=True)
class Strings:
    """A column of text (pandas' `str` dtype); None is missing."""

    values: list[str | None]


@dataclass(frozen=True)
class Dates:
    """A column of calendar days (Python dates in pandas), as days since 1970-01-01."""

    days: np.ndarray


Column = np.ndarray | Categories | Strings | Dates

# pandas stores a categorical's codes in the smallest integer type that holds them
# (pandas.core.dtypes.cast.coerce_indexer_dtype): strictly fewer names than each limit
_CODE_TYPES = ((127, np.int8), (32767, np.int16), (2**31 - 1, np.int32))
_EPOCH = dt.date(1970, 1, 1)
_NUMERIC = frozenset(np.dtype(t) for t in ("int8", "int16", "int32", "int64", "float64"))


def arrow_table(columns: dict[str, Column]) -> pa.Table:
    """The table of `columns` (in their order), with pandas' metadata."""
    arrays, described = [], []
    for name, column in columns.items():
        array, pandas_type, numpy_type, extra = _convert(column)
        arrays.append(array)
        described.append({"name": name, "field_name": name, "pandas_type": pandas_type,
                          "numpy_type": numpy_type, "metadata": extra})
    meta = {"index_columns": [], "column_indexes": [], "columns": described,
            "attributes": {}, "creator": {"library": "pyarrow", "version": pa.__version__},
            "pandas_version": _pandas_version()}
    schema = pa.schema([pa.field(name, a.type) for name, a in zip(columns, arrays,
                                                                   strict=True)],
                       metadata={b"pandas": json.dumps(meta).encode()})
    return pa.Table.from_arrays(arrays, schema=schema)


def frame_columns(frame) -> dict[str, Column] | None:
    """A pandas DataFrame's columns as `arrow_table` takes them, read without importing
    pandas; None if a column is of a kind this module does not describe (the caller then
    uses `pa.Table.from_pandas`)."""
    out: dict[str, Column] = {}
    if len(set(frame.columns)) != len(frame.columns):  # frame[name] would be a frame
        return None
    for name in frame.columns:
        if not isinstance(name, str):
            return None
        column = _frame_column(frame[name])
        if column is None:
            return None
        out[name] = column
    return out


def _frame_column(series) -> Column | None:
    dtype = series.dtype
    kind = str(dtype)
    if kind == "category":
        categories = series.cat.categories
        # text names of pandas' str dtype only: other names are other Arrow dictionaries
        if series.cat.ordered or str(categories.dtype) != "str":
            return None
        return Categories(series.cat.codes.to_numpy(), list(categories))
    if kind == "str":  # pandas' text dtype: NaN where missing
        return Strings([v if isinstance(v, str) else None for v in series.tolist()])
    if kind == "object":
        values = series.tolist()
        if values and all(type(v) is dt.date for v in values):
            return Dates(np.array([(v - _EPOCH).days for v in values], dtype=np.int32))
        return None
    if isinstance(dtype, np.dtype) and (dtype in _NUMERIC or dtype == np.bool_):
        return series.to_numpy()
    return None


def _convert(column: Column) -> tuple[pa.Array, str, str, dict | None]:
    if isinstance(column, Categories):
        codes = _codes(column)
        dictionary = _strings(pa.large_string(), list(column.names))
        indices = _numeric(codes, valid=codes >= 0)
        return (pa.DictionaryArray.from_arrays(indices, dictionary), "categorical",
                codes.dtype.name, {"num_categories": len(column.names), "ordered": False})
    if isinstance(column, Dates):
        days = np.asarray(column.days).astype(np.int32, copy=False)
        return _numeric(days, kind=pa.date32()), "date", "object", None
    if isinstance(column, Strings):
        return _strings(pa.large_string(), column.values), "object", "str", None
    values = np.asarray(column)
    if values.dtype == np.bool_:
        return _booleans(values), "bool", "bool", None
    if values.dtype not in _NUMERIC:
        raise TypeError(f"no Arrow column for dtype {values.dtype}")
    if _broadcast_nan(values):  # one NaN for a whole column: nulls, never spelt out
        return pa.nulls(values.size, pa.float64()), "float64", "float64", None
    valid = ~np.isnan(values) if values.dtype.kind == "f" else None  # NaN is null, as pandas
    return _numeric(values, valid), values.dtype.name, values.dtype.name, None


def _broadcast_nan(values: np.ndarray) -> bool:
    return (values.dtype == np.float64 and values.ndim == 1 and values.size > 0
            and values.strides == (0,) and bool(np.isnan(values[0])))


def _codes(column: Categories) -> np.ndarray:
    for limit, dtype in _CODE_TYPES:
        if len(column.names) < limit:
            return np.asarray(column.codes).astype(dtype, copy=False)
    return np.asarray(column.codes).astype(np.int64, copy=False)


def _validity(valid: np.ndarray | None) -> tuple[pa.Buffer | None, int]:
    if valid is None:
        return None, 0
    nulls = valid.size - int(np.count_nonzero(valid))
    if nulls == 0:
        return None, 0
    return pa.py_buffer(np.packbits(valid, bitorder="little")), nulls


def _numeric(values: np.ndarray, valid: np.ndarray | None = None,
             kind: pa.DataType | None = None) -> pa.Array:
    values = np.ascontiguousarray(values)  # a broadcast column is spelt out here
    bitmap, nulls = _validity(valid)
    kind = pa.from_numpy_dtype(values.dtype) if kind is None else kind
    return pa.Array.from_buffers(kind, values.size, [bitmap, pa.py_buffer(values)],
                                 null_count=nulls)


def _booleans(values: np.ndarray) -> pa.Array:
    bits = pa.py_buffer(np.packbits(values, bitorder="little"))
    return pa.Array.from_buffers(pa.bool_(), values.size, [None, bits], null_count=0)


def _strings(kind: pa.DataType, values: list[str | None]) -> pa.Array:
    encoded = [b"" if v is None else v.encode() for v in values]
    offsets = np.zeros(len(values) + 1, dtype=np.int64 if kind == pa.large_string()
                       else np.int32)
    np.cumsum([len(b) for b in encoded], out=offsets[1:])
    bitmap, nulls = _validity(np.array([v is not None for v in values], dtype=bool))
    return pa.Array.from_buffers(kind, len(values), [bitmap, pa.py_buffer(offsets),
                                                     pa.py_buffer(b"".join(encoded))],
                                 null_count=nulls)


def _pandas_version() -> str:
    """The installed pandas' version, as the metadata names it, without importing it."""
    try:
        return version("pandas")
    except PackageNotFoundError:  # pandas is a dependency of simlab: not expected
        return ""
