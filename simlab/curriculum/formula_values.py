"""The values of answer checks that need a KPI by a chosen formula or a regulatory
indicator of the trainee's run: `run_formula` (any variant of `analysis.kpi_variants`,
by channel, queue or team) and `run_regulatory` (the ARERA and AGCOM views of
`analysis.regulatory`). Like every check value they come from the core, on the run the
lab simulated (its `kpi_data`: `lab.runview.RunView`)."""

from __future__ import annotations

import dataclasses

import pandas as pd

from simlab.analysis import kpi_groups, regulatory
from simlab.analysis import kpi_variants as kv
from simlab.errors import SimlabError
from simlab.i18n import _


def formula_value(run, value) -> tuple[float | None, bool]:
    """(the value, whether it is a ratio) of `value` (a `RunFormulaValue`)."""
    data = dataclasses.replace(run.kpi_data, short_abandon_s=value.short_abandon_s,
                               repeat_days=value.repeat_days, _ind=None)
    formulas = dict(kv.DEFAULTS)
    formulas[value.kpi] = value.formula
    frame = kpi_groups.table(data, value.by, formulas)
    if value.group not in frame.index:
        raise SimlabError(_("the run has no group «{group}» by {by}; it has: {known}").format(
            group=value.group, by=value.by, known=", ".join(map(str, frame.index))),
            key="group")
    number = frame.at[value.group, value.kpi]
    ratio = kv.VARIANT_BY_KEY[(value.kpi, value.formula)].unit == "ratio"
    return (None if pd.isna(number) else float(number)), ratio


def regulatory_value(run, value) -> tuple[float | None, bool]:
    """(the value, whether it is a ratio) of `value` (a `RunRegulatoryValue`)."""
    got = regulatory.values(run.contacts, run.agents, value.channel)[value.indicator]
    unit = next(i.unit for i in regulatory.INDICATORS if i.key == value.indicator)
    return (None if pd.isna(got) else float(got)), unit == "ratio"


def staff_survey_value(run, value, folder) -> tuple[float | None, bool]:
    """(the value, whether it is a ratio) of `value` (a `RunStaffSurveyValue`): the
    trainee's staff questionnaire (a file of the working folder) answered by the
    operators of the trainee's run, as `simlab survey run` answers it (the same
    experience, keyed noise and seed), then analysed as `simlab survey analyse` does."""
    from simlab.model.plan import mean_skills
    from simlab.survey import analyse, experience, staff
    from simlab.survey.bank import bank
    from simlab.survey.questionnaire import parse_questionnaire

    path = folder / value.questionnaire
    try:
        q = parse_questionnaire(path.read_text(encoding="utf-8"), path)
    except (OSError, UnicodeDecodeError, SimlabError):
        return None, False
    if q.audience != "staff":
        return None, False
    skills = mean_skills(run.plan, run.care)
    facts = experience.staff(run.agents, run.scenario.calendar.start,
                             run.kpi_data.schedule, skills)
    responses, _fieldwork = staff.answer(facts, q, bank(), int(run.seed))
    if value.stat == "responses":
        return float(len(responses)), False
    report = analyse.staff(responses, bank())
    if value.stat == "dimension_mean":
        found = [d for d in report["dimensions"] if d["dimension"] == value.dimension]
        got = found[0]["value"] if found else None
    else:  # link_r: workload score against occupancy
        got = report["link"]["r"] if report.get("link") else None
    return (None if got is None else float(got)), False
