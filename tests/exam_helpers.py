"""Shared by the exam tests: packs made once per test module, a reference submission
(the plan sized by Erlang C, the answers the key expects, reports long enough) and a
blank one (the pack as it came)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from simlab import queueing
from simlab.lab import exam_create, exam_grade, exam_take

CANDIDATES = "id;name\nA01;Anna Rossi\nB02;Bruno Verdi\nC03;Carla Bianchi\n"


def make_exam(folder: Path, template: str, *, zipped: bool = False,
              secret_file: Path | None = None) -> exam_create.ExamKey:
    folder.mkdir(parents=True, exist_ok=True)
    candidates = folder / "candidati.csv"
    candidates.write_text(CANDIDATES, encoding="utf-8")
    made = exam_create.create(template, candidates, folder / "esame", secret_file, zipped)
    return exam_create.load_key(made.key_path)


def reference_work(key: exam_create.ExamKey, pack: exam_take.Pack) -> None:
    """What a candidate who gets everything right writes, through the exam's autosave."""
    values, _template = key.source.for_candidate(key.secret, pack.candidate_id)
    if "piano.plan.yaml" in pack.deliverables:
        agents = queueing.agents_for_service_level(values["arrivi"] / 3600, values["aht"],
                                                   20, 0.8, None) + 2
        plan = exam_take.read_file(pack, "piano.plan.yaml")
        plan = re.sub(r"headcount: \d+", f"headcount: {agents}", plan)
        plan = re.sub(r"agents: \d+", f"agents: {agents}", plan)
        exam_take.save_file(pack, "piano.plan.yaml", plan)
    for task in pack.tasks:
        if task["needs_run"]:
            exam_take.simulate(pack, task["id"])
    files = {n: exam_take.read_file(pack, n) for n in pack.deliverables}
    for question, value in exam_grade.expected_answers(key, pack.candidate_id, files).items():
        exam_take.save_answer(pack, question, f"{value:.4f}".replace(".", ","))
    for name in pack.deliverables:
        if name.endswith(".md"):
            text = exam_take.read_file(pack, name)
            words = " ".join(["osservazione"] * 25)
            exam_take.save_file(pack, name, re.sub(r"^(#.*)$", rf"\1\n{words}", text, flags=re.M))


def collect(submissions: Path, *paths: Path) -> Path:
    submissions.mkdir(parents=True, exist_ok=True)
    for path in paths:
        shutil.copy(path, submissions / path.name)
    return submissions
