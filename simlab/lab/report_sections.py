"""The sections of each audience's report (docs/reports.md): what an operator, a team
leader, the management and the quality and marketing office each need at their cadence.
Numbers come from `analysis` (KPIs, evaluation, variance, causes, control charts) through
`lab.evaluation`; this module only chooses and lays them out."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

import numpy as np
import pandas as pd

from simlab import fmt
from simlab.analysis import control, evaluation, kpi, kpi_groups
from simlab.analysis import kpi_variants as kv
from simlab.analysis.kpi import N_
from simlab.analysis.variance import favourable
from simlab.i18n import _
from simlab.lab.evaluation import Evaluation
from simlab.lab.reportbuild import Options, Period, cadence_name
from simlab.reports.report_doc import Chart, Report, Section, Table
from simlab.reports.variance_text import cause_text, proposal_text

UNITS = {"offered": "count", "answered": "count", "abandoned": "count", "backlog": "count",
         "abandon_rate": "ratio", "service_level": "ratio", "fcr": "ratio",
         "occupancy": "ratio", "utilisation": "ratio", "adherence": "ratio",
         "asa_s": "seconds", "aht_s": "seconds", "frt_h": "hours", "resolution_h": "hours",
         "cost_per_contact": "eur"}
LINE_NAMES = {"staff": N_("Staff"), "connection": N_("Connection"), "per_contact": N_("Fees per contact"),
              "overhead": N_("Overhead"), "team_leaders": N_("Team leaders"), "training": N_("Training"),
              "seats": N_("Seats"), "technology": N_("Technology"), "knowledge_base": N_("Knowledge base"),
              "total": N_("Total")}
CAUSE_NAMES = {"volume": N_("Volume above forecast"), "aht": N_("Handling time above plan"),
               "absence": N_("Absence above plan"), "understaffed": N_("Too few operators on duty"),
               "starved": N_("Queue starved by routing"), "deferred": N_("Tickets behind real time")}
STATUS_NAMES = {"proposed": N_("proposed"), "accepted": N_("accepted"), "rejected": N_("rejected")}
EFFECTS = {"favourable": N_("favourable"), "unfavourable": N_("unfavourable"),
           "none": N_("none")}
COMPLAINT_CAUSE_NAMES = {
    "previous_abandoned": N_("previous contact abandoned"),
    "previous_unresolved": N_("previous contact not resolved"),
    "previous_long_wait": N_("previous contact answered late"),
    "previous_resolved": N_("previous contact resolved"),
    "no_previous": N_("no previous contact in the log"),
}


def kpi_name(key: str) -> str:
    """The KPI's own name in the lab (analysis.kpi, else its default variant's)."""
    if key == "abandoned":
        return _("Abandoned")
    if key in kpi.KPI_BY_KEY:
        return kpi.kpi_label(key)
    variant = kv.VARIANT_BY_KEY.get((key, "default"))
    return _(variant.name) if variant is not None else key


def _num(v) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return math.nan


def _period_text(ev: Evaluation, p: Period, options: Options) -> str:
    start = ev.run.data.start
    first = start + dt.timedelta(days=p.first)
    last = start + dt.timedelta(days=p.end - 1)
    scenario = str(ev.run.bundle.scenario.title) if ev.run.bundle is not None else \
        ev.run.folder.name
    when = fmt.date(first) if p.days == 1 else _("{first} to {last}").format(
        first=fmt.date(first), last=fmt.date(last))
    seed = _(", seed {seed}").format(seed=ev.run.seed) if ev.run.seed is not None else ""
    return _("{scenario} — {cadence} report, {when} (day {d1} to {d2} of {days}{seed}); "
             "run {run}").format(scenario=scenario, cadence=cadence_name(options.cadence),
                                 when=when, d1=p.first + 1, d2=p.end, days=ev.run.days,
                                 seed=seed, run=ev.run.folder.name)


def _channel_table(data, title: str, keys: tuple[str, ...]) -> Table:
    frame = kpi_groups.table(data, "channel", dict(kv.DEFAULTS))
    rows = [[_("total") if str(ch) == "total" else str(ch), *[_num(row[k]) for k in keys]]
            for ch, row in frame.iterrows() if str(ch) != kpi_groups.NONE]
    return Table(title, [_("Channel"), *[kpi_name(k) for k in keys]],
                 ["text", *[UNITS[k] for k in keys]], rows)


def _targets_table(ev: Evaluation, data) -> Table:
    frame = evaluation.evaluate(data, ev.run.realtime)
    rows = [[_("total") if r.channel == "total" else r.channel, kpi_name(r.kpi),
             r.target, r.actual, r.gap, _(evaluation.VERDICTS[r.verdict])]
            for r in frame.itertuples()]
    units = [UNITS.get(r.kpi, "number") for r in frame.itertuples()]
    # one unit per column: a mixed column is shown with each row's own unit as text
    text_rows = []
    for row, unit in zip(rows, units, strict=True):
        text_rows.append([row[0], row[1], _fmt(row[2], unit), _fmt(row[3], unit),
                          _gap(row[4], unit), row[5]])
    return Table(_("Targets of the care model against the actual KPIs"),
                 [_("Channel"), _("Indicator"), _("Target"), _("Actual"), _("Gap"),
                  _("Verdict")], ["text"] * 6, text_rows)


def _fmt(v, unit: str) -> str:
    return fmt.value(v, unit) if unit != "number" else fmt.number(v, 1)


def _gap(v, unit: str) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return fmt.DASH
    if unit == "ratio":
        return _("{points} points").format(points=fmt.number(v * 100, 1))
    return ("+" if v > 0 else "") + _fmt(v, unit)


def _causes_section(ev: Evaluation, p: Period | None = None) -> Section:
    rows = []
    for c in ev.causes:
        day = c.numbers.get("day")
        if p is not None and day is not None and not p.first < day <= p.end:
            continue
        rows.append([_(CAUSE_NAMES[c.kind]), cause_text(c)])
    paragraphs = [] if rows else [_("No cause stands out in the data of this period.")]
    return Section("causes", _("Causes of the gaps, found in the data"), paragraphs,
                   [Table(_("Causes"), [_("Kind"), _("What the data show")], ["text", "text"],
                          rows)] if rows else [])


def _proposals_section(ev: Evaluation) -> Section:
    rows = []
    for pr in ev.proposals:
        w = pr.whatif
        effect = ""
        if w:
            parts = []
            for ch, before in sorted(w.get("before", {}).items()):
                after = w.get("after", {}).get(ch, {})
                b, a = before.get("service_level"), after.get("service_level")
                if b is not None and a is not None:
                    parts.append(f"{ch} SL {fmt.percent(b)} → {fmt.percent(a)}")
            parts.append(_("cost {before} → {after}").format(
                before=fmt.euro(w.get("cost_before")), after=fmt.euro(w.get("cost_after"))))
            effect = "; ".join(parts)
        rows.append([pr.id, proposal_text(pr), pr.because, _(STATUS_NAMES.get(pr.status, pr.status)),
                     effect or _("not tested yet")])
    paragraphs = [] if rows else [_("No proposal: no gap has a cause the plan can act on.")]
    return Section("proposals", _("Improvement proposals"), paragraphs,
                   [Table(_("Proposals"), [_("Id"), _("Proposal"), _("Because"), _("Decision"),
                                           _("What-if run (same seed)")], ["text"] * 5, rows)]
                   if rows else [])


def _pchart(chart: control.PChart, title: str) -> tuple[Chart, Table]:
    pts = chart.points
    c = Chart(title, "control", list(pts["label"]), {"values": list(pts["p"] * 100)},
              "%", {"centre": [chart.centre * 100] * len(pts), "lcl": list(pts["lcl"] * 100),
                    "ucl": list(pts["ucl"] * 100), "out": list(pts["out"])})
    out = pts[pts["out"]]
    t = Table(_("Intervals out of control: {title}").format(title=title),
              [_("Interval"), _("Offered"), _("Abandoned"), _("Abandon rate"), _("Lower limit"),
               _("Upper limit")], ["text", "count", "count", "ratio", "ratio", "ratio"],
              [[r.label, r.n, r.defectives, r.p, r.lcl, r.ucl] for r in out.itertuples()])
    return c, t


def _xbar(chart: control.XbarR, title: str) -> tuple[Chart, Table]:
    pts = chart.points
    c = Chart(title, "control", list(pts["label"]), {"values": list(pts["mean"])}, "s",
              {"centre": [chart.grand_mean] * len(pts), "lcl": [chart.xbar_lcl] * len(pts),
               "ucl": [chart.xbar_ucl] * len(pts), "out": list(pts["xbar_out"] | pts["r_out"])})
    out = pts[pts["xbar_out"] | pts["r_out"]]
    t = Table(_("Subgroups out of control: {title}").format(title=title),
              [_("Interval"), _("Mean (s)"), _("Range (s)")], ["text", "seconds", "seconds"],
              [[r.label, r.mean, r.range] for r in out.itertuples()])
    return c, t


def _control_section(ev: Evaluation, data) -> Section:
    s = Section("control", _("Control charts"))
    for ch in ev.run.realtime:
        if ch not in ev.run.channels:
            continue
        sub = data.contacts
        pc = control.abandonment_chart(sub, ch)
        if len(pc.points):
            c, t = _pchart(pc, _("p-chart of abandonment, {channel}").format(channel=ch))
            s.paragraphs.append(_(
                "{channel}: mean abandon rate {p} over {n} intervals of 30 minutes; limits at "
                "3 sigma for each interval's contacts; {out} intervals out of control.").format(
                channel=ch, p=fmt.percent(pc.centre), n=len(pc.points),
                out=int(pc.points["out"].sum())))
            s.charts.append(c)
            s.tables.append(t)
        xr = control.handle_time_chart(sub, ch)
        if xr is not None:
            c, t = _xbar(xr, _("X-bar chart of AHT, {channel}").format(channel=ch))
            s.paragraphs.append(_(
                "{channel}: subgroups of the first {n} contacts handled in each interval; "
                "x̿ = {mean}, R̄ = {range}; limits x̿ ± A2·R̄ = {lo} – {hi}, R within {rlo} – "
                "{rhi} (A2, D3, D4 from the table of control-chart factors).").format(
                channel=ch, n=xr.n, mean=fmt.seconds(xr.grand_mean),
                range=fmt.seconds(xr.mean_range), lo=fmt.seconds(xr.xbar_lcl),
                hi=fmt.seconds(xr.xbar_ucl), rlo=fmt.seconds(xr.r_lcl),
                rhi=fmt.seconds(xr.r_ucl)))
            s.charts.append(c)
            s.tables.append(t)
    if not s.charts:
        s.paragraphs.append(_("No real-time contacts in this period: no control chart."))
    return s


def _pareto(frame: pd.DataFrame, title: str, names: dict | None = None) -> tuple[Chart, Table]:
    label = [(_(names[c]) if names else c) for c in frame["category"]]
    chart = Chart(title, "pareto", label, {"count": [float(v) for v in frame["count"]]}, "",
                  {"cumulative": list(frame["cumulative"])})
    table = Table(title, [_("Category"), _("Contacts"), _("Share"), _("Cumulative share"),
                          _("Vital few")], ["text", "count", "ratio", "ratio", "text"],
                  [[lab, r.count, r.share, r.cumulative, _("yes") if r.vital else ""]
                   for lab, r in zip(label, frame.itertuples(), strict=True)])
    return chart, table


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


def _costs_section(ev: Evaluation, p: Period) -> Section:
    var = ev.variance
    s = Section("costs", _("Costs"))
    if var is None:
        s.paragraphs.append(_("An imported log records no cost: no budget to compare."))
        return s
    if p.days != ev.run.days:
        s.paragraphs.append(_("The budget and its variances are for the whole run ({days} "
                              "days): a run records its costs for all its days together.")
                            .format(days=ev.run.days))
    s.paragraphs.append(_(
        "Flexible budget at the actual volume: {qa} contacts arrived against {qp} forecast "
        "(×{ratio}). Positive variances are costs above budget (unfavourable).").format(
        qa=fmt.number(var.actual_contacts), qp=fmt.number(var.planned_contacts),
        ratio=fmt.number(var.actual_contacts / var.planned_contacts, 3)
        if var.planned_contacts else fmt.DASH))
    rows = []
    for r in var.lines.itertuples():
        name = _(LINE_NAMES.get(r.line, r.line)) + (f" ({r.subject})" if r.subject else "")
        if not r.recorded:
            name += " " + _("(not recorded by the run: as budgeted)")
        rows.append([name, r.budget, r.flexible, r.actual, r.volume_var, r.rate_var,
                     r.efficiency_var, r.total_var,
                     _(EFFECTS[favourable(r.total_var)])])
    s.tables.append(Table(_("Budget, flexible budget and actual cost"),
                          [_("Line"), _("Budget"), _("Flexible budget"), _("Actual"),
                           _("Volume variance"), _("Rate variance"), _("Efficiency variance"),
                           _("Total variance"), _("Effect")],
                          ["text", "eur", "eur", "eur", "eur", "eur", "eur", "eur", "text"], rows,
                          chart="bar", chart_columns=[1, 2, 3]))
    shown = var.lines[var.lines["line"] != "total"]
    s.charts.append(Chart(_("Budget, flexible budget and actual cost"), "bars",
                          [_(LINE_NAMES.get(r.line, r.line)) + (f" {r.subject}" if r.subject
                                                                 else "")
                           for r in shown.itertuples()],
                          {_("Budget"): list(shown["budget"]),
                           _("Flexible budget"): list(shown["flexible"]),
                           _("Actual"): list(shown["actual"])}, "€"))
    return s


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


def satisfaction(report: dict) -> Section:
    """Satisfaction and the voice of the customer, from a survey's analysis
    (`lab.surveys.analyse`): CSAT, NPS and CES with their 95% intervals by channel,
    the SERVQUAL gaps and the themes of the comments with examples."""
    s = Section("satisfaction", _("Satisfaction and the voice of the customer"), [_(
        "Survey «{title}»: {n} answers of {invited} invited ({rate}).").format(
        title=report.get("title", ""), n=report.get("responses", 0),
        invited=report.get("invited", 0), rate=fmt.percent(report.get("response_rate")))])
    measures = (("csat", _("CSAT (4–5 of 5)"), "ratio"), ("nps", _("NPS"), "number"),
                ("ces", _("CES (mean of 1–7)"), "number"))
    groups = [(_("total"), report)] + sorted(report.get("by_channel", {}).items())
    rows = []
    for name, body in groups:
        for key, label, unit in measures:
            m = body.get(key)
            if m:
                rows.append([name, label, m.get("value"), m.get("low"), m.get("high"),
                             m.get("n")] if unit == "number" else
                            [name, label, _fmt(m.get("value"), unit), _fmt(m.get("low"), unit),
                             _fmt(m.get("high"), unit), m.get("n")])
    s.tables.append(Table(_("Satisfaction by channel (95% intervals)"),
                          [_("Channel"), _("Measure"), _("Value"), _("Low"), _("High"),
                           _("Answers")], ["text", "text", "text", "text", "text", "count"],
                          [[r[0], r[1], *[x if isinstance(x, str) else fmt.number(x, 1)
                                          for x in r[2:5]], r[5]] for r in rows]))
    gaps = report.get("servqual") or []
    if gaps:
        s.tables.append(Table(_("SERVQUAL gaps (perception − expectation)"),
                              [_("Dimension"), _("Expectation"), _("Perception"), _("Gap")],
                              ["text", "number", "number", "number"],
                              [[g["name"], g["expectation"], g["perception"], g["gap"]]
                               for g in gaps], chart="bar", chart_columns=[3]))
    themes = report.get("themes") or []
    if themes:
        s.tables.append(Table(_("Themes of the comments"),
                              [_("Theme"), _("Comments"), _("Share"), _("For example")],
                              ["text", "count", "ratio", "text"],
                              [[t["name"], t["count"], t["share"], " / ".join(t["examples"][:2])]
                               for t in themes]))
    return s
