"""Issue 13 tried as users: what an examiner and a candidate met that the first tests did
not hold. The feedback names the candidate's own files (never grading's temporary folder
or «<plan>»), a malformed submission names its wrong key in Italian (never Python's
words), and the task sheet's points are the exam's whole maximum, rubric included."""

from __future__ import annotations

import json
import re

import pytest

from simlab.errors import SimlabError
from simlab.exam.template import load_templates
from simlab.lab import exam_grade, exam_take, exam_tools
from tests.exam_helpers import collect, make_exam


@pytest.fixture(scope="module")
def final(tmp_path_factory):
    root = tmp_path_factory.mktemp("final")
    key = make_exam(root, "esame-finale")
    return root, key


def _feedback(root, key, name, submission) -> tuple[dict, str]:
    graded = exam_grade.grade(key.path, collect(root / f"{name}-in", submission),
                              root / f"{name}-voti")
    entry = next(e for e in graded.record["candidates"] if e["id"] == "A01")
    return entry, (graded.out / "feedback" / "A01.md").read_text(encoding="utf-8")


def test_broken_files_are_named_as_the_candidate_knows_them(final):
    root, key = final
    pack = exam_take.open_pack(root / "esame" / "A01")
    exam_take.save_file(pack, "piano.plan.yaml", "teams: [ {id: x\n")
    exam_take.save_file(pack, "risposte.yaml", "operatori_erlang_c: [1, 2\n")
    entry, feedback = _feedback(root, key, "rotti", exam_take.submit(pack))
    assert entry["status"] == "graded"
    assert sum(t["points"] for t in entry["tasks"].values()) == 0
    assert re.search(r"errore: risposte\.yaml:\d", feedback)
    assert re.search(r"lavoro: piano\.plan\.yaml:\d", feedback)
    assert "/tmp" not in feedback and "simlab-exam-" not in feedback
    assert "<plan>" not in feedback


@pytest.mark.parametrize(("change", "key_named"), [
    (lambda d: d.update(runs=[1]), "runs"),
    (lambda d: d["runs"].update(piano={"inputs": "x"}), "runs"),
    (lambda d: d["files"].update({"risposte.yaml": 5}), "files.risposte.yaml"),
    (lambda d: d.update(pack_files="tutti"), "pack_files"),
    (lambda d: d.update(elapsed_s="molto"), "elapsed_s"),
    (lambda d: d.pop("candidate_id"), "candidate_id"),
])
def test_a_malformed_submission_names_its_key_in_italian(final, tmp_path, change, key_named):
    root, key = final
    pack = exam_take.open_pack(root / "esame" / "B02")
    exam_take.simulate(pack, "piano")
    data = json.loads(exam_take.submit(pack).read_text(encoding="utf-8"))
    change(data)
    bad = tmp_path / "elaborato-A01.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    graded = exam_grade.grade(key.path, collect(tmp_path / "in", bad), tmp_path / "voti")
    entry = next(e for e in graded.record["candidates"] if e["status"] == "flagged")
    assert entry["reasons"] == [
        f"elaborato non valido: manca una chiave o è del tipo sbagliato: {key_named}"]
    sheet = (graded.out / "voti.csv").read_text(encoding="utf-8-sig")
    assert "SEGNALATO" in sheet and "attribute" not in sheet


@pytest.mark.parametrize("template", [t.id for t in load_templates()])
def test_the_task_sheet_counts_the_points_the_grade_sheet_counts(tmp_path, template):
    key = make_exam(tmp_path, template)
    t = key.template
    sheet = (tmp_path / "esame" / "A01" / "traccia.md").read_text(encoding="utf-8")
    whole = t.max_points + t.rubric_points
    assert f"di {whole:g} punti." in sheet
    for n, task in enumerate(t.tasks, 1):
        rubric = sum(c.points for c in task.rubric)
        heading = f"## {n}. {task.title} ({task.automatic_points + rubric:g} punti"
        assert heading in sheet
        assert (f"di cui {rubric:g} assegnati dall'esaminatore)" in sheet) == (rubric > 0)
    graded = exam_grade.grade(key.path, collect(tmp_path / "vuota"), tmp_path / "voti")
    assert graded.record["tasks"] and sum(
        x["max_points"] for x in graded.record["tasks"]) == pytest.approx(whole)


def test_the_queue_lab_of_exam_mode_gives_erlang_c_by_hand(final):
    root, _key = final
    pack = exam_take.open_pack(root / "esame" / "C03")
    # A = 200/h × 180 s = 10 Erlang on 11 agents: C(11, 10) = 0,6821 (Erlang C tables);
    # SL = 1 − 0,6821·e^(−(11−10)·20/180) = 39,0%; ASA = 0,6821·180/(11−10) = 122,8 s
    lines = exam_tools.queue_theory(pack, {"arrivals": "200", "aht": "180", "agents": "11",
                                           "target": "20", "patience": ""})
    assert lines == ["Erlang C: carico di 10,00 Erlang con 11 operatori",
                     "Livello di servizio (risposta entro 20 s): 39,0%",
                     "ASA: 122,8 s; probabilità di attesa: 68,2%",
                     "Occupazione: 90,9%"]
    with_patience = exam_tools.queue_theory(pack, {"arrivals": "200", "aht": "180",
                                                   "agents": "11", "target": "20",
                                                   "patience": "120"})
    assert with_patience[0].startswith("Erlang A") and "Abbandoni" in with_patience[3]


@pytest.mark.parametrize(("typed", "message"), [
    ({"agents": "9"}, "Operatori: con 9 operatori la coda non si stabilizza"),
    ({"agents": "2,5"}, "Operatori: scrivi un numero intero di operatori"),
    ({"aht": "tanti"}, "Tempo medio di gestione (s): «tanti» non è un numero"),
    ({"arrivals": ""}, "Chiamate all'ora: scrivi un numero"),
])
def test_a_wrong_queue_field_is_named_in_italian(final, typed, message):
    root, _key = final
    pack = exam_take.open_pack(root / "esame" / "C03")
    values = {"arrivals": "200", "aht": "180", "agents": "11", "target": "20", **typed}
    with pytest.raises(SimlabError) as e:
        exam_tools.queue_theory(pack, values)
    assert str(e.value).startswith(message)


def test_the_queue_lab_only_where_the_exam_allows_it(tmp_path):
    make_exam(tmp_path, "uf3-prova-monitoraggio")  # tools: simulate only
    pack = exam_take.open_pack(tmp_path / "esame" / "A01")
    assert not exam_tools.queue_allowed(pack)
    with pytest.raises(SimlabError, match="non consente il laboratorio code"):
        exam_tools.queue_theory(pack, {"arrivals": "200", "aht": "180", "agents": "11",
                                       "target": "20"})


def test_a_simulation_shows_the_channel_by_its_italian_name(final):
    root, _key = final
    pack = exam_take.open_pack(root / "esame" / "C03")
    lines = exam_tools.run_lines(exam_take.simulate(pack, "piano"))
    assert lines[0].startswith("Telefono: SL ") and "phone" not in lines[0]
    assert lines[-1].startswith("Costo totale: € ")


def test_packs_made_before_a_change_of_the_sheet_still_grade(tmp_path, monkeypatch):
    """The key holds each pack's file hashes as made: a later lab that words the task
    sheet differently does not flag every outstanding exam as altered."""
    from simlab.exam import pack as pack_module

    key = make_exam(tmp_path, "uf1-prova-modello")
    assert set(key.pack_hashes) == {"A01", "B02", "C03"}
    submitted = exam_take.submit(exam_take.open_pack(tmp_path / "esame" / "A01"))
    words = pack_module.sheet_markdown
    monkeypatch.setattr(pack_module, "sheet_markdown",
                        lambda *a: words(*a) + "\nUna riga di una versione successiva.\n")
    graded = exam_grade.grade(key.path, collect(tmp_path / "in", submitted), tmp_path / "voti")
    assert next(e for e in graded.record["candidates"] if e["id"] == "A01")["status"] == "graded"
    # an older key, without the hashes, regenerates the pack: then the change shows
    data = json.loads(key.path.read_text(encoding="utf-8"))
    for c in data["candidates"]:
        del c["pack_files"]
    old = tmp_path / "vecchia-chiave.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    graded = exam_grade.grade(old, collect(tmp_path / "in2", submitted), tmp_path / "voti2")
    entry = next(e for e in graded.record["candidates"] if e["id"] == "A01")
    assert entry["status"] == "flagged" and "traccia.md" in " ".join(entry["reasons"])


def test_a_spreadsheet_csv_of_an_italian_pc_with_accents_and_nome(tmp_path):
    """Windows-1252 (what a spreadsheet saves as «CSV») and the Italian column «nome»."""
    from simlab.lab import exam_create

    path = tmp_path / "candidati.csv"
    path.write_bytes("id;nome;email\nA01;Nicolò D'Amato;n@x.it\nB02;Luè Dell'Aversana;\n"
                     .encode("cp1252"))
    found = exam_create.read_candidates(path)
    assert [(c.id, c.name) for c in found] == [("A01", "Nicolò D'Amato"),
                                               ("B02", "Luè Dell'Aversana")]
    path.write_bytes(b"id;name\nA01;\x81\x8d\n")  # bytes no text encoding of ours has
    with pytest.raises(SimlabError, match="salvalo come «CSV UTF-8»"):
        exam_create.read_candidates(path)


def test_a_damaged_zip_pack_is_refused_in_italian(tmp_path):
    bad = tmp_path / "A01.zip"
    bad.write_bytes(b"non sono uno zip")
    with pytest.raises(SimlabError) as e:
        exam_take.open_pack(bad)
    assert str(e.value) == (f"{bad}: non si può aprire il pacchetto: non è un file zip, "
                            "oppure è danneggiato")


def test_not_passed_waits_for_the_rubric_that_could_still_pass_it(tmp_path):
    """11 of 20 automatic points with 5 of rubric still to score: 55% now, 80% at best,
    so the sheet says «non ancora superata» until the examiner scores the rubric."""
    from tests.exam_helpers import reference_work

    key = make_exam(tmp_path, "uf3-prova-monitoraggio")
    pack = exam_take.open_pack(tmp_path / "esame" / "A01")
    blank_report = exam_take.read_file(pack, "relazione.md")
    reference_work(key, pack)
    exam_take.save_file(pack, "relazione.md", blank_report)  # the sections check fails: 0/4
    graded = exam_grade.grade(key.path, collect(tmp_path / "in", exam_take.submit(pack)),
                              tmp_path / "voti")
    sheet = (graded.out / "voti.csv").read_text(encoding="utf-8-sig")
    assert "A01;Anna Rossi;valutato;11;0;11;11;20;0,55;non ancora superata: rubrica da valutare" \
        in sheet
    assert "(55,0%): non ancora superata" in (graded.out / "feedback" / "A01.md").read_text(
        encoding="utf-8")
    for criterion in (1, 2):
        exam_grade.rubric_score(key.path, graded.out, "A01", "relazione", criterion, 0.0, "")
    sheet = (graded.out / "voti.csv").read_text(encoding="utf-8-sig")
    assert "A01;Anna Rossi;valutato;11;0;11;11;20;0,55;non superata" in sheet
