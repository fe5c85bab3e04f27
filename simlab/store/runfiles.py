"""The files of one run: `run.json` (inputs, seed, version, summary, file hashes),
`contacts.parquet`, `agents.parquet`, `costs.parquet`, `ledger.parquet` (a simulated
run's), and any extra files the caller
built (the CSVs for a spreadsheet come from `reports`: the store only writes bytes). Every file is written atomically and `run.json` last, so a run
folder with a `run.json` is complete. Same inputs → the same bytes."""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from simlab.errors import SimlabError, os_error_text
from simlab.i18n import _
from simlab.store.arrowcols import arrow_table, frame_columns
from simlab.store.atomic import file_sha256, write_bytes_atomic, write_stream_atomic
from simlab.store.integrity import content_sha256
from simlab.store.paths import RUN_JSON

TABLES = ("contacts", "agents", "costs")
# Written when the caller gives it: every simulated run has its cost ledger (lab.runner);
# an imported log has none.
OPTIONAL_TABLES = ("ledger",)

# Arrow's own allocator (mimalloc) keeps the memory it frees for later; the system's
# gives it back, which keeps a run of a million contacts some 40 MB lower at its peak at
# the same speed. Whoever sets ARROW_DEFAULT_MEMORY_POOL chooses for themselves.
if "ARROW_DEFAULT_MEMORY_POOL" not in os.environ:
    pa.set_memory_pool(pa.system_memory_pool())


def check_out_folder(folder: Path, key: str | None = "--out") -> None:
    """Refuse, before simulating, a folder that would mix or overwrite run files: the
    empty name (the current folder) and any folder that is not empty. `key` names the
    option in the message (the app has none)."""
    if str(folder).strip() == "":
        raise SimlabError(_("name a folder for the run files"), key=key)
    folder = Path(folder)
    try:
        if folder.exists() and not folder.is_dir():
            raise SimlabError(_("this is a file, not a folder"), file=folder, key=key)
        if folder.is_dir() and any(folder.iterdir()):
            what = (_("it already holds a run") if (folder / RUN_JSON).exists()
                    else _("it is not empty"))
            raise SimlabError(
                _("the run files are not written into this folder: {what}. Name a new or "
                  "empty folder (nothing is ever overwritten).").format(what=what),
                file=folder, key=key)
    except OSError as e:
        raise SimlabError(_("cannot use this folder: {error}").format(error=os_error_text(e)),
                          file=folder, key=key) from None


def parquet_bytes(frame) -> bytes:
    """`parquet_buffer` as bytes."""
    return parquet_buffer(frame).to_pybytes()


def parquet_buffer(frame) -> pa.Buffer:
    """A table (pandas DataFrame or pyarrow Table) as the Parquet file's bytes in memory
    (`write_parquet` writes the same bytes straight into a file)."""
    sink = pa.BufferOutputStream()
    encode_parquet(frame, sink)
    return sink.getvalue()  # the file's bytes where the encoder wrote them: no copy


def encode_parquet(frame, sink) -> None:
    """A table (pandas DataFrame or pyarrow Table) as zstd Parquet into `sink` (an Arrow
    stream or a binary file). Only categories are dictionary-encoded: trying a
    dictionary on a million distinct times costs time for nothing. Floats are stored
    byte-split (exponents together), which zstd packs a fifth smaller. NaN is written as
    null, as pandas means it. No column statistics (min and max per page, for readers
    that skip pages): simlab reads whole tables, and computing them took half the time
    of writing a million contacts."""
    table = frame if isinstance(frame, pa.Table) else _arrow_table(frame)
    fields = list(table.schema)
    pq.write_table(
        table, sink, compression="zstd",
        use_dictionary=[f.name for f in fields if pa.types.is_dictionary(f.type)],
        use_byte_stream_split=[f.name for f in fields if pa.types.is_floating(f.type)],
        write_statistics=False,
    )
    del table
    # the encoder's scratch memory back to the system, not kept by Arrow for later
    pa.default_memory_pool().release_unused()


def _arrow_table(frame) -> pa.Table:
    """`pa.Table.from_pandas`, made by `store/arrowcols` when it knows every column
    (the run's tables: the same table, without pandas' conversion). Otherwise as pandas
    does, except that a column of one NaN broadcast (the contact table's ticket columns
    in a run without tickets) becomes an Arrow column of nulls without being spelt out
    in memory: the same table, the same file."""
    columns = frame_columns(frame)
    if columns is not None:  # the same table without pandas' conversion (store/arrowcols.py)
        return arrow_table(columns)
    shared = [name for name in frame.columns if _broadcast_nan(frame[name])]
    if not shared:
        return pa.Table.from_pandas(frame, preserve_index=False)
    schema = pa.Schema.from_pandas(frame, preserve_index=False)
    return pa.Table.from_arrays(
        [pa.nulls(len(frame), field.type) if name in shared
         else pa.Array.from_pandas(frame[name], type=field.type)
         for name, field in zip(frame.columns, schema, strict=True)],
        schema=schema)


def _broadcast_nan(column) -> bool:
    if column.dtype.kind != "f" or len(column) == 0:
        return False
    values = column.to_numpy()
    return values.strides == (0,) and math.isnan(values[0])


def write_parquet(path: Path, frame) -> str:
    """Encode `frame` straight into the file at `path` (atomically: no buffer of the
    whole file in memory); return the file's sha256."""
    try:
        write_stream_atomic(path, lambda f: encode_parquet(frame, f))
    except OSError as e:
        raise SimlabError(_("cannot write the file: {error}").format(error=os_error_text(e)),
                          file=path) from None
    return file_sha256(path)


def _copy_parquet(source: Path, sha: str, path: Path) -> bool:
    """Copy a table's file written earlier, if it still has its hash; False if not."""
    try:
        with open(source, "rb") as src:
            write_stream_atomic(path, lambda f: shutil.copyfileobj(src, f, 1 << 20))
    except FileNotFoundError:
        return False
    except OSError as e:
        raise SimlabError(_("cannot write the file: {error}").format(error=os_error_text(e)),
                          file=path) from None
    return file_sha256(path) == sha


def json_bytes(data: dict) -> bytes:
    return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def write_run(out_dir: Path, tables: dict, inputs: dict, summary: dict,
              extra_files: dict[str, bytes] | None = None,
              encoded: dict[str, tuple[Path, str]] | None = None) -> dict[str, str]:
    """Write the run files into `out_dir` (created if needed), with `extra_files` (name →
    bytes); return their hashes.

    `encoded` keeps where each table's file was written, and its hash, by file name: a
    run written twice (to a folder and to the workspace) is encoded once and copied."""
    encoded = {} if encoded is None else encoded
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise SimlabError(_("cannot create the folder: {error}").format(error=os_error_text(e)),
                          file=out_dir) from None
    hashes = {}
    for name in (*TABLES, *(t for t in OPTIONAL_TABLES if t in tables)):
        file = f"{name}.parquet"
        path = out_dir / file
        if file in encoded and _copy_parquet(*encoded[file], path):
            hashes[file] = encoded[file][1]
        else:
            hashes[file] = write_parquet(path, tables[name])
            encoded[file] = (path, hashes[file])
    for name, data in (extra_files or {}).items():
        _write(out_dir / name, data)
        hashes[name] = hashlib.sha256(data).hexdigest()
    _write(out_dir / RUN_JSON, json_bytes({"inputs": inputs, "summary": summary,
                                           "files": hashes,
                                           "sha256": content_sha256(inputs, summary)}))
    return hashes


def read_run(run_dir: Path) -> dict:
    path = Path(run_dir) / "run.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SimlabError(_("this folder has no run.json: it is not a complete run"),
                          file=run_dir) from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise SimlabError(_("run.json is damaged"), file=path) from None


def read_table(run_dir: Path, name: str):
    path = Path(run_dir) / f"{name}.parquet"
    try:
        return pq.read_table(path).to_pandas()
    except FileNotFoundError:
        raise SimlabError(_("file not found"), file=path) from None
    except pa.ArrowException:
        raise SimlabError(_("the file is damaged"), file=path) from None


def _write(path: Path, data: bytes) -> None:
    try:
        write_bytes_atomic(path, data)
    except OSError as e:
        raise SimlabError(_("cannot write the file: {error}").format(error=os_error_text(e)),
                          file=path) from None
