"""Contracts, individual agents and team leaders of an operations plan (UF2).

All optional: a plan without them is the plan it always was (teams of identical shift
agents at the team's hourly cost), and runs to the same bytes.

- `contracts` (on the plan): full time or part time, the hourly cost and the weekly hours
  the contract pays;
- `contract` (on a team): the contract of the team's shift agents, whose hourly cost then
  replaces the team's `hourly_cost`;
- `agents` (on a team): people with their own week, a different shift each day and days
  off, and training hours off the queues (paid, at their contract's cost);
- `leaders` (on a team): the team's own team leaders and their span of control.

The labour rules an agent's week must keep (indicative, Italian law: D.Lgs. 66/2003) are
checked here, so a bad week is refused with the agent and the day named: at least 11 hours
of rest between two shifts, at least one day off, no more working hours (the shifts less
their meal breaks of 30 minutes or more, plus training outside them) than the contract's
weekly hours.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from simlab.i18n import _
from simlab.model.common import DAY_LABELS_IT, At, Id, Strict, Text, Window, unique_ids

# The daily rest between two shifts (D.Lgs. 66/2003, art. 7).
MIN_REST_S = 11 * 3600
# A break this long or longer is a meal break, not working time (art. 8): the contract's
# weekly hours do not count it (a run still pays the whole shift, as it always has).
MEAL_BREAK_MIN = 30
MAX_AGENTS_PER_TEAM = 5000


class Contract(Strict):
    id: Id
    name: Text | None = None
    kind: Literal["full_time", "part_time"]
    hourly_cost: float = Field(ge=0, le=1000)
    weekly_hours: float = Field(gt=0, le=48, description="the hours a week the contract pays")


class DayShiftBreak(Strict):
    after_min: float = Field(ge=0, le=1440, description="minutes after the start of the shift")
    minutes: float = Field(gt=0, le=120)


class DayShift(Window):
    """One shift of an agent's week: these days, from this time to that time."""

    breaks: list[DayShiftBreak] = Field(default=[], max_length=10)


class StaffAgent(Strict):
    """One person: a contract, a week of shifts (days not named are days off) and training
    sessions, which take the agent off the queues and are paid as training."""

    id: Id
    contract: Id
    week: list[DayShift] = Field(min_length=1, max_length=14)
    training: list[Window] = Field(default=[], max_length=14)

    @model_validator(mode="after")
    def _week(self) -> StaffAgent:
        spans = sorted((d, w.start, w.end) for w in self.week for d in w.days)
        for i, (day, _start, end) in enumerate(spans):
            for day2, start2, _end2 in spans[i + 1:]:
                if day2 == day and start2 < end:
                    raise At(_("two shifts overlap on {day}").format(day=DAY_LABELS_IT[day]),
                             "week")
        first = {d: s for d, s, _e in reversed(spans)}
        last = {d: e for d, _s, e in spans}
        days = sorted(last)
        if len(days) == 7:
            raise At(_("the week has no day off: at least one day of rest a week"), "week")
        # From the day's last shift to the next working day's first, on the weekly cycle
        # (a split shift within a day keeps its rest over the night).
        for i, day in enumerate(days):
            nday = days[(i + 1) % len(days)]
            gap = ((nday - day) % 7 or 7) * 86_400 + first[nday] - last[day]
            if gap < MIN_REST_S:
                raise At(_("only {hours:.1f} hours of rest after the shift of {day}: at least "
                           "11 hours between two shifts").format(
                               hours=gap / 3600, day=DAY_LABELS_IT[day]), "week")
        return self

    def weekly_hours(self) -> float:
        """The working hours of the week: on shift, less the meal breaks."""
        return sum(len(w.days) * working_s(w) for w in self.week) / 3600

    def training_hours(self) -> float:
        """The training hours of the week outside the shifts (inside a shift they take
        working time already counted)."""
        total = 0.0
        for t in self.training:
            for day in t.days:
                inside = sum(max(0, min(t.end, w.end) - max(t.start, w.start))
                             for w in self.week if day in w.days)
                total += t.end - t.start - inside
        return total / 3600


def check_staff(plan) -> None:
    """The references between contracts, teams and agents, and each agent's hours
    against the contract; called by `OperationsPlan`'s validator."""
    contracts = {c.id: c for c in plan.contracts}
    unique_ids([c.id for c in plan.contracts], _("contract"), "contracts")
    allowed = ", ".join(contracts) or _("none: add a «contracts» list to the plan")
    names: set[str] = set()
    for ti, team in enumerate(plan.teams):
        if team.contract is not None and team.contract not in contracts:
            raise At(_("unknown contract «{c}»; allowed: {allowed}").format(
                c=team.contract, allowed=allowed), "teams", ti, "contract")
        for si, shift in enumerate(team.shifts):
            cid = shift.contract or team.contract
            if cid is None:
                continue
            where = ("teams", ti, "shifts", si)
            if cid not in contracts:
                raise At(_("unknown contract «{c}»; allowed: {allowed}").format(
                    c=cid, allowed=allowed), *where, "contract")
            hours = len(shift.days) * working_s(shift) / 3600
            if hours > contracts[cid].weekly_hours + 1e-9:
                raise At(_("the shift has {h:g} hours a week but the contract «{c}» pays "
                           "{limit:g}").format(h=hours, c=cid,
                                               limit=contracts[cid].weekly_hours), *where)
        unique_ids([a.id for a in team.agents], _("agent"), "teams", ti, "agents")
        for ai, agent in enumerate(team.agents):
            where = ("teams", ti, "agents", ai)
            if agent.contract not in contracts:
                raise At(_("unknown contract «{c}»; allowed: {allowed}").format(
                    c=agent.contract, allowed=allowed), *where, "contract")
            limit = contracts[agent.contract].weekly_hours
            if agent.weekly_hours() + agent.training_hours() > limit + 1e-9:
                raise At(_("the week has {h:g} hours of shifts and training but the contract "
                           "«{c}» pays {limit:g}").format(
                               h=agent.weekly_hours() + agent.training_hours(),
                               c=agent.contract, limit=limit), *where, "week")
            name = agent_name(team.id, agent.id)
            if name in names:
                raise At(_("the agent id «{id}» appears twice").format(id=name), *where, "id")
            names.add(name)


def working_s(shift) -> float:
    """A shift's working time in a day: its length less its meal breaks."""
    meals = sum(b.minutes for b in shift.breaks if b.minutes >= MEAL_BREAK_MIN)
    return shift.end - shift.start - 60 * meals


def agent_name(team: str, agent: str) -> str:
    """The agent's id in the run files: the team's id and the agent's."""
    return f"{team}-{agent}"


def hourly_cost(plan, team, agent: StaffAgent | None = None, shift=None) -> float:
    """What an hour of a team's agent costs: the agent's (or the shift's) contract, else
    the team's contract, else the team's `hourly_cost`."""
    contracts = {c.id: c for c in plan.contracts}
    cid = contract_of(plan, team, agent, shift)
    return contracts[cid].hourly_cost if cid is not None else team.hourly_cost


def contract_of(plan, team, agent: StaffAgent | None = None, shift=None) -> str | None:
    if agent is not None:
        return agent.contract
    if shift is not None and shift.contract is not None:
        return shift.contract
    return team.contract


def uses_contracts(team) -> bool:
    """Whether a team is charged by contract (else as before: one rate for the team)."""
    # read with defaults: callers may pass a team-like record without these fields
    return (getattr(team, "contract", None) is not None or bool(getattr(team, "agents", ()))
            or any(getattr(s, "contract", None) is not None
                   for s in getattr(team, "shifts", ())))


def shift_agent_names(team) -> list[tuple[str, object]]:
    """(name in the run files, shift) of each of the team's shift agents, in the order
    the engine builds them (engine/prepare.py)."""
    out, k = [], 0
    for shift in team.shifts:
        for _j in range(shift.agents):
            out.append((f"{team.id}-{k + 1:03d}", shift))
            k += 1
    return out
