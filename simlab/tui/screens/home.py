"""Home: who is using the lab, their recent work, and the way to each area.

The areas stand under the groups of `simlab.tui.areas.GROUPS` (the simulation, then the
units of the course), in two columns of one-line buttons, so that every area is in sight
at 80×24 as at 120×40; what the focused area holds is said in one line below them."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Label, Static

from simlab.i18n import _
from simlab.tui.areas import Area, areas, grouped
from simlab.tui.screens.base import LabScreen
from simlab.tui.widgets.person import PersonForm
from simlab.tui.widgets.runs import RunsTable
from simlab.tui.widgets.titlebar import role_name

RECENT = 8


def area_hint() -> str:
    """Said below the areas while no area has the focus."""
    return _("Each area with its key: move onto one to read what it holds.")


class HomeScreen(LabScreen):
    @classmethod
    def keys(cls) -> list[Binding]:
        return [Binding(a.key, f"area('{a.id}')", a.footer(), tooltip=a.title(),
                        show=a.in_footer) for a in areas() if a.key] + [
            Binding("u", "app.change_person", _("Person"), tooltip=_("Change person")),
        ]

    def screen_title(self) -> str:
        return _("Customer-care simulation lab")

    def body(self) -> ComposeResult:
        with VerticalScroll(id="home"):
            yield from self.parts()

    def parts(self) -> ComposeResult:
        with Horizontal(id="home-top"):
            with Vertical(id="home-person", classes="panel"):
                yield Label(_("Who is using the lab"), classes="panel-title")
                yield Vertical(id="person-slot")
            with Vertical(id="home-areas", classes="panel"):
                yield Label(_("Areas"), classes="panel-title")
                yield Horizontal(id="area-list")
                yield Static(area_hint(), id="area-hint")
        with Vertical(id="home-recent", classes="panel"):
            yield Label(_("Recent work"), classes="panel-title")
            yield Static(_("No runs yet: start one from «New run»."), id="no-runs")
            yield RunsTable(id="recent-runs")

    def role(self) -> str | None:
        person = self.app.ws.current_person()
        return person.role if person else None

    def area_columns(self) -> list[Vertical]:
        """The role's areas under their groups' titles, in the groups' two columns; the
        help closes the second."""
        columns: list[list] = [[], []]
        for group, members in grouped(self.role()):
            column = columns[group.column]
            column.append(Label(group.title(), classes="area-group"))
            column.extend(self.area_button(area) for area in members)
        columns[1].append(Label(_("The lab"), classes="area-group"))
        columns[1].append(Button(f"{_('Help')} (F1)", id="area-help", compact=True,
                                 classes="area-button",
                                 tooltip=_("Keys, and what each indicator means with its "
                                           "formula")))
        return [Vertical(*widgets, classes="area-column") for widgets in columns]

    @staticmethod
    def area_button(area: Area) -> Button:
        label = f"{area.title()} ({area.key})" if area.key else area.title()
        return Button(label, id=f"area-{area.id}", compact=True, classes="area-button",
                      tooltip=area.summary())

    def on_descendant_focus(self, event) -> None:
        """The focused area's summary, below the areas (the buttons are one line each)."""
        button = event.widget
        on_area = isinstance(button, Button) and "area-button" in button.classes
        self.query_one("#area-hint", Static).update(
            str(button.tooltip or "") if on_area else area_hint())

    async def show_areas(self) -> None:
        """The areas of the current person's role (a change of person may change them)."""
        slot = self.query_one("#area-list", Horizontal)
        await slot.remove_children()
        await slot.mount(*self.area_columns())
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """An area's key works (and shows in the footer) only for the roles that have it."""
        if action == "area" and parameters:
            return any(a.id == parameters[0] for a in areas(self.role()))
        return True

    async def on_mount(self) -> None:
        self._shown: object = ...  # the person shown (an id, or None), ... before the first
        await self.show_person()
        self.show_runs()

    async def on_screen_resume(self) -> None:
        self.show_runs()
        await self.refresh_person()

    async def show_person(self) -> None:
        person = self.app.ws.current_person()
        shown = (person.id, person.role) if person else None
        if shown == self._shown:
            return
        self._shown = shown
        await self.show_areas()
        slot = self.query_one("#person-slot", Vertical)
        await slot.remove_children()
        if person is None:
            await slot.mount(Static(_("Welcome! Tell the lab who you are: your runs will carry "
                                      "your name."), classes="hint"),
                             PersonForm(id="person-form"))
            self.query_one("#person-name").focus()
        else:
            await slot.mount(Horizontal(
                Static(f"[b]{escape(person.name)}[/b]\n{role_name(person.role)}", id="person-now"),
                Button(_("Change person") + " (u)", id="change-person", compact=True),
                id="person-row"))

    async def refresh_person(self) -> None:
        super().refresh_person()
        if self.is_mounted:
            await self.show_person()

    def show_runs(self) -> None:
        records = self.app.ws.runs(limit=RECENT)
        self.query_one("#no-runs").display = not records
        table = self.query_one(RunsTable)
        table.display = bool(records)
        table.show(records)

    def on_person_form_chosen(self, event: PersonForm.Chosen) -> None:
        self.app._person_changed(event.person_id)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button = event.button.id or ""
        if button == "change-person":
            self.app.action_change_person()
        elif button == "area-help":
            self.app.action_help()
        elif button.startswith("area-"):
            self.action_area(button.removeprefix("area-"))

    def action_area(self, area_id: str) -> None:
        for area in areas(self.role()):
            if area.id == area_id:
                area.open(self.app)

    def action_back(self) -> None:
        """Home is the bottom of the lab: escape does nothing here."""

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from simlab.tui.screens.results import open_stored_run

        open_stored_run(self.app, str(event.row_key.value))
