"""The `care_model` check: facts about the trainee's care model, judged on what the lab
gathered for it (`DesignFacts`: the model loaded for the exercise's scenario, the
findings of `simlab model check`, the monthly cost of its Erlang sizing) and on the
trainee's run. Like every check it compares numbers from the core and never computes a
formula of its own; its feedback says what is wrong, never the value expected."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from simlab.analysis import expected
from simlab.analysis import kpi_variants as kv
from simlab.analysis.design_check import ERROR, Finding, catalogue_cost
from simlab.curriculum.check_kinds import CareModelCheck
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.model.care import CareModel

if TYPE_CHECKING:
    from simlab.curriculum.checks import RunData, Work

EPSILON = 1e-9


@dataclass(frozen=True)
class DesignFacts:
    """A care model of the working folder as the lab loaded, sized and checked it."""

    care: CareModel
    findings: list[Finding] = field(default_factory=list)
    cost_per_month: float = 0.0  # the Erlang sizing's total (staff, connection, overhead)


def judge(check: CareModelCheck, work: Work) -> str | None:
    found = work.designs.get(check.file)
    if found is None:
        return _("The file «{name}» is missing from the working folder.").format(
            name=check.file)
    if isinstance(found, SimlabError):
        return _("The file has an error: {error}.").format(error=found)
    problems = [p for p in (*_design(check, found), *_run(check, found, work)) if p]
    return " ".join(problems) or None


def _design(check: CareModelCheck, facts: DesignFacts) -> list[str]:
    care, out = facts.care, []
    errors = [f for f in facts.findings if f.severity == ERROR]
    if check.no_errors and errors:
        out.append(_("simlab model check finds errors ({keys}).").format(
            keys=", ".join(f.key for f in errors)))
    if check.positioning is not None and care.positioning != check.positioning:
        out.append(_("The positioning is not the one the brief asks for."))
    if any(s not in care.target_segments for s in check.target_segments):
        out.append(_("A segment the brief asks for is not among the target segments."))
    out += _catalogue(check, care)
    if check.within_budget:
        if care.budget_per_month_eur is None:
            out.append(_("The model states no monthly budget."))
        elif facts.cost_per_month + catalogue_cost(care) > care.budget_per_month_eur + EPSILON:
            out.append(_("The sized staff and the catalogue cost more than the model's "
                         "budget."))
    return out


def incomplete_services(care: CareModel) -> list[str]:
    """Core services missing a distinctive feature, a target segment or an open channel."""
    open_channels = {c for c, windows in care.opening_hours.items()
                     if any(w.days and w.end > w.start for w in windows)}
    return [c.id for c in care.services
            if not c.features or not c.segments or not c.channels
            or any(ch not in open_channels for ch in c.channels)]


def _catalogue(check: CareModelCheck, care: CareModel) -> list[str]:
    out = []
    if len(care.services) < check.min_core_services:
        out.append(_("The catalogue has fewer core services than the brief asks for."))
    if check.complete_core_services and incomplete_services(care):
        out.append(_("Some core services lack a distinctive feature, a target segment or an "
                     "open channel: {ids}.").format(ids=", ".join(incomplete_services(care))))
    served = {s for c in care.services for s in c.segments}
    if any(s not in served for s in check.serve_segments):
        out.append(_("A segment the brief asks for is served by no core service."))
    funded = {a.kind for a in care.support_activities if a.cost_per_month_eur > 0}
    if any(k not in funded for k in check.fund_kinds):
        out.append(_("A supporting activity the brief asks for is not funded (a kind with a "
                     "cost a month)."))
    support = sum(a.cost_per_month_eur for a in care.support_activities)
    if check.max_supporting_eur is not None and support > check.max_supporting_eur + EPSILON:
        out.append(_("The supporting activities cost more than their budget."))
    return out


def _run(check: CareModelCheck, facts: DesignFacts, work: Work) -> list[str]:
    if not check.meets_own_targets:
        return []
    if work.run is None:
        return [_("Your run could not be simulated: {error}.").format(error=work.run_error)]
    missed = missed_targets(facts.care, work.run)
    if missed:
        return [_("The simulated run misses the model's own targets: {names}.").format(
            names=", ".join(missed))]
    return []


def missed_targets(care: CareModel, run: RunData) -> list[str]:
    """The model's targets the run did not meet, by name: each channel's service level
    (the run's gap from it), the expected results (each by its formula variant), then
    ASA, abandonment and FCR over all channels and the cost per contact. Satisfaction
    targets are measured by surveys, not here."""
    channels = run.channels
    missed = []
    for channel in care.service_level:
        gap = channels.loc[channel, "sl_gap"] if channel in channels.index else None
        if gap is None or pd.isna(gap) or gap < -EPSILON:
            missed.append(_("service level of «{channel}»").format(channel=channel))
    missed += missed_goals(care, run)
    t = care.kpi_targets
    if t is None:
        return missed
    total = channels.loc["total"]
    for key, target, higher, name in (
            ("asa_s", t.asa_s, False, _("ASA")),
            ("abandon_rate", t.abandon_rate, False, _("abandon rate")),
            ("fcr", t.fcr, True, _("FCR"))):
        if target is None:
            continue
        value = total[key]
        if pd.isna(value) or (value < target - EPSILON if higher else value > target + EPSILON):
            missed.append(name)
    if t.cost_per_contact_eur is not None and (
            run.cost["cost_per_contact"] > t.cost_per_contact_eur + EPSILON):
        missed.append(_("cost per contact"))
    return missed


def missed_goals(care: CareModel, run: RunData) -> list[str]:
    """The expected results the run misses or cannot show it meets, each named with its
    formula (`kpi=variant`) and channel."""
    if not care.expected_results:
        return []
    results = expected.goal_results(run.kpi_data, care.expected_results)
    out = []
    for r in expected.missed(results).itertuples(index=False):
        name = _(kv.VARIANT_BY_KEY[(r.kpi, r.variant)].name)
        if r.channel is None:
            out.append(_("{name} ({formula})").format(name=name, formula=f"{r.kpi}={r.variant}"))
        else:
            out.append(_("{name} ({formula}) of «{channel}»").format(
                name=name, formula=f"{r.kpi}={r.variant}", channel=r.channel))
    return out
