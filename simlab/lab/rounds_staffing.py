"""The staffing a trainee edits between rounds: the operators of each shift row of each
team, shift rows the trainee adds (days, hours, operators), and the people of the
complaints back office when the plan has a complaint procedure. The app shows one field
per value with its check beside it; the new plan text keeps everything else of the plan
and sets each team's headcount to the sum of its rows (and of its named operators).
The operations plans of the workspace a round can be played with are listed here too."""

from __future__ import annotations

from dataclasses import dataclass

from simlab import fmt
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.model.common import DAY_LABELS_IT, parse_clock, parse_days
from simlab.model.loader import load_text
from simlab.model.plan import MAX_AGENTS, OperationsPlan
from simlab.model.plan_cases import BackOffice
from simlab.model.yamlio import dump, parse

# the back office's row: no team id starts with "_", so the key cannot be a team's
OFFICE = "_backoffice"
# the schema's bound on the back office's people (500)
OFFICE_MAX = next(m.le for m in BackOffice.model_fields["staff"].metadata if hasattr(m, "le"))


@dataclass(frozen=True)
class StaffRow:
    team: str  # team id
    team_name: str
    index: int  # the shift's position in the team's list
    label: str  # «lun, mar, mer, gio, ven 09:00–14:00»
    agents: int

    @property
    def key(self) -> str:
        return f"{self.team}.{self.index}"


def staffing_rows(plan_text: str) -> list[StaffRow]:
    plan = load_text(OperationsPlan, plan_text, "<plan>")
    rows = []
    for team in plan.teams:
        for i, shift in enumerate(team.shifts):
            days = _days(shift.days, shift.model_dump()["days"])
            label = f"{days} {fmt.plan_clock(shift.start)}–{fmt.plan_clock(shift.end)}"
            rows.append(StaffRow(team.id, str(team.name), i, label, shift.agents))
    if plan.cases is not None and plan.cases.complaints is not None:
        office = plan.cases.complaints.back_office
        days = _days(tuple(office.days), [DAY_LABELS_IT[d] for d in office.days])
        # its opening like a shift's: the field holds its people (at most 500, the schema's)
        label = f"{days} {fmt.plan_clock(office.start_h * 3600)}–" \
                f"{fmt.plan_clock((office.start_h + office.hours_per_day) * 3600)}"
        rows.append(StaffRow(OFFICE, _("Complaints back office"), 0, label, office.staff))
    return rows


def _days(numbers: tuple[int, ...], labels: list[str]) -> str:
    """«lun-ven» for a run of days in a row, else the days one by one."""
    if len(numbers) > 2 and list(numbers) == list(range(numbers[0], numbers[-1] + 1)):
        return f"{labels[0]}-{labels[-1]}"
    return ", ".join(labels)


def check_agents(text: str, maximum: int = MAX_AGENTS) -> tuple[int | None, str]:
    """A field's value as operators, or the reason it is not one (shown beside it)."""
    try:
        n = int(text.strip())
    except ValueError:
        return None, _("write a whole number")
    if not 0 <= n <= maximum:
        return None, _("from 0 to {max}").format(max=maximum)
    return n, ""


def check_field(key: str, text: str) -> tuple[int | None, str]:
    """`check_agents` for the field `key` (a `StaffRow.key`): the back office's people
    have the schema's own bound."""
    return check_agents(text, OFFICE_MAX if key.startswith(f"{OFFICE}.") else MAX_AGENTS)


def _headcount(team: dict) -> int:
    # the schema's rule: a team's headcount is its shifts' operators plus its named ones
    return sum(int(s["agents"]) for s in team.get("shifts", [])) + len(team.get("agents", []))


def with_staffing(plan_text: str, agents: dict[str, int],
                  added: list[NewShift] | None = None) -> str:
    """`plan_text` with the operators of the shift rows named in `agents` (by
    `StaffRow.key`), the shift rows `added` at the end of their teams' lists, and every
    team's headcount the sum of its rows."""
    data, _lines = parse(plan_text, "<plan>")
    _add_shifts(data, added or [])
    for team in data["teams"]:
        for i, shift in enumerate(team.get("shifts", [])):
            key = f"{team['id']}.{i}"
            if key in agents:
                shift["agents"] = int(agents[key])
        team["headcount"] = _headcount(team)
    office = f"{OFFICE}.0"
    if office in agents and (data.get("cases") or {}).get("complaints"):
        data["cases"]["complaints"]["back_office"]["staff"] = int(agents[office])
    text = dump(data)
    load_text(OperationsPlan, text, "<plan>")  # still a plan (it raises with the key)
    return text


def field_errors(values: dict[str, str]) -> dict[str, str]:
    """Each field's problem, by key (empty when fine)."""
    return {key: check_field(key, v)[1] for key, v in values.items()}


def parse_fields(values: dict[str, str]) -> dict[str, int]:
    out = {}
    for key, v in values.items():
        n, problem = check_field(key, v)
        if n is None:
            raise SimlabError(problem, key=key)
        out[key] = n
    return out


# --- shift rows the trainee adds ---------------------------------------------------------

NEW_FIELDS = ("days", "start", "end", "agents")  # the fields of an added row, in order
YAML_KEY = {"days": "days", "start": "from", "end": "to", "agents": "agents"}


@dataclass(frozen=True)
class NewShift:
    """A shift row the trainee adds to `team`, as typed (checked by `check_new_shift`)."""

    team: str  # team id
    days: str  # «lun-ven», «sab», «lun, mer, ven»
    start: str  # «18:00»
    end: str  # «22:00»
    agents: str  # operators on the shift


def check_new_shift(row: NewShift) -> dict[str, str]:
    """The problem of each field of an added row (NEW_FIELDS; empty when fine): the days
    and times as a plan writes them, the end after the start, the operators a number."""
    problems = dict.fromkeys(NEW_FIELDS, "")
    if not row.days.strip():
        problems["days"] = _("write the days, like «lun-ven» or «sab»")
    for field, parser in (("days", parse_days), ("start", parse_clock), ("end", parse_clock)):
        try:
            if not problems[field]:
                parser(getattr(row, field))
        except ValueError as e:
            problems[field] = str(e)
    if not problems["start"] and not problems["end"] \
            and parse_clock(row.end) <= parse_clock(row.start):
        problems["end"] = _("the end time must come after the start time")
    problems["agents"] = check_agents(row.agents)[1]
    return problems


def _new_shift_data(row: NewShift, breaks: list) -> dict:
    return {"days": [DAY_LABELS_IT[d] for d in parse_days(row.days)],
            "from": fmt.plan_clock(parse_clock(row.start)), "to": fmt.plan_clock(parse_clock(row.end)),
            "agents": int(row.agents.strip()), "breaks": breaks}


def _add_shifts(data: dict, added: list[NewShift]) -> None:
    """Append each added row to its team's shifts. Its breaks are those of the team's
    first shift row (none if the team has no rows): the engine drops a break that would
    not end inside the shift, so a shorter row keeps only the breaks that fit."""
    index = {team["id"]: i for i, team in enumerate(data["teams"])}
    for row in added:
        if row.team not in index:
            raise SimlabError(_("no team «{team}» in the plan").format(team=row.team),
                              key="teams")
        team = data["teams"][index[row.team]]
        shifts = team.setdefault("shifts", [])
        for field, problem in check_new_shift(row).items():
            if problem:
                raise SimlabError(problem, key=f"teams[{index[row.team]}].shifts"
                                  f"[{len(shifts)}].{YAML_KEY[field]}")
        breaks = [dict(b) for b in shifts[0].get("breaks", [])] if shifts else []
        shifts.append(_new_shift_data(row, breaks))


# --- the workspace's operations plans ----------------------------------------------------


@dataclass(frozen=True)
class PlanFile:
    """An operations plan saved in the workspace (by the plan editor)."""

    id: str
    title: str
    text: str
    source: str  # «workspace:plan/<id> v<n>», named in the check's messages

    @property
    def label(self) -> str:
        return f"{self.title} ({self.id})" if self.title else self.id


def workspace_plans(ws, game) -> list[PlanFile]:
    """The latest version of each plan of the workspace written for the scenario of
    `game` (a `rounds.Game`), in the workspace's order; a plan that no longer loads is
    left out (the plan editor shows its error)."""
    scenario, _lines = parse(game.texts["scenario"], "<scenario>")
    scenario_id = scenario.get("id") if isinstance(scenario, dict) else None
    out = []
    for doc in ws.documents("plan"):
        source = f"workspace:plan/{doc.doc_id} v{doc.version}"
        try:
            plan = load_text(OperationsPlan, doc.text, source)
        except SimlabError:
            continue
        if plan.scenario == scenario_id:
            out.append(PlanFile(doc.doc_id, str(plan.title or ""), doc.text, source))
    return out
