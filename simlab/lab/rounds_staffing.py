"""The staffing a trainee edits between rounds: the operators of each shift row of each
team, and the people of the complaints back office when the plan has a complaint
procedure. The app shows one field per row with its check beside it; the new plan text
keeps everything else of the plan and sets each team's headcount to the sum of its rows."""

from __future__ import annotations

from dataclasses import dataclass

from simlab import fmt
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.model.common import DAY_LABELS_IT
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
            label = f"{days} {fmt.clock(shift.start)}–{fmt.clock(shift.end)}"
            rows.append(StaffRow(team.id, str(team.name), i, label, shift.agents))
    if plan.cases is not None and plan.cases.complaints is not None:
        office = plan.cases.complaints.back_office
        days = _days(tuple(office.days), [DAY_LABELS_IT[d] for d in office.days])
        # its opening like a shift's: the field holds its people (at most 500, the schema's)
        label = f"{days} {fmt.clock(office.start_h * 3600)}–" \
                f"{fmt.clock((office.start_h + office.hours_per_day) * 3600)}"
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


def with_staffing(plan_text: str, agents: dict[str, int]) -> str:
    """`plan_text` with the operators of the shift rows named in `agents` (by
    `StaffRow.key`) and every team's headcount the sum of its rows."""
    data, _lines = parse(plan_text, "<plan>")
    for team in data["teams"]:
        for i, shift in enumerate(team.get("shifts", [])):
            key = f"{team['id']}.{i}"
            if key in agents:
                shift["agents"] = int(agents[key])
        team["headcount"] = sum(int(s["agents"]) for s in team.get("shifts", []))
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
