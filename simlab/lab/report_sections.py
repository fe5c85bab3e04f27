"""The sections of each audience's report (docs/reports.md): what an operator, a team
leader, the management and the quality and marketing office each need at their cadence.
Numbers come from `analysis` (KPIs, evaluation, variance, causes, control charts) through
`lab.evaluation`; this module only chooses and lays them out."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pandas as pd

from simlab import fmt
from simlab.analysis import control, evaluation, kpi_groups
from simlab.analysis import kpi_variants as kv
from simlab.i18n import _
from simlab.lab.evaluation import Evaluation
from simlab.lab.report_parts import (
    COMPLAINT_CAUSE_NAMES,
    UNITS,
    _causes_section,
    _channel_table,
    _control_section,
    _costs_section,
    _fmt,
    _num,
    _pareto,
    _period_text,
    _proposals_section,
    _targets_table,
    kpi_name,
    satisfaction,
)
from simlab.lab.reportbuild import Options, Period
from simlab.reports.report_doc import Chart, Report, Section, Table

# ---- audiences ------------------------------------------------------------------------

def agent(ev: Evaluation, p: Period, options: Options) -> Report:
    data = p.data
    who = options.agent
    by_agent = kpi_groups.table(data, "agent", dict(kv.DEFAULTS))
    by_team = kpi_groups.table(data, "team", dict(kv.DEFAULTS))
    c = data.contacts
    mine = c[(c["agent_id"].astype(str) == who).to_numpy()]
    team = str(mine["team"].astype(str).iloc[0]) if len(mine) else ""
    keys = ("answered", "aht_s", "fcr", "occupancy", "utilisation", "adherence")
    rows = []
    for k in keys:
        a = _num(by_agent.loc[who, k]) if who in by_agent.index else math.nan
        t = _num(by_team.loc[team, k]) if team in by_team.index else math.nan
        rows.append([kpi_name(k), _fmt(a, UNITS[k]), _fmt(t, UNITS[k])])
    score = Section("scorecard", _("Personal scorecard"), [_(
        "Operator {agent} of team «{team}»: {n} contacts handled in the period.").format(
        agent=who, team=team, n=len(mine))],
        [Table(_("My indicators and my team's"), [_("Indicator"), _("Me"), _("My team")],
               ["text"] * 3, rows)])
    mine_data = replace(data, contacts=mine, _ind=None)
    days = kpi_groups.table(mine_data, "day", dict(kv.DEFAULTS)).drop(index="total",
                                                                     errors="ignore")
    day_table = Table(_("Day by day"), [_("Day"), kpi_name("answered"), kpi_name("aht_s"),
                                        kpi_name("fcr")], ["text", "count", "seconds", "ratio"],
                      [[str(d), int(r["answered"]), _num(r["aht_s"]), _num(r["fcr"])]
                       for d, r in days.iterrows()], chart="line", chart_columns=[2])
    by_day = Section("days", _("Day by day"), [], [day_table])
    if len(days) > 1:
        by_day.charts.append(Chart(_("My AHT by day"), "lines", [str(d) for d in days.index],
                                   {kpi_name("aht_s"): [_num(v) for v in days["aht_s"]]}, "s"))
    reasons = mine[(mine["outcome"].astype(str) == "answered").to_numpy()]
    planned = {}
    if ev.run.bundle is not None:
        for r in ev.run.bundle.scenario.reasons:
            for ch, dist in r.handle.items():
                planned[(r.id, ch)] = float(dist.mean)
    grouped = reasons.groupby([reasons["reason"].astype(str), reasons["channel"].astype(str)])
    rows = [[reason, ch, len(g), float(g["handle_s"].mean()), planned.get((reason, ch), math.nan),
             float(g["resolved"].astype(bool).mean())] for (reason, ch), g in grouped]
    by_reason = Section("reasons", _("My contacts by reason"), [], [Table(
        _("By reason"), [_("Reason"), _("Channel"), _("Contacts"), kpi_name("aht_s"),
                         _("Planned AHT"), kpi_name("fcr")],
        ["text", "text", "count", "seconds", "seconds", "ratio"], rows)])
    return Report(_("Personal scorecard of operator {agent}").format(agent=who),
                  _period_text(ev, p, options), [score, by_day, by_reason])


def team_leader(ev: Evaluation, p: Period, options: Options) -> Report:
    data = p.data
    summary = Section("summary", _("How the day went") if p.days == 1 else _("How the week went"),
                      [], [_channel_table(data, _("Indicators by channel"),
                                          ("offered", "answered", "abandoned", "abandon_rate",
                                           "service_level", "asa_s", "aht_s")),
                           _targets_table(ev, data)])
    intervals = Section("intervals", _("Intraday: half-hour by half-hour"))
    for ch in ev.run.realtime:
        c = data.contacts
        mine = replace(data, contacts=c[(c["channel"].astype(str) == ch).to_numpy()], _ind=None)
        if len(mine.contacts) == 0:
            continue
        frame = kpi_groups.table(mine, "interval", dict(kv.DEFAULTS)).drop(index="total",
                                                                         errors="ignore")
        on_duty = _on_duty(data, p)
        rows = [[str(t), int(r["offered"]), int(r["abandoned"]), _num(r["abandon_rate"]),
                 _num(r["service_level"]), _num(r["asa_s"]), _num(r["aht_s"]),
                 on_duty.get(str(t), math.nan)] for t, r in frame.iterrows()]
        intervals.tables.append(Table(
            _("Intervals of {channel}").format(channel=ch),
            [_("Interval"), kpi_name("offered"), kpi_name("abandoned"), kpi_name("abandon_rate"),
             kpi_name("service_level"), kpi_name("asa_s"), kpi_name("aht_s"),
             _("Operators on duty (all teams)")],
            ["text", "count", "count", "ratio", "ratio", "seconds", "seconds", "number"], rows,
            chart="line", chart_columns=[4]))
        target = data.targets.service_level.get(ch)
        intervals.charts.append(Chart(
            _("Service level by half-hour, {channel}").format(channel=ch), "lines",
            [str(t) for t in frame.index],
            {kpi_name("service_level"): [_num(v) * 100 for v in frame["service_level"]]}, "%",
            {"hlines": {_("target"): target.target * 100}} if target else {}))
        worst = frame["service_level"].astype(float)
        if worst.notna().any():
            t = str(worst.idxmin())
            intervals.paragraphs.append(_(
                "{channel}: the worst half-hour is {time}, SL {sl} with {ab} abandoned of {off} "
                "offered.").format(channel=ch, time=t, sl=fmt.percent(worst.min()),
                                   ab=int(frame.loc[t, "abandoned"]),
                                   off=int(frame.loc[t, "offered"])))
    actions = _proposals_section(ev)
    actions.id, actions.title = "actions", _("Actions for tomorrow")
    return Report(_("Team leader's day") if p.days == 1 else _("Team leader's week"),
                  _period_text(ev, p, options),
                  [summary, intervals, _control_section(ev, data), _causes_section(ev, p),
                   actions])


def _on_duty(data, p: Period) -> dict[str, float]:
    """Operators on duty per half-hour of the day (staffed less breaks), mean of the days."""
    a = data.agents
    if a.empty:
        return {}
    slot = (a["interval_start_s"].to_numpy(dtype=float) % 86400 // 1800 * 1800).astype(int)
    on = (a["staffed_s"] - a["break_s"]).to_numpy(dtype=float)
    sums = pd.Series(on).groupby(slot).sum() / 1800 / max(p.days, 1)
    return {fmt.clock(s): float(v) for s, v in sums.items()}


def management(ev: Evaluation, p: Period, options: Options) -> Report:
    data = p.data
    frame = evaluation.evaluate(data, ev.run.realtime)
    met = int((frame["verdict"] == "met").sum())
    missed = int((frame["verdict"] == "missed").sum())
    total_cost = float(data.costs["amount"].sum())
    handled = int((data.contacts["outcome"].astype(str) == "answered").sum())
    lines = [_("{n} contacts arrived, {h} handled; {met} targets met and {missed} missed.")
             .format(n=len(data.contacts), h=handled, met=met, missed=missed)]
    for r in frame[frame["kpi"] == "service_level"].itertuples():
        lines.append(_("{channel}: service level {actual} against a target of {target} ({verdict})."
                       ).format(channel=r.channel, actual=fmt.percent(r.actual),
                                target=fmt.percent(r.target),
                                verdict=_(evaluation.VERDICTS[r.verdict])))
    lines.append(_("Cost of the period {cost}, {cpc} per contact handled.").format(
        cost=fmt.euro(total_cost), cpc=fmt.euro(total_cost / handled if handled else math.nan)))
    summary = Section("summary", _("Summary of the month") if options.cadence == "monthly"
                      else _("Summary of the period"), lines)
    targets = Section("targets", _("Targets and gaps"), [], [
        _targets_table(ev, data),
        _channel_table(data, _("Indicators by channel"),
                       ("offered", "answered", "abandon_rate", "service_level", "asa_s", "aht_s",
                        "fcr"))])
    daily = _daily_sl(ev, data)
    if daily is not None:
        targets.charts.append(daily)
    costs = _costs_section(ev, p)
    return Report(_("Management report") if options.cadence != "monthly"
                  else _("Monthly management report"), _period_text(ev, p, options),
                  [summary, targets, costs, _causes_section(ev, p), _control_section(ev, data),
                   _proposals_section(ev)])


def _daily_sl(ev: Evaluation, data) -> Chart | None:
    series, x = {}, None
    for ch in ev.run.realtime:
        c = data.contacts
        mine = replace(data, contacts=c[(c["channel"].astype(str) == ch).to_numpy()], _ind=None)
        if len(mine.contacts) == 0:
            continue
        frame = kpi_groups.table(mine, "day", dict(kv.DEFAULTS)).drop(index="total",
                                                                    errors="ignore")
        x = [str(d)[5:] for d in frame.index] if x is None else x
        if len(frame) == len(x):
            series[ch] = [_num(v) * 100 for v in frame["service_level"]]
    if not series or len(x) < 2:
        return None
    return Chart(_("Service level by day"), "lines", x, series, "%")


def quality(ev: Evaluation, p: Period, options: Options) -> Report:
    data = p.data
    fcr_default = kpi_groups.table(data, "channel", dict(kv.DEFAULTS))
    fcr_repeat = kpi_groups.table(data, "channel", {**kv.DEFAULTS, "fcr": "no_repeat"})
    rows = [[_("total") if str(ch) == "total" else str(ch), int(r["answered"]), _num(r["fcr"]),
             _num(fcr_repeat.loc[ch, "fcr"])]
            for ch, r in fcr_default.iterrows() if str(ch) != kpi_groups.NONE]
    repeats = _repeats(data)
    fcr = Section("fcr", _("Resolution at first contact and repeats"), [_(
        "FCR as the operators record it, and FCR as the customers' behaviour shows it (no "
        "repeat within {n} days); {r} contacts of the period are repeats of a customer who had "
        "contacted in the {n} days before.").format(n=int(data.repeat_days), r=repeats)],
        [Table(_("FCR by channel"), [_("Channel"), kpi_name("answered"),
                                     _("FCR (recorded)"), _("FCR (no repeat)")],
               ["text", "count", "ratio", "ratio"], rows)])
    complaints = Section("complaints", _("Complaints"))
    reasons = [r.id for r in ev.run.bundle.scenario.reasons if r.complaint] \
        if ev.run.bundle is not None else []
    c = data.contacts
    is_complaint = c["reason"].astype(str).isin(reasons).to_numpy()
    complaints.paragraphs.append(_("{n} complaints in the period ({share} of the contacts).")
                                 .format(n=int(is_complaint.sum()),
                                         share=fmt.percent(is_complaint.mean()
                                                           if len(c) else math.nan)))
    if reasons:
        thresholds = {ch: t.threshold_s for ch, t in data.targets.service_level.items()
                      if ch in ev.run.realtime}
        causes = control.complaint_causes(c, reasons, thresholds)
        if len(causes):
            chart, table = _pareto(causes, _("Pareto of the causes of complaints"),
                                   COMPLAINT_CAUSE_NAMES)
            complaints.tables.append(table)
            complaints.charts.append(chart)
    pareto = control.reasons_pareto(c)
    chart, table = _pareto(pareto, _("Pareto of the reasons for contact"))
    vital = [r.category for r in pareto.itertuples() if r.vital]
    why = Section("reasons", _("Why customers contact us"), [_(
        "The vital few: {reasons} make {share} of the contacts.").format(
        reasons=", ".join(vital), share=fmt.percent(
            float(pareto.loc[pareto["vital"], "share"].sum())))] if vital else [],
        [table], [chart])
    sections = [fcr, complaints, why]
    for folder in options.surveys:
        from simlab.lab import surveys

        sections.append(satisfaction(surveys.analyse(surveys.load(folder))))
    return Report(_("Quality and marketing report"), _period_text(ev, p, options), sections)


def _repeats(data) -> int:
    """Contacts whose customer had another contact in the `repeat_days` before."""
    c = data.contacts
    known = c[(c["customer_id"].to_numpy() >= 0)]
    frame = pd.DataFrame({"customer": known["customer_id"].to_numpy(),
                          "t": known["arrival_s"].to_numpy(dtype=float)}).sort_values(
        ["customer", "t"], kind="stable")
    gap = frame.groupby("customer")["t"].diff().to_numpy()
    return int(np.count_nonzero(gap <= data.repeat_days * 86400))

