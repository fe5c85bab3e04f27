"""One meaning per key in the whole lab, and the help and the README say the same."""

from __future__ import annotations

import re
from pathlib import Path

from textual.binding import Binding

from simlab.tui.app import LabApp
from simlab.tui.areas import areas
from simlab.tui.screens.base import LabScreen
from simlab.tui.screens.help import HelpScreen, key_sections
from simlab.tui.widgets.contacts import ContactBrowser

from .helpers import drive
from .test_results import table_text

README = Path(__file__).parents[2] / "README.md"


def screens() -> list[type[LabScreen]]:
    """Every lab screen class (importing the help imports them all)."""
    import simlab.tui.screens.runs  # noqa: F401
    import simlab.tui.screens.workspace  # noqa: F401

    found, todo = [], [LabScreen]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def meanings(bindings: list[Binding]) -> dict[str, frozenset[str]]:
    """key → what the footer calls it; a key that toggles (p: pause/resume) has two."""
    out: dict[str, set[str]] = {}
    for b in bindings:
        if b.description:
            out.setdefault(b.key, set()).add(b.description)
    return {k: frozenset(v) for k, v in out.items()}


def test_a_key_means_the_same_on_every_screen():
    owners = [("app", LabApp.keys()), ("ContactBrowser", ContactBrowser.keys())]
    owners += [(cls.__name__, cls.keys()) for cls in screens()]
    seen: dict[str, dict[frozenset[str], str]] = {}
    for owner, bindings in owners:
        for key, meaning in meanings(bindings).items():
            seen.setdefault(key, {}).setdefault(meaning, owner)
    clashes = {key: by for key, by in seen.items() if len(by) > 1}
    assert not clashes, clashes


def test_the_help_lists_each_toggle_once(ws_path):
    app = LabApp(ws_path)

    async def script(pilot):
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = table_text(app.screen.query_one("#help-keys"))
        assert "Pausa / Riprendi" in text
        assert "Simulazioni salvate" in text and "Esporta" in text
        # the help explains the footer's short words
        assert "Cambia persona" in text and "Simula questo scenario" in text

    drive(app, script)


def test_help_sections_cover_every_screen_with_keys():
    listed = {key for _, bindings in key_sections() for key in meanings(bindings)}
    for cls in screens():
        assert set(meanings(cls.keys())) <= listed, cls.__name__


def readme_lab_section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## Nel laboratorio")
    return text[start:text.index("\n## ", start + 1)]


def test_readme_describes_the_keys_as_they_are():
    section = readme_lab_section()
    for area in areas():  # «**Scenari** (`s`)»; an area without a key is named alone
        if not area.key:
            assert f"**{area.title()}**" in section, area.id
            continue
        assert f"**{area.title()}** (`{area.key}`)" in section, area.id
    written = set(re.findall(r"`([^`]+)`", section)) - {"make run"}
    keys = {b.key for _, bindings in key_sections() for b in bindings}
    shown = {"Ctrl+" + k.removeprefix("ctrl+").upper() if k.startswith("ctrl+") else
             k.upper() if k.startswith("f") and k[1:].isdigit() else k for k in keys}
    assert written <= shown | {"Esc", "Invio"}, written - shown
    assert {"escape", "enter"} <= keys
