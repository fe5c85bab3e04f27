"""The results of a few small runs, held as sha256 hashes, so that work on speed or
memory cannot change a single record or KPI unnoticed.

Only a commit that changes the model on purpose (routing, the world's draws, a KPI
formula) may update the hashes, with this one command, and say so in its message:

    SIMLAB_UPDATE_HASHES=1 .venv/bin/python -m pytest -p no:xdist tests/test_result_hashes.py

which rewrites tests/data/result_hashes.json (the tests then pass). The hashes cover the
values, not how they are stored: a float column is hashed as float64, an integer one as
int64, a category as its labels, so narrowing a dtype keeps the hash, changing a value
does not.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from simlab.lab import runner
from simlab.lab.queuelab import QueueSpec
from simlab.lab.queuelab import run as lab_run

FILE = Path(__file__).parent / "data" / "result_hashes.json"
UPDATE = os.environ.get("SIMLAB_UPDATE_HASHES") == "1"


def frame_hash(frame: pd.DataFrame) -> str:
    h = hashlib.sha256()
    for name in frame.columns:
        col = frame[name]
        h.update(f"{name}\0".encode())
        if isinstance(col.dtype, pd.CategoricalDtype):
            h.update(json.dumps([str(c) for c in col.cat.categories]).encode())
            h.update(col.cat.codes.to_numpy().astype(np.int64).tobytes())
        elif col.dtype.kind in "biu":
            h.update(b"i" + col.to_numpy().astype(np.int64).tobytes())
        elif col.dtype.kind == "f":
            h.update(b"f" + col.to_numpy().astype(np.float64).tobytes())
        else:  # text
            h.update(json.dumps([str(v) for v in col]).encode())
    return h.hexdigest()


def json_hash(data) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=repr).encode()).hexdigest()


def _scenario_run(name: str, days: int) -> dict[str, str]:
    result = runner.execute(runner.load_bundle(name), days=days)
    log = result.log
    return {"contacts": frame_hash(log.contacts), "agents": frame_hash(log.agents),
            "costs": frame_hash(log.costs), "summary": json_hash(result.summary)}


def _queue_lab() -> dict[str, str]:
    result = lab_run(QueueSpec(540, 300, 50, 180.0, 20, 20_000, seed=1))
    simulated = {k: [e.value, e.se, e.half_width] for k, e in result.simulated.items()}
    return {"contacts": frame_hash(result.log.contacts), "agents": frame_hash(result.log.agents),
            "simulated": json_hash(simulated)}


RUNS = {
    "energia-base-2d": lambda: _scenario_run("energia-base", 2),
    "erlang-a-1d": lambda: _scenario_run("erlang-a", 1),
    "queue-lab-20k": _queue_lab,
}


def _stored() -> dict:
    return json.loads(FILE.read_text(encoding="utf-8")) if FILE.exists() else {}


@pytest.mark.parametrize("name", list(RUNS))
def test_results_are_unchanged(name):
    actual = RUNS[name]()
    if UPDATE:
        stored = _stored()
        stored[name] = actual
        FILE.parent.mkdir(exist_ok=True)
        FILE.write_text(json.dumps(stored, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    assert actual == _stored()[name], (
        f"{name}: results changed; if on purpose, regenerate (see this file's docstring)")


def test_the_same_bytes_whatever_the_processor():
    """numpy picks its kernels by processor (AVX2, AVX-512, …) and some differ in the last
    bit; a run must not. The same runs in a process that may use only numpy's baseline
    kernels give the same hashes as here (on a baseline-only machine this compares a
    machine with itself, and still guards the runs)."""
    from numpy._core._multiarray_umath import (
        __cpu_baseline__,
        __cpu_dispatch__,
        __cpu_features__,
    )

    extra = [f for f in __cpu_dispatch__ if __cpu_features__.get(f) and f not in __cpu_baseline__]
    script = ("import json, sys; sys.path.insert(0, 'tests'); "
              "from test_result_hashes import RUNS; "
              "print(json.dumps({k: f() for k, f in RUNS.items()}))")
    env = {**os.environ, "NPY_DISABLE_CPU_FEATURES": " ".join(extra)}
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                         text=True, check=True, cwd=Path(__file__).parents[1]).stdout
    assert json.loads(out) == {name: make() for name, make in RUNS.items()}
