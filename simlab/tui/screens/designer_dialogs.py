"""The designer's dialogs: «Save as» (the new id of the care model; the checks are
`lab.designer.save`'s, which says what is wrong with an id) and «Export» (where the
deliverable goes)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

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


class DesignExportScreen(LabModal):
    """Where to write the deliverable «Modello di customer care», and in which format.
    Dismisses with {"path": Path, "format": "html" | "md"} or None."""

    def __init__(self, default_path: Path) -> None:
        super().__init__()
        self.default_path = default_path

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="design-export-dialog"):
            yield Label(_("Export the deliverable «Modello di customer care»"),
                        classes="panel-title")
            yield Static(_("The catalogue, the SLA table, the hours, the targets, the sizing "
                           "and the benchmark of the saved care model, in one document."))
            yield Label(_("File"), classes="field-label")
            yield Input(str(self.default_path), id="design-export-path")
            with RadioSet(id="design-export-format"):
                yield RadioButton(_("HTML page"), id="design-format-html", value=True)
                yield RadioButton(_("Markdown"), id="design-format-md")
            with Horizontal(classes="buttons"):
                yield Button(_("Export"), id="design-export-go", variant="primary")
                yield Button(_("Cancel"), id="design-export-cancel")

    def on_mount(self) -> None:
        self.query_one("#design-export-path", Input).focus()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        """The file's suffix follows the format chosen."""
        field = self.query_one("#design-export-path", Input)
        path = Path(field.value.strip() or str(self.default_path))
        field.value = str(path.with_suffix("." + self.kind()))

    def kind(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return "md" if pressed is not None and pressed.id == "design-format-md" else "html"

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.go()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "design-export-go":
            self.go()
        elif event.button.id == "design-export-cancel":
            self.dismiss(None)

    def go(self) -> None:
        text = self.query_one("#design-export-path", Input).value.strip()
        if text:
            self.dismiss({"path": Path(text).expanduser(), "format": self.kind()})
