"""The lab app: opens the workspace, shows Home, and holds what every screen shares
(the workspace, the theme, the language, the command palette).

Only the Home screen and what it needs are imported before the first paint; the rest
(pandas, the engine, charts) loads in a background thread right after, and screens
import their modules when opened. See `benchmarks/startup.py`.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from simlab import i18n
from simlab.errors import SimlabError, os_error_text
from simlab.i18n import _, ngettext
from simlab.store.paths import ENV_VAR
from simlab.store.workspace import Workspace
from simlab.tui import commands
from simlab.tui.keys import install, translate_textual_bindings

THEME_SETTING = "tui.theme"
RUN_STOP_TIMEOUT_S = 30.0


class LabApp(App[int]):
    CSS_PATH = "lab.tcss"
    TITLE = "simlab"
    # Tests and the benchmarks turn the background imports off.
    PRELOAD = True

    def __init__(self, workspace: Path | None = None, *, explicit: bool | None = None) -> None:
        super().__init__()
        install(self, self.keys(), replace=True)
        translate_textual_bindings()
        self.workspace_path = workspace
        # A folder the user named (flag or environment) is never created unasked.
        self.explicit = (workspace is not None or bool(os.environ.get(ENV_VAR))
                         if explicit is None else explicit)
        self.ws: Workspace | None = None
        self.running = False  # a simulation is in progress (set by the run screen)
        self.live_run = None  # its liverun.LiveRun, to stop it cleanly on exit
        self.last_view = None  # the results shown last (runview.RunView)
        self.autosaves: set = set()  # widgets.autosave.Autosave with unsaved typing
        self.theme = commands.DARK

    @classmethod
    def keys(cls) -> list[Binding]:
        return [
            Binding("f1", "help", _("Help"), tooltip=_("Keys and indicators")),
            # Not in the footer, so that a screen's own keys fit at 80 columns.
            Binding("f2", "toggle_theme", _("Light/dark"), show=False,
                    tooltip=_("Switch theme")),
            Binding("ctrl+q", "quit", _("Quit"), priority=True,
                    tooltip=_("Close the lab (your work is already saved)")),
            Binding("ctrl+p", "command_palette", _("commands"), show=False, priority=True,
                    tooltip=_("Open the command palette")),
            Binding("ctrl+c", "help_quit", show=False, system=True),
        ]

    # -- start and stop ------------------------------------------------------------------

    def on_mount(self) -> None:
        from simlab.store.errors import WorkspaceError

        try:
            ws = Workspace.open(self.workspace_path, create=not self.explicit)
        except WorkspaceError as error:
            self.show_workspace_problem(error)
            return
        except SimlabError as error:
            self.show_workspace_problem(error)
            return
        self.open_workspace(ws)

    def open_workspace(self, ws: Workspace) -> None:
        """Use `ws`; one that cannot be written first asks: browse it, or another folder."""
        if ws.read_only_reason is None:
            self.use_workspace(ws)
            return
        from simlab.store.integrity import read_only_message
        from simlab.tui.screens.workspace import WorkspaceScreen

        message = read_only_message(ws.root, ws.read_only_reason)
        self.push_screen(WorkspaceScreen(SimlabError(message), read_only=ws))

    def show_workspace_problem(self, error: SimlabError) -> None:
        from simlab.tui.screens.workspace import WorkspaceScreen

        self.push_screen(WorkspaceScreen(error))

    def use_workspace(self, ws: Workspace) -> None:
        """Start working in `ws`: its theme, then Home."""
        from simlab.tui.screens.home import HomeScreen

        if self.ws is not None and self.ws is not ws:
            self.ws.close()
        self.ws = ws
        theme = ws.setting(THEME_SETTING)
        if theme in commands.theme_names():
            self.theme = theme
        self.push_screen(HomeScreen())
        for message in ws.recovered:
            self.notify(message, title=_("Workspace recovered"), severity="warning", timeout=10)
        if ws.read_only_reason is not None:
            from simlab.store.integrity import read_only_message

            self.notify(read_only_message(ws.root, ws.read_only_reason),
                        title=_("Read-only workspace"), severity="warning", timeout=30)
        # The quick health check (database, folders, files present), off the UI thread.
        self.run_worker(lambda: self._quick_check(ws), thread=True, group="check",
                        exit_on_error=False)
        if self.PRELOAD:
            self.set_timer(0.5, self._preload)

    def _quick_check(self, ws: Workspace) -> None:
        try:
            problems = ws.check()
        except Exception:  # noqa: BLE001 - a closed or vanished workspace: nothing to say
            return
        if problems:
            text = "\n".join(problems[:5])
            if len(problems) > 5:
                more = len(problems) - 5
                text += "\n" + ngettext("… and {n} more: run «simlab workspace check».",
                                         "… and {n} more: run «simlab workspace check».",
                                         more).format(n=more)
            self.call_from_thread(self.notify, text, title=_("Workspace check"),
                                  severity="error", timeout=30)

    def _preload(self) -> None:
        self.run_worker(_import_heavy_modules, thread=True, group="preload", exit_on_error=False)

    def flush_drafts(self) -> None:
        for autosave in list(self.autosaves):
            autosave.flush()

    async def action_quit(self) -> None:
        self.flush_drafts()
        # a finished run the workspace could not keep, not yet saved elsewhere (w)
        unsaved = any(getattr(s, "unsaved", lambda: False)() for s in self.screen_stack)
        if not self.running and not unsaved:
            self.exit(0)
            return
        from simlab.tui.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                self.exit(0)

        if self.running:
            question = _("A run is in progress: quit anyway? The run will be lost (your other "
                         "work is saved).")
        else:
            question = _("A finished run is not saved anywhere (the workspace could not keep "
                         "it): quit anyway and lose it? «Save elsewhere» (w) keeps its files.")
        self.push_screen(ConfirmScreen(question, _("Quit"), _("Keep running")
                                       if self.running else _("Stay")), answer)

    def on_unmount(self) -> None:
        self.flush_drafts()
        live = self.live_run
        if live is not None and not live.done.is_set():
            live.cancel()  # stops at the engine's next callback
            live.done.wait(RUN_STOP_TIMEOUT_S)  # or ends its summary and save
        if self.ws is not None:
            self.ws.close()

    # -- navigation ----------------------------------------------------------------------

    def open_screen(self, screen: Screen) -> None:
        """Open an area from anywhere: an area already open is replaced, not stacked
        (but while a run is in progress nothing is closed: its screen stays below)."""
        if not self.running:
            for i, open_screen in enumerate(self.screen_stack):
                if type(open_screen) is type(screen) and i > 0:
                    self._pop_to(i - 1)
                    break
        self.push_screen(screen)

    def _pop_to(self, index: int) -> None:
        while len(self.screen_stack) - 1 > index:
            self.pop_screen()

    def home_index(self) -> int | None:
        from simlab.tui.screens.home import HomeScreen

        for i, screen in enumerate(self.screen_stack):
            if isinstance(screen, HomeScreen):
                return i
        return None

    def action_go_home(self) -> None:
        index = self.home_index()
        if index is not None:
            self._pop_to(index)

    def action_help(self) -> None:
        from simlab.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_change_person(self) -> None:
        from simlab.tui.screens.person import PersonScreen

        if self.ws is not None:
            self.push_screen(PersonScreen(), self._person_changed)

    def _person_changed(self, _changed: object) -> None:
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_person", None)
            if refresh is not None:
                screen.call_later(refresh)

    # -- theme and language --------------------------------------------------------------

    def action_toggle_theme(self) -> None:
        self.set_lab_theme(commands.LIGHT if self.theme == commands.DARK else commands.DARK)

    def set_lab_theme(self, theme: str) -> None:
        self.theme = theme
        if self.ws is not None:
            self.ws.set_setting(THEME_SETTING, theme)

    def action_change_theme(self) -> None:
        self.search_themes()

    def search_themes(self) -> None:
        self.push_screen(commands.LabPalette(providers=[commands.ThemeCommands],
                                             placeholder=_("Search for themes…")))

    def switch_language(self, lang: str) -> None:
        """Show the lab in `lang` for this session: the screens are built again."""
        if self.running:
            self.notify(_("Wait for the run to finish, or cancel it, before changing language."),
                        severity="warning")
            return
        i18n.set_language(lang)
        install(self, self.keys(), replace=True)
        translate_textual_bindings()
        if self.ws is None:
            return
        from simlab.tui.screens.home import HomeScreen

        index = self.home_index()
        if index is not None:
            self._pop_to(index - 1)
        self.push_screen(HomeScreen())
        self.notify(_("The lab now speaks English.") if lang == "en"
                    else _("The lab now speaks Italian."))

    # -- Textual's own texts, in the user's language ---------------------------------------

    def action_command_palette(self) -> None:
        if self.use_command_palette and not commands.LabPalette.is_open(self):
            self.push_screen(commands.LabPalette(id="--command-palette"))

    def get_system_commands(self, screen: Screen):
        return commands.system_commands(self, screen)

    def action_help_quit(self) -> None:
        self.notify(_("Press {key} to quit the lab.").format(key="Ctrl+Q"),
                    title=_("Do you want to quit?"))

    def action_lab_screenshot(self) -> None:
        self.set_timer(0.1, self._screenshot)

    def _screenshot(self) -> None:
        try:
            path = self.save_screenshot(path=os.getcwd())
        except OSError as e:
            self.notify(os_error_text(e), title=_("Screenshot not saved"), severity="error")
            return
        self.notify(_("Saved as {path}").format(path=path), title=_("Screenshot"))

    def show_error(self, error: SimlabError, title: str | None = None) -> None:
        self.notify(str(error), title=title or _("Error"), severity="error", timeout=10)


def _import_heavy_modules() -> None:
    """Warm the imports the other screens need, off the UI thread."""
    import textual_plotext  # noqa: F401

    import simlab.lab.runner  # noqa: F401
    import simlab.lab.sources  # noqa: F401
    import simlab.reports.tables  # noqa: F401


def run_app(workspace: Path | None = None) -> int:
    """`simlab` with no command: the lab. The language is already set by the CLI."""
    app = LabApp(workspace)
    app.run()
    return app.return_code or 0
