"""The staffing screen («Copertura e costi», UF2), opened from the plan editor: the care
model's requirement against the plan's operators answering, per 30-minute interval and
channel, as a chart (tab 1) and a table with the intervals under the requirement
highlighted (tab 3); the roster of shifts (tab 2), where the trainee changes a shift's
operators by hand and sees coverage and cost change at once. Every number comes from
`lab.staffing` (and the tables from `reports.staffing_tables`); this screen draws them.
Leaving hands the edited plan back to the editor, which keeps it unsaved until Ctrl+S."""

from __future__ import annotations

from rich.markup import escape
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Input, Label, Select, Static, TabbedContent, TabPane

from simlab import fmt
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.lab import designer, planeditor, staffing
from simlab.model.common import DAY_LABELS_IT
from simlab.reports.staffing_tables import coverage_grid, days_text
from simlab.reports.tables import channel_names
from simlab.tui.screens.base import LabScreen
from simlab.tui.screens.designer import model_label
from simlab.tui.widgets.charts import LineChart


class RequirementReady(Message):
    def __init__(self, care_key: str, required=None, error: SimlabError | None = None) -> None:
        super().__init__()
        self.care_key, self.required, self.error = care_key, required, error


class AgentsInput(Input):
    def __init__(self, team: int, shift: int, value: int) -> None:
        super().__init__(str(value), id=f"agents-{team}-{shift}", compact=True,
                         classes="agents-input")
        self.team, self.shift = team, shift


class StaffingScreen(LabScreen):
    def __init__(self, opened: planeditor.Opened, data: dict) -> None:
        super().__init__()
        self.opened = opened
        self.data = data
        self.start_data = data
        self.care_sources = designer.models(opened.scenario)
        self.care = None
        self.wanted: str | None = None  # the care model whose requirement is coming
        self.required = None
        self.result: staffing.Staffing | None = None
        self.channels = [c.id for c in opened.scenario.model.channels]

    @classmethod
    def keys(cls) -> list[Binding]:
        return [Binding("escape", "back", _("Back"))]

    def screen_title(self) -> str:
        return _("Coverage and cost")

    def body(self) -> ComposeResult:
        names = channel_names(self.opened.scenario.model)
        with Horizontal(id="staff-pick"):
            yield Select([(model_label(s), s.key) for s in self.care_sources],
                         prompt=_("Care model"), allow_blank=False, id="staff-care",
                         compact=True)
            yield Select([(names.get(c, c), c) for c in self.channels], allow_blank=False,
                         id="staff-channel", compact=True)
            yield Select([(d, d) for d in DAY_LABELS_IT], allow_blank=False, id="staff-day",
                         compact=True)
        yield Static(_("Computing the requirement…"), id="staff-summary")
        with TabbedContent(id="staff-tabs"):
            with TabPane(_("Chart"), id="staff-tab-chart"):
                yield LineChart(id="staff-chart")
            with TabPane(_("Roster"), id="staff-tab-roster"):
                yield VerticalScroll(id="staff-roster")
            with TabPane(_("Intervals"), id="staff-tab-table"):
                yield DataTable(id="staff-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.build_roster()
        if self.care_sources:
            self.load_requirement(self.care_sources[0].key)

    # -- the requirement: once per care model, in the background --------------------------

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.value is Select.NULL:
            return
        if event.select.id == "staff-care":
            if event.value != self.wanted:
                self.load_requirement(str(event.value))
        else:
            self.show()

    def load_requirement(self, key: str) -> None:
        self.wanted = key
        self.compute_requirement(key)

    # Not exclusive: a sizing cannot be stopped midway; one that comes late for a care
    # model no longer chosen is dropped (on_requirement_ready).
    @work(thread=True, group="requirement")
    def compute_requirement(self, key: str) -> None:
        source = next(s for s in self.care_sources if s.key == key)
        try:
            required = staffing.requirement(self.opened.scenario.model, source.model)
        except SimlabError as e:
            self.post_message(RequirementReady(key, error=e))
            return
        self.post_message(RequirementReady(key, required))

    def on_requirement_ready(self, message: RequirementReady) -> None:
        if message.care_key != self.wanted:
            return
        if message.error is not None:
            self.query_one("#staff-summary", Static).update(escape(message.error.message))
            return
        self.care = next(s for s in self.care_sources if s.key == message.care_key)
        self.required = message.required
        self.recompute()

    # -- the roster, edited by hand -------------------------------------------------------

    def build_roster(self) -> None:
        box = self.query_one("#staff-roster", VerticalScroll)
        rows = []
        for ti, team in enumerate(self.data.get("teams") or []):
            rows.append(Label(escape(str(team.get("id", ti + 1))), classes="group-title"))
            for si, shift in enumerate(team.get("shifts") or []):
                label = Label(escape(self.shift_text(shift)), classes="shift-label",
                              id=f"shift-label-{ti}-{si}")
                agents = AgentsInput(ti, si, shift.get("agents", 0))
                error = Static("", classes="error field-error", id=f"agents-error-{ti}-{si}")
                error.display = False
                rows += [Horizontal(label, agents, classes="shift-row"), error]
        box.mount_all(rows)

    @staticmethod
    def shift_text(shift: dict) -> str:
        days = shift.get("days", "")
        days = ", ".join(str(d) for d in days) if isinstance(days, list) else str(days)
        return f"{days} {shift.get('from', '')}–{shift.get('to', '')}"

    def on_input_changed(self, event: Input.Changed) -> None:
        if not isinstance(event.input, AgentsInput):
            return
        event.stop()
        box = event.input
        error = self.query_one(f"#agents-error-{box.team}-{box.shift}", Static)
        text = event.value.strip()
        try:
            agents = int(text) if text.isdigit() else -1
            self.data = staffing.with_agents(self.data, box.team, box.shift, agents)
        except SimlabError as e:
            error.update("⚠ " + escape(e.message))
            error.display = True
            return
        error.display = False
        self.recompute()

    def recompute(self) -> None:
        summary = self.query_one("#staff-summary", Static)
        if self.required is None or self.care is None:
            return
        checked = planeditor.validate(self.opened, self.data)
        if checked.plan is None:
            summary.update(escape(checked.summary()))
            summary.set_class(True, "error")
            return
        try:
            self.result = staffing.staffing(self.required, checked.plan, self.care.model,
                                            self.channels)
        except SimlabError as e:
            summary.update(escape(e.message))
            return
        summary.set_class(False, "error")
        self.show()

    # -- drawing --------------------------------------------------------------------------

    def show(self) -> None:
        if self.result is None:
            return
        channel = str(self.query_one("#staff-channel", Select).value)
        day = str(self.query_one("#staff-day", Select).value)
        d = DAY_LABELS_IT.index(day)
        r = self.result
        self.query_one("#staff-summary", Static).update(_(
            "Cost per week: {cost} · operators: {n} · intervals under the requirement: "
            "{under} ({here} in this channel)").format(
            cost=fmt.euro(r.weekly_cost), n=fmt.number(sum(s.agents for s in r.shifts)),
            under=fmt.number(r.under()), here=fmt.number(r.under(channel))))
        times = [i * staffing.INTERVAL_S for i in range(staffing.PER_DAY)]
        names = channel_names(self.opened.scenario.model)
        self.query_one("#staff-chart", LineChart).show(
            _("{channel}, {day}: operators answering").format(
                channel=names.get(channel, channel), day=day),
            {_("Required"): (times, r.required[channel][d].tolist()),
             _("Scheduled"): (times, r.scheduled[channel][d].tolist())})
        self.fill_table(coverage_grid(r, self.opened.scenario.model, channel, day))
        for s in r.shifts:
            for label in self.query(f"#shift-label-{s.team}-{s.shift}").results(Label):
                label.update(escape(_("{days} {start}–{end} · {hours} h · {cost} a week").format(
                    days=days_text(s.days), start=staffing.clock(s.start_s),
                    end=staffing.clock(s.end_s), hours=fmt.number(s.hours_per_week),
                    cost=fmt.euro(s.cost_per_week))))

    def fill_table(self, grid) -> None:
        table = self.query_one("#staff-table", DataTable)
        table.clear(columns=True)
        table.add_columns(*grid.headers)
        for row in grid.rows:
            short = bool(row[-1])
            style = "bold red" if short else ""
            table.add_row(*(Text(cell, style=style) for cell in row))

    def action_back(self) -> None:
        self.dismiss(self.data if self.data != self.start_data else None)
