"""The session plan of a lab day (instructor): the plan open in this workspace, and a
form that writes a new plan file to hand out (`lab.session` checks and writes it)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, SelectionList, Static

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.lab import session
from simlab.tui.screens.base import LabScreen
from simlab.tui.widgets.scenariofields import Number, ScenarioFields


class SessionScreen(LabScreen):
    def screen_title(self) -> str:
        return _("Session plan")

    def body(self) -> ComposeResult:
        with VerticalScroll(id="session-body"):
            with Vertical(classes="panel", id="session-now"):
                yield Label(_("Open in this workspace"), classes="panel-title")
                yield Static("", id="session-current")
            with Vertical(classes="panel", id="session-form"):
                yield Label(_("Write a session plan to hand out"), classes="panel-title")
                with Horizontal(classes="row"):
                    yield Label(_("Title"), classes="field-label")
                    yield Input(id="session-title", compact=True, max_length=200)
                with Horizontal(classes="row"):
                    yield Label(_("Date"), classes="field-label")
                    yield Input(id="session-date", compact=True, placeholder="2026-03-02")
                yield ScenarioFields("session", [Number("seed", _("Seed"), "1"),
                                                 Number("days", _("Days"), "1")],
                                     label=_("Scenario"))
                yield Label(_("Exercises"), classes="field-label")
                yield SelectionList(id="session-exercises")
                with Horizontal(classes="row"):
                    yield Label(_("File"), classes="field-label")
                    yield Input(id="session-file", compact=True)
                yield Label("", id="session-error", classes="error")
                with Horizontal(classes="buttons"):
                    yield Button(_("Write the plan"), id="session-write", variant="primary")
                    yield Button(_("Write and open here"), id="session-write-open")

    def on_mount(self) -> None:
        from simlab.lab.exercises import catalogue

        self.query_one("#session-exercises", SelectionList).add_options(
            [(f"{ex.id} — {ex.title}", ex.id) for ex in catalogue()])
        self.query_one("#session-file", Input).value = str(
            Path(self.app.ws.root) / f"sessione{session.SESSION_SUFFIX}")
        self.show_current()

    def show_current(self) -> None:
        plan = session.current(self.app.ws)
        text = (_("No session plan is open in this workspace.") if plan is None else
                "\n".join([f"[b]{escape(str(plan.title))}[/b]",
                           f"{_('Scenario')}: {plan.scenario} · {_('Seed')}: {plan.seed} · "
                           f"{_('Days')}: {plan.days}",
                           f"{_('Exercises')}: {', '.join(plan.exercises) or '—'}"]))
        self.query_one("#session-current", Static).update(text)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id in ("session-write", "session-write-open"):
            self.write(open_here=event.button.id == "session-write-open")

    def _whole(self, field: str, name: str) -> int:
        try:
            return int(self.query_one(f"#session-{field}", Input).value.strip())
        except ValueError:
            raise SimlabError(_("{field}: write a whole number").format(field=name),
                              key=field) from None

    def write(self, open_here: bool) -> None:
        error = self.query_one("#session-error", Label)
        try:
            scenario = self.query_one("#session-scenario", Select).value
            if scenario is Select.NULL:
                raise SimlabError(_("Choose a scenario."))
            date_text = self.query_one("#session-date", Input).value.strip()
            try:
                date = dt.date.fromisoformat(date_text) if date_text else None
            except ValueError:
                raise SimlabError(_("«{value}» is not a date like 2026-03-02").format(
                    value=date_text), key="date") from None
            plan = session.create(
                scenario=str(scenario), seed=self._whole("seed", _("Seed")),
                days=self._whole("days", _("Days")),
                exercises=list(self.query_one("#session-exercises", SelectionList).selected),
                title=self.query_one("#session-title", Input).value.strip() or None,
                date=date, ws=self.app.ws)
            path = session.write(plan, Path(self.query_one("#session-file", Input)
                                            .value.strip()).expanduser())
            if open_here:
                session.open_in(self.app.ws, path)
        except SimlabError as e:
            error.update(escape(str(e)))
            return
        error.update("")
        self.show_current()
        self.app.notify(_("✓ Session plan written to {path}: hand it out, the trainees open it "
                          "with «simlab session open {path}».").format(path=path),
                        title=_("Session plan"), timeout=10)
