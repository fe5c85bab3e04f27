"""The rows of the next round's staffing that the trainee adds: a shift row of a team
(days, start, end, operators) with its check below it as they type, and a button that
takes the row away again. The checks are `lab.rounds_staffing`'s; the screen builds the
plan from `NewShiftRow.shift()`."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label

from simlab.i18n import _
from simlab.lab import rounds_staffing

# a new row's fields before the trainee types: an evening on weekdays, nobody on it yet
# (so a row just added is a valid plan and changes nothing)
START = {"days": "lun-ven", "start": "18:00", "end": "21:00", "agents": "0"}


def field_names() -> dict[str, str]:
    """The fields' names in the check below the row (translated when called)."""
    return {"days": _("Days"), "start": _("From"), "end": _("To"), "agents": _("Operators")}


def headings() -> Horizontal:
    """The staffing's column headings, over the rows of every team: the hours column
    holds a row's days and hours (in an added row: days, from, to)."""
    return Horizontal(
        Label(_("Team"), classes="staff-team staff-heading"),
        Label(_("Days · from–to"), classes="staff-shift staff-heading"),
        Label(_("Operators"), classes="staff-agents staff-heading"),
        classes="row staff-row", id="staff-headings")


class NewShiftRow(Vertical):
    """An added shift row of `team`; `number` makes its ids unique on the screen."""

    class Removed(Message):
        def __init__(self, row: NewShiftRow) -> None:
            super().__init__()
            self.row = row

    def __init__(self, team: str, team_name: str, number: int) -> None:
        super().__init__(id=f"addshift-{number}", classes="addshift")
        self.team, self.team_name, self.number = team, team_name, number

    def compose(self) -> ComposeResult:
        with Horizontal(classes="row staff-row"):
            yield Label(f"+ {self.team_name}", classes="staff-team")
            for field in ("days", "start", "end"):
                yield Input(START[field], placeholder=START[field], id=self.field_id(field),
                            classes=f"addshift-{field}", compact=True)
            yield Input(START["agents"], placeholder=START["agents"], id=self.field_id("agents"),
                        type="integer", classes="short", compact=True)
            yield Button("✕", id=f"addshift-{self.number}-remove", compact=True,
                         classes="addshift-remove", tooltip=_("Remove this shift row"))
        yield Label("", id=f"addshift-{self.number}-error", classes="error addshift-error")

    def field_id(self, field: str) -> str:
        return f"addshift-{self.number}-{field}"

    def shift(self) -> rounds_staffing.NewShift:
        """The row as typed."""
        values = {f: self.query_one(f"#{self.field_id(f)}", Input).value
                  for f in rounds_staffing.NEW_FIELDS}
        return rounds_staffing.NewShift(self.team, **values)

    def on_mount(self) -> None:
        self.show_check()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()  # the screen's own check is for the existing rows' fields
        self.show_check()

    def show_check(self) -> None:
        """Each wrong field marked, and its problem named below the row."""
        problems = rounds_staffing.check_new_shift(self.shift())
        names = field_names()
        for field, problem in problems.items():
            self.query_one(f"#{self.field_id(field)}", Input).set_class(bool(problem),
                                                                          "-invalid")
        text = "; ".join(f"{names[f]}: {p}" for f, p in problems.items() if p)
        error = self.query_one(f"#addshift-{self.number}-error", Label)
        error.update(text)
        error.display = bool(text)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == f"addshift-{self.number}-remove":
            event.stop()
            self.post_message(self.Removed(self))
