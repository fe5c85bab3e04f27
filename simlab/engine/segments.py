"""A plan that changes by date: the agents of several plans, each in force over its own
days (the decision rounds of UF2, `lab.rounds`).

Round r's plan staffs days [first_day(r), last_day(r)). Its people are expanded exactly as
a run of `last_day(r)` days would expand them (`prepare.expand_agents`), then cut to its
own days, so round r's agents depend on nothing that a later round decides: round 1 alone
is the plain run of its days, and every later round starts from where it ended."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from simlab.model.plan import OperationsPlan
from simlab.world.world import World

from .calendar import DAY
from .prepare import Agent, expand_agents


def compose_agents(world: World, plans: Sequence[OperationsPlan], days_per_round: int,
                   seed: int) -> list[Agent]:
    """The agents of `plans[r]` on days [r·days_per_round, (r+1)·days_per_round), joined
    person by person: agent k of a team is the same person in every round (its name is
    the team's id and k), so a round that adds people appends them at the end of the
    team and the order of the others is kept. Teams follow the first plan's order."""
    by_team: dict[str, dict[str, Agent]] = {t.id: {} for t in plans[0].teams}
    team_index = {t.id: i for i, t in enumerate(plans[0].teams)}
    for r, plan in enumerate(plans):
        lo, hi = r * days_per_round * DAY, (r + 1) * days_per_round * DAY
        own = dataclasses.replace(world, days=(r + 1) * days_per_round)
        for agent in expand_agents(own, plan, seed):
            team_id = plan.teams[agent.team].id
            person = by_team[team_id].setdefault(
                agent.name, Agent(agent.name, team_index[team_id], [], []))
            person.duty.extend(_clip(agent.duty, lo, hi))
            person.breaks.extend(b for b in agent.breaks if lo <= b[0] < hi)
    agents = []
    for team in plans[0].teams:
        for person in sorted(by_team[team.id].values(), key=lambda a: _number(a.name)):
            person.duty[:] = _join(person.duty)
            agents.append(person)
    return agents


def _number(name: str) -> int:
    return int(name.rsplit("-", 1)[1])


def _clip(duty: list[tuple[float, float]], lo: float, hi: float) -> list[tuple[float, float]]:
    return [(max(s, lo), min(e, hi)) for s, e in duty if e > lo and s < hi]


def _join(duty: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Intervals in time order with those that touch joined (a night shift that ends at
    the last midnight of a round and one that starts there in the next)."""
    out: list[tuple[float, float]] = []
    for s, e in duty:
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
