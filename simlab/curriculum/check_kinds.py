"""The declarative check kinds of an exercise and the values an answer is compared with.

Each check is a small pydantic model (`kind` picks it); `curriculum.checks` judges the
trainee's work against it, taking every number from the core. docs/exercises.md
describes every key.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from simlab.analysis import kpi_variants as kv
from simlab.curriculum import standard
from simlab.curriculum.staff_checks import (
    BudgetValue,
    LargestLineCheck,
    LedgerValue,
    StaffPlanCheck,
    StaffValue,
)
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.model.common import At, Id, Strict, Text

# A file of the working folder: a plain name, no folders (the folder is the trainee's).
FileName = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")]
# A shipped file, relative to the scenarios folder ("telco-base.plan.yaml",
# "exercises/files/x.plan.yaml"): no absolute path, no "..".
def _inside(value: str) -> str:
    if ".." in value.split("/"):
        raise ValueError(_("«..» is not allowed: name a file inside the scenarios folder"))
    return value


ShippedPath = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_./-]{0,199}$"),
                        AfterValidator(_inside)]
AbilityId = Annotated[str, Field(pattern=r"^UF[1-3]\.A[0-9]{1,2}$")]
KnowledgeId = Annotated[str, Field(pattern=r"^UF[1-3]\.K[0-9]{1,2}$")]

# KPIs a check may read per channel (those of `analysis.kpi.by_channel`).
CHANNEL_KPIS = ("service_level", "sl_gap", "asa_s", "aht_s", "abandon_rate", "fcr", "frt_h",
                "ticket_sla", "offered", "answered", "backlog", "in_queue_end")

def known_ids(values: list[str], check) -> list[str]:
    for i, value in enumerate(values):
        try:
            check(value)
        except SimlabError as e:
            raise At(e.message, i) from None
    refuse_repeats(values)
    return values


def refuse_repeats(values: list[str], *where: str | int) -> None:
    """Refuse a repeated value, pointing at its second occurrence (`where`: the list's
    path, then optionally the key inside each item)."""
    seen: set[str] = set()
    for i, value in enumerate(values):
        if value in seen:
            raise At(_("«{value}» appears twice").format(value=value), *where[:1], i, *where[1:])
        seen.add(value)



class ErlangValue(Strict):
    """A value from the analytic queue models (simlab.queueing)."""

    source: Literal["erlang"]
    model: Literal["C", "A"] = "C"
    arrivals_per_hour: float = Field(gt=0, le=100_000)
    aht_s: float = Field(gt=0, le=86_400)
    t_s: float = Field(default=20.0, gt=0, le=3600)
    patience_s: float | None = Field(default=None, gt=0, le=86_400)
    agents: int | None = Field(default=None, ge=1, le=5000)
    target: float | None = Field(default=None, gt=0, lt=1)
    output: Literal["agents", "service_level", "asa_s", "p_wait", "p_abandon", "occupancy"]

    @model_validator(mode="after")
    def _inputs(self) -> ErlangValue:
        if (self.model == "A") != (self.patience_s is not None):
            raise ValueError(_("Erlang A needs «patience_s», Erlang C has none"))
        if self.output == "agents" and self.target is None:
            raise At(_("the agents for a target need the «target» (e.g. 0.8)"), "target")
        if self.output != "agents" and self.agents is None:
            raise At(_("this output needs the number of «agents»"), "agents")
        return self


class RunKpiValue(Strict):
    """A KPI of the trainee's own run, for one channel ("total": all of them)."""

    source: Literal["run"]
    kpi: str
    channel: str = "total"

    _kpi = field_validator("kpi")(lambda cls, v: _kpi_key(v))


class RunWorstValue(Strict):
    """The day (1 = first) or the half-hour of the day (all days together) where a KPI
    of the trainee's run was worst (`pick: min` for a service level, `max` for an
    abandon rate); with `report`, the value of that other KPI there instead (the calls
    offered on the worst day, say)."""

    source: Literal["run_worst"]
    by: Literal["day", "interval"]
    kpi: str
    channel: str
    pick: Literal["min", "max"]
    report: str | None = None

    _kpi = field_validator("kpi")(lambda cls, v: _kpi_key(v))
    _report = field_validator("report")(lambda cls, v: v if v is None else _kpi_key(v))


class RunCostValue(Strict):
    """A cost of the trainee's run: `total` (euro) or `cost_per_contact`."""

    source: Literal["run_cost"]
    item: Literal["total", "cost_per_contact"]


class DatasetValue(Strict):
    """A statistic of one column of a shipped data file (CSV as the lab writes it: `;`
    between fields, decimal comma, one header row), over the rows whose columns equal
    `where`: the same file the trainee was given. `share_at_least` / `share_at_most`
    are the share of rows with a value ≥ / ≤ `threshold` (CSAT % is the share of
    ratings ≥ 4); `nps` is the Net Promoter Score of 0–10 ratings, in points."""

    source: Literal["dataset"]
    file: ShippedPath
    column: str = Field(min_length=1, max_length=100)
    stat: Literal["mean", "median", "sum", "count", "min", "max", "share_at_least",
                  "share_at_most", "nps"]
    threshold: float | None = None
    where: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _threshold(self) -> DatasetValue:
        if self.stat.startswith("share_") != (self.threshold is not None):
            raise ValueError(_("«threshold» goes with share_at_least and share_at_most only"))
        return self


class RunFormulaValue(Strict):
    """A KPI of the trainee's run by a chosen formula (`analysis.kpi_variants`), for
    one group (a channel, queue or team, or "total"); `short_abandon_s` and
    `repeat_days` are the S and N of the variants that take them."""

    source: Literal["run_formula"]
    kpi: str
    formula: str
    by: Literal["channel", "queue", "team"] = "channel"
    group: str = "total"
    short_abandon_s: float = Field(default=5.0, ge=1, le=60)
    repeat_days: float = Field(default=7.0, ge=1, le=90)

    @model_validator(mode="after")
    def _known(self) -> RunFormulaValue:
        if self.kpi not in kv.KPI_KEYS:
            raise At(_("unknown KPI «{kpi}»; allowed: {allowed}").format(
                kpi=self.kpi, allowed=", ".join(kv.KPI_KEYS)), "kpi")
        if self.formula not in kv.variants_of(self.kpi):
            raise At(_("unknown variant «{variant}» of {kpi}; allowed: {allowed}").format(
                variant=self.formula, kpi=self.kpi,
                allowed=", ".join(kv.variants_of(self.kpi))), "formula")
        return self


class RunRegulatoryValue(Strict):
    """A regulatory indicator of the trainee's run (ARERA AS, TMA, LS; AGCOM answer time
    and calls answered within 20 s), by the regulator's definition."""

    source: Literal["run_regulatory"]
    indicator: Literal["as", "tma", "ls", "answer_time", "within_20s"]
    channel: str = "phone"


class RunStaffSurveyValue(Strict):
    """The trainee's staff questionnaire (`questionnaire`, a file of the working folder)
    answered by the operators of the trainee's run and analysed: the number of
    `responses`, a dimension's mean score (`dimension_mean`, 1–5) or Pearson's r between
    the workload score and each operator's occupancy (`link_r`)."""

    source: Literal["run_staff_survey"]
    questionnaire: FileName
    stat: Literal["responses", "dimension_mean", "link_r"]
    dimension: str | None = None

    @model_validator(mode="after")
    def _dimension(self) -> RunStaffSurveyValue:
        if (self.stat == "dimension_mean") != (self.dimension is not None):
            raise ValueError(_("«dimension» goes with dimension_mean only"))
        return self


def _kpi_key(value: str) -> str:
    if value not in CHANNEL_KPIS:
        raise ValueError(_("unknown KPI «{kpi}»; allowed: {allowed}").format(
            kpi=value, allowed=", ".join(CHANNEL_KPIS)))
    return value


Value = Annotated[ErlangValue | RunKpiValue | RunWorstValue | RunCostValue | DatasetValue
                  | RunFormulaValue | RunRegulatoryValue | RunStaffSurveyValue
                  | BudgetValue | LedgerValue | StaffValue,  # curriculum/staff_checks.py
                  Field(discriminator="source")]


class _Check(Strict):
    id: Id
    points: float = Field(gt=0, le=100)
    abilities: list[AbilityId] = Field(min_length=1)
    # What to look at when the check fails: never the answer.
    feedback: Text

    _abilities = field_validator("abilities")(
        lambda cls, v: known_ids(v, standard.ability))


class ValidFileCheck(_Check):
    """A care model or plan of the working folder loads and fits the scenario."""

    kind: Literal["valid_file"]
    file: FileName


class KpiCheck(_Check):
    """A KPI of the trainee's run reaches a threshold, optionally within a budget."""

    kind: Literal["kpi"]
    kpi: str
    channel: str = "total"
    at_least: float | None = None
    at_most: float | None = None
    max_cost_eur: float | None = Field(default=None, gt=0)

    _kpi = field_validator("kpi")(lambda cls, v: _kpi_key(v))

    @model_validator(mode="after")
    def _bound(self) -> KpiCheck:
        if (self.at_least is None) == (self.at_most is None):
            raise ValueError(_("give one of «at_least» and «at_most»"))
        return self


class AnswerCheck(_Check):
    """A numeric answer matches the value the core computes, within a tolerance (in
    the answer's own unit: percent points for a `percent` question, seconds for a time)."""

    kind: Literal["answer"]
    question: Id
    value: Value
    tolerance: float = Field(default=0.0, ge=0)


class ChoiceOption(Strict):
    """A candidate: a plan (simulated on the exercise's customers) or a channel of the
    trainee's own run."""

    id: Id
    label: Text
    plan: ShippedPath | None = None
    channel: str | None = None

    @model_validator(mode="after")
    def _one(self) -> ChoiceOption:
        if (self.plan is None) == (self.channel is None):
            raise ValueError(_("give either «plan» or «channel», not both"))
        return self


class ChoiceCheck(_Check):
    """The chosen option is the best among candidates the core ranks by a KPI: plans,
    each simulated on the same customers (scenario, seed and days of the exercise),
    where plans over `max_cost_eur` are out; or channels of the trainee's own run."""

    kind: Literal["choice"]
    question: Id
    options: list[ChoiceOption] = Field(min_length=2)
    kpi: str
    channel: str = "total"
    best: Literal["max", "min"]
    max_cost_eur: float | None = Field(default=None, gt=0)

    _kpi = field_validator("kpi")(lambda cls, v: _kpi_key(v))


class SectionsCheck(_Check):
    """A Markdown report has its headings (any level), each with some text under it."""

    kind: Literal["sections"]
    file: FileName
    headings: list[Text] = Field(min_length=1)
    min_words: int = Field(default=1, ge=0, le=2000)


class CareModelCheck(_Check):
    """Facts about the trainee's care model (`curriculum.care_checks` judges them): it
    loads and fits the scenario, `simlab model check` finds no error, its catalogue has
    what the exercise asks for, its cost is within its budget, its simulated run meets its
    own targets. Every fact is optional; at least one beside loading is asked for."""

    kind: Literal["care_model"]
    file: FileName
    no_errors: bool = False
    positioning: Literal["cost_leader", "value", "premium"] | None = None
    target_segments: list[Id] = Field(default_factory=list)
    min_core_services: int = Field(default=0, ge=0, le=50)
    complete_core_services: bool = False
    serve_segments: list[Id] = Field(default_factory=list)
    fund_kinds: list[Literal["market_survey", "marketing_research", "proactive_notice",
                             "knowledge_base", "quality_monitoring", "training", "other"]] = \
        Field(default_factory=list)
    max_supporting_eur: float | None = Field(default=None, gt=0)
    within_budget: bool = False
    meets_own_targets: bool = False


class CasesCheck(_Check):
    """Facts about the case procedures of the trainee's run (curriculum/case_checks.py),
    each optional; the check passes when all those given hold."""

    kind: Literal["cases"]
    max_late: int | None = Field(default=None, ge=0, le=10_000_000,
                                 description="complaints answered after the legal deadline")
    steps_on_time: bool = False  # every step within the procedure's own targets
    notice_reasons: list[Id] = Field(default_factory=list)  # a notice spares these reasons
    min_avoided: int | None = Field(default=None, ge=0, le=10_000_000)
    max_cost_eur: float | None = Field(default=None, gt=0, le=1e10)


class RoundsCheck(_Check):
    """Decision rounds: the working folder's plans, one per week, played as a game on the
    exercise's scenario and seed (`lab.rounds`, as `simlab rounds play` does); every week's
    service level on `channel` reaches `sl_at_least`, and/or every week's cost is within
    `budget_per_week_eur` (`within_budget`), and/or the share of every week's complaint
    cases handled on time (every step by the procedure's target, the reply within the
    legal deadline: `lab.rounds_cases`) reaches `complaints_on_time_at_least` (the first
    plan must have a complaint procedure, `cases.complaints`)."""

    kind: Literal["rounds"]
    plans: list[FileName] = Field(min_length=2, max_length=8)
    channel: str = "phone"
    sl_at_least: float | None = Field(default=None, gt=0, le=1)
    budget_per_week_eur: float | None = Field(default=None, gt=0)
    within_budget: bool = False
    complaints_on_time_at_least: float | None = Field(default=None, gt=0, le=1)

    @model_validator(mode="after")
    def _facts(self) -> RoundsCheck:
        if (self.sl_at_least is None and not self.within_budget
                and self.complaints_on_time_at_least is None):
            raise ValueError(_("give «sl_at_least», «within_budget», "
                               "«complaints_on_time_at_least» or more of them"))
        if self.within_budget and self.budget_per_week_eur is None:
            raise At(_("«within_budget» needs «budget_per_week_eur»"), "budget_per_week_eur")
        return self


Check = Annotated[ValidFileCheck | KpiCheck | AnswerCheck | ChoiceCheck | SectionsCheck
                  | CareModelCheck | LargestLineCheck | StaffPlanCheck  # staff_checks.py
                  | CasesCheck | RoundsCheck, Field(discriminator="kind")]
