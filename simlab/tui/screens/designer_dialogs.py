"""The designer's «Save as» dialog: the new id of the care model (the checks are
`lab.designer.save`'s, which says what is wrong with an id)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from simlab.i18n import _
from simlab.tui.screens.base import LabModal


class SaveAsScreen(LabModal):
    """Dismisses with the id typed, or None."""

    def __init__(self, suggested: str) -> None:
        super().__init__()
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="save-as-dialog"):
            yield Static(_("Save the care model in the workspace with a new id (lowercase "
                           "letters, digits, - and _). The shipped models stay as they are."),
                         classes="question")
            yield Label(_("New id"), classes="field-label")
            yield Input(self.suggested, id="save-as-id")
            with Horizontal(classes="buttons"):
                yield Button(_("Save"), id="save-as-ok", variant="primary")
                yield Button(_("Cancel"), id="save-as-cancel")

    def on_mount(self) -> None:
        self.query_one("#save-as-id", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save-as-ok":
            self.dismiss(self.query_one("#save-as-id", Input).value.strip() or None)
        else:
            self.dismiss(None)
