"""The procedures of an operations plan that the engine carries out in the event loop
(docs/procedures.md): repeat contacts, escalation L1 → L2, reserve skills, outsourcing
overflow, outbound campaigns and the customers' replies to tickets. Each is off unless
the plan names it."""

from __future__ import annotations

from pydantic import Field, model_validator

from simlab.i18n import _
from simlab.model.common import At, Id, Strict, Window, unique_ids
from simlab.model.distributions import Dist


class Repeats(Strict):
    """A contact answered but not resolved comes back: `share` of them, after a delay
    drawn from `delay_s`, on `channel` (default: the same), at most `max_repeats` times."""

    share: float = Field(ge=0, le=1)
    delay_s: Dist
    channel: str | None = None
    max_repeats: int = Field(default=2, ge=1, le=5)


class Replies(Strict):
    """Ticket conversations on deferred channels: after an operator's response, `share`
    of the tickets are not closed: the customer replies after a delay drawn from
    `delay_s` (the ticket waits for the customer meanwhile) and the reply comes back to
    the same queue for a next response, up to `max_exchanges` responses in all. Like the
    repeats, it is the customers' behaviour the plan is tried against (docs/procedures.md)."""

    share: float = Field(ge=0, le=1)
    delay_s: Dist
    max_exchanges: int = Field(default=3, ge=2, le=10)
    channels: list[str] = Field(default=[], max_length=20)  # empty: every deferred channel


class Escalation(Strict):
    """Unresolved contacts of the queues `from` (and of `reasons`, if named) become a
    deferred task in the L2 queue `to`, due within `sla_h` business hours."""

    from_queues: list[str] = Field(alias="from", min_length=1)
    reasons: list[str] = []
    share: float = Field(default=1.0, ge=0, le=1)
    to: str
    handle_s: Dist
    resolve: float = Field(ge=0, le=1, description="chance that L2 resolves, at proficiency 1")
    sla_h: float = Field(gt=0, le=2000, description="business hours to complete the task")

    model_config = Strict.model_config | {"populate_by_name": True}


class Reserve(Strict):
    """A secondary skill of `team` on `queue`, used only when the team's primary queues
    are empty (`above` not given) or only when `queue` holds more than `above` contacts."""

    team: str
    queue: str
    proficiency: float = Field(default=1.0, ge=0.2, le=3)
    above: int | None = Field(default=None, ge=0, le=100_000)


class Outsourcing(Strict):
    """Part of `queue` goes to an outsourcer: `share` of its contacts, or those that
    would wait when `above` contacts are already waiting. Price and quality are its own."""

    queue: str
    share: float | None = Field(default=None, gt=0, le=1)
    above: int | None = Field(default=None, ge=0, le=100_000)
    price_per_contact: float = Field(ge=0, le=1000)
    fcr_factor: float = Field(default=1.0, ge=0, le=2)
    handle_factor: float = Field(default=1.0, gt=0, le=5)

    @model_validator(mode="after")
    def _one_rule(self) -> Outsourcing:
        if (self.share is None) == (self.above is None):
            raise At(_("give either «share» or «above», one of the two"), "share")
        return self


class Campaign(Strict):
    """Outbound calls: `calls_per_day` spread over `window`, made by `teams` when nothing
    of higher rank waits. A call reaches the customer with `contact_rate` and then lasts
    `handle_s`; otherwise the attempt takes `attempt_s`."""

    id: Id
    teams: list[str] = Field(min_length=1)
    channel: str = "phone"
    calls_per_day: int = Field(ge=1, le=100_000)
    window: Window
    contact_rate: float = Field(ge=0, le=1)
    handle_s: Dist
    attempt_s: float = Field(default=30, gt=0, le=3600)


class Procedures(Strict):
    repeats: Repeats | None = None
    escalation: list[Escalation] = Field(default=[], max_length=20)
    reserve: list[Reserve] = Field(default=[], max_length=100)
    outsourcing: list[Outsourcing] = Field(default=[], max_length=20)
    campaigns: list[Campaign] = Field(default=[], max_length=20)
    replies: Replies | None = None

    @model_validator(mode="after")
    def _unique(self) -> Procedures:
        unique_ids([c.id for c in self.campaigns], _("campaign"), "campaigns")
        seen: set[str] = set()
        for i, o in enumerate(self.outsourcing):
            if o.queue in seen:
                raise At(_("the queue «{queue}» is outsourced twice").format(queue=o.queue),
                         "outsourcing", i, "queue")
            seen.add(o.queue)
        return self

    @property
    def active(self) -> bool:
        return bool(self.repeats or self.escalation or self.reserve or self.outsourcing
                    or self.campaigns or self.replies)

    def check_against(self, queues: list[str], channels: list[str], teams: dict[str, list[str]],
                      reasons: list[str] | None = None) -> None:
        """The names the procedures use exist: queues of the care model, channels with a
        queue, the plan's teams (`teams`: team → its skills), the scenario's reasons."""
        p = ("procedures",)
        if self.repeats and self.repeats.channel is not None:
            _one_of(self.repeats.channel, channels, (*p, "repeats", "channel"), _("channel"))
        for i, e in enumerate(self.escalation):
            for j, q in enumerate(e.from_queues):
                _one_of(q, queues, (*p, "escalation", i, "from", j), _("queue"))
            _one_of(e.to, queues, (*p, "escalation", i, "to"), _("queue"))
            if e.to in e.from_queues:
                raise At(_("the L2 queue «{queue}» cannot also be an L1 queue of the same "
                           "escalation").format(queue=e.to), *p, "escalation", i, "to")
            if not any(e.to in skills for skills in teams.values()):
                raise At(_("no team has the skill for the L2 queue «{queue}»: the tasks "
                           "would never be done").format(queue=e.to), *p, "escalation", i, "to")
            for j, r in enumerate(e.reasons):
                if reasons is not None:
                    _one_of(r, reasons, (*p, "escalation", i, "reasons", j), _("reason"))
        for i, r in enumerate(self.reserve):
            _one_of(r.team, list(teams), (*p, "reserve", i, "team"), _("team"))
            _one_of(r.queue, queues, (*p, "reserve", i, "queue"), _("queue"))
            if r.queue in teams[r.team]:
                raise At(_("the team «{team}» already has the skill «{queue}»: a reserve "
                           "skill is one the team does not hold").format(
                    team=r.team, queue=r.queue), *p, "reserve", i, "queue")
        for i, o in enumerate(self.outsourcing):
            _one_of(o.queue, queues, (*p, "outsourcing", i, "queue"), _("queue"))
        for i, c in enumerate(self.campaigns):
            _one_of(c.channel, channels, (*p, "campaigns", i, "channel"), _("channel"))
            for j, t in enumerate(c.teams):
                _one_of(t, list(teams), (*p, "campaigns", i, "teams", j), _("team"))
        for j, ch in enumerate(self.replies.channels if self.replies else []):
            _one_of(ch, channels, (*p, "replies", "channels", j), _("channel"))


def _one_of(value: str, allowed: list[str], path: tuple, what: str) -> None:
    if value not in allowed:
        raise At(_("unknown {what} «{value}»; allowed: {allowed}").format(
            what=what, value=value, allowed=", ".join(allowed)), *path)
