"""The staff rows of a run's cost table: paid hours per team (and contract), training.

A team without contracts and individual agents is charged as it always was: one row
("staff", team) for its staffed hours at the team's hourly cost, so that its costs stay
the same to the byte. With contracts (model/plan_staff.py) the team's hours are split by
contract, subject "team/contract", each at its contract's cost; individual agents'
training sessions, off the queues but paid, are a "training" row per team."""

from __future__ import annotations

from typing import Any

from simlab.model.plan import OperationsPlan
from simlab.model.plan_staff import agent_name, contract_of, hourly_cost


def staff_rows(plan: OperationsPlan, agents: Any,
               training_s: dict[str, float] | None = None) -> list[tuple]:
    """(item, subject, quantity, unit, amount) rows from the agents' table (a pandas
    frame that `runlog` built: this module names no pandas, as the engine's rule asks);
    `training_s` is each agent's paid training time in the run, by agent id."""
    training_s = training_s or {}
    staffed = agents.groupby("agent_id", observed=False)["staffed_s"].sum()
    by_team = agents.groupby("team", observed=False)["staffed_s"].sum()
    rows = []
    for team in plan.teams:
        if team.contract is None and not team.agents:
            hours = float(by_team.get(team.id, 0.0)) / 3600
            rows.append(("staff", team.id, hours, "h", hours * team.hourly_cost))
            continue
        own = {agent_name(team.id, a.id): a for a in team.agents}
        team_s = float(by_team.get(team.id, 0.0))
        # The team's shift agents: the team's staffed time less its individual agents'.
        groups: dict[str, list[float]] = {}
        shift_s = team_s - sum(float(staffed.get(name, 0.0)) for name in own)
        if shift_s > 1e-9 or not own:
            key = contract_of(plan, team) or ""
            groups.setdefault(key, [0.0, hourly_cost(plan, team)])[0] += shift_s
        for name, person in own.items():
            key = contract_of(plan, team, person) or ""
            groups.setdefault(key, [0.0, hourly_cost(plan, team, person)])[0] += float(
                staffed.get(name, 0.0))
        for key in sorted(groups):
            seconds, rate = groups[key]
            subject = f"{team.id}/{key}" if key else team.id
            rows.append(("staff", subject, seconds / 3600, "h", seconds / 3600 * rate))
        train_h = sum(training_s.get(name, 0.0) for name in own) / 3600
        if train_h:
            amount = sum(training_s.get(name, 0.0) / 3600 * hourly_cost(plan, team, person)
                         for name, person in own.items())
            rows.append(("training", team.id, train_h, "h", amount))
    return rows
