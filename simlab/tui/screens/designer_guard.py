"""The designer's guard over unsaved work: every change is autosaved as a draft of the
model being edited (restored when that model is opened again, one undo step away from
the saved model), and switching model or scenario, or leaving the designer, with
unsaved changes first asks the trainee (docs/designer.md)."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Select

from simlab.i18n import _
from simlab.lab import designer_draft
from simlab.tui.screens.confirm import ConfirmScreen
from simlab.tui.widgets.autosave import Autosave


class DraftGuard:
    """Mixed into DesignerScreen, which holds `opened`, `data`, `saved_data`, `history`."""

    autosave: Autosave | None = None

    def unsaved(self) -> bool:
        return self.opened is not None and self.data != self.saved_data

    def start_draft(self) -> None:
        """After a model is opened: its own autosave, and its draft back if it has one."""
        if self.autosave is not None:
            self.autosave.close()
        self.autosave = Autosave(self, designer_draft.key(self.opened))
        restored = designer_draft.restore(self.app.ws, self.opened)
        if restored is None:
            return
        self.data = restored
        self.history.record(restored, None)  # one undo step back to the saved model
        self.notify(_("Unsaved changes of «{id}» restored from the draft: Ctrl+S saves "
                      "them, Ctrl+Z goes back to the saved model.").format(
            id=self.opened.source.id), title=_("Draft"))

    def keep_draft(self) -> None:
        """After every change or undo: the draft follows the data (none when it is the
        saved model again)."""
        if self.autosave is None:
            return
        if self.unsaved():
            self.autosave.schedule(designer_draft.text(self.data))
        else:
            self.autosave.discard()

    def drop_draft(self) -> None:
        """The model was saved for real."""
        if self.autosave is not None:
            self.autosave.discard()

    def ask_to_leave(self, then: Callable[[], None],
                     stay: Callable[[], None] | None = None) -> None:
        """`then()` at once without unsaved changes; else after the trainee says so
        (the draft is kept either way)."""
        if not self.unsaved():
            then()
            return
        if self.autosave is not None:
            self.autosave.flush()

        def answered(leave: bool | None) -> None:
            if leave:
                then()
            elif stay is not None:
                stay()

        self.app.push_screen(ConfirmScreen(
            _("«{id}» has unsaved changes. They stay as a draft, offered again when you "
              "open this model; leave it anyway?").format(id=self.opened.source.id),
            _("Leave"), _("Stay")), answered)

    def action_back(self) -> None:
        self.ask_to_leave(self.app.pop_screen)

    def revert_select(self, select_id: str, value: str | None) -> None:
        """The trainee chose to stay: the select shows the model still open."""
        select = self.query_one(select_id, Select)
        with select.prevent(Select.Changed):
            select.value = value if value is not None else Select.NULL

    def on_unmount(self) -> None:
        if self.autosave is not None:
            self.autosave.close()
