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
        raise Malformed(_("cannot be read: {error}").format(error=e)) from None
    if len(raw) > MAX_BYTES:
        raise Malformed(_("too big to be a submission"))
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Malformed(_("it is not a JSON file")) from None
    if not isinstance(data, dict) or data.get("format") != SUBMISSION_FORMAT:
        raise Malformed(_("it is not a simlab exam submission"))
    try:
        runs = {str(task): RunRecord({str(k): str(v) for k, v in r["inputs"].items()},
                                     int(r["seed"]), int(r["days"]), str(r["summary_sha256"]))
                for task, r in data.get("runs", {}).items()}
        found = Submission(Path(path), str(data["exam_id"]), str(data["candidate_id"]),
                           str(data["manifest_sha256"]),
                           {str(k): str(v) for k, v in data["pack_files"].items()},
                           {str(k): _text(v) for k, v in data["files"].items()}, runs,
                           float(data.get("elapsed_s", 0.0)), data.get("closed") is True)
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise Malformed(_("a key is missing or of the wrong type: {key}").format(key=e)) from None
    if not HEX64.match(found.manifest_sha256):
        raise Malformed(_("the manifest's hash is not valid"))
    return found


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("files")
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
