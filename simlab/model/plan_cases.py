"""The plan's case procedures (UF2): complaints by the steps of ISO 10002, consumer-law
requests (withdrawal, legal warranty), proactive notices and the knowledge-base level.

All of it is optional (`OperationsPlan.cases`, default none): a plan without it runs
exactly as before. docs/complaints.md explains every field and its source.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, model_validator

from simlab.i18n import N_, _
from simlab.model.common import At, Id, Strict, unique_ids

# The legal deadline (calendar days) of a reasoned reply to a complaint, by sector:
# telecoms AGCOM 255/24/CONS, energy ARERA TIQV; e-commerce has no sector rule, so the
# preset is the 30 days most ADR bodies let pass before a dispute can start.
SECTOR_DEADLINE_DAYS = {"telco": 30, "energy": 30, "ecommerce": 30}
Sector = Literal["telco", "energy", "ecommerce"]

# Knowledge base, scripts and templates: level 0 (none) to 3 (complete, kept up to date).
# Handle time is multiplied by the first factor, the chance of first-contact resolution
# by the second (at most 1); the third is the monthly upkeep in euro (docs/complaints.md).
KB_LEVELS = {
    0: (1.00, 1.00, 0.0),
    1: (0.95, 1.04, 1500.0),
    2: (0.90, 1.08, 3500.0),
    3: (0.85, 1.12, 6000.0),
}

STEPS = ("acknowledgement", "assessment", "investigation", "response")

Days = float
Money = float


class StepWork(Strict):
    """One back-office step: its work per case and its target from receipt."""

    minutes: float = Field(default=0, ge=0, le=1440, description="back-office work per case")
    target_days: float = Field(ge=0, le=365, description="done within, days from receipt")


class BackOffice(Strict):
    """The people who work the cases, as one pool, on working days."""

    staff: int = Field(ge=0, le=500)
    days: list[Annotated[int, Field(ge=0, le=6)]] = Field(
        default=[0, 1, 2, 3, 4], min_length=1, max_length=7, description="0 = Monday")
    start_h: float = Field(default=9, ge=0, le=23)
    hours_per_day: float = Field(default=7.5, gt=0, le=24)
    hourly_cost: float = Field(default=0, ge=0, le=1000)

    @model_validator(mode="after")
    def _days(self) -> BackOffice:
        if self.start_h + self.hours_per_day > 24:
            raise At(_("the back office's day must end by midnight"), "hours_per_day")
        return self


class Compensation(Strict):
    """The automatic compensation of a late reply."""

    fixed: Money = Field(default=0, ge=0, le=10_000)
    per_day: Money = Field(default=0, ge=0, le=1_000, description="for each day late")
    cap: Money = Field(default=10_000, ge=0, le=100_000)
    tiers: bool = Field(default=False, description="fixed ×2 past twice the deadline, ×3 past three times")


class Chance(Strict):
    """A chance on time, and the chance when the reply is late."""

    on_time: float = Field(default=0, ge=0, le=1)
    late: float = Field(default=0, ge=0, le=1)


class ComplaintProcedure(Strict):
    sector: Sector
    deadline_days: Days | None = Field(default=None, ge=1, le=365,
                                       description="default: the sector's legal deadline")
    auto_acknowledgement: bool = Field(
        default=False, description="acknowledged with the case id at receipt")
    acknowledgement: StepWork = StepWork(target_days=2)
    assessment: StepWork = StepWork(minutes=5, target_days=5)
    investigation: StepWork = StepWork(minutes=15, target_days=20)
    response: StepWork = StepWork(minutes=10, target_days=28)
    closure_days: Days = Field(default=0, ge=0, le=90, description="from response to closure")
    back_office: BackOffice
    compensation: Compensation = Compensation()
    conciliation: Chance = Chance()
    conciliation_cost: Money = Field(default=0, ge=0, le=100_000)
    churn: Chance = Chance()

    def deadline(self) -> float:
        return float(self.deadline_days or SECTOR_DEADLINE_DAYS[self.sector])

    @model_validator(mode="after")
    def _targets(self) -> ComplaintProcedure:
        last = 0.0
        for step in STEPS:
            target = getattr(self, step).target_days
            if target < last:
                raise At(_("a step's target cannot come before the previous step's"),
                         step, "target_days")
            last = target
        return self


class ConsumerRule(Strict):
    """Requests of one reason (or a share of it) that fall under the Consumer Code."""

    reason: Id
    kind: Literal["withdrawal", "warranty"]
    share: float = Field(default=1, ge=0, le=1, description="of the reason's contacts")
    decision: Literal["accept", "refuse", "verify"]
    verify_minutes: float = Field(default=10, ge=0, le=1440)
    # What a customer's request looks like: days since delivery, drawn uniformly up to
    # this many days; for a warranty, also the share of real conformity defects.
    max_days_since_delivery: int = Field(default=30, ge=1, le=3650)
    defect_share: float = Field(default=0.8, ge=0, le=1)
    wrong_accept_cost: Money = Field(default=0, ge=0, le=100_000,
                                     description="given away when an invalid request is accepted")
    complaint_after_days: Days = Field(default=3, ge=0, le=60)


class Notice(Strict):
    """A proactive notice (SMS, e-mail) that spares inbound contacts of some reasons."""

    id: Id
    reasons: list[Id] = Field(min_length=1, max_length=100)
    start: dt.date
    end: dt.date
    avoided_share: float = Field(ge=0, le=1, description="of those reasons' contacts")
    recipients: int = Field(ge=0, le=50_000_000)
    cost_per_notice: Money = Field(default=0, ge=0, le=100)
    channel: Literal["sms", "email", "app", "ivr"] = "sms"

    @model_validator(mode="after")
    def _window(self) -> Notice:
        if self.end < self.start:
            raise At(_("the notice must end on or after its start"), "end")
        return self


class KnowledgeBase(Strict):
    level: int = Field(ge=0, le=3)
    cost_per_month: Money | None = Field(default=None, ge=0, le=10_000_000,
                                         description="default: the level's upkeep")

    def factors(self) -> tuple[float, float, float]:
        handle, fcr, cost = KB_LEVELS[self.level]
        return handle, fcr, cost if self.cost_per_month is None else self.cost_per_month


class CasesPlan(Strict):
    complaints: ComplaintProcedure | None = None
    consumer_law: list[ConsumerRule] = Field(default=[], max_length=50)
    notices: list[Notice] = Field(default=[], max_length=100)
    knowledge_base: KnowledgeBase | None = None

    @model_validator(mode="after")
    def _ids(self) -> CasesPlan:
        unique_ids([n.id for n in self.notices], _("notice"), "notices")
        shares: dict[str, float] = {}
        for i, rule in enumerate(self.consumer_law):
            shares[rule.reason] = shares.get(rule.reason, 0.0) + rule.share
            if shares[rule.reason] > 1 + 1e-9:
                raise At(_("the rules of reason «{reason}» take more than all of its "
                           "contacts: their shares add up to over 1").format(
                               reason=rule.reason), "consumer_law", i, "share")
        if self.consumer_law and self.complaints is None:
            raise At(_("consumer-law requests need a complaint procedure: a refusal can "
                       "become a complaint"), "complaints")
        return self

    def check_reasons(self, reasons: list[str]) -> None:
        """Every reason named exists in the scenario (the path is under `cases`)."""
        for i, rule in enumerate(self.consumer_law):
            _known(rule.reason, reasons, ("cases", "consumer_law", i, "reason"))
        for i, notice in enumerate(self.notices):
            for j, reason in enumerate(notice.reasons):
                _known(reason, reasons, ("cases", "notices", i, "reasons", j))


def _known(reason: str, reasons: list[str], path: tuple) -> None:
    if reason not in reasons:
        raise At(_("unknown reason «{reason}»; the reasons are: {known}").format(
            reason=reason, known=", ".join(reasons)), *path)


# The JSON Schema's descriptions of the main keys (model/schema.py adds them to its own).
SCHEMA_KEYS = {
    ("OperationsPlan", "cases"): N_("Case procedures: complaints by the steps of ISO 10002, "
                                    "consumer-law requests, proactive notices, knowledge base."),
    ("ComplaintProcedure", "sector"): N_("telco, energy or ecommerce: the legal deadline of "
                                         "the reply (30 days)."),
    ("ComplaintProcedure", "deadline_days"): N_("Legal deadline of the reply in days; absent: "
                                                "the sector's."),
    ("ComplaintProcedure", "auto_acknowledgement"): N_("Acknowledge every complaint with its "
                                                       "case id at receipt."),
    ("StepWork", "minutes"): N_("Back-office work of the step per case, in minutes."),
    ("StepWork", "target_days"): N_("The step done within this many days of receipt."),
    ("BackOffice", "staff"): N_("People in the back office that works the cases."),
    ("Notice", "avoided_share"): N_("Share of the inbound contacts of the reasons that the "
                                    "notice spares, 0 to 1."),
    ("Notice", "recipients"): N_("Customers who receive the notice."),
    ("KnowledgeBase", "level"): N_("0 (none) to 3 (complete, integrated in the CRM)."),
}
