"""The run form: scenario, care model, plan, seed, days and label. What the user picks
and types is autosaved, and comes back when the screen opens again."""

from __future__ import annotations

import json
from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.lab import catalog, runner, session, sources
from simlab.tui.widgets.autosave import Autosave

DRAFT = "tui.run-form"


@dataclass(frozen=True)
class Choice:
    bundle: runner.Bundle
    seed: int
    days: int
    label: str


class RunForm(Vertical):
    def __init__(self, scenario_key: str | None = None,
                 preset: session.RunPreset | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.scenario_key = scenario_key
        # An exercise's or the open session plan's scenario, seed, days (and files).
        self.preset = preset
        self.items: list[sources.Source] = []
        self.cares: list[sources.Source] = []
        self.plans: list[sources.Source] = []
        self._restoring = False
        self._filled: str | None = None  # the scenario whose care models and plans are shown

    def compose(self) -> ComposeResult:
        yield Label(_("What to simulate"), classes="panel-title")
        yield Static("", id="run-preset", classes="hint")
        with Horizontal(classes="row"):
            yield Label(_("Scenario"), classes="field-label")
            yield Select([], prompt=_("Choose…"), id="run-scenario", compact=True)
        with Horizontal(classes="row"):
            yield Label(_("Care model"), classes="field-label")
            yield Select([], prompt=_("Choose…"), id="run-care", compact=True)
        with Horizontal(classes="row"):
            yield Label(_("Operations plan"), classes="field-label")
            yield Select([], prompt=_("Choose…"), id="run-plan", compact=True)
        with Horizontal(classes="row"):
            yield Label(_("Seed"), classes="field-label")
            yield Input(id="run-seed", type="integer", classes="short", compact=True)
            yield Label(_("Days"), classes="field-label short-label")
            yield Input(id="run-days", type="integer", classes="short", compact=True)
        with Horizontal(classes="row"):  # its own row: the label is free text
            yield Label(_("Label"), classes="field-label")
            yield Input(id="run-label", placeholder=_("e.g. baseline, more agents at 10:00"),
                        max_length=200, compact=True)
        yield Label("", id="run-error", classes="error")
        with Horizontal(classes="buttons"):
            yield Button(_("Start") + " (Ctrl+R)", id="run-start", variant="primary")

    def on_mount(self) -> None:
        self.autosave = Autosave(self, DRAFT)
        self.loading = True
        self.load_sources()

    def on_unmount(self) -> None:
        self.autosave.close()

    @work(thread=True, exclusive=True, group="run-sources")
    def load_sources(self) -> None:
        items = sources.scenarios(self.app.ws)
        if self.preset is None and self.scenario_key is None:
            self.preset = session.run_preset(self.app.ws)
        self.app.call_from_thread(self.show_sources, items)

    def show_sources(self, items: list[sources.Source]) -> None:
        self.items = [s for s in items if s.model is not None]
        draft = self.draft()
        preset = self.preset
        hint = self.query_one("#run-preset", Static)
        hint.display = preset is not None and bool(preset.why)
        if preset is not None:
            hint.update(preset.why)
            same = draft.get("scenario") == preset.scenario_key
            draft = {**(draft if same else {}), "scenario": preset.scenario_key,
                     "seed": preset.seed, "days": preset.days,
                     "label": preset.label or (draft.get("label", "") if same else "")}
            for kind, source in (("care", preset.care), ("plan", preset.plan)):
                if source is not None:
                    draft[kind] = source.key
        wanted = self.scenario_key or draft.get("scenario") or catalog.DEFAULT_SCENARIO
        keys = [s.key for s in self.items]
        if wanted not in keys and keys:
            wanted = keys[0]
        self._restoring = True
        select = self.query_one("#run-scenario", Select)
        select.set_options([(s.label, s.key) for s in self.items])
        self.loading = False
        if wanted in keys:
            select.value = wanted
            self.fill_related(wanted, draft if draft.get("scenario") == wanted else {})
        self.query_one("#run-label", Input).value = draft.get("label", "")
        self._restoring = False
        self.query_one("#run-start", Button).focus()

    def draft(self) -> dict:
        text = self.app.ws.draft(DRAFT)
        try:
            data = json.loads(text) if text else {}
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def scenario(self) -> sources.Source | None:
        key = self.query_one("#run-scenario", Select).value
        return next((s for s in self.items if s.key == key), None)

    def fill_related(self, key: str, draft: dict) -> None:
        scenario = next(s for s in self.items if s.key == key)
        self._filled = key
        self.cares = sources.care_models(scenario, self.app.ws)
        self.plans = sources.plans(scenario, self.app.ws)
        preset = self.preset
        if preset is not None and key == preset.scenario_key:  # the exercise's own files
            self.cares = [s for s in (preset.care,) if s is not None] + self.cares
            self.plans = [s for s in (preset.plan,) if s is not None] + self.plans
        for select_id, options, wanted in (("#run-care", self.cares, draft.get("care")),
                                           ("#run-plan", self.plans, draft.get("plan"))):
            select = self.query_one(select_id, Select)
            select.set_options([(s.label, s.key) for s in options])
            keys = [s.key for s in options]
            if keys:
                select.value = wanted if wanted in keys else keys[0]
        sc = scenario.model
        self.query_one("#run-seed", Input).value = str(draft.get("seed", sc.seed))
        self.query_one("#run-days", Input).value = str(draft.get("days", sc.calendar.days))

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "run-scenario" and event.value is not Select.NULL \
                and event.value != self._filled:
            self.fill_related(str(event.value), {})
        self.save_draft()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.save_draft()

    def save_draft(self) -> None:
        if self._restoring or not self.items:
            return
        values = {k: self.query_one(f"#run-{k}", w).value
                  for k, w in (("scenario", Select), ("care", Select), ("plan", Select),
                               ("seed", Input), ("days", Input), ("label", Input))}
        values = {k: (None if v is Select.NULL else v) for k, v in values.items()}
        self.autosave.schedule(json.dumps(values, ensure_ascii=False))

    def _whole(self, field: str, name: str) -> int:
        text = self.query_one(f"#run-{field}", Input).value.strip()
        try:
            return int(text)
        except ValueError:
            raise SimlabError(_("{field}: write a whole number").format(field=name),
                              key=field) from None

    def choice(self) -> Choice:
        """What the user chose, checked (raises SimlabError, shown beside the form)."""
        scenario = self.scenario()
        care = self._picked("#run-care", self.cares)
        plan = self._picked("#run-plan", self.plans)
        if scenario is None or care is None or plan is None:
            raise SimlabError(_("Choose a scenario, a care model and a plan."))
        seed, days = self._whole("seed", _("Seed")), self._whole("days", _("Days"))
        bundle = sources.bundle(scenario, care, plan)
        self.autosave.flush()
        return Choice(bundle, seed, days, self.query_one("#run-label", Input).value.strip())

    def _picked(self, select_id: str, options: list[sources.Source]) -> sources.Source | None:
        key = self.query_one(select_id, Select).value
        return next((s for s in options if s.key == key), None)

    def show_error(self, text: str) -> None:
        self.query_one("#run-error", Label).update(text)
