"""The automatic checks of the exercises: every shipped exercise verified (its reference
solution passes every check, its wrong one fails), each check kind on a right and a
wrong answer, the same verdict on a replayed run, and located Italian errors for a
malformed exercise file."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from simlab import queueing
from simlab.curriculum import checks
from simlab.curriculum import exercise as _exercise
from simlab.curriculum.check_kinds import DatasetValue
from simlab.errors import SimlabError
from simlab.lab import exercises as lab
from simlab.lab import runner
from simlab.store import Workspace

EXERCISES = _exercise.EXERCISES_DIR


@pytest.fixture(scope="module")
def verified() -> dict[str, lab.Verified]:
    return {v.exercise_id: v for v in lab.verify()}


def test_there_are_at_least_four_exercises_covering_the_three_units():
    catalogue = lab.catalogue()
    assert len(catalogue) >= 4
    assert {e.unit for e in catalogue} == {"UF1", "UF2", "UF3", "ALL"}
    # by unit then id, the cross-unit project (ALL) last
    assert [e.id for e in catalogue] == sorted(
        (e.id for e in catalogue),
        key=lambda i: (lab.exercise(i).unit == "ALL", lab.exercise(i).unit, i))
    kinds = {c.kind for e in catalogue for c in e.checks}
    assert kinds == {"valid_file", "kpi", "answer", "choice", "sections", "care_model",
                     "largest_budget_line", "staff_plan", "cases", "rounds"}


def test_the_first_unit_is_practised_whole_from_warm_up_to_capstone():
    uf1 = [e for e in lab.catalogue() if e.unit == "UF1"]
    assert len(uf1) >= 6
    checked = {a for e in uf1 for c in e.checks for a in c.abilities}
    assert checked == {f"UF1.A{i}" for i in range(1, 7)}  # every ability by an automatic check
    capstone = lab.exercise("uf1-progetto-modello")
    assert capstone.abilities == [f"UF1.A{i}" for i in range(1, 7)]
    assert capstone.minutes == max(e.minutes for e in uf1)
    assert {"care_model", "kpi", "sections"} <= {c.kind for c in capstone.checks}


def test_the_third_unit_has_eight_exercises_and_checks_every_ability():
    uf3 = [e for e in lab.catalogue() if e.unit == "UF3"]
    assert len(uf3) >= 8
    checked = {a for e in uf3 for c in e.checks for a in c.abilities}
    # UF3.A1 (analysing customer satisfaction) is checked by uf3-questionari's answers
    assert checked == {f"UF3.A{i}" for i in range(1, 9)}
    assert "uf3-capstone-energia" in {e.id for e in uf3}


def test_every_reference_solution_passes_and_every_wrong_one_fails(verified):
    for ex_id, v in verified.items():
        failing = [r.check_id for r in v.right.results if not r.passed]
        assert failing == [], f"{ex_id}: the reference solution fails {failing}"
        assert v.right.points == v.right.max_points == lab.exercise(ex_id).automatic_points
        assert not v.wrong.passed, f"{ex_id}: the wrong solution passes every check"


def test_feedback_is_italian_and_never_gives_the_expected_value(verified):
    v = verified["uf1-erlang-operatori"]
    wrong = {r.check_id: r for r in v.wrong.results}
    assert wrong["operatori-c"].feedback.startswith("Prova più valori di --agents")
    assert "51" not in wrong["operatori-c"].feedback
    assert "47" not in wrong["operatori-a"].feedback
    assert all(r.feedback == "Corretto." for r in v.right.results)


# --- each kind on a right and a wrong answer -----------------------------------------------


def _work(ex_id: str, tmp_path: Path, side: str = "right", **replace: str):
    """The work in a folder holding a solution, with some files replaced."""
    ex = lab.exercise(ex_id)
    folder = lab.solve(ex, tmp_path / side, side)
    for name, text in replace.items():
        (folder / name).write_text(text, encoding="utf-8")
    work, _result = lab.gather(ex, folder)
    return ex, work


def _verdict(ex_id: str, tmp_path: Path, side: str = "right", **replace: str):
    ex, work = _work(ex_id, tmp_path, side, **replace)
    return {r.check_id: r for r in checks.evaluate(work).results}


def test_valid_file_points_at_the_line_of_a_broken_plan(tmp_path):
    plan = (EXERCISES / "solutions/uf1-erlang-operatori.plan.yaml").read_text(encoding="utf-8")
    broken = plan.replace("hourly_cost: 20.0", "hourly_cost: -20.0")
    verdict = _verdict("uf1-erlang-operatori", tmp_path, **{"piano.plan.yaml": broken})
    result = verdict["piano-valido"]
    assert not result.passed and result.points == 0
    assert "piano.plan.yaml:" in result.feedback and "hourly_cost" in result.feedback
    # no run without a valid plan: the KPI check says why instead of crashing
    assert not verdict["obiettivo-simulato"].passed
    assert "Non è stato possibile simulare" in verdict["obiettivo-simulato"].feedback
    assert verdict["operatori-c"].passed  # Erlang answers do not need the run


def _plan_with(agents: int) -> str:
    text = (EXERCISES / "solutions/uf1-erlang-operatori.plan.yaml").read_text(encoding="utf-8")
    return text.replace("headcount: 51", f"headcount: {agents}").replace(
        "agents: 51}", f"agents: {agents}}}")


def test_kpi_check_reaches_the_threshold_only_within_the_budget(tmp_path):
    # 50 agents: below 80%; 51: met within 25,100 euros; 53: met but over budget
    # (53 agents x 24 h x 20 euros = 25,440 euros of staff alone).
    outcomes = {}
    for agents in (50, 51, 53):
        result = _verdict("uf1-erlang-operatori", tmp_path / str(agents),
                          **{"piano.plan.yaml": _plan_with(agents)})["obiettivo-simulato"]
        outcomes[agents] = (result.passed, "budget" in result.feedback)
    assert outcomes == {50: (False, False), 51: (True, False), 53: (False, True)}


def test_erlang_answer_matches_the_published_reference_within_its_tolerance(tmp_path):
    # Erlang C, 9 calls a minute, AHT 300 s, 50 agents: SL(20 s) = 0.739280 (reference
    # case C3 in docs/domain.md); the question asks it in %, tolerance 0.5 points.
    metrics = queueing.erlang_c_metrics(9 / 60, 300, 50, 20)
    assert metrics.service_level == pytest.approx(0.739280, abs=1e-6)
    for given, passed in (("73.9", True), ("74,4", True), ("74.5", False), ("0.739", False)):
        answers = (f"sl_50_operatori: {given}\noperatori_erlang_c: 51\n"
                   "operatori_erlang_a: 47\n")
        result = _verdict("uf1-erlang-operatori", tmp_path / given.replace(",", "_"),
                          **{"answers.yaml": answers})["sl-teorico"]
        assert result.passed is passed, given


def test_answers_that_are_missing_or_not_numbers_say_so(tmp_path):
    verdict = _verdict("uf1-erlang-operatori", tmp_path, **{
        "answers.yaml": "sl_50_operatori: tanti\noperatori_erlang_c:\n"})
    assert "La risposta «sl_50_operatori» non è valida: scrivi un numero" in \
        verdict["sl-teorico"].feedback
    assert "Manca la risposta «operatori_erlang_c»" in verdict["operatori-c"].feedback
    broken = _verdict("uf1-erlang-operatori", tmp_path / "b", **{"answers.yaml": "a: [1\n"})
    assert "Il file delle risposte ha un errore" in broken["sl-teorico"].feedback
    assert "answers.yaml" in broken["sl-teorico"].feedback


def test_answers_from_the_run_match_its_own_tables(tmp_path):
    ex, work = _work("uf3-scostamenti", tmp_path)
    phone = work.run.by_day.xs("phone", level="channel")
    worst_day = int(phone["service_level"].idxmin())  # 0 = the first day
    intraday = work.run.intraday.xs("phone", level="channel")
    worst_slot = int(intraday["service_level"].idxmin())
    answers = (f"giorno_peggiore: {worst_day + 1}\n"
               f"chiamate_giorno_peggiore: {int(phone.loc[worst_day, 'offered'])}\n"
               f"mezzora_peggiore: \"{worst_slot // 3600:02d}:{worst_slot % 3600 // 60:02d}\"\n"
               f"abbandono_mezzora: {100 * intraday.loc[worst_slot, 'abandon_rate']:.2f}\n")
    (work.folder / "answers.yaml").write_text(answers, encoding="utf-8")
    work.answers, work.answers_error = lab._read_answers(work.folder / "answers.yaml")
    verdict = {r.check_id: r.passed for r in checks.evaluate(work).results}
    assert verdict == {"giorno": True, "volume": True, "mezzora": True, "abbandono": True,
                       "relazione": True}
    # counted from 0, or the half-hour after: wrong
    off = answers.replace(f"giorno_peggiore: {worst_day + 1}", f"giorno_peggiore: {worst_day}")
    (work.folder / "answers.yaml").write_text(off, encoding="utf-8")
    work.answers, work.answers_error = lab._read_answers(work.folder / "answers.yaml")
    assert {r.check_id: r.passed for r in checks.evaluate(work).results}["giorno"] is False


def test_run_cost_answer(tmp_path):
    ex, work = _work("uf2-whatif-personale", tmp_path)
    total = work.run.cost["total"]
    for given, passed in ((total + 0.9, True), (total + 1.5, False)):
        work.answers = {**work.answers, "costo_giornata": round(given, 2)}
        result = {r.check_id: r for r in checks.evaluate(work).results}["costo-letto"]
        assert result.passed is passed


def test_choice_among_plans_is_the_best_within_the_budget(tmp_path):
    ex, work = _work("uf2-whatif-personale", tmp_path)
    check = next(c for c in ex.checks if c.id == "scelta")
    runs = {o.id: work.simulate_plan(o.plan) for o in check.options}
    sl = {k: r.channels.loc["phone", "service_level"] for k, r in runs.items()}
    cost = {k: r.cost["total"] for k, r in runs.items()}
    # b has the best service level but is over budget: the best within it is c
    assert max(sl, key=sl.get) == "b" and cost["b"] > 4910 >= max(cost["a"], cost["c"])
    assert checks.best_options(check, work) == ["c"]
    for chosen, passed in (("c", True), ("b", False), ("a", False)):
        work.answers = {**work.answers, "opzione": chosen}
        assert {r.check_id: r.passed for r in checks.evaluate(work).results}["scelta"] is passed
    work.answers = {**work.answers, "opzione": "d"}
    result = {r.check_id: r for r in checks.evaluate(work).results}["scelta"]
    assert not result.passed and "deve essere una tra: a, b, c" in result.feedback


def test_choice_among_channels_of_the_run(tmp_path):
    ex, work = _work("uf3-kpi-canali", tmp_path)
    gap = work.run.channels["sl_gap"]
    assert gap["phone"] < gap["chat"]
    for chosen, passed in (("phone", True), ("chat", False)):
        work.answers = {**work.answers, "canale_margine": chosen}
        assert {r.check_id: r.passed for r in checks.evaluate(work).results}["margine"] is passed


def test_sections_need_every_heading_with_text_under_it(tmp_path):
    good = (EXERCISES / "solutions/uf3-scostamenti.relazione.md").read_text(encoding="utf-8")
    cases = {
        "good": (good, True, None),
        "english": (good.replace("# Scostamenti", "## Deviations"), True, None),
        "missing": (good.replace("# Cause", "Cause"), False, "Titoli mancanti: «Cause»"),
        "empty": ("# Scostamenti\n# Cause\n# Interventi proposti\n", False, "troppo brevi"),
    }
    for name, (text, passed, says) in cases.items():
        result = _verdict("uf3-scostamenti", tmp_path / name,
                          **{"relazione.md": text})["relazione"]
        assert result.passed is passed, name
        if says:
            assert says in result.feedback, name


# --- the trainee's run in the workspace, replayed --------------------------------------------


def test_a_check_keeps_its_run_and_a_replay_gives_the_same_verdict(tmp_path):
    with Workspace.open(tmp_path / "ws") as ws:
        anna = ws.add_person("Anna", "trainee")
        ex = lab.exercise("uf2-whatif-personale")
        folder = lab.start(ws, anna, ex.id)
        lab.solve(ex, folder, "right")
        (folder / "answers.yaml").write_text("opzione: a\nsl_telefono: 81\n",
                                             encoding="utf-8")
        report = lab.check(ws, anna, ex.id)
        attempt = ws.latest_attempt(anna, ex.id)
        assert attempt.run_id == report.run_id and attempt.status == "checked"
        assert ws.run(report.run_id).person.name == "Anna"
        assert set(attempt.files) == {"answers.yaml", "nota.md", "piano.plan.yaml",
                                      "opzione-a.plan.yaml", "opzione-b.plan.yaml",
                                      "opzione-c.plan.yaml"}
        assert checks.CheckReport.from_json(attempt.report).verdict() == report.verdict()
        assert ws.replay(report.run_id, runner.rerun).ok  # the same files, bit for bit
        again = lab.recheck_stored_run(ws, anna, ex.id)
        assert again.verdict() == report.verdict()
        assert [r.passed for r in report.results] == [True, False, True, True, False, True]


def test_start_never_overwrites_the_trainees_work(tmp_path):
    with Workspace.open(tmp_path / "ws") as ws:
        anna = ws.add_person("Anna", "trainee")
        folder = lab.start(ws, anna, "uf3-scostamenti")
        (folder / "relazione.md").write_text("# Il mio lavoro\n", encoding="utf-8")
        assert lab.start(ws, anna, "uf3-scostamenti") == folder
        assert (folder / "relazione.md").read_text(encoding="utf-8") == "# Il mio lavoro\n"
        assert lab.statuses(ws, anna)["uf3-scostamenti"].status == "started"
    with Workspace.open(tmp_path / "ws", read_only=True) as ws:
        with pytest.raises(SimlabError, match="sola lettura"):
            lab.check(ws, anna, "uf3-scostamenti")


# --- a malformed exercise file -----------------------------------------------------------


def _broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    folder = tmp_path / "exercises"
    folder.mkdir(exist_ok=True)
    source = EXERCISES / "uf3-scostamenti.yaml"
    text = source.read_text(encoding="utf-8")
    assert old in text
    (folder / source.name).write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(("old", "new", "key", "says", "marker"), [
    ("abilities: [UF3.A5, UF3.A3]\nknowledge", "abilities: [UF3.A5, UF3.A9]\nknowledge",
     "abilities[1]", "Abilità «UF3.A9» sconosciuta", "UF3.A9"),
    ("kind: answer\n    question: giorno_peggiore", "kind: anwser\n    question: giorno_peggiore",
     "checks[0].kind", "«anwser» non è ammesso", "anwser"),
    ("question: chiamate_giorno_peggiore\n    value", "question: chiamate\n    value",
     "checks[1].question", "nessuna domanda «chiamate»", "question: chiamate\n"),
    ("minutes: 90", "minuti: 90", "minuti", "chiave «minuti» sconosciuta", "minuti: 90"),
    ("pick: min}\n    points: 2\n    abilities: [UF3.A5]\n",
     "pick: min}\n    points: 2\n    abilities: [UF1.A5]\n",
     "checks[0].abilities[0]", "UF1.A5", "[UF1.A5]"),
])
def test_a_malformed_exercise_names_file_line_and_key_in_italian(
        tmp_path, old, new, key, says, marker):
    folder = _broken_copy(tmp_path, old, new)
    with pytest.raises(SimlabError) as info:
        _exercise.load_exercises(folder)
    error = info.value
    assert error.file == str(folder / "uf3-scostamenti.yaml")
    assert (error.key, says in error.message) == (key, True), error.message
    text = (folder / "uf3-scostamenti.yaml").read_text(encoding="utf-8")
    assert error.line == text[:text.index(marker)].count("\n") + 1


def test_the_cli_shows_a_malformed_exercise_as_one_located_line(tmp_path, monkeypatch, capsys):
    from simlab.cli import main

    folder = _broken_copy(tmp_path, "days: 21", "days: 99")
    monkeypatch.setattr(_exercise, "EXERCISES_DIR", folder)
    assert main(["exercises", "list"]) == 2
    err = capsys.readouterr().err
    assert f"{folder / 'uf3-scostamenti.yaml'}:" in err and "days" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) <= 2


def test_an_exercise_file_is_named_after_its_id(tmp_path):
    folder = tmp_path / "exercises"
    folder.mkdir()
    shutil.copy(EXERCISES / "uf3-scostamenti.yaml", folder / "altro.yaml")
    with pytest.raises(SimlabError, match="uf3-scostamenti.yaml"):
        _exercise.load_exercises(folder)


def test_dataset_statistics_on_a_file_worked_by_hand(tmp_path, monkeypatch):
    # 6 answers: chat 5, 4, 2 (mean 11/3, CSAT 2/3); email 1, 3, 4,5 (a decimal comma)
    (tmp_path / "q.csv").write_text(
        "canale;voto\nchat;5\nchat;4\nchat;2\nemail;1\nemail;3\nemail;4,5\n", encoding="utf-8")
    monkeypatch.setattr(_exercise, "SCENARIOS_DIR", tmp_path)
    cases = [
        ({"stat": "count"}, 6),
        ({"stat": "mean", "where": {"canale": "chat"}}, 11 / 3),
        ({"stat": "share_at_least", "threshold": 4, "where": {"canale": "chat"}}, 2 / 3),
        ({"stat": "share_at_most", "threshold": 2}, 2 / 6),
        ({"stat": "max", "where": {"canale": "email"}}, 4.5),
        ({"stat": "median"}, 3.5),
        # 0–10 ratings read as NPS: promoters ≥ 9 (none), detractors ≤ 6 (all six)
        ({"stat": "nps"}, -100.0),
    ]
    for extra, expected in cases:
        value = DatasetValue(source="dataset", file="q.csv", column="voto", **extra)
        assert checks.dataset_statistic(value) == pytest.approx(expected), extra
    # 5 ratings: 10 and 9 promote, 8 is passive, 6 and 0 detract: (2 − 2) ÷ 5; then 3 ÷ 4
    (tmp_path / "n.csv").write_text("nps\n10\n9\n8\n6\n0\n", encoding="utf-8")
    value = DatasetValue(source="dataset", file="n.csv", column="nps", stat="nps")
    assert checks.dataset_statistic(value) == 0.0
    (tmp_path / "n.csv").write_text("nps\n10\n9\n10\n3\n", encoding="utf-8")
    assert checks.dataset_statistic(value) == pytest.approx(50.0)
    missing = DatasetValue(source="dataset", file="q.csv", column="stelle",
                                     stat="count")
    with pytest.raises(SimlabError, match="nessuna colonna «stelle»; le colonne sono: canale"):
        checks.dataset_statistic(missing)
    with pytest.raises(ValueError, match="threshold"):
        DatasetValue(source="dataset", file="q.csv", column="voto", stat="mean",
                               threshold=3)


def test_dataset_answer_right_and_wrong(tmp_path):
    ex, work = _work("uf3-questionari", tmp_path)
    for given, passed in ((77.1, True), (76.7, True), (76.5, False), (0.771, False)):
        work.answers = {**work.answers, "csat_chat": given}
        result = {r.check_id: r for r in checks.evaluate(work).results}["csat-chat"]
        assert result.passed is passed, given


def _spellings(value: float) -> set[str]:
    """How an expected value could be written in a feedback text."""
    out = {f"{round(value)}", f"{value:.1f}", f"{value:.1f}".replace(".", ","),
           f"{value:.2f}", f"{value:.2f}".replace(".", ",")}
    if value >= 3600 and value % 1800 == 0:  # a time of day
        out.add(f"{int(value) // 3600:02d}:{int(value) % 3600 // 60:02d}")
    return {s for s in out if len(s) >= 2}  # a lone digit matches anything


def test_no_feedback_holds_the_value_it_expects(tmp_path):
    for ex in lab.catalogue():
        _ex, work = _work(ex.id, tmp_path / ex.id)
        for check in ex.checks:
            if check.kind != "answer":
                continue
            expected = checks.expected_value(check, ex.question(check.question), work)
            texts = f"{check.feedback.it} {check.feedback.en}"
            leaked = {s for s in _spellings(expected)
                      if re.search(rf"(?<![\d,.]){re.escape(s)}(?![\d,.])", texts)}
            assert not leaked, (ex.id, check.id, leaked)
