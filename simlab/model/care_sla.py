"""Service level agreements per channel AND priority, and the expected results (KPI
targets naming their formula variant). Beside `service_level` and `tickets` (one target
per channel, which older files hold), a rule here refines one priority of a channel."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from simlab.i18n import _
from simlab.model.common import At, Strict

# The KPIs and their formula variants (docs/kpi.md, "Variants"); analysis/kpi_variants.py
# holds the formulas, and tests/test_care_schema.py proves the two lists the same.
KPI_VARIANTS: dict[str, tuple[str, ...]] = {
    "abandon_rate": ("default", "no_short_abandons"),
    "adherence": ("default",),
    "aht_s": ("default",),
    "asa_s": ("default", "tma"),
    "backlog": ("default", "over_target"),
    "backlog_age_h": ("default", "max"),
    "cost_per_contact": ("direct", "fully_loaded"),
    "fcr": ("default", "no_repeat"),
    "frt_h": ("default",),
    "occupancy": ("default",),
    "resolution_h": ("calendar", "default", "median"),
    "service_level": ("answered", "default", "no_short_abandons", "offered"),
    "shrinkage": ("planned", "total", "unplanned"),
    "ticket_sla": ("calendar", "default"),
    "utilisation": ("default",),
}
# Which way is better, for a target's default direction.
LOWER_IS_BETTER = ("abandon_rate", "aht_s", "asa_s", "backlog", "backlog_age_h",
                   "cost_per_contact", "frt_h", "resolution_h", "shrinkage")
PRIORITY_MAX = 9  # contact priorities run 0-9 (the reason's, plus the segment's boost)


class RealtimeSla(Strict):
    """A real-time channel's agreement for one priority (absent: every priority without
    a rule of its own): `target` of the calls answered within `threshold_s`, at most
    `max_abandon_rate` abandoned, a mean answer time (ASA) of at most `asa_s`."""

    channel: str
    priority: int | None = Field(default=None, ge=0, le=PRIORITY_MAX)
    threshold_s: float = Field(gt=0, le=86_400)
    target: float = Field(gt=0, le=1)
    max_abandon_rate: float | None = Field(default=None, ge=0, le=1)
    asa_s: float | None = Field(default=None, gt=0, le=86_400)


class TicketSla(Strict):
    """A deferred channel's agreement for one priority, in business hours (the channel's
    opening hours): first response, next response (after each reply of the customer) and
    resolution. The clock stops while the ticket waits for the customer
    (`pause_on_customer`); a warning is raised at `warning_at` of a target, and a target
    once breached stays breached (a late answer does not undo it)."""

    channel: str
    priority: int | None = Field(default=None, ge=0, le=PRIORITY_MAX)
    first_response_h: float = Field(gt=0, le=8760)
    next_response_h: float | None = Field(default=None, gt=0, le=8760)
    resolution_h: float = Field(gt=0, le=8760)
    warning_at: float = Field(default=0.8, gt=0, lt=1)
    pause_on_customer: bool = True

    @model_validator(mode="after")
    def _order(self) -> TicketSla:
        if self.resolution_h < self.first_response_h:
            raise At(_("the resolution target cannot be shorter than the first-response "
                       "target"), "resolution_h")
        return self


class KpiGoal(Strict):
    """An expected result: a KPI, the formula variant it is measured with, its target and
    whether the result must be at least or at most the target (absent: the KPI's better
    direction). `channel` absent: the whole run."""

    kpi: str
    variant: str | None = None  # absent: the KPI's default formula
    target: float = Field(ge=-1e9, le=1e9)
    direction: Literal["at_least", "at_most"] | None = None
    channel: str | None = None

    @model_validator(mode="after")
    def _known(self) -> KpiGoal:
        if self.kpi not in KPI_VARIANTS:
            raise At(_("unknown KPI «{value}»; allowed: {allowed}").format(
                value=self.kpi, allowed=", ".join(KPI_VARIANTS)), "kpi")
        variants = KPI_VARIANTS[self.kpi]
        if self.variant is not None and self.variant not in variants:
            raise At(_("unknown formula variant «{value}» of the KPI «{kpi}»; allowed: "
                       "{allowed}").format(value=self.variant, kpi=self.kpi,
                                           allowed=", ".join(variants)), "variant")
        return self

    @property
    def at_most(self) -> bool:
        if self.direction is not None:
            return self.direction == "at_most"
        return self.kpi in LOWER_IS_BETTER
