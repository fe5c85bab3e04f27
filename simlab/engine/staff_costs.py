"""The staff rows of a run's cost table: paid hours per team (and contract), training.

A team without contracts and individual agents is charged as it always was: one row
("staff", team) for its staffed hours at the team's hourly cost, so that its costs stay
the same to the byte. With contracts (model/plan_staff.py) the team's hours are split by
contract, subject "team/contract", each at its contract's cost; individual agents'
training sessions, off the queues but paid, are a "training" row per team."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from simlab.model.plan import OperationsPlan
from simlab.model.plan_staff import (
    agent_name,
    contract_of,
    hourly_cost,
    shift_agent_names,
    uses_contracts,
)


def staff_rows(plan: OperationsPlan, agents: Any,
               training_s: dict[str, float] | None = None, *,
               exact_sum: Callable[[np.ndarray], float] | None = None) -> list[tuple]:
    """(item, subject, quantity, unit, amount) rows from the agents' table (a pandas
    frame that `runlog` built: this module names no pandas, as the engine's rule asks);
    `training_s` is each agent's paid training time in the run, by agent id."""
    training_s = training_s or {}
    # exactly rounded sums (runlog's), so a team's hours do not depend on the order of
    # addition; math.fsum when called alone
    total = exact_sum or (lambda values: _fsum(values))
    seconds = agents["staffed_s"].to_numpy(dtype=float)
    team_codes = agents["team"].cat.codes.to_numpy()
    team_names = list(agents["team"].cat.categories)
    by_team = {name: total(seconds[team_codes == i]) for i, name in enumerate(team_names)}
    agent_codes = agents["agent_id"].cat.codes.to_numpy()
    agent_names = list(agents["agent_id"].cat.categories)
    if any(uses_contracts(t) for t in plan.teams):
        order = np.argsort(agent_codes, kind="stable")
        bounds = np.searchsorted(agent_codes[order], np.arange(len(agent_names) + 1))
        staffed = {name: total(seconds[order[bounds[i]:bounds[i + 1]]])
                   for i, name in enumerate(agent_names)}
    else:
        staffed = {}
    rows = []
    for team in plan.teams:
        if not uses_contracts(team):
            hours = float(by_team.get(team.id, 0.0)) / 3600
            rows.append(("staff", team.id, hours, "h", hours * team.hourly_cost))
            continue
        # each agent's staffed time at the agent's contract: (contract, rate) → seconds
        groups: dict[tuple[str, float], float] = {}
        people = [(name, contract_of(plan, team, shift=shift), hourly_cost(plan, team,
                                                                           shift=shift))
                  for name, shift in shift_agent_names(team)]
        people += [(agent_name(team.id, a.id), a.contract, hourly_cost(plan, team, a))
                   for a in team.agents]
        for name, contract, rate in people:
            key = (contract or "", rate)
            groups[key] = groups.get(key, 0.0) + float(staffed.get(name, 0.0))
        for (contract, rate), seconds in sorted(groups.items()):
            subject = f"{team.id}/{contract}" if contract else team.id
            rows.append(("staff", subject, seconds / 3600, "h", seconds / 3600 * rate))
        sessions = [(training_s.get(agent_name(team.id, a.id), 0.0), a) for a in team.agents]
        train_h = sum(t for t, _a in sessions) / 3600
        if train_h:
            amount = sum(t / 3600 * hourly_cost(plan, team, a) for t, a in sessions)
            rows.append(("training", team.id, train_h, "h", amount))
    return rows


def _fsum(values: np.ndarray) -> float:
    import math

    return math.fsum(values.tolist())
