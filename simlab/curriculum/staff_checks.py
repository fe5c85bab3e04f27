"""Checks and values of the UF2 staffing and budget exercises (docs/exercises.md).

- value `{source: budget, line, share}`: the planned budget of the trainee's plan over
  the scenario's calendar (`analysis.budget`, what `simlab budget` prints), a line's
  amount or the `total`; with `share: true` the line's share of the total;
- value `{source: ledger, item}`: the trainee's run's ledger (`analysis.ledger`): the
  `planned` or `actual` total, or the cost per contact `fully_loaded` or `direct`;
- value `{source: staff, item}`: a fact of the trainee's plan: `team_leaders` (how many
  the budget pays), `part_time_share` (of the operators on a part-time contract),
  `individual_agents`;
- check `largest_budget_line`: a choice question names the largest line of the planned
  budget;
- check `staff_plan`: facts about the contracts, team leaders and agents of the plan.

Every number comes from the core, like every other check.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import Field, field_validator

from simlab.curriculum import standard
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.model.common import At, Id, Strict, Text

# check_kinds imports this module for its unions, so the base of a check is restated here
AbilityId = Annotated[str, Field(pattern=r"^UF[1-3]\.A[0-9]{1,2}$")]

LINE_IDS = ("total", "staff", "team_leaders", "training", "seats", "technology",
            "knowledge_base", "connection", "per_contact", "overhead")


class _Check(Strict):
    """The keys every check has (as check_kinds._Check)."""

    id: Id
    points: float = Field(gt=0, le=100)
    abilities: list[AbilityId] = Field(min_length=1)
    feedback: Text  # what to look at when the check fails: never the answer

    @field_validator("abilities")
    @classmethod
    def _known(cls, v: list[str]) -> list[str]:
        for i, ability in enumerate(v):
            try:
                standard.ability(ability)
            except SimlabError as e:
                raise At(e.message, i) from None
        return v


class BudgetValue(Strict):
    source: Literal["budget"]
    line: Literal[LINE_IDS]  # type: ignore[valid-type]
    share: bool = False  # the line's share of the total, not its amount


class LedgerValue(Strict):
    source: Literal["ledger"]
    item: Literal["planned", "actual", "fully_loaded", "direct"]


class StaffValue(Strict):
    source: Literal["staff"]
    item: Literal["team_leaders", "part_time_share", "individual_agents"]


class LargestLineCheck(_Check):
    """The answer to a choice question is the largest line of the planned budget."""

    kind: Literal["largest_budget_line"]
    question: Id


class StaffPlanCheck(_Check):
    """Facts about the run's plan, each optional: the kinds of contract its operators
    hold, every team under a team leader within a span, individual agents, the part-time
    share, lines the budget must have."""

    kind: Literal["staff_plan"]
    contract_kinds: list[Literal["full_time", "part_time"]] = Field(default_factory=list)
    every_team_led: bool = False
    max_span: int | None = Field(default=None, ge=2, le=50)
    min_individual_agents: int = Field(default=0, ge=0, le=1000)
    max_part_time_share: float | None = Field(default=None, ge=0, le=1)
    budget_lines: list[Literal[LINE_IDS[1:]]] = Field(  # type: ignore[valid-type]
        default_factory=list)


def planned(run):
    from simlab.analysis.budget import plan_budget

    return plan_budget(run.scenario, run.care, run.plan)


def line_amounts(budget) -> dict[str, float]:
    sums = budget.lines.groupby("line", sort=False)["amount_eur"].sum()
    return {str(k): float(v) for k, v in sums.items()}


def value(run, spec) -> tuple[float | None, bool]:
    """(the number, whether it is a ratio) of a `budget`, `ledger` or `staff` value on
    the trainee's run."""
    if isinstance(spec, BudgetValue):
        b = planned(run)
        amount = b.total if spec.line == "total" else line_amounts(b).get(spec.line, 0.0)
        if spec.share:
            return (amount / b.total if b.total > 0 else None), True
        return amount, False
    if isinstance(spec, LedgerValue):
        from simlab.analysis.ledger import build_ledger, ledger_summary
        from simlab.analysis.variance import budget_for_days

        b = budget_for_days(run.scenario, run.care, run.plan, run.days)
        dates = [run.scenario.calendar.date_of(d) for d in range(run.days)]
        led = build_ledger(b, run.costs, run.contacts, run.agents, dates)
        s = ledger_summary(led, int((run.contacts["outcome"] == "answered").sum()))
        key = {"fully_loaded": "cost_per_contact_fully_loaded",
               "direct": "cost_per_contact_direct"}.get(spec.item, spec.item)
        return s[key], False
    return staff_fact(run.plan, spec.item), spec.item == "part_time_share"


def staff_fact(plan, item: str) -> float:
    if item == "individual_agents":
        return float(sum(len(t.agents) for t in plan.teams))
    if item == "part_time_share":
        kinds = contract_kinds(plan)
        total = sum(kinds.values())
        return kinds.get("part_time", 0) / total if total else 0.0
    return float(sum(leaders(plan).values()))


def contract_kinds(plan) -> dict[str, int]:
    """Operators by kind of contract: the plan's contracts where named, else the shift's
    length (6 hours or less: part time, as the budget reads it)."""
    from simlab.analysis.budget import contract

    kinds = {c.id: c.kind for c in plan.contracts}
    out: dict[str, int] = {}
    for team in plan.teams:
        for shift in team.shifts:
            cid = shift.contract or team.contract
            kind = kinds[cid] if cid else contract(shift)
            out[kind] = out.get(kind, 0) + shift.agents
        for agent in team.agents:
            out[kinds[agent.contract]] = out.get(kinds[agent.contract], 0) + 1
    return out


def spans(plan) -> dict[str, int | None]:
    """Each team's span of control: its own leaders', else the plan's, else None."""
    common = plan.budget.team_leaders if plan.budget else None
    return {t.id: (t.leaders or common).span if (t.leaders or common) else None
            for t in plan.teams}


def leaders(plan) -> dict[str, int]:
    """Team leaders the budget pays: per team with its own, one pool for the others."""
    out = {t.id: math.ceil(t.headcount / t.leaders.span) for t in plan.teams if t.leaders}
    common = plan.budget.team_leaders if plan.budget else None
    rest = sum(t.headcount for t in plan.teams if t.leaders is None)
    if common and rest:
        out[""] = math.ceil(rest / common.span)
    return out


def judge_largest(check: LargestLineCheck, work) -> str | None:
    from simlab.curriculum.checks import _no_run

    if work.answers_error is not None:
        return _("The answers file has an error: {error}.").format(error=work.answers_error)
    given = work.answers.get(check.question)
    if given is None or given == "":
        return _("The answer «{id}» is missing.").format(id=check.question)
    if work.run is None:
        return _no_run(work)
    amounts = line_amounts(planned(work.run))
    top = max(amounts.values())
    best = [line for line, v in amounts.items() if v >= top - 1e-6]
    return None if str(given).strip() in best else ""


def judge_plan(check: StaffPlanCheck, work) -> str | None:
    from simlab.curriculum.checks import _no_run

    if work.run is None:
        return _no_run(work)
    plan, out = work.run.plan, []
    kinds = contract_kinds(plan)
    if any(not kinds.get(k) for k in check.contract_kinds):
        out.append(_("A kind of contract the brief asks for has no operator."))
    span = spans(plan)
    if check.every_team_led and any(s is None for t, s in span.items()
                                    if next(x for x in plan.teams if x.id == t).headcount):
        out.append(_("A team has no team leader."))
    if check.max_span is not None and any(s is not None and s > check.max_span
                                          for s in span.values()):
        out.append(_("A team leader's span of control is wider than the brief allows."))
    if staff_fact(plan, "individual_agents") < check.min_individual_agents:
        out.append(_("Fewer individual agents with their own week than the brief asks."))
    if (check.max_part_time_share is not None
            and staff_fact(plan, "part_time_share") > check.max_part_time_share + 1e-9):
        out.append(_("Too many operators on part-time contracts."))
    if check.budget_lines:
        amounts = line_amounts(planned(work.run))
        if any(amounts.get(line, 0.0) <= 0 for line in check.budget_lines):
            out.append(_("A budget line the brief asks for is missing from the plan."))
    return " ".join(out) or None
