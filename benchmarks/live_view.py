"""The live view's cost: the same run with and without the lab's live-view callback.

Targets: the live view updates at least twice a second while the engine runs, and the
run is at most 20% slower with it than without any callback.

- headless: `energia-base` over enough days for about 1M contacts. The world is built
  once; `engine.simulate` (RunLog tables included) is timed with `progress=None` and
  with `simlab.lab.liverun.LiveRun`, the very callback the app's worker passes (its
  updates go to a sink that records when they arrive). The two sides alternate, best
  of `--repeat`, in one fresh interpreter.
- in the app (`--app`): the lab itself, headless, runs the same scenario from the Run
  screen, from Start to the run's end (before saving), with its live panel repainting
  and with a callback that only honours pause and cancel. Each run in a fresh
  interpreter, the two sides alternating, best of `--repeat`.

    .venv/bin/python benchmarks/live_view.py [--days 420] [--repeat 3] [--app]
"""

from __future__ import annotations

import argparse
import time

from _harness import cpu_seconds, in_child, machine_load, revision

MAX_SLOWDOWN = 1.20
MIN_RATE_HZ = 2.0


def headless(days: int, repeat: int) -> dict:
    from simlab.engine import simulate
    from simlab.lab import runner
    from simlab.lab.liverun import LiveRun
    from simlab.world import build

    bundle = runner.load_bundle("energia-base")
    world = build(bundle.scenario, bundle.scenario.seed, days)
    plain, live, gaps, updates, kpi_updates, cpu = [], [], [], [], [], {"plain": [], "live": []}
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), sum(cpu_seconds())
        simulate(world, bundle.care, bundle.plan)
        plain.append(time.perf_counter() - t0)
        cpu["plain"].append(sum(cpu_seconds()) - c0)

        stamps: list[float] = []
        view = LiveRun(bundle.care, lambda state, stamps=stamps: stamps.append(time.perf_counter()))
        t0, c0 = time.perf_counter(), sum(cpu_seconds())
        simulate(world, bundle.care, bundle.plan, progress=view)
        live.append(time.perf_counter() - t0)
        cpu["live"].append(sum(cpu_seconds()) - c0)
        gaps.append(max(b - a for a, b in zip(stamps, stamps[1:], strict=False)))
        span = stamps[-1] - stamps[0]
        updates.append((len(stamps) - 1) / span if span > 0 else float("inf"))
        kpi_updates.append(view.kpi_updates / span if span > 0 else float("inf"))
    return {"contacts": len(world.contacts), "plain": plain, "live": live, "cpu": cpu,
            "max_gap": gaps, "rate": updates, "kpi_rate": kpi_updates}


def in_app(days: int, live: bool) -> dict:
    """The app's Run screen, headless, from Start to the end of the run (before saving).
    Without `live`, the worker's callback only honours pause and cancel: no update is
    computed or posted, so the panel stays still."""
    import asyncio
    import tempfile
    from pathlib import Path

    from textual.widgets import Input

    import simlab.tui.screens.run as run_screen
    from simlab.lab.liverun import LiveRun
    from simlab.store.workspace import Workspace
    from simlab.tui.app import LabApp
    from simlab.tui.messages import RunPhase, RunUpdate

    class Still(LiveRun):
        def __init__(self, care, on_update=None, **kwargs) -> None:
            super().__init__(care, None, **kwargs)

        def _emit(self, view, now, *, paused, kpis) -> None:
            pass

    if not live:
        run_screen.LiveRun = Still
    marks: dict[str, float] = {}
    repaints: list[float] = []

    def hook(message) -> None:
        if isinstance(message, RunUpdate):
            repaints.append(time.perf_counter())
        elif isinstance(message, RunPhase):
            marks.setdefault("end", time.perf_counter())

    async def drive(ws_path: Path) -> None:
        LabApp.PRELOAD = False
        app = LabApp(ws_path)
        async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
            await pilot.pause()
            await pilot.press("r")
            while not getattr(app.screen, "items", None):
                await pilot.pause(0.05)
            app.screen.query_one("#run-days", Input).value = str(days)
            await pilot.pause()
            marks["start"] = time.perf_counter()
            app.screen.action_start()
            while app.screen.state == "running":
                await pilot.pause(0.1)

    with tempfile.TemporaryDirectory(prefix="simlab-live-") as tmp:
        with Workspace.open(Path(tmp) / "ws") as ws:
            ws.set_current_person(ws.add_person("Misura", "trainee"))
        asyncio.run(drive(Path(tmp) / "ws"))
    unique = sorted(set(repaints))
    gaps = [b - a for a, b in zip(unique, unique[1:], strict=False)]
    return {"time": marks["end"] - marks["start"], "updates": len(unique),
            "max_gap": max(gaps) if gaps else float("nan")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=420, help="420 days ≈ 1M contacts")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--app", action="store_true", help="also measure inside the app")
    args = parser.parse_args()
    print(revision())
    print(machine_load())

    r = in_child(headless, args.days, args.repeat)
    plain, live = min(r["plain"]), min(r["live"])
    ratio = live / plain
    cpu_ratio = min(r["cpu"]["live"]) / min(r["cpu"]["plain"])
    print(f"energia-base, {args.days} days: {r['contacts']:,} contacts")
    print(f"simulate without callback: best {plain:.2f} s   (runs: "
          f"{', '.join(f'{t:.2f}' for t in r['plain'])})")
    print(f"simulate with live view:   best {live:.2f} s   (runs: "
          f"{', '.join(f'{t:.2f}' for t in r['live'])})")
    print(f"ratio with/without: {ratio:.3f} wall, {cpu_ratio:.3f} CPU")
    print(f"live updates: {min(r['rate']):.1f}/s at least, KPI snapshots "
          f"{min(r['kpi_rate']):.1f}/s, longest gap {max(r['max_gap']):.3f} s")
    print(f"VERDICT {'PASS' if ratio <= MAX_SLOWDOWN else 'FAIL'} live view slowdown "
          f"{ratio:.3f}× (target ≤ {MAX_SLOWDOWN}×)")
    print(f"VERDICT {'PASS' if max(r['max_gap']) <= 1 / MIN_RATE_HZ else 'FAIL'} live view "
          f"updates every {max(r['max_gap']):.3f} s at most (target ≤ {1 / MIN_RATE_HZ} s)")
    if args.app:
        runs = {True: [], False: []}
        for _ in range(args.repeat):
            for live_view in (False, True):
                runs[live_view].append(in_child(in_app, args.days, live_view))
        with_view = min(r["time"] for r in runs[True])
        without = min(r["time"] for r in runs[False])
        best = min(runs[True], key=lambda r: r["time"])
        print(f"in the app, Start to end of run: {without:.2f} s without the live view, "
              f"{with_view:.2f} s with it (ratio {with_view / without:.3f}); "
              f"{best['updates']} repaints, longest gap {best['max_gap']:.3f} s")
        print(f"VERDICT {'PASS' if with_view / without <= MAX_SLOWDOWN else 'FAIL'} live view "
              f"slowdown in the app {with_view / without:.3f}× (target ≤ {MAX_SLOWDOWN}×)")

if __name__ == "__main__":
    main()
