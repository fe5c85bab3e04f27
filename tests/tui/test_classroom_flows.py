"""The trainee's and the instructor's work in the app, driven with Pilot: an exercise
opened, started, checked and submitted, the portfolio; the class view after importing
two workspaces; the areas of each role."""

from __future__ import annotations

from textual.widgets import Button, DataTable, Input

from simlab.lab import exercises
from simlab.store.workspace import Workspace
from simlab.tui.app import LabApp
from simlab.tui.screens.classview import ClassScreen
from simlab.tui.screens.confirm import ConfirmScreen
from simlab.tui.screens.exercises import ExerciseScreen, ExercisesScreen
from simlab.tui.screens.home import HomeScreen
from simlab.tui.screens.portfolio import PortfolioScreen
from simlab.tui.screens.run import RunScreen

from .helpers import cells, drive, settle, wait_for

EXERCISE = "uf1-erlang-operatori"


async def press_button(pilot, selector: str) -> None:
    """Press a button that may be below the fold of its scroll."""
    pilot.app.screen.query_one(selector, Button).press()
    await settle(pilot)


def _home_areas(app) -> set[str]:
    return {b.id.removeprefix("area-") for b in app.screen.query(".area-button")}


def test_each_role_has_its_areas(ws_path):
    with Workspace.open(ws_path) as ws:
        instructor = ws.add_person("Prof. Rossi", "instructor")
        examiner = ws.add_person("Dott. Bianchi", "examiner")

    async def script(pilot):
        app = pilot.app
        assert _home_areas(app) == {"scenarios", "run", "runs", "designer", "market", "dashboard",
                                    "variance", "report", "rounds", "plan", "exercises", "portfolio",
                                    "surveys", "help"}
        await pilot.press("l")  # not a trainee's key: nothing opens
        assert isinstance(app.screen, HomeScreen)
        for person, expected in ((instructor, {"exercises", "portfolio", "class", "session",
                                               "surveys"}),
                                 (examiner, {"exercises", "class", "exams", "surveys"})):
            app.ws.set_current_person(person)
            await app.screen.refresh_person()
            await settle(pilot)
            assert _home_areas(app) == ({"scenarios", "run", "runs", "designer", "market",
                                         "dashboard", "variance", "report", "rounds", "plan", "help"}
                                        | expected)

    drive(LabApp(ws_path), script)


def test_trainee_opens_starts_checks_and_submits_then_sees_the_portfolio(ws_path):
    async def script(pilot):
        app = pilot.app
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, ExercisesScreen)
        table = app.screen.query_one("#exercise-table", DataTable)
        ids = [str(k.value) for k in table.rows]
        assert ids == [e.id for e in exercises.catalogue()]
        assert cells(table)[0][4] == "non iniziata"
        table.move_cursor(row=ids.index(EXERCISE))
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ExerciseScreen)
        assert "UF1.A5" in str(screen.query_one("#exercise-abilities").render())
        assert not screen.query("#exercise-debrief")  # the solution's numbers: not for trainees
        await pilot.press("k")  # not started: nothing to check
        assert not screen.busy
        await press_button(pilot, "#exercise-start")
        person = app.ws.current_person()
        folder = exercises.working_folder(app.ws, person.id, EXERCISE)
        assert (folder / "answers.yaml").is_file()
        # the run form opens with the exercise's scenario, seed and working plan
        await press_button(pilot, "#exercise-run")
        assert isinstance(app.screen, RunScreen)
        ex = exercises.exercise(EXERCISE)
        assert app.screen.query_one("#run-seed", Input).value == str(ex.seed)
        assert app.screen.query_one("#run-plan").value == str(folder / "piano.plan.yaml")
        await pilot.press("escape")
        await settle(pilot)
        # a wrong answer first: feedback, not full points
        exercises.solve(ex, folder, "wrong")
        await pilot.press("k")
        await wait_for(pilot, lambda: not screen.busy, timeout=120)
        await settle(pilot)
        feedback = str(screen.query_one("#exercise-feedback").render())
        assert "✗" in feedback
        state = exercises.statuses(app.ws, person.id)[EXERCISE]
        assert state.status == "checked" and state.points < ex.automatic_points
        # then the reference solution, submitted after the confirmation
        exercises.solve(ex, folder, "right")
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#yes")
        await wait_for(pilot, lambda: not screen.busy, timeout=120)
        await settle(pilot)
        state = exercises.statuses(app.ws, person.id)[EXERCISE]
        assert (state.status, state.points) == ("submitted", ex.automatic_points)
        assert "Consegnata" in str(screen.query_one("#exercise-feedback").render())
        assert not screen.query_one("#exercise-submit", Button).display
        await pilot.press("escape")
        await settle(pilot)
        row = cells(app.screen.query_one("#exercise-table", DataTable))[ids.index(EXERCISE)]
        assert row[4] == "consegnata"
        await pilot.press("escape")
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, PortfolioScreen)
        matrix = {r[0]: r[1] for r in cells(app.screen.query_one("#portfolio-table"))}
        assert len(matrix) == 23
        assert "esercitata" in matrix["UF1.A5"] and "non ancora" in matrix["UF3.A1"]
        await press_button(pilot, "#portfolio-xlsx")
        assert (ws_path / "portfolio-anna-esposito.xlsx").is_file()

    drive(LabApp(ws_path), script)


def test_instructor_sees_the_class_after_importing_two_workspaces(ws_path, tmp_path):
    from tests.test_classroom import _trainee_workspace

    _trainee_workspace(tmp_path / "anna", "Anna Conte", submit=True, runs=0)
    _trainee_workspace(tmp_path / "ciro", "Ciro Russo", submit=False, runs=1)
    with Workspace.open(ws_path) as ws:
        ws.set_current_person(ws.add_person("Prof. Rossi", "instructor"))

    async def script(pilot):
        app = pilot.app
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ClassScreen)
        assert cells(screen.query_one("#class-table")) == []
        screen.query_one("#class-folders", Input).value = (
            f"{tmp_path / 'anna'}; {tmp_path / 'ciro'}")
        await press_button(pilot, "#class-import-go")
        rows = cells(screen.query_one("#class-table"))
        mine = [r for r in rows if r[1] in ("Anna Conte", "Ciro Russo")]
        assert len(mine) == 2 * len(exercises.catalogue())
        assert rows[0][0] == exercises.catalogue()[0].id  # in the catalogue's order
        at = next(i for i, r in enumerate(rows) if r[0] == EXERCISE)
        first = rows[at:at + 2]  # the exercise the two attempted (its id on its first row)
        assert [r[1] for r in first] == ["Anna Conte", "Ciro Russo"]
        assert [r[2] for r in first] == ["consegnata", "controllata"]
        coverage = cells(screen.query_one("#class-coverage"))
        assert [r[0] for r in coverage] == ["Anna Conte", "Ciro Russo"]
        runs = screen.query_one("#class-runs", DataTable)
        assert runs.row_count == 1
        runs.focus()
        await pilot.press("enter")
        await settle(pilot)
        await wait_for(pilot, lambda: "✓" in str(screen.query_one("#class-replay").render()),
                       timeout=120)
        await press_button(pilot, "#class-csv")
        assert (ws_path / "registro.csv").is_file()

    drive(LabApp(ws_path), script)


def test_enter_on_a_new_brief_starts_the_exercise(ws_path):
    """The brief opens with its Start button focused: Enter is the trainee's first step."""
    async def script(pilot):
        app = pilot.app
        app.push_screen(ExerciseScreen(EXERCISE))
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        person = app.ws.current_person()
        assert exercises.statuses(app.ws, person.id)[EXERCISE].status == "started"

    drive(LabApp(ws_path), script)


def test_a_trainee_opens_the_session_plan_in_the_app(ws_path, tmp_path):
    from simlab.lab import session

    path = session.write(session.create(scenario="telco-base", seed=42, days=3,
                                        exercises=["uf3-kpi-canali"]),
                         tmp_path / "giorno.session.yaml")

    async def script(pilot):
        app = pilot.app
        await pilot.press("t")
        await settle(pilot)
        app.screen.query_one("#session-file", Input).value = "nessuno.session.yaml"
        await press_button(pilot, "#session-open")
        assert session.current(app.ws) is None  # a missing file: said, nothing opened
        app.screen.query_one("#session-file", Input).value = str(path)
        await press_button(pilot, "#session-open")
        plan = session.current(app.ws)
        assert plan is not None and plan.seed == 42
        first = app.screen.query_one("#exercise-table", DataTable).get_row_at(0)
        assert first[0] == "★"

    drive(LabApp(ws_path), script)
