"""Taking an exam, once for the CLI and the app: the pack's working folder, autosave of
every answer and file, the candidate's runs, the timer's state, and the submission.

The candidate works in `PACK/lavoro/` (a copy of the pack's starting files, made once,
never over the candidate's edits). Every change is written atomically at once, and the
state (`lavoro/.stato.json`: elapsed time, current task) too, so a crash and restart
resume where the candidate was. A run of a task is recorded in `lavoro/.simulazioni/`
with the hashes of its inputs and of its summary: grading replays it.
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from simlab.errors import SimlabError, os_error_text
from simlab.exam.pack import EXAM_JSON, MANIFEST, START_DIR, canonical, sha256
from simlab.exam.submission import submission_json, submission_name
from simlab.exam.template import VARIANT_FILES
from simlab.i18n import _
from simlab.lab import runner
from simlab.lab.runview import RunView
from simlab.model.yamlio import dump
from simlab.store.atomic import file_sha256, write_bytes_atomic, write_text_atomic

WORK_DIR = "lavoro"
STATE = ".stato.json"
RUNS_DIR = ".simulazioni"


@dataclass
class Pack:
    """An opened pack: its folder, manifest and the tasks as the exam mode shows them."""

    root: Path
    manifest: dict
    exam: dict

    @property
    def candidate_id(self) -> str:
        return str(self.manifest["candidate"]["id"])

    @property
    def work(self) -> Path:
        return self.root / WORK_DIR

    @property
    def minutes(self) -> int:
        return int(self.manifest["minutes"])

    @property
    def tasks(self) -> list[dict]:
        return list(self.exam["tasks"])

    def task(self, task_id: str) -> dict:
        for t in self.exam["tasks"]:
            if t["id"] == task_id:
                return t
        raise SimlabError(_("no task «{id}»; the tasks are: {known}").format(
            id=task_id, known=", ".join(t["id"] for t in self.exam["tasks"])), key="--task")

    @property
    def deliverables(self) -> list[str]:
        names: list[str] = []
        for t in self.exam["tasks"]:
            for d in t["deliverables"]:
                if d["file"] not in names:
                    names.append(d["file"])
        return names


def open_pack(path: Path) -> Pack:
    """The pack in folder `path` (a .zip is unpacked beside it first), with its working
    folder ready."""
    path = Path(path)
    if path.suffix == ".zip" and path.is_file():
        path = _unzip(path)
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
        exam = json.loads((path / EXAM_JSON).read_text(encoding="utf-8"))
        manifest["candidate"]["id"]
    except FileNotFoundError:
        raise SimlabError(_("this folder is not an exam pack (no manifest.json)"),
                          file=path) from None
    except (OSError, ValueError, KeyError, TypeError):
        raise SimlabError(_("the pack's manifest cannot be read"), file=path / MANIFEST) from None
    pack = Pack(path, manifest, exam)
    pack.work.mkdir(exist_ok=True)
    for source in sorted((path / START_DIR).iterdir()):
        target = pack.work / source.name
        if source.is_file() and not target.exists():  # never over the candidate's edits
            write_bytes_atomic(target, source.read_bytes())
    return pack


def _unzip(path: Path) -> Path:
    target = path.with_suffix("")
    if not (target / MANIFEST).exists():
        try:
            with zipfile.ZipFile(path) as archive:
                for info in archive.infolist():
                    parts = Path(info.filename).parts
                    if info.is_dir() or len(parts) < 2 or ".." in parts:
                        continue
                    target.joinpath(*parts[1:]).parent.mkdir(parents=True, exist_ok=True)
                    write_bytes_atomic(target.joinpath(*parts[1:]), archive.read(info))
        except zipfile.BadZipFile:
            raise SimlabError(_("cannot open the pack: {error}").format(
                error=_("it is not a zip file, or it is damaged")), file=path) from None
        except OSError as e:
            raise SimlabError(_("cannot open the pack: {error}").format(
                error=os_error_text(e)), file=path) from None
    return target


# --- autosave -----------------------------------------------------------------------------

def read_file(pack: Pack, name: str) -> str:
    path = pack.work / name
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def save_file(pack: Pack, name: str, text: str) -> None:
    """A file handed in, saved now (only the files the tasks ask for)."""
    _refuse_if_closed(pack)
    if name not in pack.deliverables:
        raise SimlabError(_("«{name}» is not a file to hand in; they are: {known}").format(
            name=name, known=", ".join(pack.deliverables)), key="file")
    write_text_atomic(pack.work / name, text)


def answers(pack: Pack) -> dict[str, str]:
    """The answers written so far, as text, by question id."""
    found = {}
    for line in read_file(pack, pack.exam.get("answers_file") or "").splitlines():
        match = re.match(r"^([a-z0-9][a-z0-9_-]*):\s?(.*)$", line)
        if match:
            value = match.group(2).strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            found[match.group(1)] = value
    return found


def save_answer(pack: Pack, question_id: str, value: str) -> None:
    """One answer written into the answers file, keeping its comments and other lines."""
    _refuse_if_closed(pack)
    name = pack.exam.get("answers_file")
    if not name:
        raise SimlabError(_("this exam has no questions"), key="question")
    lines = read_file(pack, name).splitlines()
    written = f"{question_id}: {_scalar(value)}" if value.strip() else f"{question_id}:"
    for i, line in enumerate(lines):
        if re.match(rf"^{re.escape(question_id)}:(\s|$)", line):
            lines[i] = written
            break
    else:
        lines.append(written)
    write_text_atomic(pack.work / name, "\n".join(lines) + "\n")


def _scalar(value: str) -> str:
    text = value.strip()
    if re.fullmatch(r"[-+]?\d+([.,]\d+)?", text):
        return text.replace(",", ".")
    return dump(text).strip().removesuffix("...").strip()


def state(pack: Pack) -> dict:
    try:
        data = json.loads((pack.work / STATE).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def save_state(pack: Pack, *, elapsed_s: float, task: str | None) -> None:
    data = {"elapsed_s": round(float(elapsed_s), 1), "task": task}
    if is_closed(pack):  # a closed exam stays closed, whatever the app saves after
        data["closed"] = True
    write_bytes_atomic(pack.work / STATE, canonical(data))


def remaining_s(pack: Pack, elapsed_s: float) -> float:
    return max(0.0, pack.minutes * 60 - elapsed_s)


def is_closed(pack: Pack) -> bool:
    """The time ran out and the exam closed the candidate's work (kept in the state, so
    a restart finds it closed)."""
    return state(pack).get("closed") is True


def close_on_time(pack: Pack, elapsed_s: float, task: str | None = None) -> Path | None:
    """When the time is up: the work is closed (no more changes, no simulation) and
    handed in as it was last saved, the submission marked as closed by the timer.
    Returns the submission written, or None while time is left."""
    if remaining_s(pack, elapsed_s) > 0:
        return None
    first = not is_closed(pack)
    write_bytes_atomic(pack.work / STATE, canonical(
        {"closed": True, "elapsed_s": round(float(elapsed_s), 1), "task": task}))
    target = pack.root / submission_name(pack.candidate_id)
    return submit(pack, closed=True) if first or not target.exists() else target


def _refuse_if_closed(pack: Pack) -> None:
    if is_closed(pack):
        raise SimlabError(_("the time is up: the exam is closed and was handed in as last "
                            "saved"), file=pack.root)


# --- runs ---------------------------------------------------------------------------------

def task_bundle_texts(pack: Pack, task: dict, folder: Path | None = None) -> dict[str, str]:
    """The texts a task's run simulates: the pack's scenario and care model, the working
    plan (or care model) when the task hands it to the candidate."""
    texts = {}
    for kind, name in VARIANT_FILES.items():
        handed = task["run"].get(kind) if kind != "scenario" else None
        source = (folder or pack.work) / handed if handed else pack.root / START_DIR / name
        try:
            texts[kind] = source.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            raise SimlabError(_("file not found"), file=source) from None
    return texts


def summary_sha256(result: runner.RunResult) -> str:
    return sha256(canonical(result.summary))


def simulate(pack: Pack, task_id: str, progress=None) -> RunView:
    """The task's run on the candidate's files, recorded for grading."""
    task = pack.task(task_id)
    _refuse_if_closed(pack)
    if "simulate" not in pack.exam.get("tools", []):
        raise SimlabError(_("this exam does not allow simulations"), key="--task")
    texts = task_bundle_texts(pack, task)
    bundle = runner.bundle_from_texts(texts, {k: str(pack.work / VARIANT_FILES[k]) for k in texts})
    result = runner.execute(bundle, seed=int(pack.manifest["seed"]),
                            days=int(pack.manifest["days"]), progress=progress)
    record = {"inputs": {k: sha256(v.encode("utf-8")) for k, v in sorted(texts.items())},
              "seed": result.seed, "days": result.days,
              "summary_sha256": summary_sha256(result)}
    (pack.work / RUNS_DIR).mkdir(exist_ok=True)
    write_bytes_atomic(pack.work / RUNS_DIR / f"{task['id']}.json", canonical(record))
    return result.view if isinstance(result.view, RunView) else RunView.from_result(result)


def recorded_runs(pack: Pack) -> dict[str, dict]:
    found = {}
    folder = pack.work / RUNS_DIR
    for t in pack.tasks:
        path = folder / f"{t['id']}.json"
        if path.is_file():
            try:
                found[t["id"]] = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
    return found


# --- submitting ---------------------------------------------------------------------------

def submit(pack: Pack, *, closed: bool = False) -> Path:
    """The submission file, bound to the pack's manifest and the candidate, written
    atomically beside the pack: `PACK/elaborato-<id>.json`. Once the timer has closed
    the exam, the submission it wrote stands: submitting again rewrites it the same,
    still marked closed."""
    closed = closed or is_closed(pack)
    pack_files = {}
    for path in sorted(pack.root.rglob("*")):
        relative = path.relative_to(pack.root).as_posix()
        if path.is_file() and not relative.startswith(WORK_DIR + "/") and not \
                relative.startswith("elaborato-"):
            pack_files[relative] = file_sha256(path)
    files = {name: read_file(pack, name) for name in pack.deliverables}
    data = submission_json(
        exam_id=str(pack.manifest["exam_id"]), candidate_id=pack.candidate_id,
        manifest_sha256=file_sha256(pack.root / MANIFEST), pack_files=pack_files,
        files=files, runs=recorded_runs(pack),
        elapsed_s=float(state(pack).get("elapsed_s", 0.0)), closed=closed)
    target = pack.root / submission_name(pack.candidate_id)
    write_bytes_atomic(target, canonical(data))
    return target
