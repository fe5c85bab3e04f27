"""The operations plan (UF2): teams, their skills, shifts, breaks and absence.

Minimal for now; the UF2 issue grows it (budget, procedures, escalation).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, WithJsonSchema, field_validator, model_serializer, model_validator

from simlab.i18n import _
from simlab.model.care import CareModel, _member
from simlab.model.common import At, Id, Strict, Text, Window, unique_ids
from simlab.model.plan_cases import CasesPlan
from simlab.model.plan_procedures import Procedures
from simlab.model.plan_staff import Contract, StaffAgent, check_staff

# A contact centre of a few thousand seats; more would only exhaust memory.
MAX_AGENTS = 5000


class Break(Strict):
    after_min: float = Field(ge=0, le=1440, description="minutes after the start of the shift")
    minutes: float = Field(gt=0, le=120)
    spread_min: float = Field(default=0, ge=0, le=1440,
                              description="breaks staggered over this window")


class Shift(Window):
    agents: int = Field(ge=0, le=MAX_AGENTS)
    breaks: list[Break] = Field(default=[], max_length=20)
    contract: Id | None = None  # the shift's agents' contract, else the team's (plan_staff.py)


class TeamLeaders(Strict):
    span: int = Field(ge=2, le=50, description="operators per team leader")
    hourly_cost: float = Field(ge=0, le=1000)
    hours_per_month: float = Field(default=160, ge=1, le=300)


class Team(Strict):
    id: Id
    name: Text
    headcount: int = Field(ge=0, le=MAX_AGENTS)
    skills: dict[str, Annotated[float, WithJsonSchema(
        {"type": "number", "minimum": 0.2, "maximum": 3})]] = Field(
        min_length=1, description="queue: proficiency")
    shifts: list[Shift] = []
    absence_rate: float = Field(default=0.0, ge=0, lt=1)
    hourly_cost: float = Field(default=0.0, ge=0, le=1000)
    # contracts, individual agents and team leaders: model/plan_staff.py
    contract: Id | None = None
    agents: list[StaffAgent] = Field(default=[], max_length=MAX_AGENTS)
    leaders: TeamLeaders | None = None

    @field_validator("skills")
    @classmethod
    def _proficiency(cls, v: dict[str, float]) -> dict[str, float]:
        for queue, p in v.items():
            if not 0.2 <= p <= 3:
                raise At(_("proficiency must be between 0.2 and 3"), queue)
        return v

    @model_validator(mode="after")
    def _headcount(self) -> Team:
        assigned = sum(s.agents for s in self.shifts) + len(self.agents)
        if assigned != self.headcount:
            raise At(
                _("the shifts assign {assigned} agents but the headcount is {headcount}").format(
                    assigned=assigned, headcount=self.headcount
                ),
                "headcount",
            )
        return self


class PlanBudget(Strict):
    """The budget lines beyond the operators' hours (docs/budget.md); each defaults to none."""

    seat_cost_per_month: float = Field(default=0, ge=0, le=100_000)
    seats: int | None = Field(default=None, ge=0, le=MAX_AGENTS,
                              description="default: the most operators on shift at once")
    technology_per_month: float = Field(default=0, ge=0, le=10_000_000)
    knowledge_base_per_month: float = Field(default=0, ge=0, le=10_000_000)
    training_hours_per_agent_per_month: float = Field(default=0, ge=0, le=200)
    team_leaders: TeamLeaders | None = None


class OperationsPlan(Strict):
    id: Id
    title: Text
    scenario: Id
    teams: list[Team] = Field(min_length=1)
    budget: PlanBudget | None = None
    contracts: list[Contract] = Field(default=[], max_length=50)  # model/plan_staff.py
    procedures: Procedures | None = None  # docs/procedures.md; None: none in the loop
    # complaints, consumer law, notices, KB (plan_cases); left out of a dump when absent,
    # so plans written before it (and the files of runs) keep their bytes
    cases: CasesPlan | None = Field(default=None, exclude_if=lambda v: v is None)

    @model_validator(mode="after")
    def _teams(self) -> OperationsPlan:
        unique_ids([t.id for t in self.teams], _("team"), "teams")
        total = sum(t.headcount for t in self.teams)
        if total > MAX_AGENTS:
            raise At(_("the teams have {n} agents in all: at most {max}").format(
                n=total, max=MAX_AGENTS), "teams")
        check_staff(self)
        return self

    @model_serializer(mode="wrap")
    def _without_procedures(self, handler):  # noqa: ANN001, ANN202 - pydantic's hook
        # A plan with no procedures is written as before they existed: the same bytes in
        # every run file and replay (tests/test_run_file_bytes.py).
        data = handler(self)
        if self.procedures is None and isinstance(data, dict):
            data.pop("procedures", None)
        return data

    def check_against(self, care: CareModel) -> None:
        # A plan written for another scenario may still fit (a copy of it): the lab warns
        # (lab.catalog.warnings) instead of refusing; the queues must exist all the same.
        queues = [q.id for q in care.queues]
        names = queues + [g.id for g in care.skill_groups if g.id not in queues]
        for i, t in enumerate(self.teams):
            for q in t.skills:
                _member(q, names, ("teams", i, "skills", q), _("queue or skill group"))
        if self.procedures is not None:
            self.procedures.check_against(queues, sorted({q.channel for q in care.queues}),
                                          {t.id: list(skills_of(t, care)) for t in self.teams})


def skills_of(team: Team, care: CareModel) -> dict[str, float]:
    """The queues a team works and its proficiency on each. A key of `skills` that names
    one of the care model's skill groups (and no queue) stands for every queue of the
    group at that proficiency; a queue the team also lists by itself keeps its own."""
    groups = {g.id: g.queues for g in care.skill_groups}
    if not any(k in groups for k in team.skills):
        return team.skills
    queues = {q.id for q in care.queues}
    out: dict[str, float] = {}
    for key, p in team.skills.items():
        if key not in queues and key in groups:
            for q in groups[key]:
                out.setdefault(q, p)
    for key, p in team.skills.items():
        if key in queues:
            out[key] = p
    return out


def mean_skills(plan: OperationsPlan, care: CareModel) -> dict[str, float]:
    """Each team's mean proficiency over the queues it works (skill groups expanded):
    what the staff survey reads as a team's competence."""
    out = {}
    for team in plan.teams:
        skills = skills_of(team, care)
        out[team.id] = sum(skills.values()) / len(skills)
    return out
