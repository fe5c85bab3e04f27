"""The rounds of a game side by side, as the CLI and the app both show them: one column
per round played, one row per KPI, cost and backlog figure."""

from __future__ import annotations

from collections.abc import Callable

from simlab import fmt
from simlab.i18n import _
from simlab.reports.tables import Grid


def _rows() -> list[tuple[str, str, Callable[[dict], str]]]:
    """(key, label, value of a round's state as text), in the order shown."""
    k = lambda name: (lambda s: s["kpis"].get(name))  # noqa: E731 - a table of getters
    c = lambda name: (lambda s: s["costs"].get(name))  # noqa: E731
    b = lambda name: (lambda s: s["backlog"].get(name))  # noqa: E731
    r = lambda name: (lambda s: (s.get("complaints") or {}).get(name))  # noqa: E731
    return [
        ("week_start", _("Week from"), lambda s: fmt.date(_iso(s["week_start"]))),
        ("headcount", _("Operators in the plan"),
         lambda s: fmt.number(sum(s["headcount"].values()))),
        ("offered", _("Offered contacts"), lambda s: fmt.number(k("offered")(s))),
        ("answered", _("Answered"), lambda s: fmt.number(k("answered")(s))),
        ("service_level", _("Service level"), lambda s: fmt.percent(k("service_level")(s))),
        ("abandon_rate", _("Abandonment rate"), lambda s: fmt.percent(k("abandon_rate")(s))),
        ("asa_s", _("ASA"), lambda s: fmt.seconds(k("asa_s")(s))),
        ("complaints", _("Complaints received"), lambda s: fmt.number(r("cases")(s))),
        ("complaints_on_time", _("Complaints handled on time"),
         lambda s: fmt.percent(r("on_time_share")(s))),
        ("office_staff", _("Complaints back office (people)"),
         lambda s: fmt.number(r("office_staff")(s))),
        ("staff", _("Staff cost"), lambda s: fmt.euro(c("staff")(s))),
        ("complaints_cost", _("Complaints cost"), lambda s: fmt.euro(c("complaints")(s))),
        ("outsourcing", _("Outsourcing cost"), lambda s: fmt.euro(c("outsourcing")(s))),
        ("total", _("Total cost"), lambda s: fmt.euro(c("total")(s))),
        ("budget_gap", _("Cost − budget"), lambda s: fmt.euro(c("budget_gap")(s))),
        ("cost_per_contact", _("Cost per contact"), lambda s: fmt.euro(c("cost_per_contact")(s))),
        ("at_start", _("Waiting at the start of the week"), lambda s: fmt.number(b("at_start")(s))),
        ("carried_answered", _("Earlier weeks' contacts answered"),
         lambda s: fmt.number(b("carried_answered")(s))),
        ("tickets_open", _("Open tickets at the end"), lambda s: fmt.number(b("tickets_open")(s))),
        ("in_queue", _("Still in queue at the end"), lambda s: fmt.number(b("in_queue")(s))),
    ]


COMPLAINT_ROWS = ("complaints", "complaints_on_time", "office_staff", "complaints_cost")


def _iso(text: str):
    import datetime as dt

    return dt.date.fromisoformat(text)


def comparison_grid(states: list[dict], budget: float | None = None,
                    channel_names: dict[str, str] | None = None) -> Grid:
    """KPIs, costs and backlog of every round played, a column each. The service level
    is per channel (each has its own threshold, so they do not add up): a row for each
    channel that has one."""
    headers = [_("Indicator")] + [_("Round {n}").format(n=s["round"]) for s in states]
    rows, keys = [], []
    for key, label, value in _rows():
        if key == "budget_gap" and budget is None:
            continue
        if key in COMPLAINT_ROWS and not any("complaints" in s for s in states):
            continue  # a game without a complaint procedure
        if key == "outsourcing" and not any("outsourcing" in s["costs"] for s in states):
            continue  # no round outsourced anything
        if key == "service_level":
            for ch in _sl_channels(states):
                rows.append([_("Service level ({channel})").format(
                    channel=(channel_names or {}).get(ch, ch))] + [
                    fmt.percent(s["kpis"]["service_level_by_channel"].get(ch)) for s in states])
                keys.append(f"service_level:{ch}")
            continue
        rows.append([label] + [value(s) for s in states])
        keys.append(key)
    return Grid(headers, rows, keys)


def _sl_channels(states: list[dict]) -> list[str]:
    seen: list[str] = []
    for s in states:
        for ch, v in s["kpis"]["service_level_by_channel"].items():
            if v is not None and ch not in seen:
                seen.append(ch)
    return seen


def game_grid(game) -> Grid:
    """`comparison_grid` of a game (`lab.rounds.Game`), with its channels' names."""
    from simlab.lab import runner
    from simlab.reports.tables import channel_names

    scenario = runner.bundle_from_texts(game.texts).scenario
    return comparison_grid(game.played, game.budget_per_week, channel_names(scenario))
