"""`simlab report` and the app's report builder: the options checked, the period of the
cadence cut from the run, and the report of the audience built (docs/reports.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from simlab.analysis import kpi_groups
from simlab.analysis import kpi_variants as kv
from simlab.analysis.kpi_groups import KpiData
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.lab.evaluation import Evaluation
from simlab.reports.report_doc import Report

AUDIENCES = ("agent", "team-leader", "management", "quality")
CADENCES = ("daily", "weekly", "monthly")
FORMATS = ("md", "html", "xlsx")
CADENCE_DAYS = {"daily": 1, "weekly": 7, "monthly": 28}


@dataclass(frozen=True)
class Options:
    audience: str
    cadence: str
    format: str = "md"
    agent: str | None = None
    date: str | None = None
    surveys: tuple[str, ...] = ()  # survey folders (`simlab survey run --out`)


@dataclass
class Period:
    first: int  # first day, 0-based
    end: int  # day after the last
    data: KpiData  # the run's data cut to these days

    @property
    def days(self) -> int:
        return self.end - self.first


def _one_of(value: str, allowed: tuple[str, ...], key: str) -> str:
    if value not in allowed:
        raise SimlabError(_("unknown value «{value}»; allowed: {allowed}").format(
            value=value, allowed=", ".join(allowed)), key=key)
    return value


def check_options_early(options: Options) -> Options:
    """What can be checked before the run is read: the names of the options."""
    _one_of(options.audience, AUDIENCES, "--audience")
    _one_of(options.cadence, CADENCES, "--cadence")
    _one_of(options.format, FORMATS, "--format")
    return options


def check_options(options: Options, ev: Evaluation) -> Options:
    check_options_early(options)
    need = CADENCE_DAYS[options.cadence]
    if ev.run.days < need:
        raise SimlabError(_("the run has {days} days: a {cadence} report needs at least {need}")
                          .format(days=ev.run.days, cadence=cadence_name(options.cadence),
                                  need=need), key="--cadence")
    if options.audience == "agent":
        agents = agents_of(ev)
        if not options.agent:
            raise SimlabError(_("the agent's report needs --agent; for example: {some}")
                              .format(some=", ".join(agents[:5])), key="--agent")
        if options.agent not in agents:
            raise SimlabError(_("operator «{agent}» handled no contact in this run; for example: "
                                "{some} ({n} operators)").format(
                agent=options.agent, some=", ".join(agents[:5]), n=len(agents)), key="--agent")
    return options


def agents_of(ev: Evaluation) -> list[str]:
    """The operators who handled a contact in the run: those an agent's report can be of."""
    return sorted(ev.run.data.contacts["agent_id"].dropna().astype(str).unique())


def cadence_name(cadence: str) -> str:
    return {"daily": _("daily"), "weekly": _("weekly"), "monthly": _("monthly")}[cadence]


def day_of(text: str | None, ev: Evaluation) -> int | None:
    """--date as a date of the run (YYYY-MM-DD) or a day number (1 = the first day)."""
    if text is None:
        return None
    days = ev.run.days
    start = ev.run.data.start
    try:
        day = int(text) - 1
    except ValueError:
        try:
            day = (dt.date.fromisoformat(text) - start).days
        except ValueError:
            raise SimlabError(_("«{text}» is neither a date (YYYY-MM-DD) nor a day number")
                              .format(text=text), key="--date") from None
    if not 0 <= day < days:
        last = start + dt.timedelta(days=days - 1)
        raise SimlabError(_("the day «{text}» is not in the run: from {first} to {last} "
                            "(days 1 to {days})").format(text=text, first=start.isoformat(),
                                                         last=last.isoformat(), days=days),
                          key="--date")
    return day


def worst_day(ev: Evaluation) -> int:
    """The day of the lowest service level of the first real-time channel with a target."""
    data = ev.run.data
    channels = [c for c in ev.run.realtime if c in data.targets.service_level]
    if not channels:
        return ev.run.days - 1
    c = data.contacts
    mine = replace(data, contacts=c[(c["channel"].astype(str) == channels[0]).to_numpy()],
                   _ind=None)
    table = kpi_groups.table(mine, "day", dict(kv.DEFAULTS)).drop(index="total")
    sl = table["service_level"].astype(float)
    if sl.isna().all():
        return ev.run.days - 1
    return int((dt.date.fromisoformat(str(sl.idxmin())) - data.start).days)


def period(options: Options, ev: Evaluation) -> Period:
    days = ev.run.days
    chosen = day_of(options.date, ev)
    if options.cadence == "daily":
        if chosen is None:
            chosen = worst_day(ev) if options.audience == "team-leader" else days - 1
        first, end = chosen, chosen + 1
    elif options.cadence == "weekly":
        last = days - 1 if chosen is None else chosen
        first = max(0, last - 6)
        first, end = first, first + 7
    else:
        first, end = 0, days
    return Period(first, end, cut(ev.run.data, first, end))


def cut(data: KpiData, first: int, end: int) -> KpiData:
    """The contacts that arrived and the agent intervals that started in [first, end)."""
    lo, hi = first * 86400.0, end * 86400.0
    a = data.contacts["arrival_s"].to_numpy(dtype=float)
    contacts = data.contacts[(a >= lo) & (a < hi)]
    s = data.agents["interval_start_s"].to_numpy(dtype=float)
    agents = data.agents[(s >= lo) & (s < hi)]
    schedule = data.schedule
    if schedule is not None:
        t = schedule["interval_start_s"].to_numpy(dtype=float)
        schedule = schedule[(t >= lo) & (t < hi)]
    return replace(data, contacts=contacts, agents=agents, schedule=schedule, _ind=None)


def run_surveys(ev: Evaluation, given: tuple[str, ...]) -> tuple[str, ...]:
    """The survey folders of the quality report: those given, else the workspace's for
    this run (`surveys/<run id>-*`), when the run is a workspace run."""
    if given:
        return tuple(given)
    folder = ev.run.folder
    base = folder.parent.parent / "surveys"
    if folder.parent.name != "runs" or not base.is_dir():
        return ()
    return tuple(str(p) for p in sorted(base.glob(f"{folder.name}-*"))
                 if (p / "survey.json").is_file())


def build(ev: Evaluation, options: Options) -> Report:
    from simlab.lab import report_sections as rs

    options = check_options(options, ev)
    if options.audience == "quality":
        options = replace(options, surveys=run_surveys(ev, options.surveys))
    p = period(options, ev)
    builders = {"agent": rs.agent, "team-leader": rs.team_leader,
                "management": rs.management, "quality": rs.quality}
    return builders[options.audience](ev, p, options)


def render(report: Report, fmt_: str) -> bytes:
    if fmt_ == "md":
        from simlab.reports.report_md import render as md

        return md(report).encode("utf-8")
    if fmt_ == "html":
        from simlab.reports.report_html import render as html

        return html(report).encode("utf-8")
    from simlab.reports.report_xlsx import workbook_bytes

    return workbook_bytes(report)


def write(report: Report, fmt_: str, path: Path) -> None:
    from simlab.store.atomic import write_bytes_atomic

    write_bytes_atomic(path, render(report, fmt_))


def format_of(path: Path, given: str | None) -> str:
    """--format, or else the file's suffix; both given must agree."""
    suffix = path.suffix.lower().lstrip(".")
    fmt_ = given or suffix
    _one_of(fmt_, FORMATS, "--format")
    if suffix != fmt_:
        raise SimlabError(_("the file must end in .{fmt}").format(fmt=fmt_), file=path,
                          key="--out")
    return fmt_
