"""Tables of the satisfaction surveys for people: the responses for a spreadsheet (CSV and
XLSX in the project's dialect), and the grids of the analysis that the CLI and the app
both show. Every number comes from `survey.analyse`; this module only picks rows,
labels and formats."""

from __future__ import annotations

import pandas as pd

from simlab import fmt
from simlab.i18n import _
from simlab.reports.tables import Grid
from simlab.reports.xlsx import Sheet


def column_labels() -> dict[str, str]:
    return {
        "response_id": _("Response"), "contact_id": _("Contact"), "customer_id": _("Customer"),
        "day": _("Day"), "channel": _("Channel"), "segment": _("Segment"),
        "reason": _("Reason"), "team": _("Team"), "agent_id": _("Agent"),
        "outcome": _("Outcome"), "deferred": _("Ticket"), "wait_s": _("Wait (s)"),
        "abandoned": _("Abandoned"), "resolved": _("Resolved at first contact"),
        "repeat": _("Repeat within 7 days"), "proficiency": _("Proficiency"),
        "occupancy": _("Occupancy"), "overtime_h": _("Overtime (h)"),
        "late_share": _("Share of evening work"), "weekend_share": _("Share of weekend work"),
        "days_worked": _("Days worked"),
    }


UNITS = {"wait_s": "seconds", "occupancy": "ratio", "late_share": "ratio",
         "weekend_share": "ratio", "overtime_h": "hours", "proficiency": "ratio_plain"}


def response_sheets(frame: pd.DataFrame, q, bank) -> list[Sheet]:
    """The responses (one row per respondent; item columns keep their ids) and the
    questionnaire's items with their text and scale."""
    labels = column_labels()
    responses = frame.rename(columns={c: labels.get(c, c) for c in frame.columns})
    units = {labels[c]: u for c, u in UNITS.items() if c in frame.columns and u != "ratio_plain"}
    items = pd.DataFrame([{
        _("Item"): item_id,
        _("Question"): str(bank.items[item_id].text),
        _("Dimension"): bank.dimension_name(bank.items[item_id].dimension or "")
        if bank.items[item_id].dimension else "",
        _("Scale"): (_("open") if bank.items[item_id].open else
                     f"{bank.items[item_id].low}–{bank.items[item_id].high}"),
    } for item_id in q.item_ids()])
    return [Sheet(_("Responses"), responses, units), Sheet(_("Questionnaire"), items)]


def _ci(d: dict | None, kind: str) -> list[str]:
    """Value and interval of one statistic as cells."""
    if not d or d.get("value") is None:
        return [fmt.DASH, fmt.DASH, "0" if not d else fmt.number(d.get("n", 0))]
    show = {"share": fmt.percent, "points": lambda x: fmt.number(x, 1),
            "mean": lambda x: fmt.number(x, 2)}[kind]
    low, high = d.get("low"), d.get("high")
    interval = f"{show(low)} – {show(high)}" if low is not None else fmt.DASH
    return [show(d["value"]), interval, fmt.number(d["n"])]


def scores_grid(report: dict) -> Grid:
    """CSAT, NPS and CES, overall and per channel, with their 95% intervals."""
    headers = [_("Indicator"), _("Group"), _("Value"), _("95% interval"), _("Answers"),
               _("Method")]
    rows, keys = [], []
    groups = [(_("Total"), report)] + [(ch, s) for ch, s in report.get("by_channel", {}).items()]
    specs = [("csat", _("CSAT (share of 4–5)"), "share", _("Wilson")),
             ("csat_mean", _("CSAT mean (1–5)"), "mean", _("Student's t")),
             ("nps", _("NPS (points)"), "points", _("multinomial variance")),
             ("ces", _("CES mean (1–7)"), "mean", _("Student's t")),
             ("ces_easy", _("CES share of 5–7"), "share", _("Wilson"))]
    for key, label, kind, method in specs:
        for name, group in groups:
            if key in group:
                rows.append([label, name, *_ci(group[key], kind), method])
                keys.append(f"{key}:{name}")
    return Grid(headers, rows, keys)


def servqual_grid(report: dict) -> Grid:
    headers = [_("Dimension"), _("Expectation"), _("Perception"), _("Gap (P − E)"),
               _("95% interval"), _("Answers")]
    rows, keys = [], []
    for row in report.get("servqual", []):
        low, high = row["low"], row["high"]
        rows.append([row["name"], fmt.number(row["expectation"], 2),
                     fmt.number(row["perception"], 2), fmt.number(row["gap"], 2),
                     f"{fmt.number(low, 2)} – {fmt.number(high, 2)}" if low is not None
                     else fmt.DASH, fmt.number(row["n"])])
        keys.append(row["dimension"])
    return Grid(headers, rows, keys)


def reliability_grid(report: dict) -> Grid:
    parts = {"expectation": _("Expectation"), "perception": _("Perception"),
             "staff": _("Staff")}
    headers = [_("Scale"), _("Items"), _("Cronbach's alpha"), _("95% interval (Feldt)"),
               _("Answers")]
    rows, keys = [], []
    for row in report.get("reliability", []):
        a = row["alpha"]
        rows.append([f"{parts.get(row['part'], row['part'])}: {row['name']}",
                     fmt.number(row["items"]), fmt.number(a, 3),
                     f"{fmt.number(row['low'], 3)} – {fmt.number(row['high'], 3)}"
                     if a is not None else fmt.DASH, fmt.number(row["n"])])
        keys.append(row["scale"])
    return Grid(headers, rows, keys)


def factor_label(name: str) -> str:
    if name.startswith("channel:"):
        return _("Channel {channel}").format(channel=name.split(":", 1)[1])
    return {"wait_index": _("Wait (index)"), "abandoned": _("Abandoned"),
            "resolved": _("Resolved at first contact"), "repeat": _("Repeat within 7 days"),
            "proficiency": _("Proficiency"), "occupancy": _("Occupancy"),
            "overtime_h": _("Overtime (h)"), "late_share": _("Share of evening work"),
            "weekend_share": _("Share of weekend work")}.get(name, name)


def drivers_grid(report: dict) -> Grid:
    targets = {"nps": _("NPS (0–10)"), "csat": _("CSAT (1–5)"), "stay": _("Intention to stay")}
    headers = [_("Score"), _("Factor"), _("Effect"), _("95% interval"), _("p-value"), _("R²")]
    rows, keys = [], []
    for target, fit in report.get("drivers", {}).items():
        for f in fit["factors"]:
            rows.append([targets.get(target, target), factor_label(f["factor"]),
                         fmt.number(f["coef"], 2),
                         f"{fmt.number(f['low'], 2)} – {fmt.number(f['high'], 2)}",
                         fmt.number(f["p"], 3), fmt.number(fit["r2"], 2)])
            keys.append(f"{target}:{f['factor']}")
    return Grid(headers, rows, keys)


def themes_grid(report: dict) -> Grid:
    headers = [_("Theme"), _("Comments"), _("Share"), _("Example")]
    rows, keys = [], []
    for row in report.get("themes", []):
        rows.append([row["name"], fmt.number(row["count"]), fmt.percent(row["share"]),
                     row["examples"][0] if row["examples"] else ""])
        keys.append(row["theme"])
    return Grid(headers, rows, keys)


def staff_grid(report: dict) -> Grid:
    headers = [_("Dimension"), _("Items"), _("Mean (1–5)"), _("95% interval"), _("Answers")]
    rows, keys = [], []
    for row in report.get("dimensions", []):
        rows.append([row["name"], fmt.number(row["items"]), *_ci(row, "mean")])
        keys.append(row["dimension"])
    return Grid(headers, rows, keys)


def facts(report: dict) -> list[tuple[str, str]]:
    """The survey's header: questionnaire, run, responses and response rate; for the
    staff, the link between workload and occupancy."""
    out = [(_("Questionnaire"), f"{report['title']} ({report['questionnaire']})"),
           (_("Run"), str(report.get("run", {}).get("name", ""))),
           (_("Invited"), fmt.number(report["invited"])),
           (_("Responses"), fmt.number(report["responses"])),
           (_("Response rate"), fmt.percent(report["response_rate"]))]
    link = report.get("link")
    if link:
        out.append((_("Workload and occupancy"),
                    _("r = {r} (95%: {low} – {high}), on {n} agents").format(
                        r=fmt.number(link["r"], 2), low=fmt.number(link["low"], 2),
                        high=fmt.number(link["high"], 2), n=link["n"])))
    return out
