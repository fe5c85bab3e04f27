"""Targets against actuals, the budget's variances, the causes found in the data and the
improvement proposals of a saved run (docs/variance.md): accept or reject a proposal and
test an accepted one with a what-if run. The same lab functions as `simlab evaluate` and
`simlab proposals`: the screen only shows their tables."""

from __future__ import annotations

from contextlib import nullcontext

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, DataTable, Label, Static

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.reports.report_doc import Section, grid
from simlab.tui.screens.base import LabScreen
from simlab.tui.screens.results import fill
from simlab.tui.widgets.runpicker import RunPicker


class Evaluated(Message):
    def __init__(self, ev=None, run_id: str | None = None,
                 error: SimlabError | None = None) -> None:
        super().__init__()
        self.ev, self.run_id, self.error = ev, run_id, error


class WhatIfDone(Message):
    def __init__(self, result: dict | None = None, error: SimlabError | None = None) -> None:
        super().__init__()
        self.result, self.error = result, error


def evaluate_saved(ws, run_id: str):
    """The evaluation of a workspace run, as `simlab evaluate RUN` makes it."""
    from simlab.lab import evaluation

    return evaluation.evaluate(evaluation.open_run(run_id, lambda: nullcontext(ws)))


async def show_section(box: Vertical, section: Section, prefix: str) -> None:
    """A report section in `box`: its title, its paragraphs and a table per table."""
    await box.remove_children()
    await box.mount(Label(section.title, classes="panel-title"))
    for para in section.paragraphs:
        await box.mount(Static(para, markup=False, classes="hint"))
    for i, table in enumerate(section.tables):
        widget = DataTable(id=f"{prefix}-{i}", cursor_type="row", zebra_stripes=True,
                           classes="var-table")
        await box.mount(widget)
        g = grid(table)
        if len(set(g.keys)) < len(g.keys):  # rows keyed by their first cell when it is unique
            g.keys[:] = [str(i) for i in range(len(g.keys))]
        fill(widget, g)


class VarianceScreen(LabScreen):
    def __init__(self) -> None:
        super().__init__()
        self.ev = None
        self.run_id: str | None = None

    def screen_title(self) -> str:
        title = _("Variances and proposals")
        return title + (f" · {self.run_id}" if self.run_id else "")

    def body(self) -> ComposeResult:
        with VerticalScroll(id="var"):
            yield RunPicker("var")
            with Vertical(id="var-board"):
                yield Vertical(id="var-targets", classes="var-box")
                yield Vertical(id="var-costs", classes="var-box")
                yield Vertical(id="var-causes", classes="var-box")
                yield Vertical(id="var-proposals", classes="var-box")
                with Horizontal(id="var-buttons"):
                    yield Button(_("Accept"), id="var-accept", variant="success")
                    yield Button(_("Reject"), id="var-reject", variant="error")
                    yield Button(_("What-if run"), id="var-whatif", variant="primary")
                yield Static("", id="var-status", classes="hint")
                yield Vertical(id="var-whatif-box", classes="var-box")

    def on_mount(self) -> None:
        self.query_one("#var-board").display = False
        self.show_runs()

    def show_runs(self) -> None:
        self.query_one(RunPicker).show()

    def on_run_picker_chosen(self, event: RunPicker.Chosen) -> None:
        self.load(event.run_id)

    @work(thread=True, exclusive=True, group="variance")
    def load(self, run_id: str) -> None:
        try:
            ev = evaluate_saved(self.app.ws, run_id)
        except SimlabError as e:
            self.post_message(Evaluated(error=e))
            return
        self.post_message(Evaluated(ev, run_id))

    async def on_evaluated(self, message: Evaluated) -> None:
        if message.error is not None:
            self.app.show_error(message.error, _("The run cannot be evaluated"))
            return
        from simlab.lab import report_parts as rp
        from simlab.lab import reportbuild
        from simlab.reports.report_doc import Section as Sec

        ev = self.ev = message.ev
        self.run_id = message.run_id
        self.query_one("#var-pick").display = False
        self.query_one("#var-board").display = True
        targets = rp._targets_table(ev, ev.run.data)
        await show_section(self.query_one("#var-targets", Vertical),
                           Sec("targets", targets.title, [], [targets]), "var-targets")
        period = reportbuild.Period(0, ev.run.days, ev.run.data)
        await show_section(self.query_one("#var-costs", Vertical),
                           rp._costs_section(ev, period), "var-costs")
        await show_section(self.query_one("#var-causes", Vertical), rp._causes_section(ev),
                           "var-causes")
        await self.show_proposals()
        await self.query_one("#var-whatif-box", Vertical).remove_children()
        self.query_one("#var-status", Static).update("")

    # -- the proposals --------------------------------------------------------------------

    async def show_proposals(self, cursor: int = 0) -> None:
        from simlab.lab import report_parts as rp

        await show_section(self.query_one("#var-proposals", Vertical),
                           rp._proposals_section(self.ev), "var-prop")
        found = self.query("#var-prop-0")
        self.query_one("#var-buttons").display = bool(found)
        if found:
            table = found.first(DataTable)
            table.move_cursor(row=min(cursor, table.row_count - 1))
            table.focus()
        self.update_buttons()

    def chosen(self):
        """The proposal under the cursor, or None."""
        found = self.query("#var-prop-0")
        if self.ev is None or not found:
            return None
        table = found.first(DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        from simlab.lab import evaluation

        return evaluation.find(self.ev, str(key))

    def update_buttons(self) -> None:
        p = self.chosen()
        simulated = self.ev is not None and self.ev.run.bundle is not None
        self.query_one("#var-whatif", Button).disabled = (
            p is None or p.status != "accepted" or not simulated)

    @on(DataTable.RowHighlighted)
    def proposal_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "var-prop-0":
            self.update_buttons()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        p = self.chosen()
        if p is None:
            return
        if event.button.id in ("var-accept", "var-reject"):
            await self.decide(p.id, "accepted" if event.button.id == "var-accept"
                              else "rejected")
        elif event.button.id == "var-whatif":
            self.query_one("#var-status", Static).update(
                _("What-if run of {id} under way (same seed and days)…").format(id=p.id))
            event.button.disabled = True
            self.run_whatif(p.id)

    async def decide(self, proposal_id: str, status: str) -> None:
        from simlab.lab import evaluation

        row = self.query_one("#var-prop-0", DataTable).cursor_row
        try:
            evaluation.decide(self.ev, proposal_id, status)
        except SimlabError as e:
            self.app.show_error(e, _("The decision cannot be saved"))
            return
        await self.show_proposals(row)
        path = evaluation.proposals_path(self.ev.run.folder)
        self.query_one("#var-status", Static).update(
            _("Proposals kept in {file}").format(file=path))

    @work(thread=True, exclusive=True, group="variance-whatif")
    def run_whatif(self, proposal_id: str) -> None:
        from simlab.lab import evaluation

        try:
            result = evaluation.whatif(self.ev, [proposal_id])
        except SimlabError as e:
            self.post_message(WhatIfDone(error=e))
            return
        self.post_message(WhatIfDone(result))

    async def on_what_if_done(self, message: WhatIfDone) -> None:
        status = self.query_one("#var-status", Static)
        if message.error is not None:
            status.update("")
            self.app.show_error(message.error, _("The what-if run failed"))
            self.update_buttons()
            return
        from simlab.lab import report_parts as rp

        table = rp.whatif_table(message.result)
        await show_section(self.query_one("#var-whatif-box", Vertical),
                           Section("whatif", _("What-if run (same seed and days)"), [], [table]),
                           "var-whatif")
        status.update(_("What-if run of {ids} done").format(
            ids=", ".join(message.result["proposals"])))
        row = self.query_one("#var-prop-0", DataTable).cursor_row
        await self.show_proposals(row)

    def action_back(self) -> None:
        if self.ev is not None:
            self.ev, self.run_id = None, None
            self.query_one("#var-board").display = False
            self.query_one("#var-pick").display = True
            self.show_runs()
            return
        self.app.pop_screen()
