"""How simlab scales on a full scenario: `energia-base` at about 10k, 100k and 1M contacts.

The size is set by the number of simulated days (about 2,400 contacts a day averaged over
a week, measured below rather than assumed). Each size runs in a fresh child process:
build the world (timed apart), then `engine.simulate` (timed: the general event loop,
since energia-base has several queues, channels and teams, plus the RunLog tables).

Targets: >= 150,000 contacts per second simulated at 1M; time per contact at 1M within
1.3x of that at 100k (no super-linear cost); peak memory under 1 GB.

Usage: python benchmarks/scenario_scaling.py [--quick]   (--quick skips the 1M size)
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass

from _harness import MB, best_of, cpu_seconds, machine_load, peak_rss_mb, revision

SCENARIO = "energia-base"
TARGETS = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000}
MIN_RATE = 150_000  # contacts per CPU second, at 1M
MAX_SLOWDOWN = 1.3  # time per contact at 1M ÷ at 100k
MAX_RSS_MIB = 1e9 / MB  # 1 GB


@dataclass
class Measured:
    days: int
    contacts: int
    build_s: float  # wall clock of world.build
    run_s: float  # wall clock of simulate
    cpu_s: float  # CPU time (user + system) of simulate: what the rates are based on
    sys_s: float  # of which system time (mostly page faults on fresh memory)
    peak_rss_mb: float  # peak RSS of the whole child, in MiB

    @property
    def rate(self) -> float:
        return self.contacts / self.cpu_s

    @property
    def per_contact_us(self) -> float:
        return 1e6 * self.cpu_s / self.contacts


def measure(days: int) -> Measured:
    """One size, in a child process."""
    from simlab.engine import simulate
    from simlab.lab.runner import load_bundle
    from simlab.world import build

    bundle = load_bundle(SCENARIO)
    seed = bundle.scenario.seed
    t0 = time.perf_counter()
    world = build(bundle.scenario, seed, days)
    build_s = time.perf_counter() - t0
    t0, (u0, s0) = time.perf_counter(), cpu_seconds()
    simulate(world, bundle.care, bundle.plan, seed=seed)
    run_s, (u1, s1) = time.perf_counter() - t0, cpu_seconds()
    return Measured(days, len(world.contacts), build_s, run_s, u1 - u0 + s1 - s0, s1 - s0,
                    peak_rss_mb())


def contacts_per_day() -> float:
    """Averaged over whole weeks, since weekends are quieter than weekdays."""
    from simlab.lab.runner import load_bundle
    from simlab.world import build

    bundle = load_bundle(SCENARIO)
    weeks = 4
    return len(build(bundle.scenario, bundle.scenario.seed, 7 * weeks).contacts) / (7 * weeks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="only the 10k and 100k sizes")
    parser.add_argument("--repeat", type=int, default=3,
                        help="fresh runs per size; the fastest counts (default 3)")
    args = parser.parse_args()
    sizes = {k: v for k, v in TARGETS.items() if not (args.quick and v > 100_000)}

    per_day = contacts_per_day()
    print(f"{SCENARIO}: {per_day:,.0f} contacts a day on average over 4 weeks; each size "
          f"runs {args.repeat}× in fresh child processes, the fastest run counting; contacts/s "
          "are per CPU second (user + system) of simulate")
    print(f"{revision()}; {machine_load()}\n")
    print(f"{'size':<6}{'days':>6}{'contacts':>11}{'world build':>13}{'simulate CPU':>14}"
          f"{'(sys)':>8}{'wall':>9}{'contacts/s':>12}{'µs/contact':>12}{'peak RSS':>11}")
    results: dict[str, Measured] = {}
    for name, target in sizes.items():
        days = max(1, round(target / per_day))
        m, runs = best_of(args.repeat, measure, days, key=lambda r: r.cpu_s)
        # Memory does not depend on timing noise, but take the worst run to be safe.
        m.peak_rss_mb = max(r.peak_rss_mb for r in runs)
        results[name] = m
        print(f"{name:<6}{m.days:>6}{m.contacts:>11,}{m.build_s:>11.2f} s{m.cpu_s:>12.2f} s"
              f"{m.sys_s:>6.2f} s{m.run_s:>7.2f} s{m.rate:>12,.0f}{m.per_contact_us:>12.2f}"
              f"{m.peak_rss_mb:>8.0f} MB", flush=True)

    print()
    if "1M" not in results:
        print("(--quick: the 1M targets are not checked)")
        return
    big, mid = results["1M"], results["100k"]
    slowdown = big.per_contact_us / mid.per_contact_us
    peak = max(m.peak_rss_mb for m in results.values())
    verdicts = [
        (big.rate >= MIN_RATE,
         f"speed at 1M: {big.rate:,.0f} contacts/s (target ≥ {MIN_RATE:,})"),
        (slowdown <= MAX_SLOWDOWN,
         f"time per contact at 1M ÷ at 100k: {slowdown:.2f}× (target ≤ {MAX_SLOWDOWN}×)"),
        (peak < MAX_RSS_MIB,
         f"peak memory: {peak:,.0f} MiB (target < 1 GB = {MAX_RSS_MIB:,.0f} MiB)"),
    ]
    for ok, text in verdicts:
        print(f"VERDICT {'PASS' if ok else 'FAIL'}: {text}")


if __name__ == "__main__":
    main()
