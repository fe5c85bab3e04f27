"""The world an instructor writes: company, customers, reasons, channels, demand, costs."""

from __future__ import annotations

import datetime as dt
import math
import string
from typing import Annotated

from pydantic import AfterValidator, Field, field_validator, model_validator

from simlab.i18n import _, decimal, ngettext
from simlab.model.common import MAX_SEED, At, Id, Strict, Text, check_shares, unique_ids
from simlab.model.distributions import Dist
from simlab.model.kinds import ChannelKind


class Calendar(Strict):
    start: dt.date
    days: int = Field(gt=0, le=3660)
    holidays: list[dt.date] = Field(default=[], max_length=3660)

    def date_of(self, day: int) -> dt.date:
        return self.start + dt.timedelta(days=day)


class Company(Strict):
    name: str = Field(min_length=1, max_length=200)
    sector: str = Field(min_length=1, max_length=200)
    customers: int = Field(gt=0, le=50_000_000)
    positioning: Text
    region: str = "Campania"


Weight = Annotated[float, Field(ge=0, le=1000)]


class Segment(Strict):
    id: Id
    name: Text
    share: float = Field(ge=0, le=1)
    value_eur: float = Field(ge=0, le=10_000_000, description="yearly revenue of one customer")
    # Relative weights (the world normalises them per channel), usually shares.
    channel_preference: dict[str, Weight]
    patience: dict[str, Dist | None] = {}
    priority_boost: int = Field(default=0, ge=0, le=3)


TEXT_PLACEHOLDERS = ("nome", "cognome", "comune", "codice_cliente", "pratica", "importo", "data",
                     "mese", "azienda")


class ReasonTexts(Strict):
    """Templates of what customers write; {placeholders} are filled per contact."""

    subjects: list[str] = Field(min_length=1)
    bodies: list[str] = Field(min_length=1)

    @field_validator("subjects", "bodies")
    @classmethod
    def _placeholders(cls, v: list[str]) -> list[str]:
        for i, template in enumerate(v):
            try:
                names = [f for _t, f, _s, _c in string.Formatter().parse(template) if f is not None]
            except ValueError:
                raise At(_("unbalanced braces { } in the text"), i) from None
            for name in names:
                if name not in TEXT_PLACEHOLDERS:
                    raise At(
                        _("unknown placeholder {{{name}}}; allowed: {allowed}").format(
                            name=name, allowed=", ".join(TEXT_PLACEHOLDERS)
                        ),
                        i,
                    )
        return v


class Reason(Strict):
    id: Id
    name: Text
    share: float = Field(ge=0, le=1)
    priority: int = Field(ge=1, le=5)
    fcr: float = Field(ge=0, le=1, description="chance of resolution at first contact")
    handle: dict[str, Dist]
    complaint: bool = False
    texts: ReasonTexts


class Channel(Strict):
    id: Id
    name: Text
    kind: ChannelKind
    concurrency: int = Field(default=1, ge=1, le=10)

    @model_validator(mode="after")
    def _deferred_single(self) -> Channel:
        if self.kind == "deferred" and self.concurrency != 1:
            raise ValueError(_("concurrency applies only to real-time channels"))
        return self


class DemandEvent(Strict):
    date: dt.date
    factor: float = Field(gt=0, le=20)
    reason: str | None = None
    label: Text


MAX_VOLUME = 200_000  # contacts a day: beyond this a run would not fit in memory
MAX_FACTOR = 10.0  # a weekday or holiday ten times the average weekday is a typo


def _volume(v: float) -> float:
    if not math.isfinite(v) or not 0 <= v <= MAX_VOLUME:
        raise ValueError(
            _("«{value}» is out of range: the volume must be at least 0 and at most {max} "
              "contacts a day").format(value=v, max=decimal(MAX_VOLUME, 0))
        )
    return v


def _factor(v: float) -> float:
    if not math.isfinite(v) or not 0 <= v <= MAX_FACTOR:
        raise ValueError(
            _("«{value}» is out of range: a demand factor must be at least 0 and at most {max}").format(
                value=v, max=decimal(MAX_FACTOR, 0)
            )
        )
    return v


Factor = Annotated[float, AfterValidator(_factor)]
Week = Annotated[list[Factor], Field(min_length=7, max_length=7)]


class Demand(Strict):
    volume_per_weekday: Annotated[float, AfterValidator(_volume)] = Field(
        description="contacts on an average Monday-Friday")
    # Monday … Sunday: one list for every channel, or one list per channel (a line
    # closed on Sunday gets no Sunday calls while email still arrives).
    weekday_factors: Week | dict[str, Week]
    holiday_factor: Factor | dict[str, Factor] = 0.15
    channel_mix: dict[str, float]
    intraday: dict[str, list[float]]
    events: list[DemandEvent] = []

    def weekday_factors_of(self, channel: str) -> list[float]:
        f = self.weekday_factors
        return f[channel] if isinstance(f, dict) else f

    def holiday_factor_of(self, channel: str) -> float:
        f = self.holiday_factor
        return f[channel] if isinstance(f, dict) else f

    @field_validator("channel_mix")
    @classmethod
    def _mix(cls, v: dict[str, float]) -> dict[str, float]:
        check_shares(v, _("channel mix"))
        return v

    @field_validator("intraday")
    @classmethod
    def _profiles(cls, v: dict[str, list[float]]) -> dict[str, list[float]]:
        for channel, profile in v.items():
            if len(profile) not in (24, 96):
                raise ValueError(
                    _(
                        "the intraday profile of «{channel}» has {n} values: it needs 24 "
                        "(one per hour) or 96 (one per quarter hour)"
                    ).format(channel=channel, n=len(profile))
                )
            check_shares(profile, _("intraday profile of «{channel}»").format(channel=channel))
        return v


# Costs in euro: negative ones would print negative totals; the caps are far above any
# real tariff and keep the sums finite.
PerMinute = Annotated[float, Field(ge=0, le=1000)]
PerContact = Annotated[float, Field(ge=0, le=100_000)]


class Costs(Strict):
    currency: str = Field(default="EUR", min_length=1, max_length=10)
    per_minute: dict[str, PerMinute] = Field(
        default={}, description="connection cost (wait + handle) per channel")
    per_contact: dict[str, PerContact] = {}
    overhead_per_day: float = Field(default=0.0, ge=0, le=10_000_000)


class Scenario(Strict):
    id: Id
    title: Text
    description: Text
    seed: int = Field(ge=0, le=MAX_SEED)
    calendar: Calendar
    company: Company
    segments: list[Segment] = Field(min_length=1)
    reasons: list[Reason] = Field(min_length=1)
    channels: list[Channel] = Field(min_length=1)
    demand: Demand
    costs: Costs = Costs()

    @model_validator(mode="after")
    def _consistent(self) -> Scenario:
        channels = [c.id for c in self.channels]
        unique_ids(channels, _("channel"), "channels")
        unique_ids([s.id for s in self.segments], _("segment"), "segments")
        unique_ids([r.id for r in self.reasons], _("reason"), "reasons")
        check_shares([s.share for s in self.segments], _("segment shares"))
        check_shares([r.share for r in self.reasons], _("reason shares"))
        _same_keys(self.demand.channel_mix, channels, ("demand", "channel_mix"))
        _same_keys(self.demand.intraday, channels, ("demand", "intraday"))
        for key in ("weekday_factors", "holiday_factor"):
            per_channel = getattr(self.demand, key)
            if isinstance(per_channel, dict):
                _same_keys(per_channel, channels, ("demand", key))
        for i, s in enumerate(self.segments):
            _same_keys(s.channel_preference, channels, ("segments", i, "channel_preference"))
            _known(s.patience, channels, ("segments", i, "patience"))
        for i, r in enumerate(self.reasons):
            _same_keys(r.handle, channels, ("reasons", i, "handle"))
        _known(self.costs.per_minute, channels, ("costs", "per_minute"))
        _known(self.costs.per_contact, channels, ("costs", "per_contact"))
        reasons = [r.id for r in self.reasons]
        for i, e in enumerate(self.demand.events):
            if e.reason is not None and e.reason not in reasons:
                raise At(
                    _("unknown reason «{reason}»; the reasons are: {known}").format(
                        reason=e.reason, known=", ".join(reasons)
                    ),
                    "demand", "events", i, "reason",
                )
        return self

    def channel(self, channel_id: str) -> Channel:
        return next(c for c in self.channels if c.id == channel_id)


def _same_keys(mapping: dict[str, object], channels: list[str], path: tuple) -> None:
    missing = [c for c in channels if c not in mapping]
    if missing:
        raise At(ngettext("missing channel: {missing}", "missing channels: {missing}",
                          len(missing)).format(missing=", ".join(missing)), *path)
    _known(mapping, channels, path)


def _known(mapping: dict[str, object], channels: list[str], path: tuple) -> None:
    for c in mapping:
        if c not in channels:
            raise At(
                _("unknown channel «{channel}»; the channels are: {known}").format(
                    channel=c, known=", ".join(channels)
                ),
                *path, c,
            )
