"""Shared plumbing of the benchmarks: run a measurement in a fresh interpreter and read
its peak memory.

Each measurement runs in its own `spawn` child so that its peak RSS is its own: a
process's high-water mark never goes down, so measuring two sides in one process would
charge the second with the first's peak (and with what the parent imported)."""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import sys
import traceback
from collections.abc import Callable
from typing import Any

MB = 1024 * 1024


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / MB if sys.platform == "darwin" else peak / 1024


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
