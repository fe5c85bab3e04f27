"""Speed and memory as the user feels them: whole commands, start-up and files included.

Each command runs as a subprocess, one after the other; its wall time is measured around
it and its CPU time and peak memory come from `os.wait4`, which reports that one child's
own resource use. Every measurement is repeated (`--repeat`) and the median is shown;
ratios are medians of pairwise ratios (simlab and SimPy run back to back in each round,
so both see the same machine load).

Measured:
- `simlab queue` on M/M/50+M (540 calls/h, AHT 300 s, patience 180 s, target 20 s),
  1M contacts, files written (`--out`), against `simpy_reference.py`, the SimPy model
  of the same system as a script. Target: simlab >= 15x SimPy (aim 30x).
- growth of `simlab queue` from 10k to 100k to 1M contacts, per contact: at 1M within
  1.3x of 100k.
- `simlab run energia-base --days 365 --out DIR` (target <= 4 s, aim 3 s) and `--days 28`,
  with the run saved in a throw-away workspace as the plain command does.
- `simlab run energia-base --days 28` with every procedure switched on (the care model and
  plan in benchmarks/data: IVR, capacity, callbacks, retrials, repeats, escalation, reserve
  skills, outsourcing, an outbound campaign, complaints, a notice, a knowledge base;
  issue 11): target <= 2x the plain month's CPU time.
- `simlab --help` (target < 0.15 s).
- peak memory for 1M contacts <= 350 MB (aim 250 MB).

The machine may be shared: the first line says how busy it was; wall times on a busy
machine are inflated, CPU times much less so.

    .venv/bin/python benchmarks/whole_process.py [--repeat 3] [--quick] [--src DIR]

`--src DIR` measures the simlab package found in DIR instead (e.g. an older commit
exported with `git archive COMMIT simlab scenarios | tar -x -C DIR`), for before/after.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from _harness import machine_load, revision

BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent
FULL = ["--model", str(HERE / "data" / "energia-full.care.yaml"),
        "--plan", str(HERE / "data" / "energia-full.plan.yaml")]
QUEUE = ["queue", "--arrivals-per-hour", "540", "--aht", "300", "--agents", "50",
         "--patience", "180", "--target", "20", "--seed", "1"]


@dataclass
class Run:
    wall_s: float
    cpu_s: float
    peak_mb: float


def measure(command: list[str], env: dict[str, str]) -> Run:
    """One command as a child process: wall clock, its CPU time and its peak RSS."""
    t0 = time.perf_counter()
    # With --src, run from that folder: `python -m` puts the current folder first on the
    # path, so from a checkout it would measure the checkout's simlab instead.
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                            cwd=SOURCE[0] if SOURCE else None)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    error = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({proc.returncode}):\n{error}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


SOURCE: list[str] = []  # set by --src: run `python -m simlab` from that folder


def simlab(*args: str) -> list[str]:
    if SOURCE:
        return [sys.executable, "-m", "simlab", *args]
    return [str(BIN / "simlab"), *args]


def median(values: list[float]) -> float:
    return statistics.median(values)


def row(label: str, runs: list[Run]) -> str:
    return (f"{label:<46}{median([r.wall_s for r in runs]):>8.2f} s{median([r.cpu_s for r in runs]):>8.2f} s"
            f"{max(r.peak_mb for r in runs):>9.0f} MB")


def growth(sizes: list[int], results: dict[str, list[Run]]) -> None:
    """How time and memory grow with the contacts: the whole command per contact, and
    what each further contact costs (the start-up and the fixed work taken out)."""
    print(f"\ngrowth of `simlab queue --out`{'':<14}{'wall':>9}{'CPU':>9}{'peak':>9}"
          f"{'CPU/contact':>14}{'marginal CPU':>14}{'marginal RSS':>14}")
    previous = None
    for n in sizes:
        runs = results[f"queue-{n}"]
        cpu = median([r.cpu_s for r in runs])
        peak = max(r.peak_mb for r in runs)
        marginal = ""
        if previous is not None:
            m, c0, p0 = previous
            marginal = (f"{(cpu - c0) / (n - m) * 1e6:>10.2f} µs"
                        f"{(peak - p0) * 1024 / (n - m) * 1024:>11.0f} B")
        print(f"  {n:>10,} contacts{'':<24}{median([r.wall_s for r in runs]):>7.2f} s"
              f"{cpu:>7.2f} s{peak:>6.0f} MB{cpu / n * 1e6:>11.2f} µs{marginal}")
        previous = (n, cpu, peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true",
                        help="100k contacts against SimPy, and no 365-day run")
    parser.add_argument("--src", help="folder holding the simlab package to measure")
    args = parser.parse_args()
    big = 100_000 if args.quick else 1_000_000
    tmp = Path(tempfile.mkdtemp(prefix="simlab-bench-"))
    env = dict(os.environ, SIMLAB_WORKSPACE=str(tmp / "workspace"))
    # A user's Python keeps the compiled modules (__pycache__); a session that sets
    # PYTHONDONTWRITEBYTECODE would compile simlab's hundred modules in every command
    # measured (0.1-0.2 s each). Allowed here, and one unmeasured run of each command
    # writes them first.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if args.src:
        SOURCE.append(str(Path(args.src).resolve()))
        env["PYTHONPATH"] = str(Path(args.src).resolve())

    print(f"whole processes, one after the other, median of {args.repeat}; peak RSS is the "
          "worst run")
    measured = f"simlab from {args.src}" if args.src else revision()
    print(f"{measured}; {machine_load()}\n")
    print(f"{'command':<46}{'wall':>10}{'CPU':>10}{'peak RSS':>12}")

    folders = iter(range(1_000_000))

    def fresh(name: str) -> str:
        """A new --out folder for each command: simlab never writes over a run."""
        return str(tmp / f"{name}-{next(folders)}")

    for warm in (simlab(*QUEUE, "--contacts", "1000", "--out", fresh("w")),
                 simlab("run", "energia-base", "--days", "1", "--out", fresh("w"))):
        measure(warm, env)  # compiles the modules each command imports (see above)

    results: dict[str, list[Run]] = {}
    ratios_wall, ratios_cpu = [], []
    for _ in range(args.repeat):  # simlab and SimPy back to back: a pair sees the same load
        s = measure(simlab(*QUEUE, "--contacts", str(big), "--out", fresh("q")), env)
        r = measure([sys.executable, str(HERE / "simpy_reference.py"), "--contacts", str(big),
                     "--out", str(tmp / "simpy.npz")], env)
        results.setdefault("queue", []).append(s)
        results.setdefault("simpy", []).append(r)
        ratios_wall.append(r.wall_s / s.wall_s)
        ratios_cpu.append(r.cpu_s / s.cpu_s)
    print(row(f"simlab queue, {big:,} contacts, --out", results["queue"]))
    print(row(f"SimPy script, {big:,} contacts", results["simpy"]))

    sizes = [10_000, 100_000, 1_000_000]
    for size in sizes:
        if size == big:
            results[f"queue-{size}"] = results["queue"]
        else:
            results[f"queue-{size}"] = [
                measure(simlab(*QUEUE, "--contacts", str(size), "--out", fresh("g")), env)
                for _ in range(args.repeat)]
            print(row(f"simlab queue, {size:,} contacts, --out", results[f"queue-{size}"]))

    days = [28] if args.quick else [28, 365]
    for d in days:
        results[f"run-{d}"] = [
            measure(simlab("run", "energia-base", "--days", str(d), "--out", fresh(f"r{d}")),
                    env) for _ in range(args.repeat)]
        print(row(f"simlab run energia-base --days {d} --out", results[f"run-{d}"]))
    try:  # an older copy (--src) may not run every procedure
        results["run-full"] = [
            measure(simlab("run", "energia-base", *FULL, "--days", "28", "--out", fresh("rf")),
                    env) for _ in range(args.repeat)]
        print(row("  the same, every procedure on", results["run-full"]))
    except RuntimeError as error:
        print(f"  the same, every procedure on: failed ({str(error).splitlines()[-1]})")
    results["help"] = [measure(simlab("--help"), env) for _ in range(max(5, args.repeat))]
    print(row("simlab --help", results["help"]))

    ratio_wall, ratio_cpu = median(ratios_wall), median(ratios_cpu)
    print(f"\nsimlab queue ÷ SimPy script, median of pairwise ratios: {ratio_wall:.1f}× wall, "
          f"{ratio_cpu:.1f}× CPU")
    per = {n: median([r.cpu_s for r in results[f"queue-{n}"]]) / n * 1e6 for n in sizes}
    print("CPU µs per contact, whole `simlab queue`: "
          + ", ".join(f"{n:,}: {v:.2f}" for n, v in per.items()))
    growth(sizes, results)

    def verdict(ok: bool, text: str) -> None:
        print(f"VERDICT {'PASS' if ok else 'FAIL'}: {text}")

    print()
    verdict(ratio_wall >= 15, f"simlab queue is {ratio_wall:.1f}× the SimPy script (≥ 15×, aim 30×)")
    verdict(per[1_000_000] <= 1.3 * per[100_000],
            f"per contact at 1M is {per[1_000_000] / per[100_000]:.2f}× that at 100k (≤ 1.3×)")
    if not args.quick:
        wall = median([r.wall_s for r in results["run-365"]])
        verdict(wall <= 4.0, f"simlab run energia-base --days 365: {wall:.2f} s (≤ 4 s, aim 3 s)")
        peak = max(max(r.peak_mb for r in results[k]) for k in ("queue-1000000", "run-365"))
        verdict(peak <= 350, f"peak memory at about 1M contacts {peak:.0f} MB (≤ 350 MB, aim 250)")
    if "run-full" in results:
        full = median([r.cpu_s for r in results["run-full"]]) / median(
            [r.cpu_s for r in results["run-28"]])
        verdict(full <= 2.0, f"the month with every procedure on takes {full:.2f}× the plain "
                "month's CPU (≤ 2×)")
    helps = median([r.wall_s for r in results["help"]])
    verdict(helps < 0.15, f"simlab --help {helps:.3f} s (< 0.15 s)")


if __name__ == "__main__":
    main()
