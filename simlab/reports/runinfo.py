"""What a result says about its run, for people: the inputs it was made from (scenario,
care model, plan: title and where each came from), the person, the date, the status.
The results screen, `simlab runs list` and `simlab runs show` read these, so they agree.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from simlab import fmt
from simlab.errors import SimlabError
from simlab.i18n import _, pick

if TYPE_CHECKING:  # Home's table of runs reads this module before the first paint:
    # pandas (tables) and pydantic (model) are imported only by the functions needing them
    from simlab.reports.tables import Grid

# How `lab.catalog` names where a text came from (see `catalog.portable`).
SHIPPED_PREFIX, WORKSPACE_PREFIX = "shipped:", "workspace:"
INPUTS = ("scenario", "care", "plan")


def status_name(status: str) -> str:
    """A run's status in words."""
    return {"complete": _("complete"), "interrupted": _("interrupted"),
            "aborted": _("aborted"), "writing": _("being written")}.get(status, status)


def input_name(kind: str) -> str:
    return {"scenario": _("Scenario"), "care": _("Care model"), "plan": _("Plan")}[kind]


def origin(source: str | None) -> str:
    """Where an input came from: a shipped file, a workspace document, a file."""
    if not source or source.startswith("<"):
        return _("origin not recorded")
    if source.startswith(SHIPPED_PREFIX):
        return _("shipped file {name}").format(name=source.removeprefix(SHIPPED_PREFIX))
    if source.startswith(WORKSPACE_PREFIX):
        return _("workspace document {name}").format(
            name=source.removeprefix(WORKSPACE_PREFIX))
    return _("file {path}").format(path=source)


def when(timestamp: str | None) -> str:
    """A stored UTC timestamp as a local Italian date and time (dd/mm/yyyy hh:mm)."""
    if not timestamp:
        return fmt.DASH
    try:
        moment = dt.datetime.fromisoformat(timestamp).astimezone()
    except ValueError:
        return timestamp
    return f"{fmt.date(moment.date())} {moment:%H:%M}"


def person_text(person) -> str:
    if person is None:
        return fmt.DASH
    role = {"trainee": _("Trainee"), "instructor": _("Instructor"),
            "examiner": _("Examiner")}.get(person.role, person.role)
    return f"{person.name} ({role})"


def titles(inputs: dict) -> dict[str, str]:
    """The title and id of each input, read from the stored texts (without validating
    them again: a list of runs must open fast)."""
    from simlab.model.yamlio import parse

    out = {}
    for kind in INPUTS:
        try:
            data = parse(inputs.get("texts", {}).get(kind, ""), f"<{kind}>")[0] or {}
        except SimlabError:
            data = {}
        title = pick(data.get("title")) if isinstance(data, dict) else ""
        doc_id = data.get("id", "") if isinstance(data, dict) else ""
        out[kind] = f"{title} ({doc_id})" if title and doc_id else (title or doc_id or fmt.DASH)
    return out


def input_lines(inputs: dict) -> list[tuple[str, str]]:
    """(Scenario / Care model / Plan, «title (id) — where it came from»)."""
    names = titles(inputs)
    sources = inputs.get("sources") or {}
    return [(input_name(k), f"{names[k]} — {origin(sources.get(k))}") for k in INPUTS]


def run_facts(view) -> list[tuple[str, str]]:
    """The header of a run's results: its inputs (title, id and where each came from),
    seed, days, contacts, person and date. `view` is a `RunView`."""
    record = view.record
    models = {"scenario": view.scenario, "care": view.care, "plan": view.plan}
    facts = [(input_name(k), f"{m.title} ({m.id}) — {origin(view.bundle.sources.get(k))}")
             for k, m in models.items()]
    facts += [
        (_("Seed"), str(view.seed)),
        (_("Days"), fmt.number(view.days)),
        (_("Contacts"), fmt.number(len(view.contacts))),
        (_("Person"), person_text(getattr(record, "person", None))),
    ]
    if record is not None:
        facts.append((_("Created"), when(record.created_at)))
    if view.label:
        facts.append((_("Label"), view.label))
    return facts


def runs_grid(records: list, inputs_of, damaged=()) -> Grid:
    """The runs of a workspace, newest first: `inputs_of(run_id)` gives a run's inputs;
    the runs in `damaged` (missing or changed files) are marked in their status."""
    headers = [_("Id"), _("Created"), _("Scenario"), _("Care model"), _("Plan"), _("Person"),
               _("Seed"), _("Status"), _("Label")]
    rows = []
    for r in records:
        try:
            names = titles(inputs_of(r.id))
        except SimlabError:  # an altered run still gets its row
            names = dict.fromkeys(INPUTS, r.scenario_id or fmt.DASH)
        rows.append([r.id, when(r.created_at), names["scenario"], names["care"], names["plan"],
                     person_text(r.person), "" if r.seed is None else str(r.seed),
                     _("damaged") if r.id in damaged else status_name(r.status), r.label])
    from simlab.reports.tables import Grid

    return Grid(headers, rows, [r.id for r in records])
