"""One contact: what happened to it, who the customer is, and what they wrote."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from simlab.i18n import _
from simlab.reports import tables
from simlab.tui.screens.base import LabModal


def pairs(rows: list[tuple[str, str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    for label, value in rows:
        table.add_row(label, value)
    return table


class ContactScreen(LabModal):
    def __init__(self, view, position: int) -> None:
        super().__init__()
        self.detail = tables.contact_detail(view, position)

    def compose(self) -> ComposeResult:
        d = self.detail
        with VerticalScroll(classes="dialog", id="contact-dialog"):
            yield Label(_("Contact no. {id}").format(id=d["id"]), classes="panel-title")
            yield Static(pairs(d["facts"]), id="contact-facts")
            yield Label(_("Customer"), classes="panel-title")
            yield Static(pairs(d["customer"]), id="contact-customer")
            yield Label(_("What the customer wrote"), classes="panel-title")
            yield Static(f"[b]{_('Subject')}:[/b] {_escape(d['subject'])}", id="contact-subject")
            yield Static(_escape(d["body"]), id="contact-body")


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
