"""Say who is using the lab: a name and a role. What is typed is autosaved, so a crash
or an accidental quit loses nothing."""

from __future__ import annotations

import json

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.tui.widgets.autosave import Autosave
from simlab.tui.widgets.titlebar import role_name

ROLES = ("trainee", "instructor", "examiner")
DRAFT = "tui.person-form"


class PersonForm(Vertical):
    class Chosen(Message):
        def __init__(self, person_id: int) -> None:
            super().__init__()
            self.person_id = person_id

    def compose(self) -> ComposeResult:
        draft = self._draft()
        yield Label(_("Your name"), classes="field-label")
        yield Input(draft.get("name", ""), placeholder=_("First name and surname"),
                    id="person-name", max_length=100, select_on_focus=False)
        yield Label(_("Your role"), classes="field-label")
        with RadioSet(id="person-role"):
            for role in ROLES:
                yield RadioButton(role_name(role), value=role == draft.get("role", "trainee"),
                                  id=f"role-{role}")
        yield Label("", id="person-error", classes="error")
        with Horizontal(classes="buttons"):
            yield Button(_("Confirm"), id="person-confirm", variant="primary")

    def on_mount(self) -> None:
        self.autosave = Autosave(self, DRAFT)

    def _draft(self) -> dict:
        ws = self.app.ws
        text = ws.draft(DRAFT) if ws is not None else None
        try:
            data = json.loads(text) if text else {}
        except ValueError:
            data = {}
        return data if isinstance(data, dict) else {}

    def _values(self) -> dict:
        pressed = self.query_one(RadioSet).pressed_button
        role = pressed.id.removeprefix("role-") if pressed is not None and pressed.id else "trainee"
        return {"name": self.query_one("#person-name", Input).value, "role": role}

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.autosave.schedule(json.dumps(self._values(), ensure_ascii=False))

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.autosave.schedule(json.dumps(self._values(), ensure_ascii=False))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.confirm()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "person-confirm":
            event.stop()
            self.confirm()

    def confirm(self) -> None:
        ws = self.app.ws
        values = self._values()
        error = self.query_one("#person-error", Label)
        name = " ".join(values["name"].split())
        try:
            existing = next((p for p in ws.people() if p.name.lower() == name.lower()
                             and p.role == values["role"]), None)
            person_id = existing.id if existing else ws.add_person(name, values["role"])
            ws.set_current_person(person_id)
        except SimlabError as e:
            error.update(e.message)  # the name stays in the field
            return
        error.update("")
        self.autosave.discard()
        self.post_message(self.Chosen(person_id))
