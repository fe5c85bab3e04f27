"""How callers reach an operator (UF1.A3 "linee di accesso e attesa"): the IVR menu of a
real-time channel, the queue's capacity (busy signal), the callback offer and the
retrials of callers who hung up. Every part is optional: absent, the engine does what it
did before it existed (no IVR time, unlimited queue, no callback, no retrial)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from simlab.i18n import _
from simlab.model.common import At, Id, Strict, Text, unique_ids
from simlab.model.distributions import Dist

MAX_IVR_S = 1800.0  # half an hour in a menu is a typo


class IvrOption(Strict):
    """One choice of a menu level. A caller takes the first option of the level that
    names its reason (else the first option with no reasons), spends `time_s` there,
    leaves resolved with the chance `self_service` (an automated answer: a meter reading,
    a balance), and goes on to the level `next` or to the queue `queue` (absent: the
    queue the care model's routing gives)."""

    id: Id
    label: Text
    time_s: float = Field(default=0, ge=0, le=MAX_IVR_S)
    reasons: list[str] = []  # empty: every reason not named by another option
    self_service: float = Field(default=0, ge=0, le=1)
    next: Id | None = None  # id of a deeper level
    queue: Id | None = None

    @model_validator(mode="after")
    def _one_way(self) -> IvrOption:
        if self.next is not None and self.queue is not None:
            raise At(_("an IVR option leads either to a level («next») or to a queue "
                       "(«queue»), not both"), "queue")
        return self


class IvrLevel(Strict):
    id: Id
    prompt_s: float = Field(default=0, ge=0, le=MAX_IVR_S)  # the message before the options
    options: list[IvrOption] = Field(min_length=1, max_length=12)

    @model_validator(mode="after")
    def _unique(self) -> IvrLevel:
        unique_ids([o.id for o in self.options], _("IVR option"), "options")
        return self


class IvrMenu(Strict):
    """The IVR of a real-time channel: the first level is where every caller starts."""

    levels: list[IvrLevel] = Field(min_length=1, max_length=10)

    @model_validator(mode="after")
    def _links(self) -> IvrMenu:
        unique_ids([lv.id for lv in self.levels], _("IVR level"), "levels")
        ids = [lv.id for lv in self.levels]
        for i, level in enumerate(self.levels):
            for j, option in enumerate(level.options):
                if option.next is None:
                    continue
                if option.next not in ids:
                    raise At(_("unknown IVR level «{value}»; allowed: {allowed}").format(
                        value=option.next, allowed=", ".join(ids)),
                        "levels", i, "options", j, "next")
                if ids.index(option.next) <= i:  # forward only: no caller loops for ever
                    raise At(_("an IVR option can only lead to a level further down the "
                               "list (here «{value}» comes before or is this level)").format(
                        value=option.next), "levels", i, "options", j, "next")
        return self


class CallbackOffer(Strict):
    """A caller is offered a call back when the expected wait on entering the queue
    (`when: expected_wait`: callers ahead + 1 × AHT ÷ operators on duty) or the wait so
    far (`when: wait`) reaches `threshold_s`; `accept` of them accept and hang up, and an
    operator calls them later: the target is `target` of callbacks within `within_s` of
    the request. Patience does not run while a caller waits for the callback."""

    when: Literal["expected_wait", "wait"] = "expected_wait"
    threshold_s: float = Field(gt=0, le=86_400)
    accept: float = Field(ge=0, le=1)
    within_s: float = Field(default=3600, gt=0, le=7 * 86_400)
    target: float = Field(default=0.8, gt=0, le=1)


class Retrials(Strict):
    """Callers who abandoned or found the line busy call again: `share` of them, after a
    delay drawn from `delay_s`, up to `max_attempts` calls in all."""

    share: float = Field(ge=0, le=1)
    delay_s: Dist
    max_attempts: int = Field(default=3, ge=2, le=10)


class SkillGroup(Strict):
    """Routing as data: the queues a group of skills covers and its tier (L1 front
    office, L2 specialists). The operations plan's teams hold the skills the engine uses."""

    id: Id
    name: Text
    tier: Literal["L1", "L2"] = "L1"
    queues: list[str] = Field(min_length=1)


def queue_tiers(queues: list, groups: list[SkillGroup]) -> dict[str, str]:
    """Each queue's tier: its own `tier`, else that of the skill groups naming it, else L1
    (docs/care-model.md: an L2 queue takes contacts only by escalation from L1). A queue
    whose own tier and a group's disagree, or that two groups give different tiers, is
    refused: the design would say two things."""
    out = {q.id: q.tier for q in queues}
    for i, g in enumerate(groups):
        for j, qid in enumerate(g.queues):
            if qid not in out:
                continue  # an unknown queue is named by the scenario check
            if out[qid] is not None and out[qid] != g.tier:
                raise At(_("the queue «{queue}» is of tier {tier}, but the skill group "
                           "«{group}» is of tier {other}").format(
                    queue=qid, tier=out[qid], group=g.id, other=g.tier),
                    "skill_groups", i, "queues", j)
            out[qid] = g.tier
    return {qid: tier or "L1" for qid, tier in out.items()}
