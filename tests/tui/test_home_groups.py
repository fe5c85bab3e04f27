"""Home's areas grouped by unit: each area under its group's title, every key still
opening its area, and every role's areas in sight at 80×24 without scrolling."""

from __future__ import annotations

import asyncio

from textual.widgets import Button, Label

from simlab.store.workspace import Workspace
from simlab.tui.app import LabApp
from simlab.tui.areas import GROUPS, areas, grouped
from simlab.tui.screens.home import HomeScreen

from .helpers import drive, settle
from .test_small_terminal import between_bars

# The screen each area opens (its class name): a key that opened another area would fail.
OPENS = {
    "scenarios": "ScenariosScreen", "run": "RunScreen", "runs": "RunsScreen",
    "dashboard": "DashboardScreen", "designer": "DesignerScreen", "plan": "PlanEditorScreen",
    "market": "MarketScreen", "variance": "VarianceScreen", "report": "ReportScreen",
    "rounds": "RoundsScreen", "exercises": "ExercisesScreen", "portfolio": "PortfolioScreen",
    "class": "ClassScreen", "exams": "ExamsScreen", "surveys": "SurveysScreen",
    "session": "SessionScreen",
}
ROLES = ("trainee", "instructor", "examiner")


def _people(ws_path) -> dict[str, int]:
    """role → the id of a person with it (the workspace's own person is a trainee)."""
    with Workspace.open(ws_path) as ws:
        return {"trainee": ws.current_person().id,
                "instructor": ws.add_person("Prof. Rossi", "instructor"),
                "examiner": ws.add_person("Dott. Bianchi", "examiner")}


async def _become(pilot, person_id: int) -> None:
    pilot.app.ws.set_current_person(person_id)
    await pilot.app.screen.refresh_person()
    await settle(pilot)


def _shown_groups(screen) -> list[tuple[str, list[str]]]:
    """Home's columns read top to bottom: (group title, the area ids under it)."""
    out: list[tuple[str, list[str]]] = []
    for column in screen.query(".area-column"):
        for widget in column.children:
            if isinstance(widget, Label):
                out.append((str(widget.render()), []))
            elif isinstance(widget, Button):
                out[-1][1].append((widget.id or "").removeprefix("area-"))
    return out


def test_groups_are_the_units_of_the_course_in_italian():
    titles = {g.id: g.title() for g in GROUPS}
    assert titles == {"simulation": "Simulazione", "uf1": "UF1 Progettare",
                      "uf2": "UF2 Gestire", "uf3": "UF3 Monitorare", "course": "Corso"}
    members = {g.id: [a.id for a in found] for g, found in grouped("instructor")}
    assert members == {"simulation": ["scenarios", "run", "runs", "dashboard"],
                       "uf1": ["designer", "market"], "uf2": ["plan", "rounds"],
                       "uf3": ["variance", "report", "surveys"],
                       "course": ["exercises", "portfolio", "class", "session"]}
    # before a person is chosen there is no course area: the group is left out
    assert "course" not in {g.id for g, _ in grouped(None)}
    # every area is in exactly one group
    every = [a.id for _, found in grouped("") for a in found]
    assert sorted(every) == sorted(a.id for a in areas("")) and len(set(every)) == len(every)


def test_home_shows_each_role_its_areas_under_their_groups(ws_path):
    people = _people(ws_path)

    async def script(pilot):
        for role in ROLES:
            await _become(pilot, people[role])
            shown = _shown_groups(pilot.app.screen)
            expected = [(g.title(), [a.id for a in found]) for g, found in grouped(role)
                        if g.column == 0]
            expected += [(g.title(), [a.id for a in found]) for g, found in grouped(role)
                         if g.column == 1]
            assert shown == expected + [("Il laboratorio", ["help"])], role

    drive(LabApp(ws_path), script)


def test_each_key_opens_its_area_for_every_role(ws_path):
    """Every role's keys reach exactly its own areas (Home's `check_action`), and each
    area's key or button opens its screen and escape comes back. An area is opened once,
    with the first role that has it: what a key opens does not depend on the role, and
    the designer and plan editor take seconds to build."""
    people = _people(ws_path)

    async def script(pilot):
        app = pilot.app
        opened: set[str] = set()
        for role in ROLES:
            await _become(pilot, people[role])
            mine = {area.id for area in areas(role)}
            for area in areas():
                assert app.screen.check_action("area", (area.id,)) == (area.id in mine), (
                    role, area.id)
                if area.key and area.id not in mine:  # another role's key does nothing
                    await pilot.press(area.key)
                    await settle(pilot)
                    assert isinstance(app.screen, HomeScreen), (role, area.id)
            for area in areas(role):
                if area.id in opened:
                    continue
                opened.add(area.id)
                if area.key:
                    await pilot.press(area.key)
                else:  # no key of its own: its button opens it
                    app.screen.query_one(f"#area-{area.id}", Button).press()
                await settle(pilot)
                assert type(app.screen).__name__ == OPENS[area.id], (role, area.id)
                await pilot.press("escape")
                await settle(pilot)
                assert isinstance(app.screen, HomeScreen), (role, area.id)
        assert opened == set(OPENS)

    drive(LabApp(ws_path), script)


def test_every_role_sees_all_its_areas_at_80x24_without_scrolling(ws_path):
    people = _people(ws_path)

    async def main() -> None:
        async with LabApp(ws_path).run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            for role in ROLES:
                await _become(pilot, people[role])
                screen = pilot.app.screen
                assert screen.query_one("#home").scroll_y == 0
                sight = between_bars(screen)
                for widget in [*screen.query(".area-button"), *screen.query(".area-group"),
                               screen.query_one("#area-hint")]:
                    assert sight.contains_region(widget.region), (role, widget.id)
                # the focused area says what it holds
                screen.query_one("#area-designer", Button).focus()
                await settle(pilot)
                hint = str(screen.query_one("#area-hint").render())
                assert "sezione per sezione" in hint, hint

    asyncio.run(main())
