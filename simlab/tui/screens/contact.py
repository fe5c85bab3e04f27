"""One contact: what happened to it, who the customer is, and what they wrote."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from simlab.i18n import _
from simlab.reports import contact_tables
from simlab.tui.screens.base import LabModal
from simlab.tui.widgets.facts import facts_table


class ContactScreen(LabModal):
    def __init__(self, view, position: int) -> None:
        super().__init__()
        self.detail = contact_tables.contact_detail(view, position)

    def compose(self) -> ComposeResult:
        d = self.detail
        with VerticalScroll(classes="dialog", id="contact-dialog"):
            yield Label(_("Contact no. {id}").format(id=d["id"]), classes="panel-title")
            yield Static(facts_table(d["facts"]), id="contact-facts")
            yield Label(_("Customer"), classes="panel-title")
            yield Static(facts_table(d["customer"]), id="contact-customer")
            yield Label(_("What the customer wrote"), classes="panel-title")
            yield Static(f"[b]{_('Subject')}:[/b] {_escape(d['subject'])}", id="contact-subject")
            yield Static(_escape(d["body"]), id="contact-body")


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
