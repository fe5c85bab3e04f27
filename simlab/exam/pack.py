"""A candidate's pack, as bytes: the variant of the base scenario, the starting files,
the task sheet (Markdown and HTML) and the sealed manifest.

Everything here is a pure function of the template, the base files, the secret and the
candidate, so the examiner regenerates any pack byte for byte from the key. The pack
holds the candidate's numbers (they need them) but never an expected answer and never
the secret: the manifest's seal is an HMAC under a key derived from the secret and the
candidate id, which the candidate cannot forge after editing a file.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import json
import re
from typing import Any

from simlab.errors import SimlabError
from simlab.exam.params import Number, derive_key
from simlab.exam.template import VARIANT_FILES, ExamTemplate, answers_file
from simlab.i18n import _
from simlab.model.yamlio import dump, parse

PACK_FORMAT = "simlab-exam-pack/1"
MANIFEST = "manifest.json"
SHEET_MD = "traccia.md"
SHEET_HTML = "traccia.html"
EXAM_JSON = "esame.json"  # the tasks as the exam mode shows them: no check, no answer
START_DIR = "file"  # the starting files; the candidate works on a copy (exam_take)


def canonical(data: Any) -> bytes:
    """JSON bytes that do not depend on dict order or platform."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8") + b"\n"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- the variant ---------------------------------------------------------------------

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _steps(path: str) -> list[str | int]:
    steps: list[str | int] = []
    for name, index in _STEP.findall(path):
        steps.append(int(index) if index else name)
    return steps


def apply_variant(template: ExamTemplate, base: dict[str, str]) -> dict[str, str]:
    """The candidate's scenario, care model and plan texts: the base files with the
    template's `variant` values set (a wrong path names the variant entry)."""
    data = {kind: parse(text, kind)[0] for kind, text in base.items()}
    for i, item in enumerate(template.variant):
        node = data[item.file]
        steps = _steps(item.path)
        for step in steps[:-1]:
            node = _child(node, step, item.path, i)
        last = steps[-1]
        if isinstance(last, int) and not (isinstance(node, list) and last < len(node)):
            raise _bad_path(item.path, i)
        if isinstance(last, str) and not isinstance(node, dict):
            raise _bad_path(item.path, i)
        node[last] = item.value
    return {kind: dump(value) for kind, value in data.items()}


def _child(node: Any, step: str | int, path: str, i: int) -> Any:
    if isinstance(step, int) and isinstance(node, list) and step < len(node):
        return node[step]
    if isinstance(step, str) and isinstance(node, dict) and step in node:
        return node[step]
    raise _bad_path(path, i)


def _bad_path(path: str, i: int) -> SimlabError:
    return SimlabError(_("the path «{path}» is not in the base file").format(path=path),
                       key=f"variant[{i}].path")


# --- the files ----------------------------------------------------------------------

def starting_files(template: ExamTemplate, variant: dict[str, str]) -> dict[str, str]:
    """The candidate's starting files by name: the variant's three, the tasks' own,
    and the answers file with one entry per question."""
    files = {VARIANT_FILES[kind]: text for kind, text in variant.items()}
    for task in template.tasks:
        for item in task.files:
            if item.text is None:
                raise SimlabError(_("an exam's starting file is written in the template "
                                    "(«text»)"), key=f"tasks.{task.id}.files.{item.name}")
            files[item.name] = item.text
    name = answers_file(template)
    if name:
        files[name] = answers_template(template)
    return files


def answers_template(template: ExamTemplate) -> str:
    lines = [_("# Answers to «{title}».").format(title=template.title),
             _("# Write each answer after the colon; the lab saves by itself."), ""]
    for task in template.tasks:
        for q in task.questions:
            lines.append(f"# {task.title} — {q.text}")
            lines.append(f"{q.id}:")
            lines.append("")
    return "\n".join(lines)


def sheet_markdown(template: ExamTemplate, candidate: dict[str, str]) -> str:
    """The task sheet, in the user's language (Italian by default)."""
    out = [f"# {template.title}", "",
           _("Candidate: {name} ({id})").format(name=candidate["name"], id=candidate["id"]), "",
           _("Duration: {minutes} minutes. Pass mark: {mark}% of {points} points.").format(
               minutes=template.minutes, mark=_num(template.pass_mark),
               points=_num(template.max_points + template.rubric_points)), "",
           str(template.intro), ""]
    for n, task in enumerate(template.tasks, 1):
        out += [f"## {n}. {task.title} ({_task_points(task)})", "", str(task.brief), ""]
        if task.questions:
            out.append(_("Questions (answer in «{file}»):").format(file=task.answers_file))
            out += [f"- `{q.id}`: {q.text}" for q in task.questions]
            out.append("")
        out.append(_("Files to hand in:"))
        out += [f"- `{d.file}`: {d.description}" for d in task.deliverables]
        out.append("")
    out += [_("## How to work"), "",
            _("Open the exam with «simlab exam take PACK»: every change is saved by itself, "
              "and after a crash the exam resumes where you were. Hand in with the «Submit» "
              "button or «simlab exam submit PACK»."), ""]
    return "\n".join(out)


def _task_points(task) -> str:
    """A task's points as the grade sheet counts them: the checks' and the rubric's (the
    examiner's share said apart, so the candidate knows some points are judged by hand)."""
    rubric = sum(c.points for c in task.rubric)
    total = _num(task.automatic_points + rubric)
    if not rubric:
        return f"{total} " + _("points")
    return _("{points} points, {rubric} of them scored by the examiner").format(
        points=total, rubric=_num(rubric))


def sheet_html(markdown: str, title: str) -> str:
    """The same sheet as a small stand-alone HTML page (headings, lists, paragraphs)."""
    body = []
    in_list = False
    for line in markdown.splitlines():
        if line.startswith("- ") != in_list:
            body.append("<ul>" if not in_list else "</ul>")
            in_list = not in_list
        text = re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(line.lstrip("#- ").strip()))
        if line.startswith("## "):
            body.append(f"<h2>{text}</h2>")
        elif line.startswith("# "):
            body.append(f"<h1>{text}</h1>")
        elif line.startswith("- "):
            body.append(f"<li>{text}</li>")
        elif line.strip():
            body.append(f"<p>{text}</p>")
    if in_list:
        body.append("</ul>")
    return ("<!DOCTYPE html>\n<html lang=\"it\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title></head><body>\n" + "\n".join(body)
            + "\n</body></html>\n")


def candidate_view(template: ExamTemplate, candidate: dict[str, str]) -> dict:
    """What the exam mode needs: titles, briefs, questions, files to hand in, which files
    a task's run uses and the points; never a check's value or a tolerance."""
    def text(t) -> dict:
        return {"it": t.it, "en": t.en}
    return {
        "exam_id": template.id, "title": text(template.title), "intro": text(template.intro),
        "candidate": dict(candidate), "minutes": template.minutes, "days": template.days,
        "seed": template.seed, "tools": list(template.tools),
        "answers_file": answers_file(template),
        "tasks": [{
            "id": t.id, "unit": t.unit, "title": text(t.title), "brief": text(t.brief),
            "points": t.automatic_points,
            "questions": [{"id": q.id, "text": text(q.text), "type": q.type,
                           "percent": q.percent, "options": list(q.options)}
                          for q in t.questions],
            "deliverables": [{"file": d.file, "kind": d.kind} for d in t.deliverables],
            "run": {"care": t.run.care, "plan": t.run.plan},
            "needs_run": needs_run(t),
        } for t in template.tasks],
    }


RUN_SOURCES = ("run", "run_worst", "run_cost")


def needs_run(task) -> bool:
    """Whether a task's checks read the candidate's run."""
    for check in task.checks:
        if check.kind == "kpi":
            return True
        if check.kind == "answer" and check.value.source in RUN_SOURCES:
            return True
        if check.kind == "choice" and any(o.channel for o in check.options):
            return True
    return False


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


# --- the manifest -------------------------------------------------------------------

def seal_key(secret: bytes, candidate_id: str) -> bytes:
    return derive_key(secret, "seal", candidate_id)


def build_pack(template: ExamTemplate, template_sha256: str, values: dict[str, Number],
               variant: dict[str, str], candidate: dict[str, str], secret: bytes
               ) -> dict[str, bytes]:
    """Every file of the pack by relative path, the manifest last."""
    del values  # the values are in the files the candidate reads, never listed apart
    markdown = sheet_markdown(template, candidate)
    files = {SHEET_MD: markdown.encode("utf-8"),
             SHEET_HTML: sheet_html(markdown, str(template.title)).encode("utf-8")}
    files[EXAM_JSON] = canonical(candidate_view(template, candidate))
    for name, text in starting_files(template, variant).items():
        files[f"{START_DIR}/{name}"] = text.encode("utf-8")
    manifest = {
        "format": PACK_FORMAT,
        "exam_id": template.id,
        "template_sha256": template_sha256,
        "candidate": {"id": candidate["id"], "name": candidate["name"]},
        "minutes": template.minutes,
        "days": template.days,
        "seed": template.seed,
        "tools": list(template.tools),
        "tasks": [t.id for t in template.tasks],
        "files": {path: sha256(data) for path, data in sorted(files.items())},
    }
    manifest["seal"] = hmac.new(seal_key(secret, candidate["id"]), canonical(manifest),
                                hashlib.sha256).hexdigest()
    files[MANIFEST] = canonical(manifest)
    return files


def seal_ok(manifest: dict, secret: bytes) -> bool:
    """Whether the manifest's seal is the one the examiner's secret gives."""
    body = {k: v for k, v in manifest.items() if k != "seal"}
    candidate = (manifest.get("candidate") or {}).get("id", "")
    wanted = hmac.new(seal_key(secret, str(candidate)), canonical(body), hashlib.sha256).hexdigest()
    return hmac.compare_digest(wanted, str(manifest.get("seal", "")))
