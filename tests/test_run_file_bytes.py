"""The run files of small runs, byte for byte, as simlab wrote them before the speed work
of issue 8's third round (commit 6ffbea1; `run.json` and `costs.parquet` again since the
fourth, whose sums are exactly rounded on purpose): `contacts.parquet`, `agents.parquet`,
`costs.parquet` and `run.json` of two `simlab queue --out` runs (Erlang A and Erlang C)
and one `simlab run --out`. `test_result_hashes.py` holds the values of the records and
KPIs; this test holds the bytes of the files a user gets, so a faster way of writing
them cannot change one byte unnoticed.

A Parquet file names the pyarrow that wrote it (and the pandas of its schema's
metadata): with other versions than those recorded the bytes differ for that reason
alone, so the test is skipped, saying why.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

FILE = Path(__file__).parent / "data" / "run_file_bytes.json"
SIMLAB = str(Path(sys.executable).with_name("simlab"))
QUEUE = ["queue", "--target", "20"]
RUNS = {
    "queue-erlang-a-20k": [*QUEUE, "--arrivals-per-hour", "540", "--aht", "300", "--agents", "50",
                           "--patience", "180", "--seed", "3", "--contacts", "20000"],
    "queue-erlang-c-5k": [*QUEUE, "--arrivals-per-hour", "300", "--aht", "240", "--agents", "30",
                          "--seed", "2", "--contacts", "5000"],
    "energia-base-3d": ["run", "energia-base", "--days", "3", "--no-save"],
}
EXPECTED = json.loads(FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", list(RUNS))
def test_run_files_are_the_same_bytes_as_before(name, tmp_path):
    libs = {lib: version(lib) for lib in EXPECTED["_versions"]}
    if libs != EXPECTED["_versions"]:
        pytest.skip(f"the recorded bytes were written with {EXPECTED['_versions']}, not {libs}")
    out = tmp_path / "out"
    env = {**os.environ, "SIMLAB_LANG": "it", "SIMLAB_WORKSPACE": str(tmp_path / "ws")}
    subprocess.run([SIMLAB, *RUNS[name], "--out", str(out)], check=True, capture_output=True,
                   env=env, timeout=300)
    actual = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())}
    assert actual == EXPECTED[name]

