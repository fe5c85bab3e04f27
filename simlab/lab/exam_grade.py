"""Grading an exam, once for the CLI and the app: every submission of a folder checked
against the key, scored, and written as the grade sheet (CSV and XLSX), the feedback
of each candidate and the commission's summary; and the examiner's overrides.

A submission is graded only when it is whole and the candidate's own: its pack matches
the one the key regenerates (manifest and every file), and every run it recorded
replays to the same summary. Otherwise it is flagged with the reasons and gets no
points until the commission settles it. Expected answers are recomputed from the key:
the candidate's variant, and their own files simulated again where a task reads a run.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from simlab.curriculum.checks import CheckReport, Work, evaluate
from simlab.errors import SimlabError
from simlab.exam import grading
from simlab.exam.pack import canonical, needs_run, sha256
from simlab.exam.submission import PREFIX, Malformed, Submission, read_submission
from simlab.exam.template import VARIANT_FILES, ExamTemplate
from simlab.i18n import _
from simlab.lab import runner
from simlab.lab.exam_create import ExamKey, load_key, pack_files, variant_of
from simlab.lab.exercises import _read_answers
from simlab.lab.runview import RunView
from simlab.reports.csvfile import csv_bytes
from simlab.reports.xlsx import write_xlsx
from simlab.store.atomic import write_bytes_atomic, write_text_atomic

RECORD = "esito.json"
OVERRIDES = "rettifiche.json"
SHEET_CSV = "voti.csv"
SHEET_XLSX = "voti.xlsx"
SUMMARY = "riepilogo-commissione.md"
FEEDBACK_DIR = "feedback"


def find_submissions(folder: Path) -> list[Path]:
    """Every `elaborato-*.json` under `folder`, in a stable order."""
    folder = Path(folder)
    if not folder.is_dir():
        raise SimlabError(_("this is not a folder"), file=folder, key="SUBMISSIONS_DIR")
    return sorted(folder.rglob(f"{PREFIX}*.json"), key=lambda p: p.relative_to(folder).as_posix())


def _claimed_id(path: Path, root: Path) -> str | None:
    """The candidate a file's place names: its name `elaborato-<id>.json`, or else the
    folder it is in (a pack's own folder)."""
    return path.stem[len(PREFIX):] or None


@dataclass
class _Scored:
    reasons: list[str]
    reports: dict[str, CheckReport]


class _Runs:
    """The runs of one grading, by their input texts (a plan simulated once)."""

    def __init__(self) -> None:
        self._done: dict[str, runner.RunResult] = {}

    def get(self, texts: dict[str, str], seed: int, days: int, task=None) -> runner.RunResult:
        key = sha256(canonical({"texts": texts, "seed": seed, "days": days}))
        if key not in self._done:
            bundle = runner.bundle_from_texts(texts, _sources(task))
            self._done[key] = runner.execute(bundle, seed=seed, days=days)
        return self._done[key]


def _check_binding(key: ExamKey, sub: Submission, claimed: str | None) -> list[str]:
    """Why this submission is not the candidate's own, whole pack (empty: it is)."""
    reasons = []
    if sub.exam_id != key.source.id:
        reasons.append(_("it is a submission of another exam («{id}»)").format(id=sub.exam_id))
    known = {c.id for c in key.candidates}
    if sub.candidate_id not in known:
        return reasons + [_("candidate «{id}» is not in the key").format(id=sub.candidate_id)]
    if claimed is not None and claimed != sub.candidate_id:
        reasons.append(_("the file is named for candidate «{claimed}» but belongs to «{id}»")
                       .format(claimed=claimed, id=sub.candidate_id))
    if sub.manifest_sha256 != key.manifests[sub.candidate_id]:
        owner = next((c for c, h in key.manifests.items() if h == sub.manifest_sha256), None)
        reasons.append(_("it was made on the pack of candidate «{other}»").format(other=owner)
                       if owner else _("the pack's manifest was altered"))
    wanted = key.pack_hashes.get(sub.candidate_id) or {
        path: sha256(data) for path, data in pack_files(key, key.candidate(sub.candidate_id)).items()}
    altered = sorted(p for p in wanted if sub.pack_files.get(p) != wanted[p])
    added = sorted(p for p in sub.pack_files if p not in wanted)
    if altered or added:
        reasons.append(_("pack files altered or added: {files}").format(
            files=", ".join(altered + added)))
    return reasons


def _score(key: ExamKey, sub: Submission, runs: _Runs) -> _Scored:
    """Every task's checks on the submitted files, with the candidate's own variant;
    each recorded run replayed first."""
    template, _values, variant = variant_of(key.secret, key.source, sub.candidate_id)
    reasons: list[str] = []
    reports = {}
    with tempfile.TemporaryDirectory(prefix="simlab-exam-") as tmp:
        folder = Path(tmp)
        for name, text in sub.files.items():
            if Path(name).name == name and not name.startswith("."):
                write_text_atomic(folder / name, text)
        for task in template.tasks:
            work = Work(task, folder)
            if task.answers_file:
                work.answers, work.answers_error = _read_answers(folder / task.answers_file)
                _name_the_file(work.answers_error, folder)
            texts = _task_texts(task, variant, sub)
            record = sub.runs.get(task.id)
            if record is not None:
                reasons += _replays(task, record, texts, template, runs)
            if needs_run(task):
                try:
                    result = runs.get(texts, template.seed, template.days, task)
                    work.run = RunView.from_result(result)
                except SimlabError as e:
                    work.run_error = _name_the_file(e, folder)
            reports[task.id] = evaluate(work)
    return _Scored(reasons, reports)


def _name_the_file(error: SimlabError | None, folder: Path) -> SimlabError | None:
    """The error with the handed-in file's own name in place of the grading's temporary
    folder (the feedback goes to the candidate: «risposte.yaml:2», not a /tmp path)."""
    if error is not None and error.file and Path(error.file).parent == folder:
        error.file = Path(error.file).name
    return error


def _sources(task) -> dict[str, str]:
    """The names the candidate knows the run's files by (in an error about their plan:
    «piano.plan.yaml:2», not «<plan>:2»); the names do not change a run's results."""
    names = dict(VARIANT_FILES)
    for kind in ("care", "plan"):
        handed = getattr(task.run, kind) if task is not None else None
        if handed:
            names[kind] = handed
    return names


def _task_texts(task, variant: dict[str, str], sub: Submission) -> dict[str, str]:
    texts = dict(variant)
    for kind in ("care", "plan"):
        handed = getattr(task.run, kind)
        if handed:
            texts[kind] = sub.files.get(handed, "")
    return texts


def _replays(task, record, texts: dict[str, str], template: ExamTemplate,
             runs: _Runs) -> list[str]:
    task_id = task.id
    wanted = {k: sha256(v.encode("utf-8")) for k, v in texts.items()}
    if record.inputs.get("scenario") != wanted["scenario"] or \
            record.inputs.get("care") != wanted["care"]:
        return [_("the run of task «{task}» used a scenario or care model that is not the "
                  "pack's").format(task=task_id)]
    if record.inputs.get("plan") != wanted["plan"]:
        return [_("the run of task «{task}» is not of the plan handed in").format(task=task_id)]
    if (record.seed, record.days) != (template.seed, template.days):
        return [_("the run of task «{task}» used another seed or other days").format(task=task_id)]
    try:
        result = runs.get(texts, template.seed, template.days, task)
    except SimlabError as e:
        return [_("the run of task «{task}» does not replay: {error}").format(task=task_id,
                                                                              error=e)]
    if sha256(canonical(result.summary)) != record.summary_sha256:
        return [_("the run of task «{task}» does not replay: its results differ").format(
            task=task_id)]
    return []


@dataclass(frozen=True)
class Graded:
    out: Path
    record: dict


def grade(key_path: Path, submissions: Path, out: Path, progress=None) -> Graded:
    """Grade every submission of `submissions` into `out` (new or empty)."""
    key = load_key(key_path)
    paths = find_submissions(submissions)
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise SimlabError(_("name a new or empty folder (nothing is ever overwritten)"),
                          file=out, key="--out")
    record = grading.new_record(key.template, key.template_sha256)
    entries: dict[str, dict] = {}
    strays: list[dict] = []
    runs = _Runs()
    for path in paths:
        relative = path.relative_to(submissions).as_posix()
        if progress:
            progress(relative)
        claimed = _claimed_id(path, submissions)
        try:
            sub = read_submission(path)
        except Malformed as e:
            who = claimed if claimed in key.manifests else None
            entry = grading.flagged_entry(
                key.candidate(who).as_dict() if who else {"id": claimed or "?", "name": "?"},
                relative, [_("malformed submission: {reason}").format(reason=e)])
            (entries.setdefault(who, entry) if who else strays.append(entry))
            continue
        reasons = _check_binding(key, sub, claimed)
        who = sub.candidate_id if sub.candidate_id in key.manifests else None
        if who is None:
            strays.append(grading.flagged_entry({"id": sub.candidate_id, "name": "?"},
                                                relative, reasons))
            continue
        candidate = key.candidate(who).as_dict()
        if who in entries:
            entries[who]["reasons"].append(
                _("a second submission for this candidate: {file}").format(file=relative))
            entries[who].update(status=grading.FLAGGED, tasks={})
            continue
        if not reasons:
            scored = _score(key, sub, runs)
            reasons = scored.reasons
        entries[who] = (grading.flagged_entry(candidate, relative, reasons) if reasons
                        else grading.graded_entry(candidate, relative, scored.reports))
        if sub.closed:  # handed in by the timer: the commission sees it
            entries[who]["closed"] = True
    record["candidates"] = [entries.get(c.id) or grading.missing_entry(c.as_dict())
                            for c in key.candidates] + strays
    out.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(out / RECORD, canonical(record))
    write_bytes_atomic(out / OVERRIDES, canonical([]))
    render(out, record, [])
    return Graded(out, record)


def render(out: Path, record: dict, overrides: list[dict]) -> None:
    """The sheet, the feedback and the summary, from the record and the overrides."""
    sheet = grading.sheet(record, overrides)
    write_bytes_atomic(out / SHEET_CSV, csv_bytes(sheet))
    write_xlsx(out / SHEET_XLSX, [sheet])
    write_text_atomic(out / SUMMARY, grading.summary_markdown(record, overrides))
    (out / FEEDBACK_DIR).mkdir(exist_ok=True)
    for entry in record["candidates"]:
        if entry["id"] != "?" and "/" not in entry["id"]:
            write_text_atomic(out / FEEDBACK_DIR / f"{entry['id']}.md",
                              grading.feedback_markdown(record, entry, overrides))


def load_grades(folder: Path) -> tuple[dict, list[dict]]:
    folder = Path(folder)
    try:
        record = json.loads((folder / RECORD).read_text(encoding="utf-8"))
        overrides = json.loads((folder / OVERRIDES).read_text(encoding="utf-8"))
        if record.get("format") != grading.RECORD_FORMAT or not isinstance(overrides, list):
            raise ValueError
    except FileNotFoundError:
        raise SimlabError(_("this folder holds no grades (esito.json): grade first"),
                          file=folder, key="--grades") from None
    except (OSError, ValueError, AttributeError):
        raise SimlabError(_("the grades cannot be read"), file=folder / RECORD,
                          key="--grades") from None
    return record, overrides


def _grades_of_key(key_path: Path, grades: Path) -> tuple[dict, list[dict]]:
    key = load_key(key_path)
    record, overrides = load_grades(grades)
    if record.get("template_sha256") != key.template_sha256:
        raise SimlabError(_("these grades are of another exam than the key's"),
                          file=grades, key="--grades")
    return record, overrides


def _keep(grades: Path, record: dict, overrides: list[dict]) -> dict:
    write_bytes_atomic(Path(grades) / OVERRIDES, canonical(overrides))
    render(Path(grades), record, overrides)
    return overrides[-1]


def override(key_path: Path, grades: Path, candidate_id: str, task_id: str, points: float,
             reason: str) -> dict:
    """One more override, kept in `rettifiche.json` (atomic), and the sheets again."""
    record, overrides = _grades_of_key(key_path, grades)
    return _keep(grades, record, grading.add_override(record, overrides, candidate_id,
                                                      task_id, points, reason))


def rubric_score(key_path: Path, grades: Path, candidate_id: str, task_id: str,
                 criterion: int, points: float, reason: str = "") -> dict:
    """The examiner's score of one rubric criterion (1 = the task's first), kept in
    `rettifiche.json` beside the overrides, and the sheets again with it in the totals."""
    record, overrides = _grades_of_key(key_path, grades)
    return _keep(grades, record, grading.add_rubric_score(
        record, overrides, candidate_id, task_id, criterion, points, reason))


def monitor(key_path: Path, folder: Path) -> list[tuple[str, str, bool]]:
    """Who has handed in: (id, name, a submission named for them is in `folder`)."""
    key = load_key(key_path)
    found = {p.stem[len(PREFIX):] for p in find_submissions(folder)}
    return [(c.id, c.name, c.id in found) for c in key.candidates]




def expected_answers(key: ExamKey, candidate_id: str, files: dict[str, str]) -> dict[str, float]:
    """The examiner's view: every numeric answer the checks expect from this candidate,
    given the files they hand in (a run-based answer depends on their plan). Never
    written into a pack."""
    from simlab.curriculum.checks import expected_value

    template, _values, variant = variant_of(key.secret, key.source, candidate_id)
    runs = _Runs()
    found = {}
    for task in template.tasks:
        work = Work(task, Path("."))
        if needs_run(task):
            texts = _task_texts(task, variant, Submission(Path("."), "", "", "", {}, files))
            work.run = RunView.from_result(runs.get(texts, template.seed, template.days, task))
        for check in task.checks:
            if check.kind == "answer":
                found[check.question] = expected_value(check, task.question(check.question), work)
    return found
