"""Italian first, English on request; Textual's own texts follow the language too."""

from __future__ import annotations

import inspect

import textual.app
import textual.command
from textual.command import CommandPalette
from textual.widgets import Footer, Input

from simlab import i18n
from simlab.tui.app import LabApp
from simlab.tui.screens.home import HomeScreen

from .helpers import drive, settle

# Textual's English texts a user would see, which the lab replaces.
TEXTUAL_ENGLISH = [
    (textual.command, "Search for commands…"),
    (textual.command, "No matches found"),
    (textual.app, "Quit the application as soon as possible"),
    (textual.app, "Change the current theme"),
    (textual.app, "Show help for the focused widget and a summary of available keys"),
    (textual.app, "Save an SVG 'screenshot' of the current screen"),
    (textual.app, "Search for themes…"),
    (textual.app, "Do you want to quit?"),
    (textual.app, '"palette"'),
]


def footer_text(app) -> str:
    footer = app.screen.query_one(Footer)
    return " ".join(f"{k.key_display} {k.description}" for k in footer.query("FooterKey"))


def test_the_strings_we_replace_are_textuals():
    """If Textual renames one of these, our replacement would silently miss it."""
    for module, text in TEXTUAL_ENGLISH:
        assert text in inspect.getsource(module), text


def test_footer_and_palette_speak_italian(ws_path):
    app = LabApp(ws_path)

    async def script(pilot):
        text = footer_text(app)
        assert "Scenari" in text and "Nuova simulazione" in text and "Guida" in text
        assert "Esci" in text and "comandi" in text
        assert "palette" not in text and "Quit" not in text
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        assert palette.query_one(Input).placeholder == "Cerca un comando…"
        shown = "\n".join(str(o.prompt) for o in palette.query_one("CommandList").options)
        for title in ("Esci", "Cambia tema", "Guida", "Scenari", "Passa all'inglese (English)",
                      "Istantanea dello schermo"):
            assert title in shown, title
        for english in ("Quit the application", "Change the current theme", "Keys", "Theme"):
            assert english not in shown, english
        await pilot.press(*"zzzz")
        await pilot.pause(0.8)
        shown = "\n".join(str(o.prompt) for o in palette.query_one("CommandList").options)
        assert "Nessun risultato" in shown

    drive(app, script)


def test_switch_language_from_the_palette(ws_path):
    app = LabApp(ws_path)

    async def script(pilot):
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"inglese")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert i18n.language() == "en"
        assert isinstance(app.screen, HomeScreen)
        assert len(app.screen_stack) == 2  # the old Italian home is gone
        text = footer_text(app)
        assert "Scenarios" in text and "New run" in text and "Quit" in text
        assert "Customer-care simulation lab" in str(app.screen.query_one("#titlebar-title")
                                                     .render())
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        assert app.screen.query_one(Input).placeholder == "Search for commands…"
        await pilot.press(*"Italian")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert i18n.language() == "it"
        assert "Esci" in footer_text(app)

    drive(app, script)


def test_lang_en_from_the_start(ws_path):
    i18n.set_language("en")  # what `simlab --lang en` does before opening the app
    app = LabApp(ws_path)

    async def script(pilot):
        text = footer_text(app)
        assert "Scenarios" in text and "Help" in text and "commands" in text
        await pilot.press("s")
        await settle(pilot)
        assert "Expected contacts per hour" in str(app.screen.query_one("#scenario-chart")
                                                   .plt.build())

    drive(app, script)


def test_ctrl_c_tells_how_to_quit_in_italian(ws_path):
    app = LabApp(ws_path)

    async def script(pilot):
        await pilot.press("ctrl+c")
        await pilot.pause()
        (note,) = list(app._notifications)
        assert note.title == "Vuoi uscire?" and "Ctrl+Q" in note.message

    drive(app, script)


def test_open_select_menu_footer_is_italian(ws_path):
    """Textual's Select puts «Dismiss menu» in the footer while its list is open."""
    import textual.widgets._select as select_module

    assert '"Dismiss menu"' in inspect.getsource(select_module)
    app = LabApp(ws_path)

    async def script(pilot):
        await pilot.press("r")
        await settle(pilot)
        app.screen.query_one("#run-scenario").focus()
        await pilot.press("enter")
        await pilot.pause(0.3)
        text = footer_text(app)
        assert "Chiudi il menu" in text and "Dismiss" not in text

    drive(app, script)
