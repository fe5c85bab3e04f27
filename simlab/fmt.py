"""Numbers, durations and dates for people: Italian format by default (1.234,5;
02/03/2026), English with --lang en. Only the display layers (CLI, TUI, reports) use it."""

from __future__ import annotations

import datetime as dt
import math

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from simlab.i18n import language

DASH = "—"


def _locale() -> str:
    return "en_GB" if language() == "en" else "it_IT"


def _missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def number(x: float | int | None, digits: int = 0) -> str:
    if _missing(x):
        return DASH
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(x, format=pattern, locale=_locale())


def percent(x: float | None, digits: int = 1) -> str:
    if _missing(x):
        return DASH
    return format_percent(x, format="#,##0." + "0" * digits + "%", locale=_locale())


def seconds(x: float | None, digits: int = 1) -> str:
    return DASH if _missing(x) else f"{number(x, digits)} s"


def duration(x: float | None) -> str:
    """A wait as people say it: «42 s», «5 min 12 s», «8 h 33 min»."""
    if _missing(x):
        return DASH
    total = int(round(float(x)))  # type: ignore[arg-type]
    if total < 60:
        return f"{total} s"
    if total < 3600:
        return f"{total // 60} min {total % 60} s"
    return f"{number(total // 3600)} h {total % 3600 // 60} min"


def hours(x: float | None, digits: int = 1) -> str:
    return DASH if _missing(x) else f"{number(x, digits)} h"


def euro(x: float | None) -> str:
    return DASH if _missing(x) else f"€ {number(x, 2)}"


def date(d: dt.date) -> str:
    return format_date(d, format="dd/MM/yyyy", locale=_locale())


def plan_clock(seconds: float) -> str:
    """A shift's time as a plan writes it: the end of the day stays «24:00» (`clock`,
    a time of day, shows it as «00:00»)."""
    s = int(seconds)
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}"


def clock(seconds_of_day: float) -> str:
    s = int(seconds_of_day) % 86400
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}"


def value(x: object, unit: str) -> str:
    """A KPI value by its unit (see analysis.kpi.Kpi.unit)."""
    if unit == "ratio":
        return percent(x)  # type: ignore[arg-type]
    if unit == "seconds":
        return seconds(x)  # type: ignore[arg-type]
    if unit == "hours":
        return hours(x)  # type: ignore[arg-type]
    if unit == "eur":
        return euro(x)  # type: ignore[arg-type]
    return number(x)  # type: ignore[arg-type]
