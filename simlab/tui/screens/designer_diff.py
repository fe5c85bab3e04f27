"""Two care models side by side (from the designer): every value of each, the ones that
differ highlighted; the rows come from `lab.designer.diff`."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Checkbox, DataTable, Select, Static

from simlab.i18n import _
from simlab.lab import designer
from simlab.tui.screens.base import LabScreen

EDITING = "__editing__"
STYLE = {"changed": "bold dark_orange", "added": "bold green", "removed": "bold red"}


class DesignDiffScreen(LabScreen):
    def __init__(self, editing: dict, editing_id: str, sources: list) -> None:
        super().__init__()
        self.editing, self.editing_id, self.sources = editing, editing_id, list(sources)
        self.rows: list[designer.DiffRow] = []

    @classmethod
    def keys(cls) -> list[Binding]:
        return [Binding("escape", "back", _("Back"))]

    def screen_title(self) -> str:
        return _("Care model compared")

    def options(self) -> list[tuple[str, str]]:
        return [(_("{id} (being edited)").format(id=self.editing_id), EDITING)] + [
            (s.label, s.key) for s in self.sources]

    def body(self) -> ComposeResult:
        options = self.options()
        right = self.sources[0].key if self.sources else EDITING
        with Horizontal(id="diff-pick"):
            yield Select(options, value=EDITING, allow_blank=False, id="diff-left",
                         compact=True)
            yield Select(options, value=right, allow_blank=False, id="diff-right",
                         compact=True)
            yield Checkbox(_("Only differences"), value=True, id="diff-only", compact=True)
        yield Static("", id="diff-summary")
        yield DataTable(id="diff-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.show()

    def data(self, key: str) -> dict:
        if key == EDITING:
            return self.editing
        return designer.opened_data(next(s for s in self.sources if s.key == key))

    def show(self) -> None:
        left = str(self.query_one("#diff-left", Select).value)
        right = str(self.query_one("#diff-right", Select).value)
        self.rows = designer.diff(self.data(left), self.data(right))
        only = self.query_one("#diff-only", Checkbox).value
        names = dict((v, k) for k, v in self.options())
        table = self.query_one("#diff-table", DataTable)
        table.clear(columns=True)
        table.add_column(_("Key"), key="key")
        table.add_column(names[left], key="left")
        table.add_column(names[right], key="right")
        for i, row in enumerate(self.rows):
            if only and row.status == "same":
                continue
            style = STYLE.get(row.status, "")
            table.add_row(row.key, Text(row.left, style=style), Text(row.right, style=style),
                          key=str(i))
        self.query_one("#diff-summary", Static).update(designer.diff_summary(self.rows))

    def on_select_changed(self, event: Select.Changed) -> None:
        if self.is_mounted:
            self.show()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.show()
