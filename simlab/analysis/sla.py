"""SLA results per channel and priority (the care model's `realtime_sla` and
`ticket_sla`, docs/kpi.md "SLA per priority"), callbacks against their own SLA, and the
ticket clock: business time that stops while the ticket waits for the customer, with a
warning at a share of the target and a breach that stays a breach."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from simlab.model.care import CareModel


def _rule_rows(contacts: pd.DataFrame, rules: list) -> list[tuple[object, np.ndarray]]:
    """Each rule with the contacts it covers: its channel and priority, or, for a rule
    with no priority, every priority of the channel without a rule of its own."""
    channel = contacts["channel"].astype(str).to_numpy()
    priority = contacts["priority"].to_numpy()
    out = []
    for rule in rules:
        mine = channel == rule.channel
        if rule.priority is not None:
            mine &= priority == rule.priority
        else:
            named = [r.priority for r in rules if r.channel == rule.channel
                     and r.priority is not None]
            mine &= ~np.isin(priority, named)
        out.append((rule, mine))
    return out


def realtime_sla(contacts: pd.DataFrame, care: CareModel) -> pd.DataFrame:
    """Per real-time rule: offered contacts, SL (answered within T ÷ (answered + abandoned
    after T), the default formula of docs/kpi.md), abandon rate, ASA, and whether each
    target is met (NaN where the rule sets none)."""
    outcome = contacts["outcome"].astype(str).to_numpy()
    wait = contacts["wait_s"].to_numpy()
    callback = (contacts["callback"].to_numpy() if "callback" in contacts
                else np.zeros(len(contacts), dtype=bool))
    rows = []
    for rule, mine in _rule_rows(contacts, care.realtime_sla):
        offered = mine & (outcome != "out_of_hours")
        ans = offered & (outcome == "answered") & ~callback
        aband = offered & (outcome == "abandoned")
        within = int((ans & (wait <= rule.threshold_s)).sum())
        late_abandons = int((aband & (wait > rule.threshold_s)).sum())
        n_off, n_ans = int(offered.sum()), int(ans.sum())
        sl = within / (n_ans + late_abandons) if n_ans + late_abandons else np.nan
        abandon = int(aband.sum()) / n_off if n_off else np.nan
        asa = float(wait[ans].mean()) if n_ans else np.nan
        rows.append({
            "channel": rule.channel, "priority": rule.priority, "offered": n_off,
            "threshold_s": rule.threshold_s, "service_level": sl, "target": rule.target,
            "sl_met": sl >= rule.target,
            "abandon_rate": abandon, "max_abandon_rate": rule.max_abandon_rate,
            "abandon_met": (np.nan if rule.max_abandon_rate is None
                            else abandon <= rule.max_abandon_rate),
            "asa_s": asa, "asa_target_s": rule.asa_s,
            "asa_met": np.nan if rule.asa_s is None else asa <= rule.asa_s,
        })
    return pd.DataFrame(rows)


def ticket_sla(contacts: pd.DataFrame, care: CareModel) -> pd.DataFrame:
    """Per ticket rule: tickets, first responses within target ÷ tickets whose target
    fell due, resolutions likewise, and the warnings and breaches of the first-response
    clock (an open ticket past its target is breached; an answer after the target does
    not undo the breach). Business seconds from the run's columns.

    When the tickets have conversations (the columns `exchange`, `thread_of`,
    `ticket_bh_s`, `paused_bh_s`, docs/data-dictionary.md) a ticket is its first message;
    each reply of the customer is measured against `next_response_h` (its own wait for
    the next response, columns `next_response`, `next_warnings`, `next_breached`), and
    the resolution clock runs from the ticket's opening to the last message's response,
    less the time spent waiting for the customer when the rule pauses on the customer."""
    frt = contacts["frt_bh_s"].to_numpy()
    res = contacts["resolution_bh_s"].to_numpy()
    age = contacts["backlog_age_bh_s"].to_numpy()
    threads = "exchange" in contacts
    if threads:
        exchange = contacts["exchange"].to_numpy()
        last = _last_message(contacts)
        ticket_s = contacts["ticket_bh_s"].to_numpy()
        paused_s = contacts["paused_bh_s"].to_numpy()
        resolved = contacts["resolved"].to_numpy(dtype=bool)
    rows = []
    for rule, mine in _rule_rows(contacts, care.ticket_sla):
        message = mine & (~np.isnan(frt) | ~np.isnan(age))
        ticket = message & (exchange == 0) if threads else message
        due_f, due_r = rule.first_response_h * 3600, rule.resolution_h * 3600
        clock = np.where(np.isnan(frt), age, frt)  # the first-response clock so far
        f_due = ticket & (~np.isnan(frt) | (age >= due_f))
        f_met = ticket & (frt <= due_f)
        if threads:  # the resolution of a conversation, read at its last message
            r_clock = ticket_s - (paused_s if rule.pause_on_customer else 0.0)
            end = message & last
            done = end & resolved
            counted = done | (end & ~np.isnan(age))  # resolved, or still open at the end
            r_due = done | (counted & (r_clock >= due_r))
            r_met = done & (r_clock <= due_r)
            r_breached = counted & (r_clock > due_r)
        else:
            r_clock = np.where(np.isnan(res), age, res)
            r_due = ticket & (~np.isnan(res) | (age >= due_r))
            r_met = ticket & (res <= due_r)
            r_breached = ticket & (r_clock > due_r)
        row = {
            "channel": rule.channel, "priority": rule.priority, "tickets": int(ticket.sum()),
            "first_response_h": rule.first_response_h, "resolution_h": rule.resolution_h,
            "first_response": f_met.sum() / f_due.sum() if f_due.any() else np.nan,
            "resolution": r_met.sum() / r_due.sum() if r_due.any() else np.nan,
            "warnings": int((ticket & (clock >= rule.warning_at * due_f)).sum()),
            "breached": int((ticket & (clock > due_f)).sum()),
            "resolution_breached": int(r_breached.sum()),
        }
        if threads:
            row.update(_next_responses(message & (exchange > 0), clock, frt, age, rule))
        rows.append(row)
    return pd.DataFrame(rows)


def _last_message(contacts: pd.DataFrame) -> np.ndarray:
    """Per message, whether it is the last of its ticket so far (no reply after it)."""
    exchange = contacts["exchange"].to_numpy()
    ids = contacts["contact_id"].to_numpy()
    thread = np.where(contacts["thread_of"].to_numpy() >= 0, contacts["thread_of"].to_numpy(),
                      ids)
    pos = pd.Index(ids).get_indexer(thread)
    most = np.zeros(len(contacts), dtype=np.int64)
    np.maximum.at(most, pos, exchange)
    return exchange == most[pos]


def _next_responses(replies: np.ndarray, clock: np.ndarray, frt: np.ndarray, age: np.ndarray,
                    rule) -> dict:
    """The customers' replies against the next-response target: answered within it ÷
    those whose target fell due, warnings, and breaches (an open reply past its target
    counts; a late answer does not undo it). NaN and zeros when the rule sets none."""
    if rule.next_response_h is None:
        return {"replies": int(replies.sum()), "next_response_h": np.nan,
                "next_response": np.nan, "next_warnings": 0, "next_breached": 0}
    due = rule.next_response_h * 3600
    n_due = replies & (~np.isnan(frt) | (age >= due))
    n_met = replies & (frt <= due)
    return {"replies": int(replies.sum()), "next_response_h": rule.next_response_h,
            "next_response": n_met.sum() / n_due.sum() if n_due.any() else np.nan,
            "next_warnings": int((replies & (clock >= rule.warning_at * due)).sum()),
            "next_breached": int((replies & (clock > due)).sum())}


def callback_sla(contacts: pd.DataFrame, care: CareModel) -> pd.DataFrame:
    """Per queue offering callbacks: requested, made, share made within `within_s` of
    the request (÷ requested: one not made yet counts as late once its time has passed,
    and one still pending within its time is left out), and whether the target is met."""
    if "callback" not in contacts:
        return pd.DataFrame(columns=["queue", "requested", "made", "within_s", "within",
                                     "target", "met"])
    horizon = float(np.nanmax(contacts["arrival_s"].to_numpy(), initial=0.0))
    rows = []
    for q in care.queues:
        if q.callback is None:
            continue
        mine = (contacts["queue"].astype(str) == q.id).to_numpy() & contacts["callback"].to_numpy()
        asked = contacts["callback_s"].to_numpy()[mine]
        start = contacts["start_s"].to_numpy()[mine]
        made = ~np.isnan(start)
        on_time = made & (start - asked <= q.callback.within_s)
        due = made | (asked + q.callback.within_s <= horizon)
        share = on_time.sum() / due.sum() if due.any() else np.nan
        rows.append({"queue": q.id, "requested": int(mine.sum()), "made": int(made.sum()),
                     "within_s": q.callback.within_s, "within": share,
                     "target": q.callback.target,
                     "met": share >= q.callback.target})
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Clock:
    elapsed_s: float  # business seconds counted, pauses left out
    warned_at: float | None  # when the warning share of the target was reached
    breached_at: float | None  # when the target was passed; a breach is never undone


def ticket_clock(intervals: np.ndarray, start: float, stop: float, target_s: float,
                 warning_at: float, pauses: list[tuple[float, float]] = ()) -> Clock:
    """The clock of one ticket target from `start` to `stop` (the answer, or the end of
    the period) in business time (`intervals`: the channel's open (start, end) rows),
    stopped during `pauses` (waiting for the customer). The warning and breach moments
    are where the running count reaches `warning_at` × target and the target."""
    # the counting periods: open intervals clipped to [start, stop], minus the pauses
    periods = [(max(s, start), min(e, stop)) for s, e in intervals if e > start and s < stop]
    for ps, pe in sorted(pauses):
        cut = []
        for s, e in periods:
            if pe <= s or ps >= e:
                cut.append((s, e))
                continue
            if s < ps:
                cut.append((s, ps))
            if pe < e:
                cut.append((pe, e))
        periods = cut
    elapsed = 0.0
    warned = breached = None
    for s, e in periods:
        for limit, kind in ((warning_at * target_s, "warn"), (target_s, "breach")):
            if elapsed < limit <= elapsed + (e - s):
                moment = s + (limit - elapsed)
                if kind == "warn" and warned is None:
                    warned = moment
                elif kind == "breach" and breached is None:
                    breached = moment
        elapsed += e - s
    if elapsed <= target_s:  # answered on the dot is within the target
        breached = None
    return Clock(elapsed, warned, breached)
