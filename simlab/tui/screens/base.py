"""What every lab screen has: a title bar, its keys in the user's language, a footer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer

from simlab.i18n import _
from simlab.tui.keys import KeysMixin
from simlab.tui.widgets.titlebar import TitleBar


class LabScreen(KeysMixin, Screen):
    # The stylesheet lays a screen out differently when it is narrow (an 80-column
    # terminal) or short (24 lines): panels stack, margins shrink, the rest scrolls.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._install_keys()

    @classmethod
    def keys(cls) -> list[Binding]:
        return [Binding("escape", "back", _("Back"))]

    def screen_title(self) -> str:
        """Shown in the title bar."""
        return ""

    def compose(self) -> ComposeResult:
        yield TitleBar(self.screen_title())
        yield from self.body()
        yield Footer(compact=True)  # so that a screen's keys fit in 80 columns

    def body(self) -> ComposeResult:
        yield from ()

    def action_back(self) -> None:
        self.app.pop_screen()

    def refresh_person(self) -> None:
        for bar in self.query(TitleBar):
            bar.refresh_person()

    def screen_commands(self):
        """Commands of this screen for the palette (SystemCommand)."""
        return []


class LabModal(KeysMixin, ModalScreen):
    HORIZONTAL_BREAKPOINTS = LabScreen.HORIZONTAL_BREAKPOINTS
    VERTICAL_BREAKPOINTS = LabScreen.VERTICAL_BREAKPOINTS

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._install_keys()

    @classmethod
    def keys(cls) -> list[Binding]:
        return [Binding("escape", "close", _("Close"))]

    def action_close(self) -> None:
        self.dismiss(None)
