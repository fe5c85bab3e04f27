"""The contact browser: filter by channel, reason and outcome; one page at a time, so a
million contacts stay fast (filtering compares category codes, a page formats 100 rows)."""

from __future__ import annotations

import numpy as np
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Select, Static

from simlab import fmt
from simlab.i18n import _
from simlab.reports import contact_tables, tables
from simlab.tui.keys import KeysMixin


class ContactBrowser(KeysMixin, Vertical):
    class Open(Message):
        """The user asked for the detail of the contact at row `position`."""

        def __init__(self, position: int) -> None:
            super().__init__()
            self.position = position

    def __init__(self, view, **kwargs) -> None:
        super().__init__(**kwargs)
        self._install_keys()
        self.view = view
        self.positions = np.arange(len(view.contacts))
        self.page = 0

    @classmethod
    def keys(cls) -> list[Binding]:
        # Short words in the footer (80 columns), the whole ones in the help.
        return [Binding("n", "page(1)", _("Next pg."), tooltip=_("Next page")),
                Binding("b", "page(-1)", _("Previous pg."), tooltip=_("Previous page"))]

    def compose(self) -> ComposeResult:
        sc = self.view.scenario
        with Horizontal(id="contact-filters"):
            yield Select([(n, c) for c, n in tables.channel_names(sc).items()],
                         prompt=_("All channels"), id="filter-channel")
            yield Select([(n, r) for r, n in tables.reason_names(sc).items()],
                         prompt=_("All reasons"), id="filter-reason")
            yield Select([(n, o) for o, n in tables.outcome_names().items()],
                         prompt=_("All outcomes"), id="filter-outcome")
        yield Static("", id="contact-page")
        yield DataTable(id="contact-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        # Fixed widths: DataTable measures auto-width columns only when idle, so after a
        # filter the new rows showed, for a moment, in the old widths (numbers and
        # outcomes cut) while Enter already opened the new first row.
        table = self.query_one(DataTable)
        for i, (header, width) in enumerate(zip(contact_tables.contact_headers(),
                                                contact_tables.contact_widths(self.view), strict=True)):
            table.add_column(header, width=width, key=f"c{i}")
        self.show_page()

    def selection(self) -> dict[str, str | None]:
        out = {}
        for name in ("channel", "reason", "outcome"):
            value = self.query_one(f"#filter-{name}", Select).value
            out[name] = None if value is Select.NULL else str(value)
        return out

    def describe_selection(self) -> str:
        """In words, for the export dialog."""
        sc = self.view.scenario
        names = {"channel": tables.channel_names(sc), "reason": tables.reason_names(sc),
                 "outcome": tables.outcome_names()}
        parts = [names[k].get(v, v) for k, v in self.selection().items() if v is not None]
        return ", ".join(parts) if parts else _("all contacts")

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.positions = contact_tables.contact_filter(self.view.contacts, **self.selection())
        self.page = 0
        self.show_page()

    def pages(self) -> int:
        return max(1, -(-len(self.positions) // tables.PAGE_SIZE))

    def show_page(self) -> None:
        start = self.page * tables.PAGE_SIZE
        chunk = self.positions[start:start + tables.PAGE_SIZE]
        table = self.query_one(DataTable)
        table.clear()
        for position, row in zip(chunk.tolist(), contact_tables.contact_rows(self.view, chunk),
                                 strict=True):
            table.add_row(*row, key=str(position))
        if len(self.positions):
            info = _("Contacts {first}–{last} of {n} · page {page} of {pages}").format(
                first=fmt.number(start + 1), last=fmt.number(start + len(chunk)),
                n=fmt.number(len(self.positions)), page=fmt.number(self.page + 1),
                pages=fmt.number(self.pages()))
        else:
            info = _("No contact matches these filters.")
        self.query_one("#contact-page", Static).update(info)

    def action_page(self, step: int) -> None:
        page = min(max(self.page + step, 0), self.pages() - 1)
        if page != self.page:
            self.page = page
            self.show_page()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.Open(int(event.row_key.value)))
