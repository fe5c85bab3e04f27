"""The causes of gaps and the improvement proposals in words (analysis.causes,
analysis.proposals), with their numbers in the user's locale."""

from __future__ import annotations

from simlab import fmt
from simlab.analysis.causes import Cause
from simlab.analysis.proposals import Proposal
from simlab.i18n import _


def _ratio(x: float) -> str:
    return "×" + fmt.number(x, 2) if x != float("inf") else "—"


def cause_text(cause: Cause) -> str:
    """The cause in one sentence, with the numbers that show it."""
    n = cause.numbers
    if cause.kind == "volume":
        where = (_("Day {day} ({date}), {channel}").format(
            day=n["day"], date=fmt.date(_date(n["date"])), channel=n["channel"])
            if n["scope"] == "day" else _("Day {day} at {time}, {channel}").format(
            day=n["day"], time=n["time"], channel=n["channel"]))
        text = _("{where}: {actual} contacts arrived against {forecast} forecast ({ratio})"
                 ).format(where=where, actual=fmt.number(n["actual"]),
                          forecast=fmt.number(n["forecast"], 1), ratio=_ratio(n["ratio"]))
        if n.get("event"):
            text += _("; demand event: «{event}»").format(event=n["event"])
            if n.get("event_reason"):
                text += _(" on reason «{reason}»").format(reason=n["event_reason"])
        return text
    if cause.kind == "aht":
        return _("AHT of reason «{reason}» on {channel}: {actual} against {planned} planned "
                 "(+{pct}, {handled} contacts, {extra} extra; most from team «{team}», "
                 "{team_extra})").format(
            reason=n["reason"], channel=n["channel"], actual=fmt.seconds(n["actual_s"], 0),
            planned=fmt.seconds(n["planned_s"], 0), pct=fmt.percent(n["excess"], 0),
            handled=fmt.number(n["handled"]), extra=fmt.hours(n["extra_h"]), team=n["team"],
            team_extra=fmt.hours(n["team_extra_h"]))
    if cause.kind == "absence":
        return _("Day {day}, team «{team}»: {staffed} staffed of {scheduled} scheduled "
                 "(absence {absence} against {planned} planned)").format(
            day=n["day"], team=n["team"], staffed=fmt.hours(n["staffed_h"]),
            scheduled=fmt.hours(n["scheduled_h"]), absence=fmt.percent(n["absence"], 0),
            planned=fmt.percent(n["planned_absence"], 0))
    if cause.kind == "understaffed":
        return _("{channel}, {weekday} {time}: {per_day} contacts a day with AHT {aht} need "
                 "{needed} operators for the target, {on_duty} on duty (SL {sl})").format(
            channel=n["channel"], weekday=n["weekday_name"], time=n["time"],
            per_day=fmt.number(n["offered_per_day"], 1), aht=fmt.seconds(n["aht_s"], 0),
            needed=n["needed"], on_duty=fmt.number(n["on_duty"], 1),
            sl=fmt.percent(n["service_level"], 0))
    if cause.kind == "starved":
        return _("Queue «{queue}» ({channel}): SL {sl} against {csl} of its channel; its "
                 "operators also serve «{rival}», of higher priority ({rp} against {p})").format(
            queue=n["queue"], channel=n["channel"], sl=fmt.percent(n["service_level"], 0),
            csl=fmt.percent(n["channel_sl"], 0), rival=n["rival"], rp=n["rival_priority"],
            p=n["priority"])
    return _("{channel}: first response in {frt} of business time against {target}; {backlog} "
             "tickets open at the end, and deferred work waits behind real-time contacts "
             "(after_realtime)").format(channel=n["channel"], frt=fmt.hours(n["frt_h"]),
                                        target=fmt.hours(n["target_h"]),
                                        backlog=fmt.number(n["backlog"]))


def _date(text: str):
    import datetime as dt

    return dt.date.fromisoformat(text)


def proposal_text(p: Proposal) -> str:
    q = p.params
    if p.kind == "add_agents":
        return _("Add {agents} operators to team «{team}» on {weekday} from {start} to {end}"
                 ).format(agents=q["agents"], team=q["team"], weekday=q["weekday"],
                          start=q["from"], end=q["to"])
    if p.kind == "priority":
        return _("Raise the priority of queue «{queue}» to {priority}").format(**q)
    if p.kind == "deferred_work":
        return _("Work deferred contacts by priority (deferred_work: {value})").format(**q)
    return _("Train team «{team}» on queue «{queue}»: proficiency to {proficiency}").format(
        team=q["team"], queue=q["queue"], proficiency=fmt.number(q["proficiency"], 2))
