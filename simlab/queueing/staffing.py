"""Staffing: the fewest agents that meet a service-level target."""

from __future__ import annotations

import math

from simlab.queueing.erlang import (
    _check_agents,
    _check_real,
    _erlang_c_from_b,
    erlang_b,
)
from simlab.queueing.erlang_a import erlang_a_metrics


def agents_for_service_level(
    arrival_rate_per_s: float,
    aht_s: float,
    t_s: float,
    target: float,
    patience_mean_s: float | None = None,
    max_agents: int = 10000,
) -> int:
    """Smallest N with SL(t) ≥ target (answered within t ÷ all arrivals).

    Erlang C when `patience_mean_s` is None or infinite, else Erlang A (see
    `erlang_c_metrics`, `erlang_a_metrics`). SL(t) grows with N in both models, so the
    answer is the first N that meets the target. With no arrivals, 0 agents are needed.

    Raises ValueError when the target is not in (0, 1) or no N ≤ max_agents meets it.
    """
    lam = _check_real("the arrival rate", arrival_rate_per_s)
    aht = _check_real("the mean handle time", aht_s, positive=True)
    t = _check_real("the service-level threshold", t_s)
    goal = _check_real("the service-level target", target)
    if not 0.0 < goal < 1.0:
        raise ValueError(
            f"the service-level target must be between 0 and 1 (excluded), got {target!r}"
        )
    max_agents = _check_agents(max_agents, minimum=1)
    if lam == 0.0:
        return 0
    a = lam * aht
    if patience_mean_s is None or patience_mean_s == math.inf:
        n = _first_erlang_c(a, aht, t, goal, max_agents)
    else:
        n = _first_erlang_a(lam, aht, patience_mean_s, t, goal, max_agents)
    if n is None:
        raise ValueError(
            f"no staffing up to {max_agents} agents reaches a service level of "
            f"{goal:.1%} within {t:g} s (offered load {a:.4g} erlangs)"
        )
    return n


def _first_erlang_c(a: float, aht: float, t: float, goal: float, max_agents: int) -> int | None:
    # Walk up from the smallest stable N, carrying Erlang B along its recursion, so the
    # whole search costs one pass of O(N) instead of one per candidate.
    n = math.floor(a) + 1
    if n > max_agents:
        return None
    b = erlang_b(n, a)
    while True:
        c = _erlang_c_from_b(n, a, b)
        if 1.0 - c * math.exp(-(n - a) * t / aht) >= goal:
            return n
        n += 1
        if n > max_agents:
            return None
        ab = a * b
        b = ab / (n + ab)


def _first_erlang_a(
    lam: float, aht: float, patience: float, t: float, goal: float, max_agents: int
) -> int | None:
    def meets(n: int) -> bool:
        return erlang_a_metrics(lam, aht, patience, n, t).service_level >= goal

    a = lam * aht
    # SL ≤ P(served) = carried load / A ≤ N/A, so any N < goal·A fails: a safe lower
    # bound that also spares us the costly, hopelessly overloaded candidates.
    lo = max(0, math.ceil(goal * a) - 1)  # known to fail (0 stands for "no agents")
    if lo >= max_agents:
        return None
    hi = min(max(lo + 1, math.ceil(a)), max_agents)
    while not meets(hi):
        if hi == max_agents:
            return None
        lo, hi = hi, min(2 * hi, max_agents)
    # Bisection on the monotone predicate: lo fails, hi meets.
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if meets(mid):
            hi = mid
        else:
            lo = mid
    return hi
