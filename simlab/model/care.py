"""The care model a trainee designs (UF1): positioning, the service catalogue, queues,
opening hours, access (IVR, capacity, callbacks, retrials), SLAs and expected results.

The parts beyond queues, hours and the per-channel targets live in care_catalog.py,
care_access.py and care_sla.py; every one is optional, and absent means what a file
written before it meant (docs/care-model.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from simlab.i18n import _
from simlab.model.care_access import CallbackOffer, IvrMenu, Retrials, SkillGroup, queue_tiers
from simlab.model.care_catalog import CoreService, SupportActivity
from simlab.model.care_sla import KpiGoal, RealtimeSla, TicketSla
from simlab.model.common import At, Id, Strict, Text, Window, unique_ids
from simlab.model.scenario import Scenario


class Queue(Strict):
    id: Id
    name: Text
    channel: str
    reasons: list[str] = Field(default=[], description="empty: every reason not routed elsewhere")
    segments: list[str] = Field(default=[], description="empty: every segment")
    priority: int = Field(default=1, ge=1, le=9, description="higher is served first")
    # Access (care_access.py), real-time queues only; absent: as before they existed.
    capacity: int | None = Field(default=None, ge=0, le=100_000)  # waiting callers at most
    callback: CallbackOffer | None = None
    retrials: Retrials | None = None
    concurrency: int | None = Field(default=None, ge=1, le=10)  # absent: the channel's
    tier: Literal["L1", "L2"] | None = None


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
    services: list[CoreService] = Field(default=[], max_length=200)
    support_activities: list[SupportActivity] = Field(default=[], max_length=200)
    # Holidays of the scenario's calendar close every channel unless it is named here
    # (then it keeps its weekday hours); closed_days close every channel on more days.
    open_on_holidays: list[str] = []
    closed_days: list[dt.date] = Field(default=[], max_length=3660)
    ivr: dict[str, IvrMenu] = {}
    realtime_sla: list[RealtimeSla] = Field(default=[], max_length=200)
    ticket_sla: list[TicketSla] = Field(default=[], max_length=200)
    skill_groups: list[SkillGroup] = Field(default=[], max_length=200)
    expected_results: list[KpiGoal] = Field(default=[], max_length=200)

    @model_validator(mode="after")
    def _unique_queues(self) -> CareModel:
        unique_ids([q.id for q in self.queues], _("queue"), "queues")
        unique_ids([s.id for s in self.services], _("service"), "services")
        unique_ids([a.id for a in self.support_activities], _("activity"),
                   "support_activities")
        unique_ids([g.id for g in self.skill_groups], _("skill group"), "skill_groups")
        for key in ("realtime_sla", "ticket_sla"):
            seen: set[tuple[str, int | None]] = set()
            for i, rule in enumerate(getattr(self, key)):
                if (rule.channel, rule.priority) in seen:
                    raise At(_("two SLA rules for channel «{channel}» and the same "
                               "priority").format(channel=rule.channel), key, i, "priority")
                seen.add((rule.channel, rule.priority))
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
        for key in ("opening_hours", "service_level", "tickets", "ivr"):
            for channel in getattr(self, key):
                _member(channel, list(channels), (key, channel), _("channel"))
        for j, c in enumerate(self.open_on_holidays):
            _member(c, list(channels), ("open_on_holidays", j), _("channel"))
        check_access(self, scenario)
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


def check_access(care: CareModel, scenario: Scenario) -> None:
    """The parts beyond routing that name the scenario's channels, reasons, segments and
    the model's queues: catalogue, IVR, access of real-time queues, SLAs, targets."""
    kinds = {c.id: c.kind for c in scenario.channels}
    channels, queues = list(kinds), [q.id for q in care.queues]
    reasons = [r.id for r in scenario.reasons]
    segments = [s.id for s in scenario.segments]
    for i, sv in enumerate(care.services):
        for key, allowed, what in (("segments", segments, _("segment")),
                                   ("channels", channels, _("channel")),
                                   ("reasons", reasons, _("reason"))):
            for j, v in enumerate(getattr(sv, key)):
                _member(v, allowed, ("services", i, key, j), what)
    for i, q in enumerate(care.queues):
        access = [k for k in ("capacity", "callback", "retrials", "concurrency")
                  if getattr(q, k) is not None]
        if access and kinds[q.channel] != "realtime":
            raise At(_("«{key}» applies only to queues of real-time channels (phone, chat): "
                       "«{channel}» is deferred").format(key=access[0], channel=q.channel),
                     "queues", i, access[0])
    for c in kinds:  # the engine runs a channel at one concurrency: its queues agree
        stated = sorted({q.concurrency for q in care.queues
                         if q.channel == c and q.concurrency is not None})
        if len(stated) > 1:
            i = next(i for i, q in enumerate(care.queues) if q.channel == c
                     and q.concurrency == stated[-1])
            raise At(_("the queues of channel «{channel}» state different concurrencies "
                       "({values}): give them the same").format(
                channel=c, values=", ".join(map(str, stated))), "queues", i, "concurrency")
    for channel, menu in care.ivr.items():
        if kinds[channel] != "realtime":
            raise At(_("an IVR answers only real-time channels: «{channel}» is deferred").format(
                channel=channel), "ivr", channel)
        for i, level in enumerate(menu.levels):
            for j, option in enumerate(level.options):
                at = ("ivr", channel, "levels", i, "options", j)
                for k, r in enumerate(option.reasons):
                    _member(r, reasons, (*at, "reasons", k), _("reason"))
                if option.queue is not None:
                    _member(option.queue, queues, (*at, "queue"), _("queue"))
                    q = care.queues[queues.index(option.queue)]
                    if q.channel != channel:
                        raise At(_("the IVR of «{channel}» cannot route to the queue «{queue}» "
                                   "of channel «{other}»").format(
                            channel=channel, queue=q.id, other=q.channel), *at, "queue")
    for key, kind in (("realtime_sla", "realtime"), ("ticket_sla", "deferred")):
        for i, rule in enumerate(getattr(care, key)):
            _member(rule.channel, channels, (key, i, "channel"), _("channel"))
            if kinds[rule.channel] != kind:
                raise At(_("«{key}» is for {kind} channels: «{channel}» is not one").format(
                    key=key, channel=rule.channel,
                    kind=_("real-time") if kind == "realtime" else _("deferred")), key, i, "channel")
    for i, g in enumerate(care.skill_groups):
        for j, q in enumerate(g.queues):
            _member(q, queues, ("skill_groups", i, "queues", j), _("queue"))
    tiers = queue_tiers(care.queues, care.skill_groups)
    for channel, menu in care.ivr.items():  # customers cannot reach L2 directly
        for i, level in enumerate(menu.levels):
            for j, option in enumerate(level.options):
                if option.queue is not None and tiers.get(option.queue) == "L2":
                    raise At(_("the IVR cannot route to the L2 queue «{queue}»: an L2 queue "
                               "receives contacts only by escalation from L1").format(
                        queue=option.queue), "ivr", channel, "levels", i, "options", j, "queue")
    for i, goal in enumerate(care.expected_results):
        if goal.channel is not None:
            _member(goal.channel, channels, ("expected_results", i, "channel"), _("channel"))


def _member(value: str, allowed: list[str], path: tuple, what: str) -> None:
    if value not in allowed:
        raise At(
            _("unknown {what} «{value}»; allowed: {allowed}").format(
                what=what, value=value, allowed=", ".join(allowed)
            ),
            *path,
        )
