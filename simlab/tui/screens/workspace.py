"""When the workspace cannot be opened (missing, damaged, newer, not a workspace): say
so plainly and offer another folder. Nothing is ever overwritten: the store refuses a
folder that holds anything but a simlab workspace."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.tui.screens.base import LabScreen


def headline(error: SimlabError) -> str:
    reason = getattr(error, "reason", None)
    return {
        "missing": _("There is no workspace here yet"),
        "corrupt": _("The workspace is damaged"),
        "newer": _("The workspace comes from a newer simlab"),
        "not_a_workspace": _("This folder is not a simlab workspace"),
    }.get(reason, _("The workspace cannot be opened"))


class WorkspaceScreen(LabScreen):
    def __init__(self, error: SimlabError) -> None:
        super().__init__()
        self.error = error

    @classmethod
    def keys(cls) -> list[Binding]:
        return []

    def screen_title(self) -> str:
        return _("Workspace")

    def body(self) -> ComposeResult:
        suggestion = getattr(self.error, "suggestion", None) or getattr(self.error, "path", "")
        with Vertical(classes="dialog", id="workspace-dialog"):
            yield Label(headline(self.error), classes="panel-title")
            yield Static(self.error.message, id="workspace-message")
            yield Label(_("Folder for the workspace (a new one is created if it is empty "
                          "or missing)"), classes="field-label")
            yield Input(str(suggestion), id="workspace-folder")
            yield Label("", id="workspace-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(_("Use this folder"), id="workspace-use", variant="primary")
                yield Button(_("Quit"), id="workspace-quit")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.use_folder()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "workspace-use":
            self.use_folder()
        elif event.button.id == "workspace-quit":
            self.app.exit(0)

    def use_folder(self) -> None:
        from simlab.store.workspace import Workspace

        folder = self.query_one("#workspace-folder", Input).value.strip()
        error = self.query_one("#workspace-error", Label)
        if not folder:
            error.update(_("Write the folder to use."))
            return
        try:
            ws = Workspace.open(folder, create=True)
        except SimlabError as e:
            error.update(e.message)  # the folder stays in the field, to be corrected
            return
        self.app.pop_screen()
        self.app.use_workspace(ws)

    def action_back(self) -> None:
        """Nothing behind this screen."""
