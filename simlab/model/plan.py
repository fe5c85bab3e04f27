"""The operations plan (UF2): teams, their skills, shifts, breaks and absence.

Minimal for now; the UF2 issue grows it (budget, procedures, escalation).
"""

from __future__ import annotations

from pydantic import Field, field_validator, model_validator

from simlab.i18n import _
from simlab.model.care import CareModel, _member
from simlab.model.common import At, Strict, Text, Window


class Break(Strict):
    after_min: float = Field(ge=0, description="minutes after the start of the shift")
    minutes: float = Field(gt=0, le=120)
    spread_min: float = Field(default=0, ge=0, description="breaks staggered over this window")


class Shift(Window):
    agents: int = Field(ge=0)
    breaks: list[Break] = []


class Team(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    name: Text
    headcount: int = Field(ge=0)
    skills: dict[str, float] = Field(min_length=1, description="queue: proficiency")
    shifts: list[Shift] = []
    absence_rate: float = Field(default=0.0, ge=0, lt=1)
    hourly_cost: float = Field(default=0.0, ge=0)

    @field_validator("skills")
    @classmethod
    def _proficiency(cls, v: dict[str, float]) -> dict[str, float]:
        for queue, p in v.items():
            if not 0.2 <= p <= 3:
                raise At(_("proficiency must be between 0.2 and 3"), queue)
        return v

    @model_validator(mode="after")
    def _headcount(self) -> Team:
        assigned = sum(s.agents for s in self.shifts)
        if assigned != self.headcount:
            raise At(
                _("the shifts assign {assigned} agents but the headcount is {headcount}").format(
                    assigned=assigned, headcount=self.headcount
                ),
                "headcount",
            )
        return self


class OperationsPlan(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    title: Text
    scenario: str
    teams: list[Team] = Field(min_length=1)

    def check_against(self, care: CareModel) -> None:
        queues = [q.id for q in care.queues]
        for i, t in enumerate(self.teams):
            for q in t.skills:
                _member(q, queues, ("teams", i, "skills", q), _("queue"))
