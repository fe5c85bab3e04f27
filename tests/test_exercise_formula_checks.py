"""The answer checks by a chosen formula (`run_formula`) and by a regulator's definition
(`run_regulatory`): numbers worked by hand on the small log of the variants' tests, and
the service-level exercise judged on the trainee's own run (another plan, other numbers:
the reference answers fail, the run's own numbers pass)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from simlab.analysis import kpi_groups
from simlab.analysis import kpi_variants as kv
from simlab.curriculum import checks, formula_values
from simlab.curriculum.check_kinds import RunFormulaValue, RunRegulatoryValue
from simlab.lab import elsewhere
from simlab.lab import exercises as lab
from tests import test_kpi_variants as small

EX_ID = "uf3-livello-servizio-tre-modi"


def small_run():
    data = small.data()
    return SimpleNamespace(kpi_data=data, contacts=data.contacts, agents=data.agents)


@pytest.mark.parametrize(("formula", "expected"), [
    ("default", 3 / 6), ("offered", 3 / 8), ("answered", 3 / 5), ("no_short_abandons", 3 / 7)])
def test_the_service_level_by_each_formula_worked_by_hand(formula, expected):
    # phone: 5 answered, 3 within 20 s; abandoned after 3 s (short), 8 s and 40 s
    value = RunFormulaValue(source="run_formula", kpi="service_level", formula=formula,
                            group="phone")
    assert formula_values.formula_value(small_run(), value) == (pytest.approx(expected), True)


def test_s_and_n_are_the_checks_own():
    ten = RunFormulaValue(source="run_formula", kpi="service_level",
                          formula="no_short_abandons", group="phone", short_abandon_s=10)
    assert formula_values.formula_value(small_run(), ten)[0] == pytest.approx(3 / 6)
    tma = RunFormulaValue(source="run_formula", kpi="asa_s", formula="tma", group="phone")
    assert formula_values.formula_value(small_run(), tma) == (
        pytest.approx((10 + 30 + 3 + 8 + 40 + 0 + 5 + 25) / 8), False)


def test_a_regulatory_value_by_its_definition():
    ls = RunRegulatoryValue(source="run_regulatory", indicator="ls")
    # phone: 5 answered of 8 that asked for an operator
    assert formula_values.regulatory_value(small_run(), ls) == (pytest.approx(5 / 8), True)


def test_an_unknown_formula_is_refused_where_it_is_written():
    with pytest.raises(ValueError, match="magic"):
        RunFormulaValue(source="run_formula", kpi="service_level", formula="magic")
    with pytest.raises(ValueError, match="happiness"):
        RunFormulaValue(source="run_formula", kpi="happiness", formula="default")


def _plan_with_fewer_agents() -> str:
    text = (lab._exercise.shipped_file("telco-base.plan.yaml")).read_text(encoding="utf-8")
    cut = text.replace('from: "08:30", to: "12:30", agents: 18,',
                       'from: "08:30", to: "12:30", agents: 12,', 1).replace(
        "headcount: 69", "headcount: 63", 1)
    assert cut.count("agents: 12,") > text.count("agents: 12,")
    return cut


def test_the_checks_recompute_from_the_trainees_own_run(tmp_path):
    ex = lab.exercise(EX_ID)
    folder = lab.solve(ex, tmp_path / "own", "right")
    (folder / "piano.plan.yaml").write_text(_plan_with_fewer_agents(), encoding="utf-8")
    work, _result = lab.gather(ex, folder)
    verdict = {r.check_id: r.passed for r in checks.evaluate(work).results}
    # six agents fewer in the morning: the reference numbers are no longer this run's
    assert not verdict["standard"] and not verdict["offerte"]
    data = work.run.kpi_data
    answers = {}
    for question, formula in (("sl_standard", "default"), ("sl_offerte", "offered"),
                              ("sl_gestite", "answered"),
                              ("sl_senza_brevi", "no_short_abandons")):
        formulas = {**kv.DEFAULTS, "service_level": formula}
        answers[question] = round(
            100 * kpi_groups.table(data, "channel", formulas).at["phone", "service_level"], 2)
    for question, formula in (("asa_telefono", "default"), ("tma_telefono", "tma")):
        formulas = {**kv.DEFAULTS, "asa_s": formula}
        answers[question] = round(
            kpi_groups.table(data, "channel", formulas).at["phone", "asa_s"], 2)
    assert answers["sl_offerte"] < answers["sl_standard"] < answers["sl_gestite"]
    (folder / "answers.yaml").write_text(
        "".join(f"{k}: {v}\n" for k, v in answers.items()), encoding="utf-8")
    work, _result = lab.gather(ex, folder)
    assert checks.evaluate(work).passed


def test_the_staff_survey_values_are_those_of_simlab_survey(tmp_path):
    """The check answers the trainee's questionnaire exactly as `simlab survey run` and
    `analyse` do on the same run saved to a folder."""
    from simlab.curriculum.check_kinds import RunStaffSurveyValue
    from simlab.lab import surveys

    ex = lab.exercise("uf3-indagine-operatori")
    folder = lab.solve(ex, tmp_path / "work", "right")
    work, result = lab.gather(ex, folder)
    run_dir = tmp_path / "run"
    elsewhere.save_elsewhere(result, run_dir)
    text = (folder / "questionario.survey.yaml").read_text(encoding="utf-8")
    report = surveys.analyse(surveys.send(run_dir, text, "q.yaml", tmp_path / "answers"))

    def value(stat, dimension=None):
        v = RunStaffSurveyValue(source="run_staff_survey",
                                questionnaire="questionario.survey.yaml", stat=stat,
                                dimension=dimension)
        return formula_values.staff_survey_value(work.run, v, folder)[0]

    assert value("responses") == report["responses"]
    workload = next(d for d in report["dimensions"] if d["dimension"] == "workload")
    assert value("dimension_mean", "workload") == pytest.approx(workload["value"])
    assert value("link_r") == pytest.approx(report["link"]["r"])
    assert report["link"]["r"] < 0  # the busier, the less sustainable the workload


def test_a_customer_questionnaire_gives_no_staff_value(tmp_path):
    from simlab.curriculum.check_kinds import RunStaffSurveyValue

    ex = lab.exercise("uf3-indagine-operatori")
    folder = lab.solve(ex, tmp_path / "work", "right")
    shipped = lab._exercise.shipped_file("surveys/clienti-dopo-contatto.survey.yaml")
    (folder / "questionario.survey.yaml").write_text(shipped.read_text(encoding="utf-8"),
                                                     encoding="utf-8")
    work, _result = lab.gather(ex, folder)
    v = RunStaffSurveyValue(source="run_staff_survey", questionnaire="questionario.survey.yaml",
                            stat="responses")
    assert formula_values.staff_survey_value(work.run, v, folder) == (None, False)
    verdict = {r.check_id: r.passed for r in checks.evaluate(work).results}
    assert not verdict["risposte"] and not verdict["carico"] and verdict["occupazione"]
