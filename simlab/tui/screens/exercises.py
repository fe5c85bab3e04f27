"""The exercises: the list by unit with abilities and status (the open session plan's
first), and one exercise's brief with start, check (k) and submit (i). The work is done
by `lab.exercises` (and shown as `lab.trainee` prepares it): this screen only calls it."""

from __future__ import annotations

from rich.markup import escape
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, DataTable, Input, Label, ProgressBar, Static

from simlab import fmt
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.lab import session, trainee
from simlab.reports.classroom import status_name
from simlab.tui.screens.base import LabScreen


def _points(x: float | None) -> str:
    """Whole points without decimals (8), others with one (7,5)."""
    if x is None:
        return "–"
    return fmt.number(x) if float(x).is_integer() else fmt.number(x, 1)


def points_text(points: float | None, max_points: float | None) -> str:
    if points is None and max_points is None:
        return ""
    return f"{_points(points)} / {_points(max_points)}"


def read_only_role(app) -> bool:
    """The examiner sees the exercises, never works on them (until the exams area)."""
    person = app.ws.current_person()
    return person is None or person.role == "examiner" or app.ws.read_only


class ExercisesScreen(LabScreen):
    def screen_title(self) -> str:
        return _("Exercises")

    def body(self) -> ComposeResult:
        # one scroll: at 80×24 the list, the preview and the session plan do not fit
        with VerticalScroll(classes="panel", id="exercises-panel"):
            yield Label(_("Exercises by unit (Enter opens the brief)"), classes="panel-title")
            yield Static("", id="exercises-session", classes="hint")
            yield DataTable(id="exercise-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="exercise-preview")
            # The file the instructor handed out: everyone then faces the same customers
            with Horizontal(id="session-open-row"):
                yield Input(placeholder=_("session plan the instructor gave you "
                                          "(.session.yaml)"), id="session-file")
                yield Button(_("Open"), id="session-open")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(_("Unit"), _("Exercise"), _("Abilities"), _("Minutes"), _("Status"),
                          _("Points"))
        self.query_one("#session-open-row").display = not self.app.ws.read_only
        self.show_rows()
        table.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "session-open":
            self.open_session()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "session-file":
            self.open_session()

    def open_session(self) -> None:
        from pathlib import Path

        field = self.query_one("#session-file", Input)
        if not field.value.strip():
            return
        try:
            plan = session.open_in(self.app.ws, Path(field.value.strip()).expanduser())
        except SimlabError as e:
            self.app.show_error(e)
            return
        field.value = ""
        self.app.notify(_("New runs start from its scenario, seed and days."),
                        title=_("Session plan «{title}» opened").format(title=plan.title))
        self.show_rows()

    def on_screen_resume(self) -> None:
        self.show_rows()

    def show_rows(self) -> None:
        person = self.app.ws.current_person()
        try:
            rows = trainee.exercise_rows(self.app.ws, person.id if person else None)
        except SimlabError as e:  # a broken exercise file: say where, keep the lab open
            self.app.show_error(e)
            rows = []
        plan = session.current(self.app.ws)
        hint = self.query_one("#exercises-session", Static)
        hint.display = plan is not None
        if plan is not None:
            hint.update(_("Session plan «{title}»: its exercises come first (★).").format(
                title=escape(str(plan.title))))
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        last_unit = None
        for r in rows:
            group = "★" if r.in_session else r.unit
            table.add_row(group if group != last_unit else "", r.title, r.abilities_text,
                          str(r.minutes), status_name(r.status),
                          points_text(r.points, r.max_points), key=r.id)
            last_unit = group
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.open_screen(ExerciseScreen(str(event.row_key.value)))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The abilities the highlighted exercise trains, in the standard's words."""
        if event.row_key is None:
            return
        try:
            b = trainee.brief(str(event.row_key.value))
        except SimlabError:
            return
        lines = [f"[b]{escape(b.title)}[/b] · {escape(b.unit)}"]
        lines += [f"[b]{a}[/b] {escape(t)}" for a, t in b.abilities]
        self.query_one("#exercise-preview", Static).update("\n".join(lines))


class CheckProgress(Message):
    def __init__(self, fraction: float) -> None:
        super().__init__()
        self.fraction = fraction


class CheckDone(Message):
    def __init__(self, report, submitted: bool) -> None:
        super().__init__()
        self.report = report  # curriculum.checks.CheckReport
        self.submitted = submitted


class CheckFailed(Message):
    def __init__(self, error: SimlabError) -> None:
        super().__init__()
        self.error = error


class ExerciseScreen(LabScreen):
    def __init__(self, exercise_id: str) -> None:
        super().__init__()
        self.exercise_id = exercise_id
        self.busy = False

    @classmethod
    def keys(cls) -> list[Binding]:
        return [Binding("escape", "back", _("Back")),
                Binding("k", "check", _("Check"), tooltip=_("Check your work: feedback and "
                                                            "points")),
                Binding("i", "submit", _("Submit"), tooltip=_("Hand in your work (final)"))]

    def screen_title(self) -> str:
        return _("Exercise")

    def body(self) -> ComposeResult:
        person = self.app.ws.current_person()
        b = trainee.brief(self.exercise_id, person.role if person else None)
        self.brief = b
        with VerticalScroll(id="exercise-body"):
            # The work first: its buttons and the checks' feedback stay in sight; the brief
            # scrolls below.
            with Vertical(classes="panel", id="exercise-work"):
                yield Label(_("Your work"), classes="panel-title")
                yield Static("", id="exercise-status")
                with Horizontal(classes="buttons"):
                    yield Button(_("Start"), id="exercise-start", variant="primary")
                    yield Button(_("Simulate with your files"), id="exercise-run")
                    yield Button(_("Check") + " (k)", id="exercise-check")
                    yield Button(_("Submit") + " (i)", id="exercise-submit", variant="success")
                yield ProgressBar(id="exercise-progress", show_eta=False)
                yield Static("", id="exercise-feedback")
            with Vertical(classes="panel", id="exercise-brief"):
                yield Label(escape(b.title), classes="panel-title")
                yield Static(self.facts_text(b), id="exercise-facts")
                yield Static(escape(b.text), id="exercise-text")
                yield Label(_("Abilities of the standard"), classes="panel-title")
                yield Static("\n".join(f"[b]{a}[/b] {escape(t)}" for a, t in b.abilities),
                             id="exercise-abilities")
                if b.knowledge:
                    yield Label(_("Knowledge"), classes="panel-title")
                    yield Static("\n".join(f"[b]{k}[/b] {escape(t)}" for k, t in b.knowledge))
                yield Label(_("What you hand in"), classes="panel-title")
                yield Static("\n".join(f"[b]{escape(f)}[/b]: {escape(t)}"
                                       for f, t in b.deliverables), id="exercise-deliverables")
                if b.hints:
                    yield Label(_("Hints"), classes="panel-title")
                    yield Static("\n".join(f"• {escape(h)}" for h in b.hints))
                if b.rubric:
                    yield Label(_("Graded by the instructor"), classes="panel-title")
                    yield Static("\n".join(
                        "• " + _("{criterion} ({points} points; {abilities})").format(
                            criterion=escape(c), points=_points(p), abilities=", ".join(a))
                        for c, p, a in b.rubric), id="exercise-rubric")
                if b.debrief is not None:
                    yield Label(_("Debrief notes for the instructor"), classes="panel-title")
                    yield Static(escape(b.debrief), id="exercise-debrief")

    def facts_text(self, b: trainee.Brief) -> str:
        unit, minutes, checks = _("Unit"), _("Estimated time"), _("Automatic checks")
        scenario, seed, days = _("Scenario"), _("Seed"), _("Days")
        return "\n".join([
            f"{unit}: {escape(b.unit)}",
            f"{minutes}: " + _("{n} minutes").format(n=b.minutes),
            f"{scenario}: {b.scenario} · {seed}: {b.seed} · {days}: {b.days}",
            f"{checks}: {b.checks}",
        ])

    def on_mount(self) -> None:
        self.query_one("#exercise-progress").display = False
        self.show_status()
        # Enter starts a new exercise: the first thing a trainee does on the brief
        start = self.query_one("#exercise-start", Button)
        if start.display:
            start.focus()

    def on_screen_resume(self) -> None:
        self.show_status()

    def status(self):
        from simlab.lab import exercises

        person = self.app.ws.current_person()
        if person is None:
            return None
        return exercises.statuses(self.app.ws, person.id).get(self.exercise_id)

    def show_status(self) -> None:
        state = self._state = self.status()
        name = state.status if state else "not_started"
        read_only = read_only_role(self.app)
        text = f"{_('Status')}: [b]{status_name(name)}[/b]"
        if state is not None and state.points is not None:
            text += f" · {_('Points')}: {points_text(state.points, state.max_points)}"
        if name != "not_started" and not read_only:
            from simlab.lab import exercises

            folder = exercises.working_folder(self.app.ws, self.app.ws.current_person().id,
                                              self.exercise_id)
            text += "\n" + _("Your working files are in {folder}: edit them, then check (k)."
                             ).format(folder=escape(str(folder)))
        if read_only:
            text += "\n" + _("Read-only: the examiner sees the exercises, the trainees do them.")
        self.query_one("#exercise-status", Static).update(text)
        started = name in ("started", "checked")
        self.query_one("#exercise-start").display = not read_only and not started
        for button in ("#exercise-run", "#exercise-check", "#exercise-submit"):
            self.query_one(button).display = not read_only and started
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("check", "submit"):
            state = getattr(self, "_state", None)  # as last shown (no query per repaint)
            return (not read_only_role(self.app) and state is not None
                    and state.status in ("started", "checked"))
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button = event.button.id
        if button == "exercise-start":
            self.start()
        elif button == "exercise-run":
            self.open_run()
        elif button == "exercise-check":
            self.action_check()
        elif button == "exercise-submit":
            self.action_submit()

    def start(self) -> None:
        from simlab.lab import exercises

        person = self.app.ws.current_person()
        try:
            folder = exercises.start(self.app.ws, person.id, self.exercise_id)
        except SimlabError as e:
            self.app.show_error(e)
            return
        self.app.notify(_("Working files ready in {folder}.").format(folder=folder),
                        title=_("Exercise started"))
        self.show_status()
        self.query_one("#exercise-run", Button).focus()

    def open_run(self) -> None:
        from simlab.tui.screens.run import RunScreen

        person = self.app.ws.current_person()
        try:
            preset = trainee.run_preset(self.app.ws, person.id, self.exercise_id)
        except SimlabError as e:
            self.app.show_error(e)
            return
        self.app.open_screen(RunScreen(preset=preset))

    def action_check(self) -> None:
        if not self.busy and self.check_action("check", ()):
            self.begin(submit=False)

    def action_submit(self) -> None:
        if self.busy or not self.check_action("submit", ()):
            return
        from simlab.tui.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                self.begin(submit=True)

        self.app.push_screen(ConfirmScreen(
            _("Hand in «{title}»? Your work is checked once more and handed in: it cannot be "
              "changed afterwards.").format(title=self.brief.title),
            _("Submit"), _("Not yet")), answer)

    def begin(self, submit: bool) -> None:
        self.busy = True
        bar = self.query_one("#exercise-progress", ProgressBar)
        bar.display = True
        bar.update(total=100, progress=0)
        self.query_one("#exercise-feedback", Static).update(_("Checking…"))
        person = self.app.ws.current_person()
        self.run_check(person.id, submit)

    @work(thread=True, exclusive=True, group="exercise-check")
    def run_check(self, person_id: int, submit: bool) -> None:
        from simlab.lab import exercises

        def progress(view) -> bool:
            self.post_message(CheckProgress(float(view.fraction)))
            return True

        try:
            do = exercises.submit if submit else exercises.check
            report = do(self.app.ws, person_id, self.exercise_id, progress)
        except SimlabError as e:
            self.post_message(CheckFailed(e))
            return
        self.post_message(CheckDone(report, submit))

    def on_check_progress(self, message: CheckProgress) -> None:
        self.query_one("#exercise-progress", ProgressBar).update(progress=100 * message.fraction)

    def on_check_failed(self, message: CheckFailed) -> None:
        self.busy = False
        self.query_one("#exercise-progress").display = False
        self.query_one("#exercise-feedback", Static).update(
            f"[b]{_('Error')}[/b]: {escape(str(message.error))}")

    def on_check_done(self, message: CheckDone) -> None:
        self.busy = False
        self.query_one("#exercise-progress").display = False
        report = message.report
        lines = [f"[b]{_('Points')}: {points_text(report.points, report.max_points)}[/b]"]
        for r in report.results:
            mark = "✓" if r.passed else "✗"
            lines.append(f"{mark} {escape(r.check_id)} ({points_text(r.points, r.max_points)})"
                         + ("" if r.passed else f": {escape(r.feedback)}"))
        if message.submitted:
            lines.append(_("Handed in: your instructor sees it in the class."))
        self.query_one("#exercise-feedback", Static).update("\n".join(lines))
        self.show_status()
