"""The scenario to play and its numbers (seed, days or weeks, a budget): the decision
rounds' new game and the session plan's form ask them alike. The scenario list is the
workspace's catalogue with the lab's default scenario chosen; the numbers are one row of
short fields. Each part's id carries the screen's prefix (`#rounds-scenario`,
`#rounds-seed`), so the screen reads them, styles them and tests them as its own."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select

from simlab.i18n import _
from simlab.lab import catalog


@dataclass(frozen=True)
class Number:
    field: str  # the field's id after the prefix: "seed" → #rounds-seed
    label: str
    value: str = ""
    type: str = "integer"  # Input's type: "integer" or "number"


class ScenarioFields(Vertical):
    def __init__(self, prefix: str, numbers: list[Number], *, label: str | None = None) -> None:
        super().__init__()
        self.prefix, self.numbers, self.label = prefix, numbers, label

    def compose(self) -> ComposeResult:
        with Horizontal(classes="row"):
            if self.label is not None:
                yield Label(self.label, classes="field-label")
            yield Select([], prompt=_("Choose…"), id=f"{self.prefix}-scenario", compact=True)
        with Horizontal(classes="row"):
            for i, number in enumerate(self.numbers):
                # the first label lines up with the scenario's, the others follow their field
                yield Label(number.label, classes="field-label short-label" if i else
                            "field-label")
                yield Input(number.value, id=f"{self.prefix}-{number.field}", type=number.type,
                            classes="short", compact=True)

    def on_mount(self) -> None:
        scenarios = catalog.entries(self.app.ws)
        select = self.query_one(Select)
        select.set_options([(s.label, s.id) for s in scenarios])
        if any(s.id == catalog.DEFAULT_SCENARIO for s in scenarios):
            select.value = catalog.DEFAULT_SCENARIO
