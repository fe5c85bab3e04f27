"""Where to export a run's results, and in which format."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from simlab import fmt
from simlab.i18n import _
from simlab.reports.export import XLSX_CONTACT_LIMIT
from simlab.tui.screens.base import LabModal
from simlab.tui.widgets.autosave import Autosave

DRAFT = "tui.export-folder"
FORMATS = {"csv": ("csv",), "xlsx": ("xlsx",), "both": ("csv", "xlsx")}


class ExportScreen(LabModal):
    """Dismisses with {"folder": Path, "formats": ("csv", …)} or None."""

    def __init__(self, default_folder: Path, contacts: int, selection: str) -> None:
        super().__init__()
        self.default_folder = default_folder
        self.contacts = contacts
        self.selection = selection

    def compose(self) -> ComposeResult:
        folder = self.app.ws.draft(DRAFT) or str(self.default_folder)
        with Vertical(classes="dialog", id="export-dialog"):
            yield Label(_("Export the results"), classes="panel-title")
            what = _("The indicator tables (by channel, by day, by time of day, teams, costs) "
                     "and {n} contacts ({selection}).").format(
                n=fmt.number(self.contacts), selection=self.selection)
            if self.contacts > XLSX_CONTACT_LIMIT:
                what += " " + _("The XLSX workbook keeps the first {limit}; the CSV has them "
                                "all.").format(limit=fmt.number(XLSX_CONTACT_LIMIT))
            yield Static(what)
            yield Label(_("Folder"), classes="field-label")
            yield Input(folder, id="export-folder")
            yield Label(_("Format"), classes="field-label")
            with RadioSet(id="export-format"):
                yield RadioButton(_("CSV files (one per table)"), id="format-csv")
                yield RadioButton(_("XLSX workbook (one sheet per table)"), id="format-xlsx")
                yield RadioButton(_("Both"), id="format-both", value=True)
            yield Label("", id="export-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(_("Export"), id="export-go", variant="primary")
                yield Button(_("Cancel"), id="export-cancel")

    def on_mount(self) -> None:
        self.autosave = Autosave(self, DRAFT)

    def on_unmount(self) -> None:
        self.autosave.close()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.autosave.schedule(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.go()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-go":
            self.go()
        else:
            self.dismiss(None)

    def go(self) -> None:
        folder = self.query_one("#export-folder", Input).value.strip()
        if not folder:
            self.query_one("#export-error", Label).update(_("Write the folder to use."))
            return
        pressed = self.query_one(RadioSet).pressed_button
        key = pressed.id.removeprefix("format-") if pressed is not None and pressed.id else "both"
        self.dismiss({"folder": Path(folder).expanduser(), "formats": FORMATS[key]})
