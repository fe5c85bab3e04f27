"""Change who is using the lab: pick someone already known, or add a new person."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from simlab.i18n import _
from simlab.tui.screens.base import LabModal
from simlab.tui.widgets.person import PersonForm
from simlab.tui.widgets.titlebar import role_name


class PersonScreen(LabModal):
    def compose(self) -> ComposeResult:
        people = self.app.ws.people()
        # Scrolls: with a few people known it is taller than a 24-line terminal.
        with VerticalScroll(classes="dialog", id="person-dialog"):
            yield Label(_("Who is using the lab"), classes="panel-title")
            if people:
                yield Label(_("Choose a person already known"), classes="field-label")
                yield OptionList(*(Option(f"{p.name} — {role_name(p.role)}", id=str(p.id))
                                   for p in people), id="people")
                yield Label(_("…or add a new one"), classes="field-label")
            yield PersonForm(id="person-form")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        person_id = int(event.option.id)
        self.app.ws.set_current_person(person_id)
        self.dismiss(person_id)

    def on_person_form_chosen(self, event: PersonForm.Chosen) -> None:
        self.dismiss(event.person_id)
