"""The item bank of the satisfaction surveys: every question a questionnaire may ask,
with its scale, read from `simlab/data/survey_bank.yaml` (shipped with the package).

The 22 SERVQUAL statements are written once, each with its expectation and perception
text; the bank expands them into 44 items, `sq_e_01` … `sq_e_22` and `sq_p_01` …
`sq_p_22`, so that a questionnaire, the responses file and the analysis all name single
items."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field

from simlab.model.common import Id, Strict, Text
from simlab.model.loader import load_file

BANK_FILE = Path(__file__).resolve().parent.parent / "data" / "survey_bank.yaml"

Audience = Literal["customer", "staff"]
Kind = Literal["csat", "nps", "ces", "servqual", "staff", "comment"]
SERVQUAL_DIMENSIONS = ("tangibles", "reliability", "responsiveness", "assurance", "empathy")
STAFF_DIMENSIONS = ("workload", "shifts", "tools", "training", "climate", "stay")
# Groups a questionnaire may name instead of listing items one by one.
GROUPS = ("servqual", "servqual-expectation", "servqual-perception", "staff")


class Scale(Strict):
    min: int | None = None
    max: int | None = None
    low: Text | None = None
    high: Text | None = None
    open: bool = False


class BankItem(Strict):
    id: Id
    audience: Audience
    kind: Kind
    scale: str
    dimension: str | None = None
    text: Text


class ServqualStatement(Strict):
    dimension: Literal["tangibles", "reliability", "responsiveness", "assurance", "empathy"]
    expectation: Text
    perception: Text


class Servqual(Strict):
    scale: str
    items: list[ServqualStatement] = Field(min_length=22, max_length=22)


class Theme(Strict):
    id: Id
    name: Text
    keywords: list[str] = Field(min_length=1)
    templates: list[str] = Field(min_length=1)


class Themes(Strict):
    customer: list[Theme]
    staff: list[Theme]


class BankFile(Strict):
    scales: dict[str, Scale]
    dimensions: dict[str, Text]
    items: list[BankItem]
    servqual: Servqual
    themes: Themes


@dataclass(frozen=True)
class Item:
    """One question of the bank, its scale resolved."""

    id: str
    audience: str
    kind: str
    text: Text
    dimension: str | None
    part: str | None  # SERVQUAL: "expectation" or "perception"
    low: int | None  # None for an open question
    high: int | None
    low_label: Text | None = None
    high_label: Text | None = None

    @property
    def open(self) -> bool:
        return self.low is None


@dataclass(frozen=True)
class Bank:
    items: dict[str, Item]  # in the bank's order
    dimensions: dict[str, Text]
    themes: dict[str, list[Theme]]  # by audience

    def group(self, name: str) -> list[str]:
        """The item ids of a group (see GROUPS)."""
        if name == "staff":
            return [i.id for i in self.items.values() if i.kind == "staff"]
        part = {"servqual-expectation": "expectation",
                "servqual-perception": "perception"}.get(name)
        return [i.id for i in self.items.values() if i.kind == "servqual"
                and (part is None or i.part == part)]

    def dimension_name(self, dimension: str) -> str:
        text = self.dimensions.get(dimension)
        return str(text) if text is not None else dimension


@lru_cache(maxsize=1)
def bank() -> Bank:
    return build(load_file(BankFile, BANK_FILE))


def build(data: BankFile) -> Bank:
    items: dict[str, Item] = {}
    for it in data.items:
        items[it.id] = _item(it.id, it.audience, it.kind, it.text, it.dimension, None,
                             data.scales[it.scale])
    sq_scale = data.scales[data.servqual.scale]
    for part, prefix in (("expectation", "sq_e"), ("perception", "sq_p")):
        for n, st in enumerate(data.servqual.items, start=1):
            item_id = f"{prefix}_{n:02d}"
            items[item_id] = _item(item_id, "customer", "servqual", getattr(st, part),
                                   st.dimension, part, sq_scale)
    return Bank(items=items, dimensions=dict(data.dimensions),
                themes={"customer": list(data.themes.customer),
                        "staff": list(data.themes.staff)})


def _item(item_id: str, audience: str, kind: str, text: Text, dimension: str | None,
          part: str | None, scale: Scale) -> Item:
    return Item(id=item_id, audience=audience, kind=kind, text=text,
                dimension=dimension, part=part,
                low=None if scale.open else scale.min, high=None if scale.open else scale.max,
                low_label=scale.low, high_label=scale.high)
