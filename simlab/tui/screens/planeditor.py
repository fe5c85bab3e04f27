"""The plan editor («Piano operativo», UF2): pick a scenario and an operations plan, edit
it tab by tab (teams, shifts and breaks, budget lines and team leaders) with the loader's
messages beside each field, undo, save it in the workspace; a draft of unsaved work is
kept as the trainee types, and leaving with unsaved changes asks first. «Copertura e
costi» opens the staffing screen on the plan being edited. Every rule comes from
`lab.planeditor` and `lab.planform`; this screen only draws them."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Select, Static, TabbedContent, TabPane

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.lab import careform, catalog, planeditor, planform
from simlab.lab.careform import Path_
from simlab.lab.designer import History, field_of
from simlab.tui.screens.base import LabScreen
from simlab.tui.screens.designer import model_label
from simlab.tui.widgets.autosave import Autosave
from simlab.tui.widgets.careform import FormEditing, SectionForm, replace_tabs


class PlanEditorScreen(FormEditing, LabScreen):
    def __init__(self, scenario_key: str | None = None) -> None:
        super().__init__()
        self.scenario_key = scenario_key
        self.scenario_sources: list = []
        self.plan_sources: list = []
        self.opened: planeditor.Opened | None = None
        self.data: dict = {}
        self.saved_data: dict = {}
        self.history: History | None = None
        self.checked: planeditor.Checked | None = None
        self.autosave: Autosave | None = None

    @classmethod
    def keys(cls) -> list[Binding]:
        return [Binding("escape", "back", _("Back")),
                Binding("ctrl+s", "save", _("Save"), priority=True,
                        tooltip=_("Save the operations plan in the workspace")),
                Binding("ctrl+z", "undo", _("Undo"), priority=True,
                        tooltip=_("Undo the last change (several steps)"))]

    def screen_title(self) -> str:
        return _("Operations plan")

    def body(self) -> ComposeResult:
        with Horizontal(id="plan-pick"):
            yield Select([], prompt=_("Scenario"), allow_blank=True, id="plan-scenario",
                         compact=True)
            yield Select([], prompt=_("Operations plan"), allow_blank=True, id="plan-plan",
                         compact=True)
            yield Button(_("Save as…"), id="plan-save-as", compact=True)
            yield Button(_("Coverage and cost…"), id="plan-staffing", compact=True)
        yield Static("", id="plan-status")
        yield TabbedContent(id="plan-tabs")

    def on_mount(self) -> None:
        self.scenario_sources = catalog.entries(self.app.ws)
        keys = [s.key for s in self.scenario_sources]
        select = self.query_one("#plan-scenario", Select)
        select.set_options([(s.id, s.key) for s in self.scenario_sources])
        key = self.scenario_key if self.scenario_key in keys else (
            "energia-base" if "energia-base" in keys else keys[0] if keys else None)
        if key is not None:
            select.value = key

    # -- picking --------------------------------------------------------------------------

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "plan-scenario" and event.value is not Select.NULL:
            self.pick_scenario(str(event.value))
        elif event.select.id == "plan-plan" and event.value is not Select.NULL:
            if self.opened is None or event.value != self.opened.source.key:
                self.pick_plan(str(event.value))

    def scenario(self):
        return next(s for s in self.scenario_sources if s.key == self.scenario_key)

    def pick_scenario(self, key: str, plan_key: str | None = None) -> None:
        self.scenario_key = key
        self.plan_sources = planeditor.plans(self.scenario(), self.app.ws)
        select = self.query_one("#plan-plan", Select)
        select.set_options([(model_label(s), s.key) for s in self.plan_sources])
        if not self.plan_sources:
            self.query_one("#plan-status", Static).update(
                _("This scenario has no operations plan yet."))
            return
        wanted = plan_key if plan_key in [s.key for s in self.plan_sources] else \
            self.plan_sources[0].key
        self.pick_plan(wanted)
        with select.prevent(Select.Changed):
            select.value = wanted

    def pick_plan(self, key: str) -> None:
        source = next(s for s in self.plan_sources if s.key == key)
        try:
            opened = planeditor.open_plan(self.scenario(), source, self.app.ws)
        except SimlabError as e:
            self.app.show_error(e)
            return
        if self.autosave is not None:
            self.autosave.close()
        self.opened = opened
        self.saved_data = opened.data
        self.data = opened.data
        self.history = History(self.data)
        self.autosave = Autosave(self, planeditor.draft_key(opened))
        draft = planeditor.restore_draft(self.app.ws, opened)
        if draft is not None:
            self.data = draft
            self.history.record(draft)
            self.notify(_("Your unsaved changes to this plan were restored (Ctrl+Z goes back "
                          "to the plan as saved)."), title=_("Draft"))
        self.call_later(self.rebuild)

    def on_unmount(self) -> None:
        if self.autosave is not None:
            self.autosave.close()

    # -- the forms ------------------------------------------------------------------------

    def choices(self) -> dict[str, list[str]]:
        assert self.opened is not None
        return {"scenario": [self.opened.scenario.id],
                "keys:skills": planeditor.queues(self.opened)}

    async def rebuild(self) -> None:
        """All the tabs again, from the data (after opening, undo, a row added)."""
        choices = self.choices()
        panes = [TabPane(careform.section_title(section, planform.PLAN),
                         SectionForm(fields, self.data, choices, id=f"plan-form-{section}"),
                         id=f"plan-sec-{section}") for section, fields in planform.tabs(self.data)]
        await replace_tabs(self.query_one("#plan-tabs", TabbedContent), panes)
        self.revalidate()

    def forms(self) -> list[SectionForm]:
        return list(self.query(SectionForm))

    new_key_value = 1.0  # a new skill starts at proficiency 1

    def key_hint(self) -> str:
        return _("Write the key first (for example a queue).")

    def change(self, data: dict, path: Path_ | None) -> None:
        self.data = data
        assert self.history is not None
        self.history.record(data, path)
        for form in self.forms():
            form.data = data
        if self.autosave is not None:
            self.autosave.schedule(planeditor.draft_text(data))
        self.revalidate()

    def revalidate(self) -> None:
        if self.opened is None:
            return
        self.checked = checked = planeditor.validate(self.opened, self.data)
        editors: list[Path_] = []
        for form in self.forms():
            editors += list(form.error_slots)
        placed: dict[Path_, list[str]] = {}
        loose = []
        for path, message in checked.errors:
            owner = field_of(path, editors)
            if owner is None:
                loose.append(planeditor.describe((path, message)))
            else:
                placed.setdefault(owner, []).append(message)
        for form in self.forms():
            form.show_errors(placed)
        self.show_status(loose)

    def unsaved(self) -> bool:
        return self.opened is not None and self.data != self.saved_data

    def show_status(self, loose: list[str]) -> None:
        assert self.opened is not None and self.checked is not None
        where = _("shipped, read-only: «Save as» keeps your copy") if self.opened.shipped \
            else _("in the workspace")
        unsaved = " · " + _("unsaved changes") if self.unsaved() else ""
        text = f"{escape(self.opened.source.id)} ({where}){unsaved} · " + escape(
            self.checked.summary())
        if loose:
            text += "\n" + escape("; ".join(loose))
        status = self.query_one("#plan-status", Static)
        status.update(text)
        status.set_class(bool(self.checked.errors), "error")

    # -- undo, save, leave ----------------------------------------------------------------

    async def action_undo(self) -> None:
        if self.history is None:
            return
        data = self.history.undo()
        if data is None:
            self.notify(_("Nothing to undo."))
            return
        self.data = data
        if self.autosave is not None:
            self.autosave.schedule(planeditor.draft_text(data))
        await self.rebuild()

    def action_save(self) -> None:
        if self.opened is None:
            return
        if self.opened.shipped:
            self.action_save_as()
            return
        self.save(None)

    def action_save_as(self) -> None:
        from simlab.tui.screens.designer_dialogs import SaveAsScreen

        if self.opened is None:
            return
        self.app.push_screen(SaveAsScreen(planeditor.suggested_id(self.opened, self.app.ws)),
                             self._save_as)

    def _save_as(self, new_id: str | None) -> None:
        if new_id:
            self.save(new_id)

    def save(self, new_id: str | None) -> None:
        assert self.opened is not None
        person = self.app.ws.current_person()
        try:
            source = planeditor.save(self.app.ws, self.opened, self.data, new_id,
                                     person.id if person else None)
        except SimlabError as e:
            self.app.show_error(e, _("Not saved"))
            return
        if self.autosave is not None:
            self.autosave.discard()
        self.notify(_("Saved in the workspace: «{id}» ({where}).").format(
            id=source.id, where=source.source), title=_("Operations plan"))
        self.pick_scenario(self.scenario_key, source.key)

    def action_back(self) -> None:
        from simlab.tui.screens.confirm import ConfirmScreen

        if not self.unsaved():
            self.app.pop_screen()
            return
        self.app.push_screen(ConfirmScreen(
            _("The operations plan has unsaved changes. Leave without saving? The draft "
              "stays: opening the plan again restores it."),
            _("Leave"), _("Stay")), self._leave)

    def _leave(self, leave: bool | None) -> None:
        if leave:
            if self.autosave is not None:
                self.autosave.flush()
            self.app.pop_screen()

    # -- the staffing screen --------------------------------------------------------------

    def action_staffing(self) -> None:
        from simlab.tui.screens.staffing import StaffingScreen

        if self.opened is None:
            return
        if self.checked is None or self.checked.plan is None:
            self.app.show_error(SimlabError(_("correct the plan first: the coverage needs a "
                                              "valid plan")), _("Coverage and cost"))
            return
        self.app.push_screen(StaffingScreen(self.opened, self.data), self._staffed)

    async def _staffed(self, data: dict | None) -> None:
        if data is not None and data != self.data:
            self.change(data, None)
            await self.rebuild()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "plan-save-as":
            self.action_save_as()
        elif event.button.id == "plan-staffing":
            self.action_staffing()

    def screen_commands(self):
        from textual.app import SystemCommand

        return [SystemCommand(_("Save as…"), _("Save the operations plan with a new id"),
                              self.action_save_as),
                SystemCommand(_("Coverage and cost…"),
                              _("The plan's operators against the requirement, per interval"),
                              self.action_staffing)]
