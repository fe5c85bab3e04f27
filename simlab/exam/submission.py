"""The submission file a candidate hands in (`elaborato-<id>.json`), and its reading.

It binds the work to the pack: the manifest's hash, the hash of every pack file as it
was when the candidate submitted, the files handed in, and for each simulated task the
hashes of the run's inputs with the hash of its summary, which grading replays.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from simlab.errors import os_error_text
from simlab.i18n import _

SUBMISSION_FORMAT = "simlab-exam-submission/1"
PREFIX = "elaborato-"
MAX_BYTES = 5_000_000
HEX64 = re.compile(r"^[0-9a-f]{64}$")


def submission_name(candidate_id: str) -> str:
    return f"{PREFIX}{candidate_id}.json"


@dataclass(frozen=True)
class RunRecord:
    inputs: dict[str, str]  # scenario, care, plan → sha256 of the text simulated
    seed: int
    days: int
    summary_sha256: str


@dataclass(frozen=True)
class Submission:
    path: Path
    exam_id: str
    candidate_id: str
    manifest_sha256: str
    pack_files: dict[str, str]
    files: dict[str, str]
    runs: dict[str, RunRecord] = field(default_factory=dict)
    elapsed_s: float = 0.0
    closed: bool = False  # the timer ran out: the exam closed the work and handed it in


class Malformed(ValueError):
    """Why a file is not a submission (Italian, for the commission)."""


def read_submission(path: Path) -> Submission:
    """The submission in `path`, or Malformed with the reason."""
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        raise Malformed(_("cannot be read: {error}").format(error=os_error_text(e))) from None
    if len(raw) > MAX_BYTES:
        raise Malformed(_("too big to be a submission"))
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Malformed(_("it is not a JSON file")) from None
    if not isinstance(data, dict) or data.get("format") != SUBMISSION_FORMAT:
        raise Malformed(_("it is not a simlab exam submission"))
    runs = {str(task): _run(r) for task, r in _mapping(data, "runs", required=False).items()}
    try:
        elapsed = float(data.get("elapsed_s", 0.0))
    except (TypeError, ValueError):
        raise _wrong("elapsed_s") from None
    found = Submission(Path(path), _string(data, "exam_id"), _string(data, "candidate_id"),
                       _string(data, "manifest_sha256"),
                       {str(k): str(v) for k, v in _mapping(data, "pack_files").items()},
                       {str(k): _text(v, k) for k, v in _mapping(data, "files").items()}, runs,
                       elapsed, data.get("closed") is True)
    if not HEX64.match(found.manifest_sha256):
        raise Malformed(_("the manifest's hash is not valid"))
    return found


def _wrong(key: str) -> Malformed:
    return Malformed(_("a key is missing or of the wrong type: {key}").format(key=key))


def _string(data: dict, key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise _wrong(key)
    return value


def _mapping(data: dict, key: str, *, required: bool = True) -> dict:
    value = data.get(key, None if required else {})
    if not isinstance(value, dict):
        raise _wrong(key)
    return value


def _run(record: object) -> RunRecord:
    """One recorded run; a wrong one names the key (`runs`), never Python's own words."""
    try:
        if not isinstance(record, dict) or not isinstance(record.get("inputs"), dict):
            raise TypeError
        return RunRecord({str(k): str(v) for k, v in record["inputs"].items()},
                         int(record["seed"]), int(record["days"]), str(record["summary_sha256"]))
    except (KeyError, TypeError, ValueError):
        raise _wrong("runs") from None


def _text(value: object, name: object) -> str:
    if not isinstance(value, str):
        raise _wrong(f"files.{name}")
    return value


def submission_json(*, exam_id: str, candidate_id: str, manifest_sha256: str,
                    pack_files: dict[str, str], files: dict[str, str],
                    runs: dict[str, dict], elapsed_s: float, closed: bool = False) -> dict:
    data = {"format": SUBMISSION_FORMAT, "exam_id": exam_id, "candidate_id": candidate_id,
            "manifest_sha256": manifest_sha256, "pack_files": pack_files, "files": files,
            "runs": runs, "elapsed_s": round(float(elapsed_s), 1)}
    if closed:  # only then, so that a submission in time keeps its bytes
        data["closed"] = True
    return data
