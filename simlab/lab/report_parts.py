"""The pieces the reports of every audience share (docs/reports.md): KPI names and units,
the tables of targets, costs and variances, causes and proposals, control charts,
Pareto and satisfaction sections. `report_sections` lays them out per audience."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from simlab import fmt
from simlab.analysis import control, evaluation, kpi, kpi_groups
from simlab.analysis import kpi_variants as kv
from simlab.analysis.kpi import N_
from simlab.analysis.variance import favourable
from simlab.i18n import _
from simlab.lab.evaluation import Evaluation
from simlab.lab.reportbuild import Options, Period, cadence_name
from simlab.reports.report_doc import Chart, Section, Table
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


def whatif_table(result: dict) -> Table:
    """A what-if run's KPIs per channel before and after, and the cost (the CLI and the app)."""
    rows = []
    for ch in sorted(result["before"]):
        for k in ("service_level", "abandon_rate", "asa_s", "aht_s"):
            b = result["before"][ch].get(k)
            a = result["after"].get(ch, {}).get(k)
            if b is None and a is None:
                continue
            rows.append([ch, kpi_name(k), *(_fmt(v, UNITS[k]) for v in (b, a))])
    rows.append([_("total"), _("Cost"), *(_fmt(result[k], "eur")
                                          for k in ("cost_before", "cost_after"))])
    return Table(_("Before and after"), [_("Channel"), _("Indicator"), _("Before"), _("After")],
                 ["text"] * 4, rows)
