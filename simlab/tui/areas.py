"""The areas of the lab the Home screen offers, in order. Each later capability (care
model, operations, analysis, exercises, exams) adds its `Area` here when it exists: the
lab never shows a placeholder.

Home shows them grouped by the unit of the course they belong to (`GROUPS`), so that a
trainee finds the care model under «UF1 Progettare» and the variances under «UF3
Monitorare».

The areas depend on the role of the person using the lab: a trainee has the exercises
and the portfolio; an instructor also the class and the session plan; an examiner sees
the exercises and the class read-only."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from simlab.i18n import _


@dataclass(frozen=True)
class Area:
    id: str
    key: str  # the Home screen's key for it (a key means one thing in the whole lab)
    title: Callable[[], str]  # translated when called
    summary: Callable[[], str]
    open: Callable[[object], None]  # open(app)
    # The footer's word for it, short so that every key fits at 80 columns.
    short: Callable[[], str] | None = None
    # The roles that have it (None: everyone, also before a person is chosen).
    roles: tuple[str, ...] | None = None
    # In Home's footer? The role areas are not: with them the footer would not fit at 80
    # columns; their buttons on Home show their keys.
    in_footer: bool = True
    # The id of the group Home shows it under (one of GROUPS; an unknown id: the last group).
    group: str = "course"

    def footer(self) -> str:
        return self.short() if self.short is not None else self.title()


@dataclass(frozen=True)
class Group:
    id: str
    title: Callable[[], str]  # translated when called
    column: int  # Home lays the groups out in two columns: 0 or 1


GROUPS: tuple[Group, ...] = (
    Group("simulation", lambda: _("Simulation"), 0),
    Group("uf1", lambda: _("UF1 Design"), 0),
    Group("uf2", lambda: _("UF2 Manage"), 0),
    Group("uf3", lambda: _("UF3 Monitor"), 1),
    Group("course", lambda: _("Course"), 1),
)


def grouped(role: str | None = "") -> list[tuple[Group, list[Area]]]:
    """The areas of `role` (as `areas`) under their groups, in the groups' order; a group
    with none of the role's areas is left out."""
    known = {g.id for g in GROUPS}
    by_group: dict[str, list[Area]] = {g.id: [] for g in GROUPS}
    for area in areas(role):
        by_group[area.group if area.group in known else GROUPS[-1].id].append(area)
    return [(g, by_group[g.id]) for g in GROUPS if by_group[g.id]]


def _open_scenarios(app) -> None:
    from simlab.tui.screens.scenarios import ScenariosScreen

    app.open_screen(ScenariosScreen())


def _open_run(app) -> None:
    from simlab.tui.screens.run import RunScreen

    app.open_screen(RunScreen())


def _open_runs(app) -> None:
    from simlab.tui.screens.runs import RunsScreen

    app.open_screen(RunsScreen())


def _open_exercises(app) -> None:
    from simlab.tui.screens.exercises import ExercisesScreen

    app.open_screen(ExercisesScreen())


def _open_portfolio(app) -> None:
    from simlab.tui.screens.portfolio import PortfolioScreen

    app.open_screen(PortfolioScreen())


def _open_class(app) -> None:
    from simlab.tui.screens.classview import ClassScreen

    app.open_screen(ClassScreen())


def _open_dashboard(app) -> None:
    from simlab.tui.screens.dashboard import DashboardScreen

    app.open_screen(DashboardScreen())


def _open_session(app) -> None:
    from simlab.tui.screens.session import SessionScreen

    app.open_screen(SessionScreen())


def _open_exams(app) -> None:
    from simlab.tui.screens.exams import ExamsScreen

    app.open_screen(ExamsScreen())


def _open_variance(app) -> None:
    from simlab.tui.screens.variance import VarianceScreen

    app.open_screen(VarianceScreen())


def _open_report(app) -> None:
    from simlab.tui.screens.reportview import ReportScreen

    app.open_screen(ReportScreen())


def _open_surveys(app) -> None:
    from simlab.tui.screens.surveys import SurveysScreen

    app.open_screen(SurveysScreen())


def _open_designer(app) -> None:
    from simlab.tui.screens.designer import DesignerScreen

    app.open_screen(DesignerScreen())


def _open_plan_editor(app) -> None:
    from simlab.tui.screens.planeditor import PlanEditorScreen

    app.open_screen(PlanEditorScreen())


def _open_market(app) -> None:
    from simlab.tui.screens.market import MarketScreen

    app.open_screen(MarketScreen())


def _open_rounds(app) -> None:
    from simlab.tui.screens.rounds import RoundsScreen

    app.open_screen(RoundsScreen())


def areas(role: str | None = "") -> list[Area]:
    """The areas of `role` ("" : every area, for the help and the README; None: no
    person chosen yet)."""
    every = _areas()
    if role == "":
        return every
    return [a for a in every if a.roles is None or (role is not None and role in a.roles)]


def _areas() -> list[Area]:
    return [
        Area("scenarios", "s", lambda: _("Scenarios"),
             lambda: _("The companies to simulate: demand, channels, volumes"), _open_scenarios, group="simulation"),
        Area("run", "r", lambda: _("New run"),
             lambda: _("Simulate a scenario with a care model and a plan"), _open_run, group="simulation"),
        Area("runs", "v", lambda: _("Saved runs"),
             lambda: _("Results of the runs kept in the workspace"), _open_runs,
             lambda: _("Saved"), group="simulation"),
        Area("dashboard", "g", lambda: _("KPI dashboard"),
             lambda: _("A run's KPIs against the targets, from channel to operator, with "
                       "every formula"), _open_dashboard,
             in_footer=False, group="simulation"),
        Area("designer", "d", lambda: _("Care model"),
             lambda: _("Design a care model section by section, with its staff and cost"),
             _open_designer, in_footer=False, group="uf1"),
        Area("plan", "h", lambda: _("Operations plan"),
             lambda: _("Teams, shifts and breaks, budget lines; coverage against the "
                       "requirement and cost"), _open_plan_editor, in_footer=False, group="uf2"),
        Area("market", "m", lambda: _("Market and competitors"),
             lambda: _("Competitors, benchmark, positioning map and segment needs"),
             _open_market, in_footer=False, group="uf1"),
        Area("variance", "a", lambda: _("Variances and proposals"),
             lambda: _("A run's targets against actuals, budget variances, causes and "
                       "proposals to test"), _open_variance, in_footer=False, group="uf3"),
        Area("report", "j", lambda: _("Report"),
             lambda: _("A run's report by audience and cadence, previewed and exported"),
             _open_report, in_footer=False, group="uf3"),
        Area("rounds", "R", lambda: _("Decision rounds"),
             lambda: _("A period played week by week: change the staffing after each "
                       "week and compare the rounds"), _open_rounds, in_footer=False, group="uf2"),
        Area("exercises", "t", lambda: _("Exercises"),
             lambda: _("The exercises by unit, with the abilities they train"),
             _open_exercises,
             roles=("trainee", "instructor", "examiner"), in_footer=False, group="course"),
        Area("portfolio", "f", lambda: _("Portfolio"),
             lambda: _("The 23 abilities of the standard: practised, partly, not yet"),
             _open_portfolio, roles=("trainee", "instructor"), in_footer=False, group="course"),
        Area("class", "l", lambda: _("Class"),
             lambda: _("The trainees' work per exercise and their abilities; the course "
                       "register"), _open_class, roles=("instructor", "examiner"),
             in_footer=False, group="course"),
        Area("exams", "z", lambda: _("Exams"),
             lambda: _("Create the packs of an exam, see who has submitted, grade"),
             _open_exams, roles=("examiner",), in_footer=False, group="course"),
        Area("surveys", "q", lambda: _("Satisfaction surveys"),
             lambda: _("Build a questionnaire, send it to a run's customers or staff, read "
                       "the results"), _open_surveys,
             roles=("trainee", "instructor", "examiner"), in_footer=False, group="uf3"),
        # No key of its own (the letters are taken): its button on Home opens it.
        Area("session", "", lambda: _("Session plan"),
             lambda: _("Scenario, seed and exercises of a lab day, in one file to hand out"),
             _open_session, roles=("instructor",), group="course"),
    ]
