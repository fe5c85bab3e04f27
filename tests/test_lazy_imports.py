"""What a command or the first screen does not need, it does not import (issue 8: speed
as the user feels it). Each check runs in a fresh interpreter and lists the heavy
packages found in `sys.modules`; none is timed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("pandas", "numpy", "pydantic", "pyarrow", "scipy", "faker", "openpyxl", "matplotlib")


def _loaded_after(code: str) -> list[str]:
    script = (f"import sys\n{code}\n"
              f"print(__import__('json').dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def test_the_home_screen_and_its_table_of_runs_import_no_data_library():
    # the first paint waits for these imports; pandas and pydantic cost most of a second
    assert _loaded_after("import simlab.tui.app, simlab.tui.screens.home") == []


def test_the_run_information_module_imports_no_data_library_until_used():
    assert _loaded_after("import simlab.reports.runinfo") == []
    assert "pydantic" in _loaded_after(
        "from simlab.reports.runinfo import titles\ntitles({'texts': {}})")


def test_building_a_world_does_not_start_faker_until_a_customer_is_named():
    code = ("from simlab.lab import runner\n"
            "from simlab.world import build\n"
            "w = build(runner.load_bundle('energia-base').scenario, 1, 1)")
    assert "faker" not in _loaded_after(code)
    assert "faker" in _loaded_after(code + "\nw.customer(0)")
