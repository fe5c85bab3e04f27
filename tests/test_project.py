"""Project rules that a reader would otherwise have to remember (docs/architecture.md).

The layer rules are import-linter contracts in pyproject.toml, checked by `make test`;
the tests here prove that the contracts catch a leak, that they name every module, and
check what import-linter cannot express."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "simlab"
FRONT_ENDS = {"simlab.cli", "simlab.cli_commands", "simlab.cli_output", "simlab.__main__",
              "simlab.tui", "simlab.cli_design", "simlab.cli_operations", "simlab.cli_exercises",
              "simlab.cli_analysis", "simlab.cli_compare", "simlab.cli_classroom",
              "simlab.cli_groups", "simlab.cli_report", "simlab.cli_survey", "simlab.cli_exam",
              "simlab.cli_cases", "simlab.cli_rounds"}


def _contracts() -> dict[str, dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["id"]: c for c in config["tool"]["importlinter"]["contracts"]}


def _top_level_modules() -> set[str]:
    return {f"simlab.{p.stem}" for p in PACKAGE.glob("*.py") if p.stem != "__init__"} | {
        f"simlab.{p.parent.name}" for p in PACKAGE.glob("*/__init__.py")
    }


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(cwd), "COLUMNS": "400"}
    return subprocess.run([str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
                          cwd=cwd, env=env, capture_output=True, text=True)


def test_every_top_level_module_is_named_in_the_contracts():
    """A new module must say which side it is on: front end or headless core."""
    contracts = _contracts()
    modules = _top_level_modules()
    core = set(contracts["headless-core"]["source_modules"])
    assert core | FRONT_ENDS == modules, sorted(modules ^ (core | FRONT_ENDS))
    assert set(contracts["headless-core"]["forbidden_modules"]) >= FRONT_ENDS
    assert set(contracts["textual"]["source_modules"]) == modules - {"simlab.tui"}


def test_the_contracts_catch_leaks_through_absolute_and_relative_imports(tmp_path):
    for name in ("simlab", "pyproject.toml"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        copy(ROOT / name, tmp_path / name,
             **({"ignore": shutil.ignore_patterns("__pycache__")} if name == "simlab" else {}))
    kept = _lint_imports(tmp_path)
    assert kept.returncode == 0, kept.stdout
    plants = {
        "engine/loop.py": "from ..tui import app",  # relative: headless-core
        "store/leak.py": "import textual",  # textual (and headless-core)
        "queueing/erlang.py": "from simlab.errors import SimlabError",  # queueing
        "engine/fastpath.py": "import pandas",  # engine: not one of its exceptions
        "reports/tables.py": "from simlab.store import db",  # reports: not an atomic helper
        "curriculum/portfolio.py": "from simlab.lab import runner",  # curriculum stays below lab
        "exam/grading.py": "from simlab.lab import runner",  # exam stays below lab too
    }
    for name, line in plants.items():
        path = tmp_path / "simlab" / name
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        path.write_text(f"{text}\n{line}  # noqa\n", encoding="utf-8")
    broken = _lint_imports(tmp_path)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    verdicts = {c["id"]: "BROKEN" if f"{c['name']} BROKEN" in broken.stdout else "KEPT"
                for c in _contracts().values()}
    assert {k for k, v in verdicts.items() if v == "BROKEN"} == {
        "headless-core", "textual", "queueing", "engine", "reports", "curriculum", "exam"}, broken.stdout
    assert "simlab.engine.loop -> simlab.tui.app" in broken.stdout


def test_importing_every_core_module_and_the_cli_in_a_fresh_process_loads_no_textual():
    names = sorted(
        ".".join(("simlab", *p.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(
            ".__init__")
        for p in PACKAGE.rglob("*.py")
        if p.relative_to(PACKAGE).parts[0] not in ("tui", "__main__.py")
    )
    assert {"simlab.lab.runner", "simlab.cli", "simlab.cli_commands"} <= set(names)
    script = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules"
        " if m.split('.')[0] == 'textual' or m.startswith('simlab.tui')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_engine_hot_loop_has_no_pandas():
    for name in ("loop.py", "loop_state.py", "loop_work.py", "fastpath.py"):
        assert "pandas" not in (PACKAGE / "engine" / name).read_text(encoding="utf-8")


def test_readme_quick_start_commands_are_the_makefile_targets():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme[: readme.index("---")]
    block = re.search(r"```sh\n(.*?)```", head, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["make run", "make test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("run", "test"):
        assert re.search(rf"^{target}: \$\(STAMP\)$", makefile, re.M)
    dry = subprocess.run(["make", "-n", "-B", "run", "VENV=/nonexistent-venv"], cwd=ROOT,
                         capture_output=True, text=True)
    assert "-m venv /nonexistent-venv" in dry.stdout and "pip install" in dry.stdout
    assert "/nonexistent-venv/bin/simlab" in dry.stdout
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert [line for line in ci.splitlines() if line and not line.startswith(("#", "set ", "cd "))] \
        == ["make test"]


def test_every_documented_contact_column_exists():
    from simlab.lab import runner

    result = runner.execute(runner.load_bundle("energia-base"), days=1)
    doc = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(\w+)` \|", doc, re.M))
    for table in (result.log.contacts, result.log.agents, result.log.costs):
        missing = set(table.columns) - documented
        assert not missing, missing


# Files allowed to cite design notes kept outside the repository. Cite
# docs/architecture.md or docs/domain.md instead; the one exception is a test that reads
# the standard's own text from beside the repository, to prove the abilities verbatim
# (it skips, saying why, where that folder is absent).
CITE_OUTSIDE_NOTES: set[str] = {"tests/test_curriculum_standard.py"}


def _tracked_files() -> list[str]:
    return subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.splitlines()


def test_the_project_stands_alone_without_notes_from_outside_the_repository():
    """Someone who clones simlab has none of the design notes it was first written from,
    nor the folder beside the repository that held them: docs/architecture.md and
    docs/domain.md stand in for them, and nothing may cite the notes."""
    # whole words, so that SQL's REFERENCES does not count
    outside = re.compile(r"\b(DESIGN|REFERENCE)\b|/work/shared|\.\./shared")
    citing = set()
    for name in _tracked_files():
        path = ROOT / name
        if name == "tests/test_project.py" or not path.is_file():
            continue
        if outside.search(path.read_text(encoding="utf-8", errors="replace")):
            citing.add(name)
    assert citing - CITE_OUTSIDE_NOTES == set(), "cite docs/architecture.md or docs/domain.md"
    assert CITE_OUTSIDE_NOTES - citing == set(), "cleaned: remove from CITE_OUTSIDE_NOTES"


def _anchor(heading: str) -> str:
    """GitHub's id for a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_links_between_the_docs_lead_to_files_and_headings_that_exist():
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    broken = []
    for page in pages:
        for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target):
                continue  # a web address
            file, _, anchor = target.partition("#")
            linked = (page.parent / file).resolve() if file else page
            if not linked.is_file():
                broken.append(f"{page.name}: {target}")
            elif anchor:
                text = linked.read_text(encoding="utf-8")
                anchors = {_anchor(h) for h in re.findall(r"^#+ (.+)$", text, re.M)}
                if anchor not in anchors:
                    broken.append(f"{page.name}: {target}")
    assert not broken, broken
