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
from simlab.store.paths import suggest_new_location
from simlab.store.workspace import Workspace
from simlab.tui.screens.base import LabScreen


def headline(error: SimlabError, read_only: bool = False) -> str:
    if read_only:
        return _("The workspace is read-only")
    reason = getattr(error, "reason", None)
    return {
        "missing": _("There is no workspace here yet"),
        "corrupt": _("The workspace is damaged"),
        "newer": _("The workspace comes from a newer simlab"),
        "not_a_workspace": _("This folder is not a simlab workspace"),
    }.get(reason, _("The workspace cannot be opened"))


class WorkspaceScreen(LabScreen):
    """`read_only`: a workspace that opened but cannot be written; it can be browsed as
    it is, or another folder chosen to work in."""

    def __init__(self, error: SimlabError, read_only: Workspace | None = None) -> None:
        super().__init__()
        self.error = error
        self.read_only = read_only

    @classmethod
    def keys(cls) -> list[Binding]:
        return []

    def screen_title(self) -> str:
        return _("Workspace")

    def body(self) -> ComposeResult:
        suggestion = getattr(self.error, "suggestion", None) or getattr(self.error, "path", "")
        if self.read_only is not None:
            suggestion = suggest_new_location(self.read_only.root)
        with Vertical(classes="dialog", id="workspace-dialog"):
            yield Label(headline(self.error, self.read_only is not None), classes="panel-title")
            yield Static(self.error.message, id="workspace-message")
            yield Label(_("Folder for the workspace (a new one is created if it is empty "
                          "or missing)"), classes="field-label")
            yield Input(str(suggestion), id="workspace-folder")
            yield Label("", id="workspace-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(_("Use this folder"), id="workspace-use", variant="primary")
                if self.read_only is not None:
                    yield Button(_("Browse read-only"), id="workspace-browse")
                yield Button(_("Quit"), id="workspace-quit")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.use_folder()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "workspace-use":
            self.use_folder()
        elif event.button.id == "workspace-browse" and self.read_only is not None:
            self.app.pop_screen()
            self.app.use_workspace(self.read_only)
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
        if self.read_only is not None:
            self.read_only.close()
        self.app.pop_screen()
        self.app.open_workspace(ws)

    def action_back(self) -> None:
        """Nothing behind this screen."""
