"""The command palette in the user's language: its placeholder, its "no matches" line,
the theme picker, and the system commands (Textual's own, translated, plus ours)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from rich.align import Align
from rich.text import Text
from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets.option_list import Option

from simlab import i18n
from simlab.i18n import _

if TYPE_CHECKING:
    from textual.screen import Screen

DARK, LIGHT = "textual-dark", "textual-light"


def theme_names() -> dict[str, str]:
    return {DARK: _("Dark theme"), LIGHT: _("Light theme")}


class LabPalette(CommandPalette):
    """Textual's palette, with its own English texts replaced."""

    def __init__(self, providers=None, *, placeholder: str | None = None, **kwargs) -> None:
        super().__init__(providers, placeholder=placeholder or _("Search for commands…"),
                         **kwargs)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual 8.2.8's method, with the message through _().
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(_("No matches found"), style="not bold")),
                    disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


class ThemeCommands(Provider):
    """The two lab themes, by their translated names."""

    def _commands(self) -> list[tuple[str, str]]:
        return list(theme_names().items())

    async def discover(self) -> Hits:
        for theme, name in self._commands():
            yield DiscoveryHit(name, partial(self.app.set_lab_theme, theme))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for theme, name in self._commands():
            if (score := matcher.match(name)) > 0:
                yield Hit(score, matcher.highlight(name), partial(self.app.set_lab_theme, theme))


def system_commands(app, screen: Screen) -> Iterable[SystemCommand]:
    """What the palette lists: where to go, what this screen can do, then the app's own."""
    from simlab.tui.areas import areas

    if app.ws is not None:
        yield SystemCommand(_("Home"), _("Back to the home screen"), app.action_go_home)
        for area in areas():
            yield SystemCommand(area.title(), area.summary(), partial(area.open, app))
        yield SystemCommand(_("Change person"), _("Say who is using the lab"),
                            app.action_change_person)
    yield from getattr(screen, "screen_commands", lambda: [])()
    yield SystemCommand(_("Help"), _("Keys, and what each indicator means with its formula"),
                        app.action_help)
    yield SystemCommand(_("Change theme"), _("Choose the light or the dark theme"),
                        app.action_change_theme)
    if i18n.language() == "it":
        yield SystemCommand(_("Switch to English"), _("Show the lab in English for this session"),
                            partial(app.switch_language, "en"))
    else:
        yield SystemCommand(_("Switch to Italian"), _("Show the lab in Italian for this session"),
                            partial(app.switch_language, "it"))
    if screen.maximized is not None:
        yield SystemCommand(_("Minimize"), _("Minimize the widget and restore to normal size"),
                            screen.action_minimize)
    elif screen.focused is not None and screen.focused.allow_maximize:
        yield SystemCommand(_("Maximize"), _("Maximize the focused widget"),
                            screen.action_maximize)
    yield SystemCommand(_("Screenshot"), _("Save an SVG picture of the screen in this folder"),
                        app.action_lab_screenshot)
    yield SystemCommand(_("Quit"), _("Close the lab (your work is already saved)"),
                        app.action_quit)
