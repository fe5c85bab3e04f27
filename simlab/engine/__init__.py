"""The discrete-event simulation: queues, routing, agents, shifts, SLA clocks, costs."""

from __future__ import annotations

import gc
from collections.abc import Callable

from simlab.model.care import CareModel
from simlab.model.plan import OperationsPlan
from simlab.world.memory import release_freed
from simlab.world.world import World

from .fastpath import eligible, run_fast
from .loop import Cancelled, Progress, run_events
from .loop_access import run_events as run_access
from .prepare import compile_run
from .runlog import RunLog, build_runlog
from .segment_procs import Segments

__all__ = ["Cancelled", "Progress", "RunLog", "Segments", "simulate"]


def simulate(
    world: World,
    care_model: CareModel,
    plan: OperationsPlan,
    *,
    seed: int | None = None,
    progress: Callable[[Progress], bool | None] | None = None,
    fast: bool = True,
    agents: list | None = None,
    segments: Segments | None = None,
) -> RunLog:
    """Run `plan` under `care_model` on `world`. The result depends on nothing else.

    `seed` drives what the plan adds to the world (absences); it defaults to the
    world's. `progress` is called every few thousand arrivals; returning False cancels
    (raises `Cancelled`). `fast=False` forces the general loop (tests compare both).
    `agents` replaces the plan's people (`segments.compose_agents`: a plan by rounds), and
    `segments` gives the outsourcing and campaigns of each round's plan (`segment_procs`)."""
    seed = world.seed if seed is None else seed
    cp = compile_run(world, care_model, plan, seed, segments)
    if agents is not None:
        cp.agents = agents
    # The loops make a million small tuples and lists and no reference cycle: the cyclic
    # collector would only walk the heap again and again (a tenth of a second at a
    # million contacts, a full pass over every imported module among them). Paused for
    # the loop alone, as it was before if someone had turned it off; results unchanged.
    collecting = gc.isenabled()
    gc.disable()
    try:
        if cp.access is not None:  # the care model uses IVR, capacity, callbacks or retrials
            rec = run_access(world, cp, progress)
        elif fast and eligible(cp):
            rec = run_fast(world, cp, progress)
        else:
            rec = run_events(world, cp, progress)
    finally:
        if collecting:
            gc.enable()
    release_freed()  # the loop's per-contact lists, before the tables are built
    if rec.procedures is not None:  # rows beyond the world's: repeats, tasks, calls
        from .procedures_log import build_procedures_runlog

        log = build_procedures_runlog(world, care_model, plan, cp, rec)
    else:
        log = build_runlog(world, care_model, plan, cp, rec)
    release_freed()
    return log
