"""The top line of every screen: where you are, who you are, which workspace."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from simlab.i18n import _


def role_name(role: str) -> str:
    return {"trainee": _("Trainee"), "instructor": _("Instructor"),
            "examiner": _("Examiner")}.get(role, role)


def show_path(path: Path) -> str:
    """A path as short as it can be said: relative to the current folder if inside it."""
    try:
        return "./" + path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


class TitleBar(Horizontal):
    def __init__(self, title: str) -> None:
        super().__init__(id="titlebar")
        self.title_text = title

    def compose(self) -> ComposeResult:
        yield Static(f"simlab · {self.title_text}", id="titlebar-title")
        yield Static(self.who(), id="titlebar-who")

    def who(self) -> str:
        ws = getattr(self.app, "ws", None)
        if ws is None:
            return ""
        person = ws.current_person()
        name = f"{person.name} ({role_name(person.role)})" if person else _("nobody chosen")
        return f"{name} · {show_path(ws.root)}"

    def refresh_person(self) -> None:
        self.query_one("#titlebar-who", Static).update(self.who())
