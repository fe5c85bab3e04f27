"""The tables of a run against its own care model, for people: SLAs per channel and
priority, callbacks, ticket clocks and expected results (`lab.care_results` holds the
numbers; here they are only worded and formatted)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from simlab import fmt
from simlab.analysis import kpi_variants as kv
from simlab.i18n import _
from simlab.reports.tables import Grid


def verdict(target: str, met: object) -> str:
    """«80,0%: raggiunto» / «80,0%: mancato»; the target alone when it cannot be told."""
    if target == fmt.DASH:
        return fmt.DASH
    if met is None or (isinstance(met, float) and pd.isna(met)):
        return target
    return (_("{target}: met") if bool(met) else _("{target}: missed")).format(target=target)


def priority_text(priority: object) -> str:
    if priority is None or pd.isna(priority):
        return _("every other")
    return str(int(priority))


def _name(names: dict[str, str], key: object) -> str:
    return names.get(str(key), str(key)) if key is not None and not pd.isna(key) else _("all")


def _grid(frame: pd.DataFrame, prefix: str, headers: list[str],
          row: Callable[[Any], list[str]]) -> Grid:
    """A table with a row per row of `frame`, worded by `row`, keyed `prefix0`, `prefix1`…
    (the four tables differ only in their columns)."""
    rows = [row(r) for r in frame.itertuples(index=False)]
    return Grid(headers, rows, [f"{prefix}{i}" for i in range(len(rows))])


def _channel_priority(names: dict[str, str] | None, r: Any) -> list[str]:
    """The first two cells of the tables by priority: the channel's name and the priority."""
    return [_name(names or {}, r.channel), priority_text(r.priority)]


def realtime_grid(frame: pd.DataFrame, names: dict[str, str] | None = None) -> Grid:
    return _grid(frame, "rt", [
        _("Channel"), _("Priority"), _("Contacts offered"), _("Service level"), _("Target"),
        _("Abandon rate"), _("Maximum abandonment"), _("Average speed of answer"),
        _("Maximum ASA")], lambda r: [
        *_channel_priority(names, r), fmt.number(r.offered),
        _("{sl} within {t} s").format(sl=fmt.percent(r.service_level),
                                      t=fmt.number(r.threshold_s)),
        verdict(fmt.percent(r.target), r.sl_met),
        fmt.percent(r.abandon_rate),
        verdict(_opt(r.max_abandon_rate, "ratio"), r.abandon_met),
        fmt.seconds(r.asa_s), verdict(_opt(r.asa_target_s, "seconds"), r.asa_met)])


def ticket_grid(frame: pd.DataFrame, names: dict[str, str] | None = None) -> Grid:
    """The ticket SLAs; with conversations (the `next_response` column) also the
    customers' replies against the next-response target."""
    talks = "next_response" in frame
    head = [_("Channel"), _("Priority"), _("Tickets"), _("First response"), _("Resolution"),
            _("Warnings"), _("First response breached"), _("Resolution breached")]
    if talks:
        head += [_("Customer replies"), _("Next response"), _("Next response breached")]

    def row(r: Any) -> list[str]:
        cells = [
            *_channel_priority(names, r), fmt.number(r.tickets),
            _("{share} within {h} h").format(share=fmt.percent(r.first_response),
                                             h=fmt.number(r.first_response_h)),
            _("{share} within {h} h").format(share=fmt.percent(r.resolution),
                                             h=fmt.number(r.resolution_h)),
            fmt.number(r.warnings), fmt.number(r.breached), fmt.number(r.resolution_breached)]
        if talks:
            cells += [fmt.number(r.replies),
                      _("{share} within {h} h").format(share=fmt.percent(r.next_response),
                                                       h=fmt.number(r.next_response_h)),
                      fmt.number(r.next_breached)]
        return cells

    return _grid(frame, "tk", head, row)


def callback_grid(frame: pd.DataFrame) -> Grid:
    return _grid(frame, "cb", [
        _("Queue"), _("Callbacks requested"), _("Callbacks made"), _("Made in time"),
        _("Target")], lambda r: [
        str(r.queue), fmt.number(r.requested), fmt.number(r.made),
        _("{share} within {t} s").format(share=fmt.percent(r.within), t=fmt.number(r.within_s)),
        verdict(fmt.percent(r.target), r.met)])


def goals_grid(frame: pd.DataFrame, names: dict[str, str] | None = None) -> Grid:
    return _grid(frame, "goal", [
        _("Expected result"), _("Formula"), _("Channel"), _("Target"), _("Actual"),
        _("Outcome")], lambda r: [
        _(kv.VARIANT_BY_KEY[(r.kpi, r.variant)].name), f"{r.kpi}={r.variant}",
        _name(names or {}, r.channel),
        f"{'≤' if r.direction == 'at_most' else '≥'} {fmt.value(r.target, r.unit)}",
        fmt.value(r.actual, r.unit), _met_word(r.met)])


def _met_word(met: object) -> str:
    if met is None or (isinstance(met, float) and pd.isna(met)):
        return _("not measurable")
    return _("met") if bool(met) else _("missed")


def _opt(value: object, unit: str) -> str:
    return fmt.DASH if value is None or pd.isna(value) else fmt.value(value, unit)


def care_grids(results, names: dict[str, str] | None = None) -> list[tuple[str, Grid]]:
    """The non-empty tables of `lab.care_results.CareResults`, each with its title, in
    the order `simlab kpi` and the app's results show them."""
    out = []
    for frame, grid, title in (
            (results.realtime, lambda f: realtime_grid(f, names),
             _("Real-time SLAs by priority")),
            (results.callbacks, callback_grid, _("Callbacks against their SLA")),
            (results.tickets, lambda f: ticket_grid(f, names),
             _("Ticket SLAs by priority (business hours)")),
            (results.goals, lambda f: goals_grid(f, names),
             _("Expected results of the care model"))):
        if len(frame):
            out.append((title, grid(frame)))
    return out
