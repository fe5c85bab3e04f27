"""Run: pick scenario, care model, plan and seed; the run goes in a worker thread with a
live view; it can be paused and cancelled; when it ends it is saved in the workspace."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from simlab import fmt
from simlab.engine import Cancelled
from simlab.errors import SimlabError
from simlab.i18n import _, ngettext
from simlab.lab import catalog, runner
from simlab.lab.liverun import LiveRun
from simlab.lab.runview import RunView
from simlab.tui.messages import RunCancelled, RunDone, RunFailed, RunPhase, RunUpdate
from simlab.tui.screens.base import LabScreen
from simlab.tui.screens.elsewhere import SaveElsewhere
from simlab.tui.widgets.livepanel import LivePanel
from simlab.tui.widgets.runform import RunForm

IDLE, RUNNING, DONE = "idle", "running", "done"


def save_failure(error: Exception) -> SimlabError:
    """Why the workspace could not keep a run, in the user's language."""
    from simlab.errors import from_os_error

    if isinstance(error, OSError):
        return from_os_error(error)
    return SimlabError(_("the workspace could not save the run ({error})").format(
        error=type(error).__name__))


def finished_text(n: int, run_id: str | None) -> str:
    return ngettext("Finished: {n} contact, saved as run {id}.",
                    "Finished: {n} contacts, saved as run {id}.", n).format(
        n=fmt.number(n), id=run_id)


class RunScreen(SaveElsewhere, LabScreen):
    def __init__(self, scenario_key: str | None = None, preset=None) -> None:
        super().__init__()
        self.scenario_key = scenario_key
        self.preset = preset  # lab.session.RunPreset: an exercise's or the session's
        self.state = IDLE
        self.live: LiveRun | None = None
        self.view: RunView | None = None
        self.saved_to = None  # the folder «save elsewhere» wrote this run to

    @classmethod
    def keys(cls) -> list[Binding]:
        return [
            Binding("escape", "back", _("Back")),
            Binding("ctrl+r", "start", _("Start"), priority=True),
            Binding("p", "pause", _("Pause")),
            Binding("p", "resume", _("Resume")),
            Binding("x", "cancel_run", _("Cancel run")),
            Binding("o", "open_results", _("Open results")),
            # not in the footer (it would not fit 80 columns): its button says it
            cls.elsewhere_binding(show=False),
        ]

    def screen_title(self) -> str:
        return _("New run")

    def body(self) -> ComposeResult:
        # One scroll for the form and the live view: at 80×24 they do not fit together.
        with VerticalScroll(id="run-body"):
            yield from self.parts()

    def parts(self) -> ComposeResult:
        yield RunForm(self.scenario_key, self.preset, id="run-form", classes="panel")
        with Vertical(id="run-live", classes="panel"):
            yield Label(_("Progress"), classes="panel-title")
            yield LivePanel(id="live")
            with Horizontal(classes="buttons", id="run-controls"):
                yield Button(_("Pause") + " (p)", id="run-pause")
                yield Button(_("Cancel run") + " (x)", id="run-cancel", variant="error")
                yield Button(_("Open results") + " (o)", id="run-open", variant="success")
                yield Button(_("Save elsewhere") + " (w)", id="run-elsewhere",
                             variant="warning")
            yield Static("", id="run-outcome")

    def on_mount(self) -> None:
        self.query_one("#run-live").display = False

    def on_unmount(self) -> None:
        if self.live is not None and self.state == RUNNING:
            self.live.cancel()
            self.app.running = False

    @property
    def form(self) -> RunForm:
        return self.query_one(RunForm)

    @property
    def items(self) -> list:
        return self.form.items

    # -- running -------------------------------------------------------------------------

    def action_start(self) -> None:
        if self.state == RUNNING or not self.items:
            return
        if self.app.running:
            self.app.notify(_("Another run is in progress: wait for it or cancel it first."),
                            severity="warning")
            return
        try:
            choice = self.form.choice()
        except SimlabError as e:
            self.form.show_error(str(e))  # the user's input stays as it is
            return
        self.form.show_error("")
        for warning in catalog.warnings(choice.bundle):  # allowed, but probably a mistake
            self.app.notify(warning, severity="warning", timeout=8)
        self.begin(choice.bundle, choice.seed, choice.days, choice.label)

    def begin(self, bundle: runner.Bundle, seed: int, days: int, label: str) -> None:
        self.show_started(bundle, days)
        person = self.app.ws.current_person()
        self.simulate(bundle, seed, days, label, person.id if person else None, self.live)

    def show_started(self, bundle: runner.Bundle, days: int) -> None:
        """The screen of a run that starts now (its worker is started by `begin`)."""
        self.state = RUNNING
        self.app.running = True
        self.view = None
        self.saved_to = None
        self.query_one("#run-form").disabled = True
        self.query_one("#run-live").display = True
        panel = self.query_one(LivePanel)
        names = {c.id: str(c.name) for c in bundle.scenario.channels}
        panel.prepare(names, bundle.scenario.calendar.start, days)
        panel.set_status(_("Preparing the contacts…"))
        self.query_one("#run-outcome", Static).update("")
        self.live = LiveRun(bundle.care, lambda state: self.post_message(RunUpdate(state)))
        self.app.live_run = self.live
        self._controls()
        self.query_one("#run-pause", Button).focus()
        self.show_live()

    def show_live(self) -> None:
        """Keep the end of the screen in sight (the live view and its buttons are below
        the form) while the run grows it, until the user scrolls."""
        self.query_one("#run-body", VerticalScroll).anchor()

    @work(thread=True, exclusive=True, group="run")
    def simulate(self, bundle, seed: int, days: int, label: str, person_id,
                 live: LiveRun) -> None:
        try:
            self._simulate(bundle, seed, days, label, person_id, live)
        finally:
            live.done.set()

    def _simulate(self, bundle, seed: int, days: int, label: str, person_id, live: LiveRun
                  ) -> None:
        try:
            result = runner.execute(bundle, seed=seed, days=days, progress=live)
        except Cancelled:
            self.post_message(RunCancelled())
            return
        except SimlabError as e:
            self.post_message(RunFailed(e))
            return
        if live.cancelled:
            self.post_message(RunCancelled())
            return
        self.post_message(RunPhase("saving"))
        save_error, run_id = None, None
        try:
            run_id = runner.save(result, self.app.ws, label=label, person_id=person_id)
        except SimlabError as e:
            save_error = e
        except Exception as e:  # noqa: BLE001 - a full disk, a locked or broken database…:
            save_error = save_failure(e)  # the simulation is offered elsewhere, not lost
        view = RunView.from_result(result, run_id, label)
        _ready = view.channels  # the KPI table, computed here rather than in the UI thread
        self.post_message(RunDone(view, save_error))

    def on_run_update(self, message: RunUpdate) -> None:
        if self.state != RUNNING:
            return
        panel = self.query_one(LivePanel)
        panel.show(message.state)
        if self.live is not None and self.live.cancelled:
            panel.set_status(_("Cancelling…"))
        elif message.state.fraction >= 1.0:
            panel.set_status(_("Computing the indicators…"))
        elif self.live is not None and self.live.paused:
            panel.set_status(_("Paused"))
        else:
            panel.set_status(_("Running"))

    def on_run_phase(self, message: RunPhase) -> None:
        self.query_one(LivePanel).set_status(_("Saving in the workspace…"))

    def on_run_done(self, message: RunDone) -> None:
        view = message.view
        self.finish(DONE)
        self.view = view
        self.app.last_view = view
        self.form.autosave.discard()
        panel = self.query_one(LivePanel)
        panel.set_status(_("Finished"))
        if message.save_error is not None:
            outcome = _("Finished, but not saved: {error}").format(error=message.save_error)
            outcome += " " + _("Press w to save the run files to another folder.")
        else:
            outcome = finished_text(len(view.contacts), view.run_id)
        self.query_one("#run-outcome", Static).update(outcome)
        self._controls()
        self.query_one("#run-open", Button).focus()
        if message.save_error is not None:  # never lose a finished simulation: offer now
            reason = self.app.ws.read_only_reason
            self.offer_elsewhere(
                _("The run was not saved: the workspace is read-only ({reason}).").format(
                    reason=reason) if reason else
                _("The run was not saved in the workspace: {error}").format(
                    error=message.save_error))

    def elsewhere_result(self):
        return self.view.result if self.state == DONE and self.view is not None else None

    def unsaved(self) -> bool:
        """A finished run kept nowhere yet (not in the workspace, not elsewhere)."""
        return (self.state == DONE and self.view is not None and self.view.run_id is None
                and self.saved_to is None)

    def elsewhere_saved(self, folder) -> None:
        self.query_one("#run-outcome", Static).update(
            _("Finished: the run files are in {folder} (not in the workspace).").format(
                folder=folder.resolve()))
        self._controls()

    def on_run_cancelled(self, message: RunCancelled) -> None:
        self.finish(IDLE)
        self.query_one(LivePanel).set_status(_("Cancelled"))
        self.query_one("#run-outcome", Static).update(
            _("The run was cancelled: nothing was saved. Your choices are still in the form."))
        self.app.notify(_("Run cancelled."))

    def on_run_failed(self, message: RunFailed) -> None:
        self.finish(IDLE)
        self.query_one(LivePanel).set_status(_("Stopped by an error"))
        self.form.show_error(str(message.error))
        self.app.show_error(message.error)

    def finish(self, state: str) -> None:
        self.state = state
        self.app.running = False
        self.query_one("#run-form").disabled = False
        self._controls()

    def _controls(self) -> None:
        running = self.state == RUNNING
        self.query_one("#run-pause", Button).display = running
        self.query_one("#run-cancel", Button).display = running
        self.query_one("#run-open", Button).display = self.state == DONE
        self.query_one("#run-elsewhere", Button).display = self.unsaved()
        if running and self.live is not None:
            self.query_one("#run-pause", Button).label = (
                _("Resume") + " (p)" if self.live.paused else _("Pause") + " (p)")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        running = self.state == RUNNING and self.live is not None
        if action == "start":
            return not running
        if action == "pause":
            return running and not self.live.paused
        if action == "resume":
            return running and self.live.paused
        if action == "cancel_run":
            return running
        if action == "open_results":
            return self.state == DONE
        if action == "save_elsewhere":
            return self.elsewhere_result() is not None
        return True

    def action_pause(self) -> None:
        if self.live is not None:
            self.live.pause()
            self.query_one(LivePanel).set_status(_("Paused"))
            self._controls()

    def action_resume(self) -> None:
        if self.live is not None:
            self.live.resume()
            self.query_one(LivePanel).set_status(_("Running"))
            self._controls()

    def action_cancel_run(self) -> None:
        if self.live is not None and self.state == RUNNING:
            self.live.cancel()
            self.query_one(LivePanel).set_status(_("Cancelling…"))

    def action_open_results(self) -> None:
        from simlab.tui.screens.results import ResultsScreen

        if self.view is not None:
            self.app.open_screen(ResultsScreen(self.view))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        actions = {"run-start": self.action_start, "run-cancel": self.action_cancel_run,
                   "run-open": self.action_open_results,
                   "run-elsewhere": self.action_save_elsewhere,
                   "run-pause": (lambda: self.action_resume() if self.live and self.live.paused
                                 else self.action_pause())}
        if event.button.id in actions:
            actions[event.button.id]()

    def action_back(self) -> None:
        from simlab.tui.screens.confirm import ConfirmScreen

        if self.unsaved():
            def leave(yes: bool | None) -> None:
                if yes:
                    self.app.pop_screen()

            self.app.push_screen(ConfirmScreen(
                _("This run is not saved anywhere: the workspace could not keep it. Go back "
                  "and lose it?"), _("Lose the run"), _("Stay")), leave)
            return
        if self.state != RUNNING:
            self.app.pop_screen()
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.action_cancel_run()
                self.app.pop_screen()

        self.app.push_screen(ConfirmScreen(
            _("A run is in progress. Cancel it and go back? Nothing of it will be saved."),
            _("Cancel the run"), _("Keep running")), answer)

    def screen_commands(self):
        if self.state == RUNNING:
            yield SystemCommand(_("Cancel run"), _("Stop the simulation; nothing is saved"),
                                self.action_cancel_run)
            if self.live is not None and self.live.paused:
                yield SystemCommand(_("Resume"), _("Continue the simulation"),
                                    self.action_resume)
            else:
                yield SystemCommand(_("Pause"), _("Hold the simulation where it is"),
                                    self.action_pause)
        else:
            yield SystemCommand(_("Start"), _("Start the simulation with these choices"),
                                self.action_start)
        if self.state == DONE:
            yield SystemCommand(_("Open results"), _("KPIs, charts and contacts of this run"),
                                self.action_open_results)
            yield SystemCommand(_("Save elsewhere"),
                                _("Write the run files to a new or empty folder"),
                                self.action_save_elsewhere)
