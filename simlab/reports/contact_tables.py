"""The contact browser and one contact's detail, as people read them: pages of rows with
names in the user's language, each time labelled with its clock (calendar or business
hours), so that every figure can be checked by hand."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from simlab import fmt
from simlab.i18n import _
from simlab.reports.tables import (
    channel_names,
    outcome_names,
    reason_names,
    segment_names,
    team_names,
)


def contact_filter(contacts: pd.DataFrame, channel: str | None = None, reason: str | None = None,
                   outcome: str | None = None) -> np.ndarray:
    """Row positions of the contacts matching every given value (None: any), in order.
    Compares categorical codes, so a million rows take milliseconds."""
    mask = np.ones(len(contacts), dtype=bool)
    for column, value in (("channel", channel), ("reason", reason), ("outcome", outcome)):
        if value is None:
            continue
        cat = contacts[column].cat
        if value not in cat.categories:
            return np.empty(0, dtype=np.int64)
        mask &= cat.codes.to_numpy() == cat.categories.get_loc(value)
    return np.flatnonzero(mask)


def contact_headers() -> list[str]:
    return [_("No."), _("Arrival"), _("Channel"), _("Reason"), _("Outcome"), _("Wait"),
            _("Handling"), _("Agent"), _("Resolved")]


def contact_widths(view) -> list[int]:
    """A fixed width per column of the contact browser, wide enough for every contact of
    the run: the table never reflows (nor truncates a number or an outcome) after a
    filter or a page change. Same order as `contact_headers`."""
    sc, c = view.scenario, view.contacts

    def longest(texts) -> int:
        return max((len(t) for t in texts), default=1)

    def top(column: str) -> float:
        values = c[column].to_numpy(dtype=float)
        return float(np.nanmax(values)) if np.isfinite(values).any() else 0.0

    widths = [
        len(fmt.number(max(len(c) - 1, 0))),
        len(f"{fmt.date(sc.calendar.start)} 00:00"),
        longest(channel_names(sc).values()),
        longest(reason_names(sc).values()),
        longest(outcome_names().values()),
        longest([fmt.duration(top("wait_s")), fmt.duration(3599), fmt.DASH]),
        longest([fmt.seconds(top("handle_s"), 0), fmt.DASH]),
        longest(str(a) for a in c["agent_id"].cat.categories),
        longest([_("yes"), _("no")]),
    ]
    return [max(w, len(h)) for w, h in zip(widths, contact_headers(), strict=True)]


def contact_rows(view, positions: Sequence[int]) -> list[list[str]]:
    """One page of the contact browser: `view` is a `RunView`, `positions` row positions."""
    sc = view.scenario
    channels, reasons, outcomes = channel_names(sc), reason_names(sc), outcome_names()
    page = view.contacts.iloc[np.asarray(positions, dtype=np.int64)]
    rows = []
    for r in page.itertuples(index=False):
        when = view.timestamp(r.arrival_s)
        agent = "" if pd.isna(r.agent_id) else str(r.agent_id)
        rows.append([
            fmt.number(r.contact_id), f"{fmt.date(when.date())} {when:%H:%M}",
            channels.get(r.channel, str(r.channel)), reasons.get(r.reason, str(r.reason)),
            outcomes.get(r.outcome, str(r.outcome)), fmt.duration(r.wait_s),
            fmt.seconds(r.handle_s, 0) if r.outcome == "answered" else fmt.DASH, agent,
            _("yes") if r.resolved else _("no"),
        ])
    return rows


def _moment(view, seconds: float) -> str:
    when = view.timestamp(seconds)
    return f"{fmt.date(when.date())} {when:%H:%M:%S}"


def _times(view, row: pd.Series) -> list[tuple[str, str]]:
    """The times of one contact, each saying which clock it uses, so that they can be
    checked by hand: calendar time (every second since arrival) or business hours (only
    the seconds the channel is open, for tickets). See docs/kpi.md."""
    outcome = row["outcome"]
    ticket = not pd.isna(row["frt_bh_s"]) or not pd.isna(row["backlog_age_bh_s"])
    out: list[tuple[str, str]] = []
    if outcome == "answered" and ticket:
        out += [
            (_("Work started at"), _moment(view, row["start_s"])),
            (_("First response sent at"), _moment(view, row["first_response_s"])),
            (_("First response time, calendar time (arrival → first response)"),
             fmt.duration(row["wait_s"])),
            (_("First response time, business hours (FRT)"), fmt.duration(row["frt_bh_s"])),
        ]
    elif outcome == "answered":
        out += [
            (_("Answered at"), _moment(view, row["start_s"])),
            (_("Wait in queue, calendar time (arrival → answer)"), fmt.duration(row["wait_s"])),
        ]
    elif outcome == "abandoned":
        out += [
            (_("Abandoned at"), _moment(view, row["end_s"])),
            (_("Wait in queue, calendar time (arrival → abandonment)"),
             fmt.duration(row["wait_s"])),
        ]
    elif outcome == "open" and ticket:
        out.append((_("Age at the end of the run, business hours"),
                    fmt.duration(row["backlog_age_bh_s"])))
    return out


def contact_detail(view, position: int) -> dict[str, object]:
    """Everything about one contact: facts (label, value), customer, Italian text."""
    sc = view.scenario
    row = view.contacts.iloc[position]
    i = int(row["contact_id"])
    subject, body = view.world.text(i)
    customer = view.world.customer(i)
    facts = [
        (_("Arrival"), _moment(view, row["arrival_s"])),
        (_("Channel"), channel_names(sc).get(row["channel"], str(row["channel"]))),
        (_("Reason"), reason_names(sc).get(row["reason"], str(row["reason"]))),
        (_("Segment"), segment_names(sc).get(row["segment"], str(row["segment"]))),
        (_("Queue"), {q.id: str(q.name) for q in view.care.queues}.get(row["queue"],
                                                                       str(row["queue"]))),
        (_("Priority"), fmt.number(row["priority"])),
        (_("Outcome"), outcome_names().get(row["outcome"], str(row["outcome"]))),
        *_times(view, row),
    ]
    if row["outcome"] == "answered":
        facts += [
            (_("Handling"), fmt.seconds(row["handle_s"], 0)),
            (_("Agent"), f"{row['agent_id']} ({team_names(view.plan).get(row['team'], row['team'])})"),
            (_("Resolved at first contact"), _("yes") if row["resolved"] else _("no")),
        ]
    return {
        "id": i,
        "facts": facts,
        "customer": [
            (_("Customer"), f"{customer.get('nome', '')} {customer.get('cognome', '')}".strip()),
            (_("Customer code"), customer.get("codice_cliente", "")),
            (_("Town"), customer.get("comune", "")),
            (_("Email"), customer.get("email", "")),
        ],
        "subject": subject,
        "body": body,
    }
