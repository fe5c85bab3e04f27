"""The report builder: a saved run, an audience, a cadence and a format chosen, the
report's Markdown shown (the same document `simlab report --out FILE.md` writes), and
Export (`e`) writing it in the workspace's exports folder. The report comes from
`lab.reportbuild`, as the CLI's."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Markdown, Select, Static

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.tui.screens.base import LabScreen
from simlab.tui.screens.variance import Evaluated, evaluate_saved
from simlab.tui.widgets.runpicker import RunPicker


def audience_names() -> dict[str, str]:
    return {"agent": _("Operator"), "team-leader": _("Team leader"),
            "management": _("Management"), "quality": _("Quality")}


class ReportBuilt(Message):
    def __init__(self, options, doc=None, markdown: str = "",
                 error: SimlabError | None = None) -> None:
        super().__init__()
        self.options, self.doc, self.markdown, self.error = options, doc, markdown, error


class ReportScreen(LabScreen):
    def __init__(self) -> None:
        super().__init__()
        self.ev = None
        self.run_id: str | None = None
        self.doc = None  # the report shown, built with `self.options()`
        self.exported = None  # the path of the last file written

    @classmethod
    def keys(cls) -> list[Binding]:
        return [*super().keys(), Binding("e", "export", _("Export"))]

    def screen_title(self) -> str:
        return _("Report") + (f" · {self.run_id}" if self.run_id else "")

    def body(self) -> ComposeResult:
        from simlab.lab import reportbuild

        with Vertical(id="rep"):
            yield RunPicker("rep")
            with Vertical(id="rep-board"):
                with Horizontal(id="rep-options"):
                    yield Select([(audience_names()[a], a) for a in reportbuild.AUDIENCES],
                                 value="management", allow_blank=False, id="rep-audience")
                    yield Select([(reportbuild.cadence_name(c), c)
                                  for c in reportbuild.CADENCES],
                                 value="daily", allow_blank=False, id="rep-cadence")
                    yield Select([(f.upper(), f) for f in reportbuild.FORMATS], value="md",
                                 allow_blank=False, id="rep-format")
                    yield Select([], allow_blank=True, id="rep-agent", prompt=_("Operator"))
                yield Static("", id="rep-error", classes="error")
                yield Static("", id="rep-path", classes="hint")
                with VerticalScroll(id="rep-preview"):
                    yield Markdown("", id="rep-markdown")

    def on_mount(self) -> None:
        self.query_one("#rep-board").display = False
        self.show_runs()

    def show_runs(self) -> None:
        self.query_one(RunPicker).show()

    def on_run_picker_chosen(self, event: RunPicker.Chosen) -> None:
        self.load(event.run_id)

    @work(thread=True, exclusive=True, group="report")
    def load(self, run_id: str) -> None:
        try:
            ev = evaluate_saved(self.app.ws, run_id)
        except SimlabError as e:
            self.post_message(Evaluated(error=e))
            return
        self.post_message(Evaluated(ev, run_id))

    def on_evaluated(self, message: Evaluated) -> None:
        if message.error is not None:
            self.app.show_error(message.error, _("The run cannot be evaluated"))
            return
        from simlab.lab import reportbuild

        self.ev, self.run_id = message.ev, message.run_id
        self.query_one("#rep-pick").display = False
        self.query_one("#rep-board").display = True
        agents = reportbuild.agents_of(self.ev)
        select = self.query_one("#rep-agent", Select)
        with self.prevent(Select.Changed):
            select.set_options([(a, a) for a in agents])
            if agents:
                select.value = agents[0]
        self.query_one("#rep-path", Static).update("")
        self.options_changed()
        self.query_one("#rep-audience", Select).focus()

    def options(self):
        from simlab.lab import reportbuild

        def value(sel: str) -> str | None:
            v = self.query_one(sel, Select).value
            return None if v is Select.BLANK else str(v)

        return reportbuild.Options(value("#rep-audience"), value("#rep-cadence"),
                                   value("#rep-format") or "md", value("#rep-agent"))

    @on(Select.Changed)
    def option_chosen(self, event: Select.Changed) -> None:
        if self.ev is not None:
            self.options_changed()

    def options_changed(self) -> None:
        options = self.options()
        self.query_one("#rep-agent").display = options.audience == "agent"
        self.doc = None
        self.build(options)

    @work(thread=True, exclusive=True, group="report-build")
    def build(self, options) -> None:
        from simlab.lab import reportbuild

        try:
            doc = reportbuild.build(self.ev, options)
        except SimlabError as e:
            self.post_message(ReportBuilt(options, error=e))
            return
        self.post_message(ReportBuilt(options, doc, reportbuild.render(doc, "md").decode("utf-8")))

    async def on_report_built(self, message: ReportBuilt) -> None:
        if message.options != self.options():  # a build for choices changed since
            return
        self.doc = message.doc
        error = self.query_one("#rep-error", Static)
        error.update("" if message.error is None else str(message.error))
        error.display = message.error is not None
        await self.query_one("#rep-markdown", Markdown).update(message.markdown)

    # -- export ---------------------------------------------------------------------------

    def export_path(self, options):
        """`exports/<run id>/report-<audience>-<cadence>.<format>` of the workspace, where
        the app exports a run's results too."""
        name = f"report-{options.audience}-{options.cadence}"
        if options.audience == "agent" and options.agent:
            name += f"-{options.agent}"
        return self.app.ws.root / "exports" / self.run_id / f"{name}.{options.format}"

    def action_export(self) -> None:
        if self.ev is None or self.doc is None:
            self.app.notify(_("No report to export yet: choose a run and options that "
                              "make one."), severity="warning")
            return
        from simlab.lab import reportbuild

        options = self.options()
        path = self.export_path(options)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            reportbuild.write(self.doc, options.format, path)
        except OSError as e:
            self.app.show_error(SimlabError(str(e), file=path), _("The report cannot be written"))
            return
        self.exported = path
        self.query_one("#rep-path", Static).update(
            _("Report written in {file}").format(file=path))
