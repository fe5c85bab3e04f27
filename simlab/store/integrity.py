"""Proof that a stored run is the one that was simulated.

Each run folder holds `run.json` (inputs, summary, the hash of every data file, and a
hash of its own inputs and summary) and the data files. The database keeps the hash of
every file, `run.json` included, and the summary. A run is intact when every file is
there with its hash, `run.json` agrees with itself, and its summary is the database's:
a flipped byte, an edited number or a deleted table is named, file by file.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from simlab.i18n import _
from simlab.store.atomic import file_sha256
from simlab.store.paths import RUN_JSON
from simlab.store.records import RunRecord

__all__ = ["RUN_JSON", "content_sha256", "quick_check_run", "read_only_message",
           "verify_folder", "verify_stored_run"]


def content_sha256(inputs: object, summary: object) -> str:
    """The hash of a run's inputs and results, kept inside run.json: its summary is not
    in the file list (run.json cannot hold its own hash), so this one covers it."""
    text = json.dumps({"inputs": inputs, "summary": summary}, sort_keys=True,
                      ensure_ascii=False, allow_nan=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_only_message(root: Path, reason: str) -> str:
    return _("The workspace {path} is read-only: {reason}. You can browse its runs and "
             "replay them, but nothing can be saved; choose another workspace folder to "
             "save.").format(path=root, reason=reason)


def verify_folder(folder: Path, hashes: dict[str, str] | None = None) -> list[str]:
    """Problems of a run folder, checked against `hashes` (from the database) if given,
    else against the list inside its own run.json."""
    problems: list[str] = []
    data, problem = _read_json(folder / RUN_JSON)
    if hashes is None:
        if problem:
            return [problem]
        hashes = dict(data.get("files") or {}) if data else {}
    for name, digest in sorted(hashes.items()):
        path = folder / name
        if not path.is_file():
            problems.append(_("the file {name} is missing").format(name=name))
        elif file_sha256(path) != digest:
            problems.append(_("the file {name} was changed after the run").format(name=name))
    if not _is_run_json(data):
        return problems  # the store keeps any files; only simlab's run.json says more
    assert data is not None
    if "sha256" in data and content_sha256(data.get("inputs"), data.get("summary")) != data[
            "sha256"]:
        problems.append(_("the file {name} was edited: its inputs or results no longer "
                          "match their hash").format(name=RUN_JSON))
    for name, digest in sorted(dict(data["files"]).items()):
        if name in hashes and hashes[name] != digest:
            problems.append(_("the file {name} lists a different hash for {file}").format(
                name=RUN_JSON, file=name))
    return problems


def verify_stored_run(record: RunRecord, folder: Path) -> list[str]:
    """`verify_folder` against the database, plus: run.json's summary is the stored one."""
    if not folder.is_dir():
        return [_("the folder runs/{id} is missing").format(id=record.id)]
    problems = verify_folder(folder, record.hashes)
    data, _problem = _read_json(folder / RUN_JSON)
    if _is_run_json(data) and _canonical(data.get("summary")) != _canonical(  # type: ignore[union-attr]
            record.summary or {}):
        problems.append(_("the results in the database differ from those in {name}").format(
            name=RUN_JSON))
    return problems


def _is_run_json(data: dict | None) -> bool:
    return isinstance(data, dict) and isinstance(data.get("files"), dict) and "summary" in data


def quick_check_run(record: RunRecord, folder: Path) -> list[str]:
    """The cheap part, for lists: the folder and every file are there, and run.json (a
    few kB, holding the results shown) still has its hash."""
    if not folder.is_dir():
        return [_("the folder runs/{id} is missing").format(id=record.id)]
    problems = []
    for name, digest in sorted(record.hashes.items()):
        path = folder / name
        if not path.is_file():
            problems.append(_("the file {name} is missing").format(name=name))
        elif name == RUN_JSON and file_sha256(path) != digest:
            problems.append(_("the file {name} was changed after the run").format(name=name))
    return problems


def _canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, allow_nan=True, separators=(",", ":"))


def _read_json(path: Path) -> tuple[dict | None, str | None]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, _("the file {name} is missing").format(name=path.name)
    except (OSError, ValueError):
        return None, _("the file {name} is damaged").format(name=path.name)
    if not isinstance(data, dict):
        return None, _("the file {name} is damaged").format(name=path.name)
    return data, None
