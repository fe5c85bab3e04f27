"""«Save elsewhere» (w): a finished run that the workspace could not keep (read-only, or
saving failed) goes, file for file as `simlab run --out DIR` writes it, to a new or empty
folder the user names. The screens that show a fresh run take `SaveElsewhere` in."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, Static

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.tui.screens.base import LabModal


class SavedElsewhere(Message):
    """The run files were written to `folder` (or `error` says why not)."""

    bubble = False  # for the screen that asked, not the app

    def __init__(self, folder: Path, error: SimlabError | None = None) -> None:
        super().__init__()
        self.folder, self.error = folder, error


class SaveElsewhereScreen(LabModal):
    """Asks for the folder; dismisses with its Path (checked new or empty) or None."""

    def __init__(self, suggestion: Path, why: str = "") -> None:
        super().__init__()
        self.suggestion, self.why = suggestion, why

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="elsewhere-dialog"):
            yield Label(_("Save the run files to another folder"), classes="panel-title")
            if self.why:
                yield Static(self.why, id="elsewhere-why")
            yield Static(_("The same files as «simlab run --out»: run.json with every input "
                           "and the results, and the tables in Parquet. Name a new or empty "
                           "folder: nothing is ever overwritten."))
            yield Label(_("Folder"), classes="field-label")
            yield Input(str(self.suggestion), id="elsewhere-folder")
            yield Label("", id="elsewhere-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(_("Save"), id="elsewhere-go", variant="primary")
                yield Button(_("Cancel"), id="elsewhere-cancel")

    def on_mount(self) -> None:
        self.query_one("#elsewhere-folder", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.go()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "elsewhere-go":
            self.go()
        else:
            self.dismiss(None)

    def go(self) -> None:
        from simlab.lab.elsewhere import check_folder

        text = self.query_one("#elsewhere-folder", Input).value.strip()
        error = self.query_one("#elsewhere-error", Label)
        if not text:
            error.update(_("Write the folder to use."))
            return
        folder = Path(text).expanduser()
        try:
            check_folder(folder)
        except SimlabError as e:
            error.update(str(e))  # the dialog stays open, with what was typed
            return
        self.dismiss(folder)


class SaveElsewhere:
    """For a screen showing a fresh run: `elsewhere_result()` gives its `RunResult` (None:
    nothing to save); `w` asks for a folder and writes the files there in a worker."""

    saved_to: Path | None = None

    @staticmethod
    def elsewhere_binding(show: bool = True) -> Binding:
        return Binding("w", "save_elsewhere", _("Save elsewhere"), show=show,
                       tooltip=_("Save the run files to a new or empty folder"))

    def elsewhere_result(self):
        return None

    def offer_elsewhere(self, why: str = "") -> None:
        from simlab.lab.elsewhere import suggest_folder

        result = self.elsewhere_result()
        if result is None:
            return
        self.app.push_screen(SaveElsewhereScreen(suggest_folder(result), why),  # type: ignore[attr-defined]
                             self._elsewhere_chosen)

    def action_save_elsewhere(self) -> None:
        self.offer_elsewhere()

    def _elsewhere_chosen(self, folder: Path | None) -> None:
        result = self.elsewhere_result()
        if folder is not None and result is not None:
            self.write_elsewhere(result, folder)

    @work(thread=True, group="save-elsewhere")
    def write_elsewhere(self, result, folder: Path) -> None:
        from simlab.lab.elsewhere import save_elsewhere

        try:
            save_elsewhere(result, folder)
        except SimlabError as e:
            self.post_message(SavedElsewhere(folder, e))  # type: ignore[attr-defined]
            return
        self.post_message(SavedElsewhere(folder))  # type: ignore[attr-defined]

    def on_saved_elsewhere(self, message: SavedElsewhere) -> None:
        app = self.app  # type: ignore[attr-defined]
        if message.error is not None:
            app.show_error(message.error, _("The run files were not written"))
            return
        self.saved_to = message.folder
        app.notify(_("Run files written to {folder}").format(folder=message.folder.resolve()),
                   title=_("Run saved elsewhere"), timeout=10)
        self.elsewhere_saved(message.folder)

    def elsewhere_saved(self, folder: Path) -> None:
        """What the screen shows once the files are written."""
