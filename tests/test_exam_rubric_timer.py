"""Exams' leftovers (issue 13): rubric points entered by the examiner count in the totals
(per task, per competence unit, the score), and the timer closes the candidate's work
when time runs out, handing in what was saved, marked as closed."""

from __future__ import annotations

import json

import pytest

from simlab.cli import main
from simlab.errors import SimlabError
from simlab.lab import exam_grade, exam_take
from tests.exam_helpers import collect, make_exam, reference_work


@pytest.fixture(scope="module")
def uf1(tmp_path_factory):
    """uf1-prova-modello (task «specifiche» has a 3-point rubric): A01 right, B02 blank."""
    root = tmp_path_factory.mktemp("uf1")
    key = make_exam(root, "uf1-prova-modello")
    packs = {c: exam_take.open_pack(root / "esame" / c) for c in ("A01", "B02")}
    reference_work(key, packs["A01"])
    subs = collect(root / "consegne", *(exam_take.submit(p) for p in packs.values()))
    graded = exam_grade.grade(key.path, subs, root / "voti")
    return key, graded.out


def _row(out, cid):
    lines = (out / exam_grade.SHEET_CSV).read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(";")
    row = next(line for line in lines if line.startswith(cid + ";")).split(";")
    return dict(zip(header, row, strict=True))


def test_the_rubric_counts_in_the_maximum_and_waits_for_the_examiner(uf1):
    key, out = uf1
    record, _ = exam_grade.load_grades(out)
    assert record["max_points"] == 15 + 3  # 15 from the checks, 3 from the rubric
    task = next(t for t in record["tasks"] if t["id"] == "specifiche")
    assert (task["automatic_max"], task["max_points"]) == (3, 6)
    row = _row(out, "A01")
    # every check passed, the rubric not yet scored: 15 of 18
    assert row["Totale"] == "15" and row["Massimo"] == "18" and row["Rubrica da valutare"] == "1"
    assert "da valutare dall'esaminatore" in (out / "feedback" / "A01.md").read_text("utf-8")


def test_a_rubric_score_is_kept_and_added_per_task_and_unit(uf1, tmp_path):
    key, graded = uf1
    out = tmp_path / "voti"
    import shutil
    shutil.copytree(graded, out)
    with pytest.raises(SimlabError, match="tra 1 e 1"):
        exam_grade.rubric_score(key.path, out, "A01", "specifiche", 2, 1)
    with pytest.raises(SimlabError, match="tra 0 e 3"):
        exam_grade.rubric_score(key.path, out, "A01", "specifiche", 1, 3.5)
    with pytest.raises(SimlabError, match="non ha una rubrica"):
        exam_grade.rubric_score(key.path, out, "A01", "dimensionamento", 1, 1)
    code = main(["exam", "rubric", "--key", str(key.path), "--grades", str(out),
                 "--candidate", "A01", "--task", "specifiche", "--criterion", "1",
                 "--points", "2,5".replace(",", "."), "--reason", "coerenti in parte"])
    assert code == 0
    _record, kept = exam_grade.load_grades(out)
    assert kept == [{"candidate": "A01", "task": "specifiche", "criterion": 1, "points": 2.5,
                     "reason": "coerenti in parte"}]
    row = _row(out, "A01")
    assert row["specifiche (su 6)"] == "5,5"  # 3 automatic + 2.5 rubric
    assert row["UC 2365"] == "17,5" and row["Totale"] == "17,5"
    assert row["Rubrica da valutare"] == "0"
    # the candidate reads the examiner's reason beside the criterion's points
    feedback = (out / "feedback" / "A01.md").read_text("utf-8")
    assert "(2,50/3): coerenti in parte" in feedback
    # an override of the automatic points keeps the rubric score on top
    exam_grade.override(key.path, out, "A01", "specifiche", 1, "sezione copiata")
    assert _row(out, "A01")["specifiche (su 6)"] == "3,5"
    with pytest.raises(SimlabError, match="tra 0 e 3"):  # the override bounds the checks
        exam_grade.override(key.path, out, "A01", "specifiche", 5, "troppi")
    # B02 scored 0 on the checks: the rubric alone
    exam_grade.rubric_score(key.path, out, "B02", "specifiche", 1, 1)
    assert _row(out, "B02")["Totale"] == "1"
    b02 = (out / "feedback" / "B02.md").read_text("utf-8")
    assert "(1/3)\n" in b02 or b02.rstrip().endswith("(1/3)")  # no reason given: none shown


def test_the_timer_closes_the_exam_and_hands_in_what_was_saved(tmp_path):
    key = make_exam(tmp_path, "uf1-prova-modello")
    pack = exam_take.open_pack(tmp_path / "esame" / "A01")
    exam_take.save_answer(pack, "sl_erlang_c", "80,5")
    limit = pack.minutes * 60
    assert exam_take.close_on_time(pack, limit - 1) is None  # time left: nothing happens
    assert not exam_take.is_closed(pack)
    path = exam_take.close_on_time(pack, limit + 2, "dimensionamento")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["closed"] is True and "sl_erlang_c: 80.5" in data["files"]["risposte.yaml"]
    again = exam_take.open_pack(pack.root)  # a restart finds it closed
    assert exam_take.is_closed(again)
    with pytest.raises(SimlabError, match="tempo è scaduto"):
        exam_take.save_answer(again, "sl_erlang_c", "90")
    with pytest.raises(SimlabError, match="tempo è scaduto"):
        exam_take.save_file(again, "specifiche.md", "altro")
    exam_take.save_state(again, elapsed_s=limit + 10, task=None)
    assert exam_take.is_closed(again)  # saving the clock does not reopen it
    assert json.loads(exam_take.submit(again).read_text("utf-8"))["closed"] is True
    graded = exam_grade.grade(key.path, collect(tmp_path / "consegne", path), tmp_path / "voti")
    entry = next(e for e in graded.record["candidates"] if e["id"] == "A01")
    assert entry["status"] == "graded" and entry["closed"] is True
    assert _row(graded.out, "A01")["Chiuso allo scadere"] == "sì"
    assert "scaduto" in (graded.out / "feedback" / "A01.md").read_text("utf-8")
    # a submission in time is not marked
    assert "closed" not in json.loads(exam_take.submit(
        exam_take.open_pack(tmp_path / "esame" / "B02")).read_text("utf-8"))
