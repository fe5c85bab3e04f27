"""Erlang B and Erlang C: the classic loss and delay formulas, and the metrics record.

Notation (docs/domain.md#queueing-theory): arrival rate λ per second, mean handle time AHT = 1/μ in
seconds, offered load A = λ·AHT in erlangs, N agents, service-level threshold t seconds.

Errors are plain `ValueError`s with an English message; the layers above turn them into
a `SimlabError` in the user's language.
"""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class QueueMetrics:
    """Steady-state performance of one queue, as the analytic models give it.

    Core fields:
        p_wait: probability that an arrival has to queue (PASTA: share of time with all
            agents busy, seen by arrivals).
        p_abandon: probability that an arrival hangs up before being answered.
        service_level: answered within t ÷ all arrivals (abandons count against).
        asa_s: mean queue wait of answered contacts, in seconds.
        occupancy: carried load ÷ N, i.e. λ·(1 − p_abandon)·AHT / N.

    Extra fields:
        sl_answered: answered within t ÷ answered.
        sl_virtual: P(virtual wait ≤ t), the wait an arrival would have had with infinite
            patience of its own (the others still abandon).
        mean_queue: mean number of contacts waiting (E[Q]).
        mean_wait_all_s: mean queue wait of all arrivals, answered and abandoned
            (E[Q]/λ by Little's law; the ARERA "TMA" style of average wait).
    """

    p_wait: float
    p_abandon: float
    service_level: float
    asa_s: float
    occupancy: float
    sl_answered: float
    sl_virtual: float
    mean_queue: float
    mean_wait_all_s: float


# --- argument checks (shared with the sibling modules) ---------------------------------


def _check_agents(n: int, *, minimum: int) -> int:
    # operator.index accepts numpy integers but refuses floats such as 12.5, which would
    # otherwise be truncated silently.
    if isinstance(n, bool):
        raise ValueError(f"the number of agents must be an integer, got {n!r}")
    try:
        n = operator.index(n)
    except TypeError:
        raise ValueError(f"the number of agents must be an integer, got {n!r}") from None
    if n < minimum:
        raise ValueError(f"the number of agents must be at least {minimum}, got {n}")
    return n


def _check_real(name: str, value: float, *, positive: bool = False) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
    if not math.isfinite(x):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    if positive and x <= 0:
        raise ValueError(f"{name} must be greater than zero, got {value!r}")
    if not positive and x < 0:
        raise ValueError(f"{name} must not be negative, got {value!r}")
    return x


# --- Erlang B and C --------------------------------------------------------------------


def erlang_b(n: int, a: float) -> float:
    """Blocking probability of the M/M/n/n loss system (Erlang B).

    B(0, A) = 1 and B(k, A) = A·B(k−1, A) / (k + A·B(k−1, A)), the standard recursion
    (e.g. Cooper, *Introduction to Queueing Theory*, 2nd ed., 1981). Every step is a ratio
    of positive numbers, so it neither overflows nor cancels, unlike A^n/n! ÷ Σ A^k/k!.
    """
    n = _check_agents(n, minimum=0)
    a = _check_real("the offered load", a)
    b = 1.0
    for k in range(1, n + 1):
        ab = a * b
        b = ab / (k + ab)
    return b


def _erlang_c_from_b(n: int, a: float, b: float) -> float:
    # C = N·B / (N − A·(1 − B)) (Cooper 1981); valid for A < N, denominator > 0.
    return n * b / (n - a * (1.0 - b))


def erlang_c(n: int, a: float) -> float:
    """Probability of waiting in the M/M/n queue (Erlang C), C(N, A).

    C(N, A) = N·B(N, A) / (N − A·(1 − B(N, A))) for A < N, from Erlang B; 1.0 when
    A ≥ N (the queue grows without bound, so in the long run every arrival waits).
    """
    n = _check_agents(n, minimum=0)
    a = _check_real("the offered load", a)
    if a >= n:
        return 1.0
    if a == 0.0:
        return 0.0
    return _erlang_c_from_b(n, a, erlang_b(n, a))


def erlang_c_metrics(arrival_rate_per_s: float, aht_s: float, n: int, t_s: float) -> QueueMetrics:
    """Steady-state metrics of the M/M/N queue (Erlang C), docs/domain.md#queueing-theory.

    A = λ·AHT, P(wait) = C(N, A), SL(t) = 1 − C·e^(−(N−A)·t/AHT),
    ASA = C·AHT/(N − A), E[Q] = C·A/(N − A), occupancy = A/N, no abandonment.
    Nobody abandons, so the service level among arrivals, among answered contacts and
    the "virtual" one coincide, and so do ASA and the mean wait of all arrivals.

    Raises ValueError when A ≥ N: without abandonment the queue has no steady state.
    """
    lam = _check_real("the arrival rate", arrival_rate_per_s)
    aht = _check_real("the mean handle time", aht_s, positive=True)
    n = _check_agents(n, minimum=1)
    t = _check_real("the service-level threshold", t_s)
    a = lam * aht
    if a >= n:
        raise ValueError(
            f"the queue is unstable: the offered load A = λ·AHT = {a:.4g} erlangs is not "
            f"below the {n} agents, so without abandonment the queue grows forever; "
            f"add agents (more than {math.floor(a)}) or model abandonment (Erlang A)"
        )
    c = erlang_c(n, a)
    gap = n - a
    sl = 1.0 - c * math.exp(-gap * t / aht)
    asa = c * aht / gap
    return QueueMetrics(
        p_wait=c,
        p_abandon=0.0,
        service_level=sl,
        asa_s=asa,
        occupancy=a / n,
        sl_answered=sl,
        sl_virtual=sl,
        mean_queue=c * a / gap,
        mean_wait_all_s=asa,
    )
