"""Shared helpers of tests/test_cases_*.py: a shipped scenario with a plan that adds the
`cases` block, run for a few days on a fixed seed."""

from __future__ import annotations

from pathlib import Path

import yaml

from simlab.lab import runner

ROOT = Path(__file__).resolve().parent.parent / "scenarios"


def texts(scenario: str, cases: dict | None) -> dict[str, str]:
    plan = yaml.safe_load((ROOT / f"{scenario}.plan.yaml").read_text(encoding="utf-8"))
    if cases is not None:
        plan["cases"] = cases
    return {"scenario": (ROOT / f"{scenario}.yaml").read_text(encoding="utf-8"),
            "care": (ROOT / f"{scenario}.care.yaml").read_text(encoding="utf-8"),
            "plan": yaml.safe_dump(plan, allow_unicode=True, sort_keys=False)}


def run(scenario: str, cases: dict | None, days: int = 3, seed: int = 11) -> runner.RunResult:
    bundle = runner.bundle_from_texts(texts(scenario, cases),
                                      {"scenario": "s.yaml", "care": "c.yaml", "plan": "p.yaml"})
    return runner.execute(bundle, seed=seed, days=days)


def cost(result: runner.RunResult, item: str) -> float:
    costs = result.log.costs
    return float(costs.loc[costs["item"] == item, "amount"].sum())
