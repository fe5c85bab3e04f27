"""Satisfaction surveys: build a questionnaire from the item bank and save it in the
workspace, send it to a saved run's customers or staff, and read the results (CSAT, NPS
and CES with intervals, SERVQUAL gaps as a chart, reliability, drivers, themes). The
rules and the statistics are `lab.surveys`' and `survey`'s; the tables are
`reports.survey_tables`'."""

from __future__ import annotations

from rich.markup import escape
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Input, Label, Select, SelectionList, Static

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.lab import surveys
from simlab.reports import survey_tables as tables
from simlab.tui.screens.base import LabScreen
from simlab.tui.widgets.survey_charts import GapChart

RESULT_TABLES = ("scores", "servqual", "reliability", "drivers", "themes")


class SurveysScreen(LabScreen):
    def screen_title(self) -> str:
        return _("Satisfaction surveys")

    def body(self) -> ComposeResult:
        with VerticalScroll(id="survey-body"):
            with Vertical(classes="panel", id="survey-design"):
                yield Label(_("Build a questionnaire from the item bank"), classes="panel-title")
                with Horizontal(classes="row"):
                    yield Label(_("Id"), classes="field-label")
                    yield Input("clienti", id="survey-id", compact=True, max_length=64)
                with Horizontal(classes="row"):
                    yield Label(_("Title"), classes="field-label")
                    yield Input(_("After-contact survey"), id="survey-title", compact=True,
                                max_length=200)
                with Horizontal(classes="row"):
                    yield Label(_("Audience"), classes="field-label")
                    yield Select([(_("Customers"), "customer"), (_("Staff"), "staff")],
                                 value="customer", allow_blank=False, id="survey-audience",
                                 compact=True)
                with Horizontal(classes="row"):
                    yield Label(_("When"), classes="field-label")
                    yield Select([(_("after each contact"), "after_contact"),
                                  (_("periodic"), "periodic")], value="after_contact",
                                 allow_blank=False, id="survey-send", compact=True)
                    yield Label(_("Sample"), classes="field-label short-label")
                    yield Input("0,3", id="survey-sample", classes="short", compact=True)
                yield SelectionList(id="survey-items")
                yield Label("", id="survey-error", classes="error")
                with Horizontal(classes="buttons"):
                    yield Button(_("Save the questionnaire"), id="survey-save",
                                 variant="primary")
            with Vertical(classes="panel", id="survey-send-panel"):
                yield Label(_("Send it to a saved run"), classes="panel-title")
                with Horizontal(classes="row"):
                    yield Label(_("Questionnaire"), classes="field-label")
                    yield Select([], prompt=_("Choose…"), id="survey-saved", compact=True)
                with Horizontal(classes="row"):
                    yield Label(_("Run"), classes="field-label")
                    yield Select([], prompt=_("Choose…"), id="survey-run", compact=True)
                with Horizontal(classes="buttons"):
                    yield Button(_("Send and analyse"), id="survey-go", variant="primary")
                yield Label("", id="survey-status")
            with Vertical(classes="panel", id="survey-results"):
                yield Label(_("Results"), classes="panel-title")
                with Horizontal(classes="row"):
                    yield Label(_("Survey"), classes="field-label")
                    yield Select([], prompt=_("Choose…"), id="survey-done", compact=True)
                yield Static("", id="survey-facts")
                for name in RESULT_TABLES:
                    yield DataTable(id=f"survey-{name}", zebra_stripes=True,
                                    cursor_type="row", classes="survey-table")
                yield GapChart(id="survey-gaps")

    def on_mount(self) -> None:
        self.fill_items("customer")
        self.refresh_lists()

    def fill_items(self, audience: str) -> None:
        items = self.query_one("#survey-items", SelectionList)
        items.clear_options()
        chosen = {"csat", "nps", "ces", "comment", "servqual-expectation",
                  "servqual-perception"} if audience == "customer" else None
        items.add_options([(label, value, chosen is None or value in chosen)
                           for label, value in surveys.designer_choices(audience)])

    def refresh_lists(self, saved: str | None = None, done: str | None = None) -> None:
        ws = self.app.ws
        docs = surveys.saved_questionnaires(ws)
        select = self.query_one("#survey-saved", Select)
        select.set_options([(doc_id, doc_id) for doc_id, _text in docs])
        if saved is not None or docs:
            select.value = saved or docs[-1][0]
        runs = [r for r in ws.runs() if r.status == "complete"]
        run_select = self.query_one("#survey-run", Select)
        run_select.set_options([(f"{r.id} · {r.scenario_id} · {_('seed')} {r.seed}", r.id)
                                for r in runs])
        if runs:
            run_select.value = runs[0].id
        folders = surveys.workspace_surveys(ws)
        done_select = self.query_one("#survey-done", Select)
        done_select.set_options([(p.name, str(p)) for p in folders])
        if done is not None:
            done_select.value = done

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "survey-audience" and event.value is not Select.NULL:
            self.fill_items(str(event.value))
        elif event.select.id == "survey-done" and event.value is not Select.NULL:
            self.show_results(str(event.value))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "survey-save":
            self.save()
        elif event.button.id == "survey-go":
            self.go()

    def save(self) -> None:
        error = self.query_one("#survey-error", Label)
        try:
            q, text = surveys.build_questionnaire(
                self.query_one("#survey-id", Input).value,
                self.query_one("#survey-title", Input).value,
                str(self.query_one("#survey-audience", Select).value),
                str(self.query_one("#survey-send", Select).value),
                self.query_one("#survey-sample", Input).value,
                list(self.query_one("#survey-items", SelectionList).selected))
            person = self.app.ws.current_person()
            surveys.save_questionnaire(self.app.ws, q, text,
                                       person.id if person is not None else None)
        except SimlabError as e:
            error.update(escape(str(e)))
            return
        error.update("")
        self.refresh_lists(saved=q.id)
        self.app.notify(_("Questionnaire «{id}» saved in the workspace").format(id=q.id),
                        title=_("Satisfaction surveys"))

    def go(self) -> None:
        doc = self.query_one("#survey-saved", Select).value
        run = self.query_one("#survey-run", Select).value
        status = self.query_one("#survey-status", Label)
        if doc is Select.NULL or run is Select.NULL:
            status.update(_("Choose a saved questionnaire and a run."))
            return
        status.update(_("Sending…"))
        self.send(str(run), str(doc))

    @work(thread=True, exclusive=True, group="survey-send")
    def send(self, run_id: str, doc_id: str) -> None:
        try:
            done = surveys.send_in_workspace(self.app.ws, run_id, doc_id)
        except SimlabError as e:
            self.app.call_from_thread(self.sent, None, e)
            return
        self.app.call_from_thread(self.sent, done, None)

    def sent(self, done, error: SimlabError | None) -> None:
        status = self.query_one("#survey-status", Label)
        if error is not None:
            status.update(escape(str(error)))
            return
        facts = done.meta["fieldwork"]
        status.update(_("{responses} responses from {invited} invited").format(
            responses=facts["responses"], invited=facts["invited"]))
        self.refresh_lists(done=str(done.folder))

    def show_results(self, folder: str) -> None:
        try:
            report = surveys.analyse(surveys.load(folder))
        except SimlabError as e:
            self.query_one("#survey-facts", Static).update(escape(str(e)))
            return
        self.report = report
        self.query_one("#survey-facts", Static).update("\n".join(
            f"[b]{escape(label)}[/b]: {escape(value)}" for label, value in tables.facts(report)))
        grids = {"scores": tables.scores_grid(report) if report["audience"] == "customer"
                 else tables.staff_grid(report),
                 "servqual": tables.servqual_grid(report),
                 "reliability": tables.reliability_grid(report),
                 "drivers": tables.drivers_grid(report), "themes": tables.themes_grid(report)}
        for name, grid in grids.items():
            table = self.query_one(f"#survey-{name}", DataTable)
            table.clear(columns=True)
            table.display = bool(grid.rows)
            table.add_columns(*grid.headers)
            for row, key in zip(grid.rows, grid.keys, strict=True):
                table.add_row(*row, key=key)
        names, gaps = surveys.gap_bars(report)
        chart = self.query_one("#survey-gaps", GapChart)
        chart.display = bool(names)
        chart.show(_("SERVQUAL gaps (perception − expectation)"), names, gaps)
