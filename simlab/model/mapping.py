"""The mapping of an external contact log (`simlab import`): which column of the file
gives each field of a contact, how times are written, what the outcome codes mean and
which rows are not contacts (docs/data-dictionary.md, "Imported logs")."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from simlab.i18n import _
from simlab.model.care import ServiceTarget, TicketTarget
from simlab.model.common import At, Id, Strict, Text

# contact columns a mapping may fill from the file (or with one value for every row)
FIELDS = ("channel", "customer_id", "queue", "reason", "segment", "priority", "agent_id",
          "team")
OUTCOMES = ("answered", "abandoned", "open", "out_of_hours")
DELIMITERS = {"tab": "\t", "comma": ",", "semicolon": ";"}


class FieldSpec(Strict):
    """A column of the file, or one `value` for every row; `missing` lists the codes that
    mean "not known" (e.g. customer 0, agent NO_SERVER)."""

    column: str | None = None
    value: str | None = None
    missing: list[str] = Field(default=[], max_length=100)

    @model_validator(mode="after")
    def _one_source(self) -> FieldSpec:
        if (self.column is None) == (self.value is None):
            raise ValueError(_("give either «column» or «value»"))
        return self


class TimeSpec(Strict):
    """A time column. `hms`: a clock time H:MM:SS; `seconds`: a number of seconds; any
    other format is a strftime pattern (e.g. %y%m%d for a date, %d/%m/%Y %H:%M:%S)."""

    column: str
    format: str = Field(min_length=1, max_length=40)


class Outcome(Strict):
    column: str
    codes: dict[str, Literal["answered", "abandoned", "open", "out_of_hours"]] = Field(
        min_length=1, max_length=100)


class NotContact(Strict):
    """Rows that are not contacts (e.g. a call that never asked for an operator): every
    listed column holds one of its values. They are counted by reason, never kept."""

    reason: Text
    when: dict[str, list[str]] = Field(min_length=1, max_length=20)


class Targets(Strict):
    """What the KPIs of the imported log are checked against (a care model's fields)."""

    service_level: dict[str, ServiceTarget] = {}
    tickets: dict[str, TicketTarget] = {}


class Mapping(Strict):
    id: Id
    title: Text
    delimiter: Literal["tab", "comma", "semicolon"] = "comma"
    encoding: Literal["utf-8", "utf-8-sig", "latin-1", "cp1252"] = "utf-8"
    fields: dict[str, FieldSpec] = Field(description="contact field: where it comes from")
    date: TimeSpec | None = Field(default=None, description="the day, if arrival is a clock")
    arrival: TimeSpec
    wait: TimeSpec
    handle: TimeSpec
    outcome: Outcome
    not_contacts: list[NotContact] = Field(default=[], max_length=50)
    targets: Targets = Targets()

    @model_validator(mode="after")
    def _known_fields(self) -> Mapping:
        for name in self.fields:
            if name not in FIELDS:
                raise At(_("unknown field «{name}»; allowed: {allowed}").format(
                    name=name, allowed=", ".join(FIELDS)), "fields", name)
        if "channel" not in self.fields:
            raise At(_("the field «channel» is required (a column or one value)"), "fields")
        return self

    def columns(self) -> list[str]:
        """Every column of the file the mapping reads."""
        names = [f.column for f in self.fields.values() if f.column]
        names += [t.column for t in (self.date, self.arrival, self.wait, self.handle) if t]
        names.append(self.outcome.column)
        names += [c for n in self.not_contacts for c in n.when]
        return list(dict.fromkeys(names))
