"""A questionnaire (`*.survey.yaml`): which items of the bank it asks, to whom (customers
or the contact centre's staff), when it is sent and to what share of them.

    id: clienti-dopo-contatto
    title: {it: "Questionario dopo il contatto", en: "After-contact survey"}
    audience: customer          # customer | staff
    send: after_contact         # after_contact | periodic
    sample: 0.3                 # share of the contacts (or customers, agents) invited
    channels: [phone, chat]     # optional: only contacts of these channels
    items: [csat, nps, ces, servqual, comment]

`items` names items of the bank or the groups `servqual`, `servqual-expectation`,
`servqual-perception` and `staff`. Errors name the file, the line and the key."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from simlab.i18n import _
from simlab.model.common import At, Id, Strict, Text
from simlab.model.loader import load_text
from simlab.model.yamlio import dump, read_text
from simlab.survey.bank import GROUPS, bank

SUFFIX = ".survey.yaml"
MAX_ITEMS = 200


class Questionnaire(Strict):
    id: Id
    title: Text
    audience: Literal["customer", "staff"]
    send: Literal["after_contact", "periodic"] = "after_contact"
    sample: float = Field(gt=0, le=1)
    channels: list[str] = Field(default=[], max_length=20)
    items: list[str] = Field(min_length=1, max_length=MAX_ITEMS)

    @model_validator(mode="after")
    def _items_in_bank(self) -> Questionnaire:
        known = bank().items
        for i, name in enumerate(self.items):
            if name in GROUPS:
                if (name == "staff") != (self.audience == "staff"):
                    raise At(_("the group «{name}» is not for the audience «{audience}»")
                             .format(name=name, audience=self.audience), "items", i)
                continue
            item = known.get(name)
            if item is None:
                raise At(_("«{name}» is not an item of the bank; allowed: {allowed}").format(
                    name=name, allowed=", ".join([*GROUPS, *_short_list(known)])), "items", i)
            if item.audience != self.audience:
                raise At(_("the item «{name}» is for the audience «{item_audience}», not "
                           "«{audience}»").format(name=name, item_audience=item.audience,
                                                   audience=self.audience), "items", i)
        if len(self.item_ids()) != len(set(self.item_ids())):
            raise At(_("an item is named twice (directly or through a group)"), "items")
        return self

    def item_ids(self) -> list[str]:
        """The items asked, groups expanded, in the questionnaire's order."""
        out: list[str] = []
        b = bank()
        for name in self.items:
            out.extend(b.group(name) if name in GROUPS else [name])
        return out


def _short_list(known) -> list[str]:
    """The bank's ids without the 44 SERVQUAL ones (the groups stand for them)."""
    return [k for k, v in known.items() if v.kind != "servqual"]


def load_questionnaire(path: str | Path) -> Questionnaire:
    path = Path(path)
    return parse_questionnaire(read_text(path), path)


def parse_questionnaire(text: str, source: str | Path) -> Questionnaire:
    return load_text(Questionnaire, text, source)


def dump_questionnaire(q: Questionnaire) -> str:
    """The YAML text of a questionnaire, as the designer saves it."""
    data = q.model_dump(exclude_defaults=False)
    data["title"] = {k: v for k, v in data["title"].items() if v}
    if not data["channels"]:
        del data["channels"]
    return dump(data)
