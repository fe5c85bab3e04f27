"""The staffing a trainee edits between rounds: the operators of each shift row of each
team. The app shows one field per row with its check beside it; the new plan text keeps
everything else of the plan and sets each team's headcount to the sum of its rows."""

from __future__ import annotations

from dataclasses import dataclass

from simlab import fmt
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.model.loader import load_text
from simlab.model.plan import MAX_AGENTS, OperationsPlan
from simlab.model.yamlio import dump, parse


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
    return rows


def _days(numbers: tuple[int, ...], labels: list[str]) -> str:
    """«lun-ven» for a run of days in a row, else the days one by one."""
    if len(numbers) > 2 and list(numbers) == list(range(numbers[0], numbers[-1] + 1)):
        return f"{labels[0]}-{labels[-1]}"
    return ", ".join(labels)


def check_agents(text: str) -> tuple[int | None, str]:
    """A field's value as operators, or the reason it is not one (shown beside it)."""
    try:
        n = int(text.strip())
    except ValueError:
        return None, _("write a whole number")
    if not 0 <= n <= MAX_AGENTS:
        return None, _("from 0 to {max}").format(max=MAX_AGENTS)
    return n, ""


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
    text = dump(data)
    load_text(OperationsPlan, text, "<plan>")  # still a plan (it raises with the key)
    return text


def field_errors(values: dict[str, str]) -> dict[str, str]:
    """Each field's problem, by key (empty when fine)."""
    return {key: check_agents(v)[1] for key, v in values.items()}


def parse_fields(values: dict[str, str]) -> dict[str, int]:
    out = {}
    for key, v in values.items():
        n, problem = check_agents(v)
        if n is None:
            raise SimlabError(problem, key=key)
        out[key] = n
    return out
