"""The SimPy reference: the textbook M/M/50+M model, as a standalone script.

A `simpy.Resource(capacity=50)`, one process per call that waits on
`request | timeout(patience)` and leaves the queue on abandonment, one record per call.
It reads the same arrival times, patience and handle times as simlab (the queue lab's
world arrays), so both give the same outcome for every call. Run as a whole process by
`whole_process.py`, beside `simlab queue` on the same system; `engine_vs_simpy.py`
imports `simpy_model` for its in-process comparison.

    .venv/bin/python benchmarks/simpy_reference.py [--contacts 1000000] [--out FILE.npz]
"""

from __future__ import annotations

import argparse
import math

import numpy as np

ARRIVALS_PER_HOUR = 540.0
AHT_S = 300.0
PATIENCE_S = 180.0
AGENTS = 50
TARGET_S = 20.0
SEED = 1
# Outcome codes: simlab's (simlab.model.kinds), so that the records compare directly.
ANSWERED, ABANDONED = 1, 2


def simpy_model(arrival_s: np.ndarray, patience_s: np.ndarray, handle_s: np.ndarray,
                agents: int) -> tuple[np.ndarray, np.ndarray]:
    """The standard SimPy M/M/c+M model; returns (outcome, wait) per contact.

    Inputs are turned into lists first because indexing numpy arrays from Python is
    several times slower than indexing lists; simlab does the same."""
    import simpy

    arrival, patience, handle = arrival_s.tolist(), patience_s.tolist(), handle_s.tolist()
    n = len(arrival)
    env = simpy.Environment()
    desk = simpy.Resource(env, capacity=agents)
    timeout = env.timeout
    # Every record kept, preallocated, like simlab's.
    arrived = [0.0] * n
    wait = [math.nan] * n
    outcome = bytearray(n)
    end = [math.nan] * n

    def call(i: int, patience_i: float, handle_i: float):
        t0 = env.now
        arrived[i] = t0
        with desk.request() as req:  # leaving the block cancels or releases the request
            if patience_i == math.inf:  # a timeout at infinity would never let run() end
                yield req
                answered = True
            else:
                got = yield req | timeout(patience_i)
                answered = req in got
            wait[i] = env.now - t0
            if answered:
                outcome[i] = ANSWERED
                yield timeout(handle_i)
            else:
                outcome[i] = ABANDONED
        end[i] = env.now

    def source():
        process = env.process
        for i in range(n):
            # The delay from *now* rather than from the previous arrival, so that the
            # clock lands on the world's arrival times instead of drifting by rounding.
            yield timeout(arrival[i] - env.now)
            process(call(i, patience[i], handle[i]))

    env.process(source())
    env.run()
    return np.frombuffer(outcome, dtype=np.int8).copy(), np.array(wait)


def inputs(contacts: int):
    """The queue lab's world for the same system: simlab's own arrays."""
    from simlab.lab.queuelab import QueueSpec, bundle, world

    spec = QueueSpec(ARRIVALS_PER_HOUR, AHT_S, AGENTS, PATIENCE_S, TARGET_S, contacts, SEED)
    scenario, _care, _plan, days = bundle(spec)
    return world(spec, scenario, days).contacts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--out", help="write the records (outcome, wait) to this .npz file")
    args = parser.parse_args()
    c = inputs(args.contacts)
    outcome, wait = simpy_model(c.arrival_s, c.patience_s, c.handle_base_s, AGENTS)
    if args.out:
        np.savez(args.out, outcome=outcome, wait_s=wait)
    answered = outcome == ANSWERED
    print(f"P(abandon) {np.mean(outcome == ABANDONED):.4f}  ASA {wait[answered].mean():.2f} s  "
          f"SL({TARGET_S:g} s) {np.sum(answered & (wait <= TARGET_S)) / outcome.size:.4f}")


if __name__ == "__main__":
    main()
