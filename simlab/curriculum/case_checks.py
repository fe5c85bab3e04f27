"""The `cases` check: facts about the complaint procedure, the notices and their costs
in the trainee's run. The numbers come from the run's case tables (`simlab.cases`,
through the run the lab simulated) and its cost lines; the feedback lists what does not
hold, never the value expected."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from simlab.curriculum.check_kinds import CasesCheck
from simlab.i18n import _
from simlab.model.plan_cases import STEPS

if TYPE_CHECKING:
    from simlab.curriculum.checks import Work


def judge(check: CasesCheck, work: Work) -> str | None:
    if work.run is None:
        return _("Your run could not be simulated: {error}.").format(error=work.run_error)
    cases = getattr(getattr(work.run, "result", None), "cases", None)
    problems = []
    table = None if cases is None else cases.complaints
    if (check.max_late is not None or check.steps_on_time) and table is None:
        problems.append(_("your plan has no complaint procedure (cases.complaints)"))
    elif table is not None:
        if check.max_late is not None and int(table["late"].sum()) > check.max_late:
            problems.append(_("some replies come after the legal deadline"))
        if check.steps_on_time and _steps_late(table):
            problems.append(_("some steps miss the procedure's own targets"))
    if check.notice_reasons:
        plan = work.run.plan
        notices = [] if plan.cases is None else plan.cases.notices
        covered = {r for n in notices for r in n.reasons}
        if not set(check.notice_reasons) <= covered:
            problems.append(_("no notice covers the reasons of the disruption"))
    if check.min_avoided is not None:
        avoided = 0 if cases is None else sum(cases.avoided.values())
        if avoided < check.min_avoided:
            problems.append(_("the notices spare too few contacts"))
    if check.max_cost_eur is not None and work.run.cost["total"] > check.max_cost_eur:
        problems.append(_("the total cost is over the budget"))
    if not problems:
        return None
    return _("What does not hold: {problems}.").format(problems="; ".join(problems))


def _steps_late(table) -> bool:
    for step in STEPS:
        done = table[f"{step}_s"].to_numpy()
        if (np.isnan(done) | (done > table[f"{step}_due_s"].to_numpy())).any():
            return True
    return False
