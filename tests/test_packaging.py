"""simlab as a user installs it: a wheel built from the repository's files holds the
shipped scenarios (which stay in `scenarios/` at the top of the repository), and an
installed simlab finds them from any folder. Everything runs offline: the wheel is built
without build isolation, with the setuptools of the test extra."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_SCENARIOS = ["ecommerce-base", "energia-base", "telco-base", "erlang-a", "erlang-c"]


def _repository_files() -> list[str]:
    """The files a clone has: tracked, plus new ones not yet committed (not ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.splitlines()
    return [name for name in listed if (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build from a copy of the repository's files, so that the build neither writes
    `build/` into the checkout nor sees files a fresh clone would not have."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    for name in _repository_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    out = base / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-index",
         "--no-build-isolation", "--disable-pip-version-check", "--quiet", "-w", str(out)],
        check=True, capture_output=True, text=True,
    )
    (built,) = out.glob("simlab-*.whl")
    return built


def test_the_wheel_holds_the_shipped_scenarios_and_every_module(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    files = _repository_files()
    scenarios = [f for f in files if f.startswith("scenarios/") and f.endswith(".yaml")]
    # every scenario with its care model and plan, validation cases included
    assert len(scenarios) >= 3 * len(SHIPPED_SCENARIOS)
    missing = [f for f in scenarios if f"simlab/{f}" not in names]
    assert not missing, missing
    modules = [f for f in files if f.startswith("simlab/") and f.endswith((".py", ".tcss", ".mo"))]
    missing = [f for f in modules if f not in names]
    assert not missing, missing
    # the top-level folder is package data of simlab, not a package of its own
    assert not any(n.startswith("scenarios/") for n in names)


@pytest.mark.slow
def test_an_installed_simlab_finds_the_shipped_scenarios_from_any_folder(
    wheel: Path, tmp_path: Path
):
    """Installed with `pip install --target` (the dependencies come from the test
    environment), and run from a folder outside the repository."""
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", str(wheel), "--no-deps", "--no-index",
         "--no-build-isolation", "--disable-pip-version-check", "--quiet",
         "--target", str(target)],
        check=True, capture_output=True, text=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = (
        "import simlab\n"
        "from simlab.lab import catalog, runner\n"
        "print(simlab.__file__)\n"
        "print(catalog.SHIPPED_DIR)\n"
        "print(' '.join(sorted(p.stem for p in catalog.scenario_files())))\n"
        "bundle = runner.load_bundle('energia-base')\n"
        "print(type(bundle.care).__name__, type(bundle.plan).__name__, bundle.sources['plan'])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    done = subprocess.run([sys.executable, "-c", script], cwd=elsewhere, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    module, shipped, found, loaded = done.stdout.splitlines()
    # the installed copy answered, not the checkout's editable install
    assert Path(module).is_relative_to(target)
    assert Path(shipped) == (target / "simlab" / "scenarios").resolve()
    assert found.split() == sorted(SHIPPED_SCENARIOS)
    care, plan, plan_file = loaded.split()
    assert (care, plan) == ("CareModel", "OperationsPlan")
    assert plan_file == "shipped:energia-base.plan.yaml"  # a portable source (lab/catalog.py)
    # the command, in Italian from the installed catalogue, checks the installed files
    checked = subprocess.run([sys.executable, "-m", "simlab", "scenario", "check",
                              "telco-base"], cwd=elsewhere, env=env, capture_output=True,
                             text=True)
    assert checked.returncode == 0, checked.stderr
    assert f"{Path(shipped) / 'telco-base.care.yaml'}: il modello di customer care" \
        in checked.stdout
