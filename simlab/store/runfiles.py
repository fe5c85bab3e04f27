"""The files of one run: `run.json` (inputs, seed, version, summary, file hashes),
`contacts.parquet`, `agents.parquet`, `costs.parquet`, and any extra files the caller
built (the CSVs for a spreadsheet come from `reports`: the store only writes bytes). Every file is written atomically and `run.json` last, so a run
folder with a `run.json` is complete. Same inputs → the same bytes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.store.atomic import write_bytes_atomic

TABLES = ("contacts", "agents", "costs")


def parquet_bytes(frame) -> bytes:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue().to_pybytes()


def json_bytes(data: dict) -> bytes:
    return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def write_run(out_dir: Path, tables: dict, inputs: dict, summary: dict,
              extra_files: dict[str, bytes] | None = None) -> dict[str, str]:
    """Write the run files into `out_dir` (created if needed), with `extra_files` (name →
    bytes); return their hashes."""
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise SimlabError(_("cannot create the folder: {error}").format(error=e.strerror),
                          file=out_dir) from None
    hashes = {}
    for name in TABLES:
        data = parquet_bytes(tables[name])
        _write(out_dir / f"{name}.parquet", data)
        hashes[f"{name}.parquet"] = hashlib.sha256(data).hexdigest()
    for name, data in (extra_files or {}).items():
        _write(out_dir / name, data)
        hashes[name] = hashlib.sha256(data).hexdigest()
    _write(out_dir / "run.json", json_bytes({"inputs": inputs, "summary": summary,
                                             "files": hashes}))
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
        raise SimlabError(_("cannot write the file: {error}").format(error=e.strerror),
                          file=path) from None
