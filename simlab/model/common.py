"""Building blocks shared by every schema: texts, days and hours, shares."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_serializer,
    field_validator,
    model_validator,
)

from simlab.i18n import _, decimal, language


class At(ValueError):
    """A validation message with the path (below the validated object) it is about,
    so that the loader can point at the right line of the YAML file."""

    def __init__(self, message: str, *path: str | int) -> None:
        super().__init__(message)
        self.path = path


# Ids name files and folders: lowercase, and short enough for any file system.
Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]
MAX_SEED = 2**63 - 1  # stored as text, but kept within what every tool reads as an integer


def unique_ids(ids: list[str], what: str, *path: str | int) -> None:
    """Refuse a repeated id, pointing at its second occurrence (`path` + index + "id")."""
    seen: set[str] = set()
    for i, value in enumerate(ids):
        if value in seen:
            raise At(_("the {what} id «{id}» appears twice").format(what=what, id=value),
                     *path, i, "id")
        seen.add(value)


class Strict(BaseModel):
    """Base of every schema: unknown keys are mistakes, not silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A content text, Italian required, English optional."""

    it: str = Field(min_length=1, max_length=20_000)
    en: str | None = Field(default=None, max_length=20_000)

    def __str__(self) -> str:
        return (self.en or self.it) if language() == "en" else self.it


# The distributions (`Dist`) live in simlab/model/distributions.py.


# --- days of the week and times of day ---------------------------------------------------

_DAY_NAMES = {
    "lun": 0, "mar": 1, "mer": 2, "gio": 3, "ven": 4, "sab": 5, "dom": 6,
    "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
}
DAY_LABELS_IT = ("lun", "mar", "mer", "gio", "ven", "sab", "dom")


def parse_days(value: object) -> tuple[int, ...]:
    """Weekdays as 0 (Monday) … 6: "lun-ven", "sab", "tutti", or a list of names/numbers."""
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("tutti", "all", "lun-dom", "mon-sun"):
            return tuple(range(7))
        days: list[int] = []
        for part in text.replace(" ", "").split(","):
            if "-" in part:
                first, last = part.split("-", 1)
                a, b = _day(first), _day(last)
                if b < a:
                    raise ValueError(_("the range «{text}» goes backwards").format(text=part))
                days.extend(range(a, b + 1))
            else:
                days.append(_day(part))
        return tuple(sorted(set(days)))
    if isinstance(value, list):
        return tuple(sorted({_day(v) for v in value}))
    raise ValueError(_("days must be written like «lun-ven», «sab» or a list of days"))


def _day(value: object) -> int:
    if isinstance(value, int) and 1 <= value <= 7:
        return value - 1
    key = str(value).strip().lower()[:3]
    if key in _DAY_NAMES:
        return _DAY_NAMES[key]
    raise ValueError(
        _("unknown day «{day}»: use lun, mar, mer, gio, ven, sab, dom").format(day=value)
    )


def parse_clock(value: object) -> int:
    """A time of day "HH:MM" (up to "24:00") as seconds after midnight."""
    text = str(value).strip()
    try:
        hours, minutes = text.split(":")
        h, m = int(hours), int(minutes)
    except ValueError:
        raise ValueError(_("«{value}» is not a time like «08:30»").format(value=value)) from None
    if not (0 <= h <= 24 and 0 <= m < 60) or (h == 24 and m):
        raise ValueError(_("«{value}» is not a time like «08:30»").format(value=value))
    return h * 3600 + m * 60


_DAY = {"anyOf": [
    {"type": "string", "pattern": "^\\s*[A-Za-z]{3}[A-Za-z]*\\s*$"},
    {"type": "integer", "minimum": 1, "maximum": 7},
]}
DAYS_SCHEMA = {"anyOf": [
    {"type": "string", "minLength": 1},
    {"type": "array", "items": _DAY, "minItems": 1},
]}
CLOCK_SCHEMA = {"type": "string", "pattern": "^\\s*[0-9]{1,2}:[0-9]{2}\\s*$"}


class Window(Strict):
    """Weekly hours: these days, from this time to that time (same day)."""

    # What the YAML holds (texts like "lun-ven" and "08:30"), not the parsed numbers: the
    # JSON Schema must describe what the loader accepts.
    days: Annotated[tuple[int, ...], WithJsonSchema(DAYS_SCHEMA)]
    start: Annotated[int, WithJsonSchema(CLOCK_SCHEMA)] = Field(alias="from")
    end: Annotated[int, WithJsonSchema(CLOCK_SCHEMA)] = Field(alias="to")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("days", mode="before")
    @classmethod
    def _days(cls, v: object) -> tuple[int, ...]:
        return parse_days(v)

    @field_validator("start", "end", mode="before")
    @classmethod
    def _clock(cls, v: object) -> int:
        return parse_clock(v)

    @field_serializer("start", "end")
    def _clock_text(self, v: int) -> str:
        return f"{v // 3600:02d}:{v % 3600 // 60:02d}"

    @field_serializer("days")
    def _days_text(self, v: tuple[int, ...]) -> list[str]:
        return [DAY_LABELS_IT[d] for d in v]

    @model_validator(mode="after")
    def _order(self) -> Window:
        if self.end <= self.start:
            raise ValueError(_("the end time must come after the start time"))
        return self


def check_shares(shares: dict[str, float] | list[float], what: str) -> None:
    """Shares must be finite, non-negative and sum to 1 (to 0.001)."""
    values = list(shares.values()) if isinstance(shares, dict) else list(shares)
    for v in values:
        if not math.isfinite(v):  # a NaN passes every comparison below, and crashes the run
            raise ValueError(
                _("{what}: «{value}» is not a share: use numbers from 0 to 1").format(
                    what=what, value=v
                )
            )
    total = math.fsum(values)
    if any(v < 0 for v in values):
        raise ValueError(_("{what}: shares cannot be negative").format(what=what))
    if abs(total - 1.0) > 1e-3:
        raise ValueError(
            _("{what}: the shares sum to {total}, they must sum to 1").format(
                what=what, total=decimal(total, 4)
            )
        )
