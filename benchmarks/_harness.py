"""Shared plumbing of the benchmarks: run a measurement in a fresh interpreter and read
its peak memory.

Each measurement runs in its own `spawn` child so that its peak RSS is its own: a
process's high-water mark never goes down, so measuring two sides in one process would
charge the second with the first's peak (and with what the parent imported)."""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import subprocess
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

MB = 1024 * 1024


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / MB if sys.platform == "darwin" else peak / 1024


def cpu_seconds() -> tuple[float, float]:
    """(user, system) CPU seconds of this process so far. System time is shown apart
    because first-touch page faults on fresh memory land there, and they are expensive
    on some virtual machines."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime, usage.ru_stime


def best_of(repeat: int, target: Callable[..., Any], *args: Any,
            key: Callable[[Any], float]) -> tuple[Any, list[Any]]:
    """`target(*args)` in `repeat` fresh children: the run with the lowest `key` (the
    usual best-of-N, as timeit does: noise only ever adds time), and all the runs."""
    runs = [in_child(target, *args) for _ in range(max(1, repeat))]
    return min(runs, key=key), runs


def revision() -> str:
    """Which simlab was measured: the commit, and whether the package has uncommitted
    changes (figures from a dirty tree are not tied to any commit)."""
    repo = Path(__file__).resolve().parent.parent

    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True,
                              text=True, check=False).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown commit"
    dirty = " + uncommitted changes in simlab/" if git("status", "--porcelain", "simlab") else ""
    return f"simlab at {commit}{dirty}"


def machine_load() -> str:
    """One line on how busy the machine is: wall-clock figures are only comparable on an
    idle machine, which is why the benchmarks rate speed by CPU time."""
    cpus = os.cpu_count() or 1
    load = os.getloadavg()[0]
    warning = "  (busy: wall-clock figures are inflated)" if load > cpus - 0.5 else ""
    return f"machine: {cpus} CPUs, load average {load:.2f} over the last minute{warning}"


def _child(conn: Any, target: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        conn.send(("ok", target(*args)))
    except Exception:  # handed to the parent, which raises it with the child's traceback
        conn.send(("error", traceback.format_exc()))
    finally:
        conn.close()


def in_child(target: Callable[..., Any], *args: Any) -> Any:
    """`target(*args)` in a fresh interpreter; its return value must pickle.

    `target` must be importable by the child (a module-level function), and the calling
    script must guard its entry point with `if __name__ == "__main__"`."""
    ctx = mp.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(sender, target, args))
    proc.start()
    sender.close()  # so that recv() sees EOF if the child dies without answering
    try:
        status, payload = receiver.recv()
    except EOFError:
        proc.join()
        raise RuntimeError(f"benchmark child died (exit code {proc.exitcode})") from None
    proc.join()
    if status != "ok":
        raise RuntimeError(f"benchmark child failed:\n{payload}")
    return payload
