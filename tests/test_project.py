"""Project rules that a reader would otherwise have to remember (DESIGN.md)."""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "simlab"

# module (top-level folder or file of simlab/) → simlab modules it may import
ALLOWED = {
    "model": {"model", "errors", "i18n"},
    "world": {"model", "world", "errors", "i18n"},
    "queueing": {"queueing"},
    "engine": {"model", "world", "engine", "errors", "i18n"},
    "analysis": {"model", "analysis", "errors", "i18n", "queueing"},
    "store": {"store", "errors", "i18n"},
    "reports": {"reports", "analysis", "model", "errors", "i18n", "fmt", "store"},
}
THIRD_PARTY = {
    "model": {"pydantic", "yaml"},
    "world": {"numpy", "faker", "pydantic"},
    "queueing": {"numpy", "scipy"},
    "engine": {"numpy", "pandas"},
    # pandas only after the loop (RunLog tables); the hot loop is checked below
    "analysis": {"numpy", "pandas", "scipy"},
    "store": {"pyarrow"},
    "reports": {"numpy", "pandas", "openpyxl", "matplotlib"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _files():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        yield rel.parts[0] if len(rel.parts) > 1 else rel.stem, path


def test_only_the_tui_imports_textual():
    leaks = [str(p) for layer, p in _files() if layer != "tui"
             and any(n.split(".")[0] == "textual" for n in _imports(p))]
    assert not leaks


def test_core_layers_import_only_what_design_allows():
    problems = []
    for layer, path in _files():
        if layer not in ALLOWED:
            continue
        for name in _imports(path):
            top = name.split(".")[0]
            if top == "simlab":
                sub = name.split(".")[1] if "." in name else ""
                if sub and sub not in ALLOWED[layer]:
                    problems.append(f"{path.relative_to(ROOT)} imports {name}")
            elif top in {"textual", "pandas", "numpy", "scipy", "faker", "pyarrow", "openpyxl",
                         "matplotlib", "pydantic", "yaml", "babel", "rich"}:
                if top not in THIRD_PARTY.get(layer, set()):
                    problems.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not problems, problems


def test_engine_hot_loop_has_no_pandas():
    for name in ("loop.py", "fastpath.py"):
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
