"""The Italian subject and body of a contact, rendered on demand from its reason's
templates: the world stores only which template and a number for the details, so a
million contacts carry no strings until someone opens one."""

from __future__ import annotations

import datetime as dt
import re

MONTHS_IT = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
             "agosto", "settembre", "ottobre", "novembre", "dicembre")


def fill(template: str, values: dict[str, str]) -> str:
    # "{azienda}." with a name ending in "S.p.A." would end with two full stops
    return re.sub(r"(?<!\.)\.\.(?!\.)", ".", template.format_map(_Strict(values)))


def details(detail: int, arrival: dt.datetime) -> dict[str, str]:
    """Case number, amount, a recent date and the previous month, from one drawn number."""
    earlier = arrival.date() - dt.timedelta(days=1 + detail % 28)
    amount = 25 + (detail // 29) % 40000 / 100
    previous = (arrival.month - 2) % 12
    return {
        "pratica": f"{1_000_000 + detail % 9_000_000}",
        "importo": f"{amount:,.2f}".replace(",", "X").replace(".", ",").replace("X", "."),
        "data": earlier.strftime("%d/%m/%Y"),
        "mese": MONTHS_IT[previous],
    }


class _Strict(dict):
    def __missing__(self, key: str) -> str:
        raise KeyError(key)
