"""Would a compiled loop pay for the queue lab? numba against simlab's Python fast path.

simlab has no compiled code: `make run` needs nothing but Python and make, and issue 8
allows a compiled kernel only if the whole command gains after its compilation cost,
with the Python path kept as the reference. This measures, at 1M contacts of the M/M/50+M
system of `whole_process.py`, what the fast path's loop (`engine/fastpath.run_fast`) would
become in numba, each part in a fresh interpreter:

- the Python fast path as simlab runs it (`run_fast`);
- numba's import, which a compiled engine would add to every run;
- the kernel's first call: compiling it (numba's cache empty, as on a fresh install) or
  loading it from numba's on-disk cache (every later run);
- the kernel's loop, and `run_fast`'s bookkeeping around it (the same numpy code).

It checks that the kernel gives the same records as `run_fast`, contact by contact, bit
for bit: if the two disagreed the figures would mean nothing.

numba is not a dependency of simlab; run this in a scratch environment:

    python -m venv /tmp/nb && /tmp/nb/bin/pip install -e . numba==0.68.1
    /tmp/nb/bin/python benchmarks/compiled_fastpath.py [--contacts N] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def kernel_source() -> str:
    """The fast path's loop over one chunk of contacts, as numba compiles it: a heap of
    (free time, agent) held in two arrays, ordered as Python compares the tuples."""
    return '''
import numpy as np
from numba import njit

@njit(cache=True)
def fcfs(arrival, deadline, work, ft, ag, duty_end, horizon, times, agents):
    n_agents = ft.size
    for i in range(arrival.size):
        a = arrival[i]
        dl = deadline[i]
        f = ft[0]
        g = ag[0]
        if f <= a and a < duty_end:
            nf = a + work[i]
            times[i] = a
            agents[i] = g
        elif f > a and f < duty_end:
            if dl <= f:
                times[i] = dl
                agents[i] = -1
                continue
            nf = f + work[i]
            times[i] = f
            agents[i] = g
        else:
            times[i] = dl
            agents[i] = -1 if dl <= horizon else -2
            continue
        pos = 0  # the new (nf, g) replaces the root and sinks to its place
        while True:
            c = 2 * pos + 1
            if c >= n_agents:
                break
            if c + 1 < n_agents and (ft[c + 1] < ft[c] or (ft[c + 1] == ft[c] and ag[c + 1] < ag[c])):
                c += 1
            if ft[c] < nf or (ft[c] == nf and ag[c] < g):
                ft[pos] = ft[c]
                ag[pos] = ag[c]
                pos = c
            else:
                break
        ft[pos] = nf
        ag[pos] = g
'''


def _system(contacts: int):
    from simlab.engine.prepare import compile_run
    from simlab.lab.queuelab import QueueSpec, bundle, world

    spec = QueueSpec(540, 300, 50, 180, 20, contacts, 1)
    scenario, care, plan, days = bundle(spec)
    w = world(spec, scenario, days)
    return w, compile_run(w, care, plan, spec.seed)


def _numba_records(w, cp, fcfs):
    """`run_fast` with the kernel in place of its Python loop (one chunk: no progress)."""
    import numpy as np

    from simlab.engine import fastpath
    from simlab.engine.records import ANSWERED, OUT_OF_HOURS, Records

    c = w.contacts
    n = len(c)
    rec = Records.empty(n)
    outcome = np.frombuffer(rec.outcome, dtype=np.int8)
    start_s = np.frombuffer(rec.start_s, dtype=np.float64)
    end_s = np.frombuffer(rec.end_s, dtype=np.float64)
    agent_of = np.frombuffer(rec.agent, dtype=np.int32)
    work_all = c.handle_base_s / cp.team_prof[0][0]
    deadline_all = c.arrival_s + c.patience_s
    duty_start, duty_end = cp.agents[0].duty[0]
    ooh_all = np.asarray(cp.out_of_hours, dtype=bool)
    outcome[ooh_all] = OUT_OF_HOURS
    end_s[ooh_all] = c.arrival_s[ooh_all]
    index = np.flatnonzero(~ooh_all)
    ft = np.full(len(cp.agents), duty_start)
    ag = np.arange(len(cp.agents), dtype=np.int64)
    times = np.empty(index.size)
    agents = np.empty(index.size, dtype=np.int32)
    fcfs(c.arrival_s[index], deadline_all[index], work_all[index], ft, ag, duty_end,
         cp.horizon_s, times, agents)
    fastpath._store(index, times, agents, work_all, outcome, start_s, end_s, agent_of)
    handle = np.frombuffer(rec.handle_s, dtype=np.float64)
    answered = outcome == ANSWERED
    handle[answered] = work_all[answered]
    for f, a in sorted(zip(ft.tolist(), ag.tolist(), strict=True), key=lambda x: x[1]):
        rec.staffed.append((a, duty_start, max(duty_end, f)))
    return rec


def child(mode: str, contacts: int, cache: str) -> dict:
    """One measurement in this fresh interpreter (CPU seconds)."""
    out: dict = {}
    w, cp = _system(contacts)
    if mode == "python":
        from simlab.engine.fastpath import run_fast

        t = time.process_time()
        run_fast(w, cp)
        out["run"] = time.process_time() - t
        return out
    os.environ["NUMBA_CACHE_DIR"] = cache
    t = time.process_time()
    import numba  # noqa: F401 - its import is part of what is measured

    out["import"] = time.process_time() - t
    sys.path.insert(0, cache)
    import numpy as np
    from fcfs_kernel import fcfs

    tiny = np.zeros(1)
    t = time.process_time()
    fcfs(tiny, tiny, tiny, np.zeros(1), np.zeros(1, np.int64), 0.0, 0.0, tiny.copy(),
         np.zeros(1, np.int32))  # compiles, or loads the cached machine code
    out["first_call"] = time.process_time() - t
    t = time.process_time()
    rec = _numba_records(w, cp, fcfs)
    out["run"] = time.process_time() - t
    from simlab.engine.fastpath import run_fast

    ref = run_fast(w, cp)
    out["same_records"] = all(
        bytes(getattr(rec, name)) == bytes(getattr(ref, name))
        for name in ("outcome", "start_s", "end_s", "agent", "handle_s")
    ) and rec.staffed == ref.staffed
    return out


def _measure(mode: str, contacts: int, cache: str) -> dict:
    cmd = [sys.executable, __file__, "--child", mode, "--contacts", str(contacts),
           "--cache", cache]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child")
    parser.add_argument("--cache")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.contacts, args.cache)))
        return
    try:
        import numba
    except ImportError:
        print("numba is not installed (simlab does not depend on it): see this file's "
              "docstring for how to run this benchmark")
        return
    from _harness import machine_load, revision

    print(f"{revision()}; numba {numba.__version__}; {machine_load()}")
    rows: dict[str, list[float]] = {k: [] for k in
                                    ("python", "import", "compile", "load", "numba_run")}
    same = True
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as cache:
            Path(cache, "fcfs_kernel.py").write_text(kernel_source(), encoding="utf-8")
            rows["python"].append(_measure("python", args.contacts, cache)["run"])
            cold = _measure("numba", args.contacts, cache)  # empty cache: compiles
            warm = _measure("numba", args.contacts, cache)  # loads what cold compiled
        rows["import"].append(warm["import"])
        rows["compile"].append(cold["first_call"])
        rows["load"].append(warm["first_call"])
        rows["numba_run"].append(warm["run"])
        same = same and cold["same_records"] and warm["same_records"]
    med = {k: statistics.median(v) for k, v in rows.items()}
    print(f"{args.contacts:,} contacts, median of {args.repeat} fresh processes (CPU s)")
    print(f"  Python fast path (run_fast)                      {med['python']:6.3f}")
    print(f"  numba: import                                    {med['import']:6.3f}")
    print(f"  numba: first call, compiling (fresh install)     {med['compile']:6.3f}")
    print(f"  numba: first call, from numba's cache            {med['load']:6.3f}")
    print(f"  numba: run_fast with the kernel                  {med['numba_run']:6.3f}")
    warm_total = med["import"] + med["load"] + med["numba_run"]
    print(f"  numba, every run after the first: import + load + run = {warm_total:.3f}: "
          f"saves {med['python'] - warm_total:+.3f} s per command")
    print(f"  same records as the Python fast path, bit for bit: {same}")


if __name__ == "__main__":
    main()
