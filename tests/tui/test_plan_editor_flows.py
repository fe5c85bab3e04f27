"""The plan editor and the staffing screen with Pilot: open, type a bad value and read the
Italian message beside the field, fix it, save as a new id, load it back; switch the
budget and its team leaders on and off; change a shift's operators on the staffing screen
and see coverage and cost move; leave with unsaved changes and be asked; a draft restored
after leaving."""

from __future__ import annotations

from textual.widgets import Button, DataTable, Input, Static

from simlab.store.workspace import Workspace
from simlab.tui.app import LabApp
from simlab.tui.screens.confirm import ConfirmScreen
from simlab.tui.screens.planeditor import PlanEditorScreen
from simlab.tui.screens.staffing import StaffingScreen

from .helpers import drive, settle, wait_for

HEADCOUNT = "#f-teams-0-headcount"


async def open_editor(pilot) -> PlanEditorScreen:
    await pilot.press("h")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PlanEditorScreen)
    await wait_for(pilot, lambda: screen.checked is not None)
    return screen


async def type_into(pilot, selector: str, text: str) -> None:
    screen = pilot.app.screen
    field = screen.query_one(selector, Input)
    names = [type(a).__name__ for a in field.ancestors_with_self]
    screen.query_one("#plan-tabs").active = field.ancestors_with_self[names.index("TabPane")].id
    await pilot.pause()
    field.value = text
    await settle(pilot)  # the input's change, then the form's, then the screen's


async def press(pilot, selector: str) -> None:
    button = pilot.app.screen.query_one(selector, Button)
    button.scroll_visible(animate=False)
    await pilot.pause()
    button.press()
    await settle(pilot)


def slot_text(screen, section: str, path) -> tuple[bool, str]:
    slot = screen.query_one(f"#plan-form-{section}").error_slots[path]
    return slot.display, str(slot.render())


def test_bad_value_message_fix_save_reload(ws_path):
    app = LabApp(ws_path)

    async def script(pilot):
        screen = await open_editor(pilot)
        assert screen.opened.source.id == "energia-base" and screen.checked.errors == []
        tabs = [p.id for p in screen.query("TabPane")]
        assert tabs[:4] == ["plan-sec-general", "plan-sec-teams", "plan-sec-shifts",
                            "plan-sec-budget"]
        await type_into(pilot, "#f-teams-0-absence_rate", "abc")
        shown, text = slot_text(screen, "teams", ("teams", 0, "absence_rate"))
        assert shown and "«abc» non è un numero" in text
        await type_into(pilot, "#f-teams-0-absence_rate", "1,5")
        shown, text = slot_text(screen, "teams", ("teams", 0, "absence_rate"))
        assert shown and "minore di 1" in text
        await type_into(pilot, "#f-teams-0-absence_rate", "0,1")
        assert not slot_text(screen, "teams", ("teams", 0, "absence_rate"))[0]
        # the headcount must match the shifts: the message lands beside it
        await type_into(pilot, HEADCOUNT, "40")
        shown, text = slot_text(screen, "teams", ("teams", 0, "headcount"))
        assert shown and "i turni assegnano 46" in text
        await type_into(pilot, HEADCOUNT, "46")
        assert screen.checked.errors == [] and screen.data["teams"][0]["absence_rate"] == 0.1
        await pilot.press("ctrl+s")  # a shipped plan: «save as» asks for an id
        await settle(pilot)
        dialog = pilot.app.screen
        dialog.query_one(Input).value = "energia-mio"
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert screen.opened.source.id == "energia-mio" and not screen.opened.shipped
        assert screen.data["teams"][0]["absence_rate"] == 0.1 and not screen.unsaved()

    drive(app, script)
    with Workspace.open(ws_path) as ws:
        doc = ws.document("plan", "energia-mio")
    assert "absence_rate: 0.1" in doc.text and "id: energia-mio" in doc.text

    async def reload(pilot):
        screen = await open_editor(pilot)
        keys = [s.key for s in screen.plan_sources]
        assert "ws:energia-mio" in keys
        screen.pick_plan("ws:energia-mio")
        await settle(pilot)
        assert screen.data["teams"][0]["absence_rate"] == 0.1
        assert screen.query_one("#f-teams-0-absence_rate", Input).value == "0,1"

    drive(LabApp(ws_path), reload)


def test_optional_sections_switch_on_and_off(ws_path):
    app = LabApp(ws_path)

    async def script(pilot):
        screen = await open_editor(pilot)
        assert "budget" not in screen.data
        screen.query_one("#plan-tabs").active = "plan-sec-budget"
        await pilot.pause()
        await press(pilot, "#add-budget")
        assert screen.data["budget"] == {} and screen.checked.errors == []
        await press(pilot, "#add-budget-team_leaders")
        # the team leaders' span and cost are required: named beside their fields
        assert screen.data["budget"]["team_leaders"] == {"span": "", "hourly_cost": ""}
        shown, _text = slot_text(screen, "budget", ("budget", "team_leaders", "span"))
        assert shown
        await type_into(pilot, "#f-budget-team_leaders-span", "1")
        assert "almeno 2" in slot_text(screen, "budget", ("budget", "team_leaders", "span"))[1]
        await type_into(pilot, "#f-budget-team_leaders-span", "12")
        await type_into(pilot, "#f-budget-team_leaders-hourly_cost", "28")
        assert screen.checked.errors == [] and screen.checked.plan.budget.team_leaders.span == 12
        await press(pilot, "#del-budget-team_leaders")
        assert screen.data["budget"] == {} and screen.checked.plan.budget.team_leaders is None
        await press(pilot, "#del-budget")
        assert "budget" not in screen.data and screen.checked.plan.budget is None
        await pilot.press("ctrl+z")  # undo brings the budget back
        await settle(pilot)
        assert screen.data["budget"] == {}

    drive(app, script)


def test_staffing_edit_changes_coverage_and_cost(ws_path):
    app = LabApp(ws_path)

    async def script(pilot):
        editor = await open_editor(pilot)
        await press(pilot, "#plan-staffing")
        screen = pilot.app.screen
        assert isinstance(screen, StaffingScreen)
        await wait_for(pilot, lambda: screen.result is not None)
        before = screen.result
        table = screen.query_one("#staff-table", DataTable)
        assert table.row_count > 0
        # the first shift of the front office (8 operators, 08-12 on weekdays) to 20
        screen.query_one("#staff-tabs").active = "staff-tab-roster"
        await pilot.pause()
        field = screen.query_one("#agents-0-0", Input)
        assert field.value == "8"
        field.value = "20"
        await settle(pilot)
        after = screen.result
        assert after is not before
        assert after.weekly_cost > before.weekly_cost
        assert after.under("phone") < before.under("phone")
        assert after.scheduled["phone"][0, 18] > before.scheduled["phone"][0, 18]
        # the intervals under the requirement are the ones highlighted
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert any(row[-1].plain for row in rows) and not all(row[-1].plain for row in rows)
        for row in rows:
            assert (str(row[0].style) == "bold red") == bool(row[-1].plain)
        field.value = "many"
        await settle(pilot)
        error = screen.query_one("#agents-error-0-0", Static)
        assert error.display and "numero intero" in str(error.render())
        field.value = "20"
        await settle(pilot)
        assert not error.display
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is editor
        assert editor.data["teams"][0]["shifts"][0]["agents"] == 20
        assert editor.data["teams"][0]["headcount"] == 58  # 46 + 12: still consistent
        assert editor.checked.errors == [] and editor.unsaved()

    drive(app, script)


def test_leaving_with_unsaved_changes_asks_and_keeps_a_draft(ws_path):
    app = LabApp(ws_path)

    async def script(pilot):
        screen = await open_editor(pilot)
        await type_into(pilot, "#f-teams-0-hourly_cost", "25")
        assert screen.unsaved()
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await press(pilot, "#no")  # stay
        assert pilot.app.screen is screen and screen.data["teams"][0]["hourly_cost"] == 25
        await pilot.press("escape")
        await settle(pilot)
        await press(pilot, "#yes")  # leave: the draft stays
        assert not isinstance(pilot.app.screen, PlanEditorScreen)
        screen = await open_editor(pilot)
        assert screen.data["teams"][0]["hourly_cost"] == 25 and screen.unsaved()
        await pilot.press("ctrl+z")  # back to the plan as saved
        await settle(pilot)
        assert screen.data["teams"][0]["hourly_cost"] == 21.0 and not screen.unsaved()
        await pilot.press("escape")  # nothing unsaved: no question
        await settle(pilot)
        assert not isinstance(pilot.app.screen, (PlanEditorScreen, ConfirmScreen))

    drive(app, script)
