"""The care-model designer («Modello di customer care», UF1): pick a scenario and a care
model, edit it section by section with the loader's messages under each field, watch the
staff and cost it needs (recomputed a moment after the trainee stops typing), undo, save
it in the workspace, compare it with another model. Every rule and number comes from
`lab.designer` and `lab.careform`; this screen only draws them."""

from __future__ import annotations

from rich.markup import escape
from rich.table import Table
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Button, Select, Static, TabbedContent, TabPane

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.lab import careform, designer
from simlab.lab.careform import Path_
from simlab.tui.screens.base import LabScreen
from simlab.tui.screens.designer_guard import DraftGuard
from simlab.tui.widgets.careform import FormEditing, SectionForm, replace_tabs

ESTIMATE_DELAY_S = 0.5


class EstimateReady(Message):
    def __init__(self, generation: int, estimate=None, error: SimlabError | None = None) -> None:
        super().__init__()
        self.generation, self.estimate, self.error = generation, estimate, error


def model_label(source) -> str:
    where = _("workspace") if source.origin == "workspace" else _("shipped")
    return f"{source.id} ({where})"


class DesignerScreen(FormEditing, DraftGuard, LabScreen):
    def __init__(self, scenario_key: str | None = None) -> None:
        super().__init__()
        self.scenario_key = scenario_key
        self.scenario_sources: list = []
        self.model_sources: list = []
        self.opened: designer.Opened | None = None
        self.data: dict = {}
        self.history: designer.History | None = None
        self.checked: designer.Checked | None = None
        self.saved_data: dict = {}
        self.estimate = None
        self._timer: Timer | None = None
        self._generation = 0

    @classmethod
    def keys(cls) -> list[Binding]:
        return [Binding("escape", "back", _("Back")),
                Binding("ctrl+s", "save", _("Save"), priority=True,
                        tooltip=_("Save the care model in the workspace")),
                Binding("ctrl+z", "undo", _("Undo"), priority=True,
                        tooltip=_("Undo the last change (several steps)")),
                Binding("e", "export", _("Export"),
                        tooltip=_("Export the deliverable «Modello di customer care»"))]

    def screen_title(self) -> str:
        return _("Care model")

    def body(self) -> ComposeResult:
        with Horizontal(id="designer-pick"):
            yield Select([], prompt=_("Scenario"), allow_blank=True, id="designer-scenario",
                         compact=True)
            yield Select([], prompt=_("Care model"), allow_blank=True, id="designer-model",
                         compact=True)
            yield Button(_("Save as…"), id="designer-save-as", compact=True)
            yield Button(_("Compare…"), id="designer-compare", compact=True)
        yield Static("", id="designer-status")
        with Horizontal(id="designer-main"):
            yield TabbedContent(id="designer-tabs")
            with VerticalScroll(id="designer-estimate", classes="panel"):
                yield Static(_("Estimate"), classes="panel-title")
                yield Static("", id="estimate-body")

    def on_mount(self) -> None:
        self.scenario_sources = designer.scenarios(self.app.ws)
        keys = [s.key for s in self.scenario_sources]
        select = self.query_one("#designer-scenario", Select)
        # ids, not titles: a long title would wrap and push the form down at 80 columns
        select.set_options([(s.id, s.key) for s in self.scenario_sources])
        key = self.scenario_key if self.scenario_key in keys else (
            "energia-base" if "energia-base" in keys else keys[0] if keys else None)
        if key is not None:
            select.value = key

    # -- picking --------------------------------------------------------------------------

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "designer-scenario" and event.value is not Select.NULL:
            if event.value != self.scenario_key or self.opened is None:
                value, current = str(event.value), self.scenario_key
                self.ask_to_leave(lambda: self.pick_scenario(value),
                                  lambda: self.revert_select("#designer-scenario", current))
        elif event.select.id == "designer-model" and event.value is not Select.NULL:
            if self.opened is None or event.value != self.opened.source.key:
                value = str(event.value)
                current = self.opened.source.key if self.opened else None
                self.ask_to_leave(lambda: self.pick_model(value),
                                  lambda: self.revert_select("#designer-model", current))

    def scenario(self):
        return next(s for s in self.scenario_sources if s.key == self.scenario_key)

    def pick_scenario(self, key: str, model_key: str | None = None) -> None:
        self.scenario_key = key
        self.model_sources = designer.models(self.scenario(), self.app.ws)
        select = self.query_one("#designer-model", Select)
        select.set_options([(model_label(s), s.key) for s in self.model_sources])
        if not self.model_sources:
            self.query_one("#designer-status", Static).update(
                _("This scenario has no care model yet."))
            return
        wanted = model_key if model_key in [s.key for s in self.model_sources] else \
            self.model_sources[0].key
        self.pick_model(wanted)
        with select.prevent(Select.Changed):
            select.value = wanted

    def pick_model(self, key: str) -> None:
        source = next(s for s in self.model_sources if s.key == key)
        try:
            opened = designer.open_model(self.scenario(), source, self.app.ws)
        except SimlabError as e:
            self.app.show_error(e)
            return
        self.opened = opened
        self.data = opened.data
        self.saved_data = opened.data
        self.history = designer.History(self.data)
        self.start_draft()
        self.call_later(self.rebuild)

    # -- the forms ------------------------------------------------------------------------

    def choices(self) -> dict[str, list[str]]:
        sc = self.scenario().model
        channels = [c.id for c in sc.channels]
        segments = [s.id for s in sc.segments]
        return {"channel": channels, "channels": channels, "open_on_holidays": channels,
                "reasons": [r.id for r in sc.reasons],
                "segments": segments, "target_segments": segments, "scenario": [sc.id]}

    async def rebuild(self) -> None:
        """All the sections again, from the data (after opening, undo, a row added)."""
        choices = self.choices()
        panes = [TabPane(careform.section_title(section),
                         SectionForm(fields, self.data, choices, id=f"form-{section}"),
                         id=f"sec-{section}") for section, fields in careform.sections()]
        await replace_tabs(self.query_one("#designer-tabs", TabbedContent), panes)
        self.revalidate()

    def forms(self) -> list[SectionForm]:
        return list(self.query(SectionForm))

    def key_hint(self) -> str:
        return _("Write the key first (for example a channel).")

    def change(self, data: dict, path: Path_ | None) -> None:
        self.data = data
        assert self.history is not None
        self.history.record(data, path)
        for form in self.forms():
            form.data = data
        self.keep_draft()
        self.revalidate()

    def revalidate(self) -> None:
        if self.opened is None:
            return
        self.checked = checked = designer.validate(self.opened, self.data)
        editors: list[Path_] = []
        for form in self.forms():
            editors += list(form.error_slots)
        placed: dict[Path_, list[str]] = {}
        loose = []
        for path, message in checked.errors:
            owner = designer.field_of(path, editors)
            if owner is None:
                loose.append(designer.describe((path, message)))
            else:
                placed.setdefault(owner, []).append(message)
        for form in self.forms():
            form.show_errors(placed)
        self.show_status(loose)
        self.schedule_estimate()

    def show_status(self, loose: list[str]) -> None:
        assert self.opened is not None and self.checked is not None
        where = _("shipped, read-only: «Save as» keeps your copy") if self.opened.shipped \
            else _("in the workspace")
        unsaved = " · " + _("unsaved changes") if self.data != self.saved_data else ""
        text = f"{escape(self.opened.source.id)} ({where}){unsaved} · " + escape(
            self.checked.summary())
        if loose:
            text += "\n" + escape("; ".join(loose))
        status = self.query_one("#designer-status", Static)
        status.update(text)
        status.set_class(bool(self.checked.errors), "error")

    # -- the estimate, a moment after the last change -------------------------------------

    def schedule_estimate(self) -> None:
        self._generation += 1
        if self._timer is not None:
            self._timer.stop()
        body = self.query_one("#estimate-body", Static)
        if self.checked is None or self.checked.care is None:
            body.update(_("Correct the errors to see the staff and cost this care model "
                          "needs."))
            self._timer = None
            return
        body.update(_("Computing…"))
        self._timer = self.set_timer(ESTIMATE_DELAY_S, self.start_estimate)

    def start_estimate(self) -> None:
        self._timer = None
        if self.opened is not None and self.checked is not None and self.checked.care:
            self.compute(self._generation, self.opened, self.checked.care)

    # Not exclusive: a thread cannot be stopped midway, and an estimate that comes late is
    # dropped by its generation (on_estimate_ready); the debounce keeps them few.
    @work(thread=True, group="estimate")
    def compute(self, generation: int, opened, care) -> None:
        try:
            self.post_message(EstimateReady(generation, designer.estimate(opened, care)))
        except SimlabError as e:
            self.post_message(EstimateReady(generation, error=e))

    def on_estimate_ready(self, message: EstimateReady) -> None:
        if message.generation != self._generation:
            return  # the trainee changed something since: a newer estimate is coming
        body = self.query_one("#estimate-body", Static)
        if message.error is not None:
            body.update(escape(message.error.message))
            return
        self.estimate = e = message.estimate
        table = Table(box=None, header_style="bold", pad_edge=False)
        for header in (_("Channel"), _("Agents"), _("Staff")):
            table.add_column(header, justify="left" if header == _("Channel") else "right")
        for row in e.channels:
            table.add_row(*row)
        lines = [escape(line) for line in e.lines()]
        for f in e.findings:
            colour = "red" if f.severity == "error" else "yellow"
            label = _("Error") if f.severity == "error" else _("Warning")
            lines.append(f"[{colour}]{label}[/] [{f.ability}] " + escape(f.message))
        if e.note:
            lines.append("[dim]" + escape(_("No plan used: {why}").format(why=e.note)) + "[/]")
        from rich.console import Group
        from rich.text import Text

        body.update(Group(_("Peak of a standard week") + ":", table, "",
                          *(Text.from_markup(line) for line in lines)))

    # -- undo, save, compare --------------------------------------------------------------

    async def action_undo(self) -> None:
        if self.history is None:
            return
        data = self.history.undo()
        if data is None:
            self.notify(_("Nothing to undo."))
            return
        self.data = data
        self.keep_draft()
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
        self.app.push_screen(SaveAsScreen(designer.suggested_id(self.opened, self.app.ws)),
                             self._save_as)

    def _save_as(self, new_id: str | None) -> None:
        if new_id:
            self.save(new_id)

    def save(self, new_id: str | None) -> None:
        assert self.opened is not None
        person = self.app.ws.current_person()
        try:
            source = designer.save(self.app.ws, self.opened, self.data, new_id,
                                   person.id if person else None)
        except SimlabError as e:
            self.app.show_error(e, _("Not saved"))
            return
        self.drop_draft()
        self.notify(_("Saved in the workspace: «{id}» ({where}).").format(
            id=source.id, where=source.source), title=_("Care model"))
        self.pick_scenario(self.scenario_key, source.key)

    def action_export(self) -> None:
        from simlab.tui.screens.designer_dialogs import DesignExportScreen

        if self.opened is None:
            return
        if self.data != self.saved_data:
            self.app.show_error(SimlabError(_(
                "save the care model first (Ctrl+S): the deliverable is written from the "
                "saved model")), _("Not exported"))
            return
        self.app.push_screen(DesignExportScreen(designer.default_export_path(self.opened)),
                             self._export)

    def _export(self, choice: dict | None) -> None:
        if choice is not None:
            self.write_export(choice["path"], choice["format"])

    @work(thread=True, exclusive=True, group="design-export")
    def write_export(self, path, kind: str) -> None:
        try:
            written = designer.export(self.app.ws, self.opened, self.data, path, kind)
        except SimlabError as e:
            self.app.call_from_thread(self.app.show_error, e, _("Not exported"))
            return
        self.app.call_from_thread(self.notify, _("Written: {file}").format(file=written),
                                  title=_("Export"))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "designer-save-as":
            self.action_save_as()
        elif event.button.id == "designer-compare":
            self.action_compare()

    def action_compare(self) -> None:
        from simlab.tui.screens.designer_diff import DesignDiffScreen

        if self.opened is None:
            return
        self.app.push_screen(DesignDiffScreen(self.data, self.opened.source.id,
                                              self.model_sources))

    def screen_commands(self):
        from textual.app import SystemCommand

        return [SystemCommand(_("Save as…"), _("Save the care model with a new id"),
                              self.action_save_as),
                SystemCommand(_("Compare…"), _("Compare this care model with another, side by side"),
                              self.action_compare)]
