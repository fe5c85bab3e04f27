"""Shared helpers of the procedures' tests: the telco scenario with procedures added."""

from __future__ import annotations

from functools import lru_cache

from simlab.engine import simulate
from simlab.lab import runner
from simlab.model.plan import OperationsPlan
from simlab.world import build

DAYS = 4
EXP_HOURS = {"dist": "exponential", "mean": 4 * 3600}


@lru_cache(maxsize=1)
def telco():
    return runner.load_bundle("telco-base")


def plan_with(procedures: dict | None, teams: dict | None = None) -> OperationsPlan:
    """The telco plan with these procedures, and with `teams` (id → skills) changed."""
    data = telco().plan.model_dump(by_alias=True)
    if procedures is not None:
        data["procedures"] = procedures
    for t in data["teams"]:
        if teams and t["id"] in teams:
            t["skills"] = teams[t["id"]]
    return OperationsPlan.model_validate(data)


def run(procedures: dict | None, days: int = DAYS, seed: int | None = None, care=None, **kw):
    b = telco()
    care = b.care if care is None else care
    plan = plan_with(procedures, **kw)
    plan.check_against(care)
    return simulate(build(b.scenario, seed, days), care, plan, seed=seed)
