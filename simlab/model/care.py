"""The care model a trainee designs (UF1): queues, opening hours, service targets.

Minimal for now; the UF1 issue grows it (channel strategy, IVR, procedures).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from simlab.i18n import _
from simlab.model.common import At, Id, Strict, Text, Window, unique_ids
from simlab.model.scenario import Scenario


class Queue(Strict):
    id: Id
    name: Text
    channel: str
    reasons: list[str] = Field(default=[], description="empty: every reason not routed elsewhere")
    segments: list[str] = Field(default=[], description="empty: every segment")
    priority: int = Field(default=1, ge=1, le=9, description="higher is served first")


class ServiceTarget(Strict):
    threshold_s: float = Field(gt=0, le=86_400)
    target: float = Field(gt=0, le=1)


class TicketTarget(Strict):
    first_response_h: float = Field(gt=0, le=8760)
    resolution_h: float = Field(gt=0, le=8760)


class KpiTargets(Strict):
    """Expected results (UF1.A5) beside the service levels: each optional."""

    asa_s: float | None = Field(default=None, gt=0, le=86_400)
    abandon_rate: float | None = Field(default=None, ge=0, le=1)
    fcr: float | None = Field(default=None, ge=0, le=1)
    csat: float | None = Field(default=None, ge=0, le=1)
    nps: float | None = Field(default=None, ge=-100, le=100)
    cost_per_contact_eur: float | None = Field(default=None, gt=0, le=10_000)


POSITIONINGS = ("cost_leader", "value", "premium")


class CareModel(Strict):
    id: Id
    title: Text
    scenario: Id
    queues: list[Queue] = Field(min_length=1)
    opening_hours: dict[str, list[Window]]
    service_level: dict[str, ServiceTarget] = {}
    tickets: dict[str, TicketTarget] = {}
    deferred_work: Literal["after_realtime", "by_priority"] = "after_realtime"
    # UF1 design: all optional, absent by default, so older files mean what they meant.
    positioning: Literal["cost_leader", "value", "premium"] | None = None
    target_segments: list[str] = []
    kpi_targets: KpiTargets | None = None
    budget_per_month_eur: float | None = Field(default=None, gt=0, le=1_000_000_000)

    @model_validator(mode="after")
    def _unique_queues(self) -> CareModel:
        unique_ids([q.id for q in self.queues], _("queue"), "queues")
        return self

    def check_against(self, scenario: Scenario) -> None:
        """Errors that need the scenario: unknown channels, reasons, segments; gaps in routing.
        A care model written for another scenario id is not an error if it fits: the lab
        warns (lab.catalog.warnings), so a trainee can try a model on a copied scenario."""
        channels = {c.id: c for c in scenario.channels}
        reasons = [r.id for r in scenario.reasons]
        segments = [s.id for s in scenario.segments]
        for i, q in enumerate(self.queues):
            _member(q.channel, list(channels), ("queues", i, "channel"), _("channel"))
            for j, r in enumerate(q.reasons):
                _member(r, reasons, ("queues", i, "reasons", j), _("reason"))
            for j, s in enumerate(q.segments):
                _member(s, segments, ("queues", i, "segments", j), _("segment"))
        for j, s in enumerate(self.target_segments):
            _member(s, segments, ("target_segments", j), _("segment"))
        for key in ("opening_hours", "service_level", "tickets"):
            for channel in getattr(self, key):
                _member(channel, list(channels), (key, channel), _("channel"))
        for c in channels:
            if c not in self.opening_hours:
                raise At(_("opening hours missing for channel «{c}»").format(c=c), "opening_hours")
            if not any(q.channel == c for q in self.queues):
                raise At(_("no queue takes the contacts of channel «{c}»").format(c=c), "queues")
        self._check_routing(scenario)

    def _check_routing(self, scenario: Scenario) -> None:
        """Every contact that can arrive (channel, segment, reason with a share) finds a
        queue, as the engine routes them: otherwise the check passes and the run fails."""
        for segment in scenario.segments:
            for channel, preference in segment.channel_preference.items():
                if segment.share <= 0 or preference <= 0:
                    continue
                for reason in scenario.reasons:
                    if reason.share > 0 and not any(
                        q.channel == channel and (not q.segments or segment.id in q.segments)
                        and (not q.reasons or reason.id in q.reasons) for q in self.queues
                    ):
                        raise At(_(
                            "no queue takes channel «{channel}», segment «{segment}», reason "
                            "«{reason}»: add it to a queue or leave a queue's reasons empty"
                        ).format(channel=channel, segment=segment.id, reason=reason.id),
                            "queues")


def _member(value: str, allowed: list[str], path: tuple, what: str) -> None:
    if value not in allowed:
        raise At(
            _("unknown {what} «{value}»; allowed: {allowed}").format(
                what=what, value=value, allowed=", ".join(allowed)
            ),
            *path,
        )
