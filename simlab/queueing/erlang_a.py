"""Erlang A: the M/M/N+M queue, with exponential patience (after Palm; Garnett,
Mandelbaum and Reiman, "Designing a call center with impatient customers",
M&SOM 4(3), 2002).

The number in system is a birth–death chain with birth rate λ and death rate
min(k, N)·μ + max(k − N, 0)·θ, where μ = 1/AHT and θ = 1/mean patience. We solve it
numerically, in log space, truncated where the neglected tail is below 1e-17 of the
largest state probability; this works overloaded too (A ≥ N), since abandonment always
makes the chain positive recurrent.

Waiting time of a tagged arrival who finds k = N + j in system (j ahead in the queue,
PASTA): while i are ahead (i = j, j−1, …, 0) the next "advance" comes at rate
r_i = N·μ + i·θ (a service completion or one of those ahead hanging up), and the tagged
customer hangs up at rate θ. So each stage lasts Exp(r_i + θ) whatever ends it, and

    P(served | j)            = ∏_{i=0..j} r_i / (r_i + θ)
    E[W·1{served} | j]       = P(served | j) · Σ_{i=0..j} 1/(r_i + θ)
    P(served, W ≤ t | j)     = P(served | j) · P(Hypoexp(r_0+θ, …, r_j+θ) ≤ t)
    P(virtual wait ≤ t | j)  = P(Hypoexp(r_0, …, r_j) ≤ t)

(the third by exponential tilting: the stage lengths do not depend on how each stage
ends). The hypoexponential CDFs for every j at once are the absorption probabilities
of a pure-death chain, computed by uniformisation (Jensen 1953; Grassmann 1977), whose
terms are all non-negative, so no cancellation can creep in.
"""

from __future__ import annotations

import math

import numpy as np

from simlab.queueing.erlang import (
    QueueMetrics,
    _check_agents,
    _check_real,
    erlang_c_metrics,
)

# Relative size of the stationary tail we drop, and of the Poisson tail uniformisation
# drops: far below the 5e-7 the reference table is checked to.
_TAIL = 1e-17
# Beyond this many queue states the system is so overloaded, with such patient
# customers, that the answer is "almost everyone waits and most abandon" anyway; we
# refuse rather than allocate gigabytes.
_MAX_QUEUE_STATES = 4_000_000


def _stationary(lam: float, mu: float, theta: float, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Stationary law of the M/M/n+M chain, split as (π_0 … π_{n−1}, π_n … π_{n+J}).

    log π_k − log π_0 is a cumulative sum of log(λ / death rate); we subtract the
    largest before exponentiating, so nothing overflows even for n in the thousands
    (where π_0 alone would underflow).
    """
    a = lam / mu
    k = np.arange(1, n + 1, dtype=float)
    log_upto_n = np.empty(n + 1)
    log_upto_n[0] = 0.0
    np.cumsum(math.log(a) - np.log(k), out=log_upto_n[1:])

    nmu = n * mu
    # The queue probabilities rise while λ > nμ + jθ and fall after; look a margin past
    # that peak, doubling the margin (not J) until the tail bound holds. A tight J also
    # keeps the fastest stage rate nμ + Jθ, and so the uniformisation work, small.
    j_peak = int(max(0.0, (lam - nmu) / theta))
    margin = 16
    while True:
        big_j = j_peak + margin
        if big_j > _MAX_QUEUE_STATES:
            raise ValueError(
                "the queue is too long to compute: the system is heavily overloaded and "
                "customers are very patient; add agents or shorten the mean patience"
            )
        j = np.arange(1, big_j + 1, dtype=float)
        log_q = np.empty(big_j + 1)
        log_q[0] = log_upto_n[-1]
        np.cumsum(math.log(lam) - np.log(nmu + j * theta), out=log_q[1:])
        log_q[1:] += log_upto_n[-1]
        # The ratios π_{k+1}/π_k decrease in k, so past J the tail is at most a
        # geometric series: π_{n+J} · ρ/(1 − ρ) with ρ the next ratio.
        rho = lam / (nmu + (big_j + 1) * theta)
        if rho < 1.0:
            log_max = max(float(log_upto_n.max()), float(log_q.max()))
            log_tail = log_q[-1] + math.log(rho) - math.log1p(-rho)
            if log_tail - log_max < math.log(_TAIL):
                break
        margin *= 2

    log_max = max(float(log_upto_n.max()), float(log_q.max()))
    below = np.exp(log_upto_n[:-1] - log_max)
    queue = np.exp(log_q - log_max)
    total = below.sum() + queue.sum()
    return below / total, queue / total


def _hypoexp_cdf_prefixes(rates: np.ndarray, t: float) -> np.ndarray:
    """F[..., j] = P(X_0 + … + X_j ≤ t), X_i ~ Exp(rates[..., i]) independent.

    That is the probability that the pure-death chain j → j−1 → … → 0 → done, leaving
    state i at rate rates[i], is done by time t, for every start j at once. By
    uniformisation with Λ = max rate: F = Σ_k Poisson(k; Λt) · x_k, where x_0 = 0 and
    x_{k+1}[i] = (1 − q_i)·x_k[i] + q_i·x_k[i−1] (x_k[−1] = 1), q = rates/Λ. All terms are
    non-negative; the dropped Poisson tail bounds the error (< 1e-17).
    """
    out = np.zeros_like(rates, dtype=float)
    if t == 0.0:
        return out
    big_lambda = float(rates.max())
    lt = big_lambda * t
    q = rates / big_lambda
    stay = 1.0 - q
    k_max = math.ceil(lt + 6.0 * math.sqrt(lt) + 10.0)
    while _poisson_sf(k_max, lt) >= _TAIL:
        k_max += math.ceil(math.sqrt(lt) + 1.0)
    weights = np.array([_poisson_pmf(k, lt) for k in range(k_max + 1)])
    x = np.zeros_like(out)
    moved = np.empty_like(out)
    for k in range(1, k_max + 1):
        moved[..., 0] = q[..., 0]
        np.multiply(q[..., 1:], x[..., :-1], out=moved[..., 1:])
        x *= stay
        x += moved
        w = weights[k]
        # Early weights underflow to 0 when Λt is large; skip the useless product.
        if w > 0.0:
            out += w * x
    return out


def _poisson_pmf(k: int, mu: float) -> float:
    # By log-gamma, as scipy.stats does; plain math, because importing scipy costs
    # about half a second of the queue lab's start-up for these few numbers.
    return math.exp(k * math.log(mu) - math.lgamma(k + 1) - mu) if k else math.exp(-mu)


def _poisson_sf(k: int, mu: float) -> float:
    """P(X > k) for k above the mean: the terms after k fall faster than geometrically,
    so summing until they stop adding anything is exact to rounding."""
    term = _poisson_pmf(k + 1, mu)
    total = 0.0
    j = k + 1
    while total + term != total:
        total += term
        j += 1
        term *= mu / j
    return total


def _unit(x: float) -> float:
    # Rounding in sums of thousands of terms can leave a probability (or the occupancy
    # of a saturated system) a few ulps outside [0, 1]; a share must never read 100.0…1%.
    return min(1.0, max(0.0, x))


def erlang_a_metrics(
    arrival_rate_per_s: float,
    aht_s: float,
    patience_mean_s: float | None,
    n: int,
    t_s: float,
) -> QueueMetrics:
    """Steady-state metrics of the M/M/N+M queue (Erlang A), docs/domain.md#queueing-theory.

    From the stationary law π of the birth–death chain (module docstring):
    P(wait) = Σ_{k≥N} π_k (PASTA); E[Q] = Σ_{k≥N} (k−N)·π_k;
    P(abandon) = θ·E[Q]/λ (abandonment flow ÷ arrival flow);
    ASA = E[W·1{served}] / P(served);
    SL(t) = P(no wait) + Σ_j π_{N+j}·P(served, W ≤ t | j)  (÷ all arrivals);
    sl_answered = SL(t) / P(served); sl_virtual = P(no wait) + Σ_j π_{N+j}·P(V ≤ t | j);
    occupancy = λ·(1 − P(abandon))·AHT / N.
    These agree with the closed forms of Garnett, Mandelbaum and Reiman (2002).

    With `patience_mean_s` None or infinite this is Erlang C (`erlang_c_metrics`),
    which raises ValueError when A ≥ N. With finite patience any load is allowed.
    """
    lam = _check_real("the arrival rate", arrival_rate_per_s)
    aht = _check_real("the mean handle time", aht_s, positive=True)
    n = _check_agents(n, minimum=1)
    t = _check_real("the service-level threshold", t_s)
    # `== math.inf` is False for anything but +inf (strings included, which the check
    # below then rejects with a clear message).
    if patience_mean_s is None or patience_mean_s == math.inf:
        return erlang_c_metrics(lam, aht, n, t)
    patience = _check_real("the mean patience", patience_mean_s, positive=True)
    if lam == 0.0:
        # No arrivals: nobody waits; the ratios below would be 0/0.
        return QueueMetrics(
            p_wait=0.0,
            p_abandon=0.0,
            service_level=1.0,
            asa_s=0.0,
            occupancy=0.0,
            sl_answered=1.0,
            sl_virtual=1.0,
            mean_queue=0.0,
            mean_wait_all_s=0.0,
        )

    mu = 1.0 / aht
    theta = 1.0 / patience
    below, queue = _stationary(lam, mu, theta, n)
    p_no_wait = float(below.sum())
    # Summing the queue states directly (not 1 − P(no wait)) keeps precision when the
    # probability of waiting is tiny.
    p_wait = float(queue.sum())
    j = np.arange(queue.size, dtype=float)
    mean_queue = float(j @ queue)
    p_abandon = theta * mean_queue / lam

    r = n * mu + j * theta
    # ∏ r_i/(r_i+θ) as a sum of logs: for long queues the product underflows gracefully.
    p_served_given_j = np.exp(np.cumsum(-np.log1p(theta / r)))
    wait_stages = np.cumsum(1.0 / (r + theta))
    served_queued = queue * p_served_given_j
    # Equal to 1 − p_abandon up to rounding (a flow-balance identity the tests check).
    p_served = p_no_wait + float(served_queued.sum())
    asa = float(served_queued @ wait_stages) / p_served

    cdf = _hypoexp_cdf_prefixes(np.vstack([r + theta, r]), t)
    service_level = p_no_wait + float(served_queued @ cdf[0])
    sl_virtual = p_no_wait + float(queue @ cdf[1])

    return QueueMetrics(
        p_wait=_unit(p_wait),
        p_abandon=_unit(p_abandon),
        service_level=_unit(service_level),
        asa_s=asa,
        occupancy=_unit(lam * (1.0 - p_abandon) * aht / n),
        sl_answered=_unit(service_level / p_served),
        sl_virtual=_unit(sl_virtual),
        mean_queue=mean_queue,
        mean_wait_all_s=mean_queue / lam,
    )
