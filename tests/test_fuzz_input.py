"""Bad files through the real command: a seeded generator mutates the shipped scenario,
care model and plan (hostile values, deleted keys, repeated ids, broken YAML) and runs
each through `simlab.cli.main`. Every file must either pass the check and then run, or be
refused with exit 2 and one Italian message that names the file: never a traceback,
never English."""

from __future__ import annotations

import copy
import random
import re
from pathlib import Path

import pytest
import yaml

from simlab.cli import main
from simlab.lab import catalog

BASE = catalog.find("energia-base")
KINDS = ("scenario", "care", "plan")
SOURCES = {
    "scenario": BASE,
    "care": catalog.companion(BASE, "care"),
    "plan": catalog.companion(BASE, "plan"),
}

HOSTILE_VALUES = [
    -1, 0, -0.5, 1e308, -1e308, 1e-300, 10**30, float("inf"), float("-inf"), float("nan"),
    "", "x" * 300, "ÿ€", [], {}, None, True, [1, 2], {"a": 1}, "lun-", "25:00", "2026-13-40",
    "realtim", 3.5,
]

# Broken YAML text, appended or spliced in: each must be refused with its line.
HOSTILE_TEXT = [
    "\nextra: &a [*a]\n",
    "\nextra: " + "[" * 900 + "]" * 900 + "\n",
    "\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n",
    "\n\tindented: 1\n",
    "\nnul: a\x00b\n",
    "\nquote: 'never closed\n",
    "\nlist: [1, 2\n",
    "\nx: y: z\n",
    "\n- item\n",
    "\nalias: *nowhere\n",
    "\ntag: !!python/object:os.system x\n",
    "\n? [a]\n: 1\n",
    "\n---\nsecond: document\n",
]

# Words that only English text has; Italian messages quote the user's own words in «».
ENGLISH = re.compile(
    r"\b(the|is|should|input|must|expected|found|while|cannot|not|be|value|valid|"
    r"field|required|allowed|number|error|string|type|or|and|of|at|least)\b", re.I)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


def _parent(data, path):
    for part in path[:-1]:
        data = data[part]
    return data


def mutate(text: str, rng: random.Random) -> str:
    if rng.random() < 0.25:
        snippet = rng.choice(HOSTILE_TEXT)
        lines = text.splitlines(keepends=True)
        if rng.random() < 0.5:
            return text + snippet
        cut = rng.randrange(len(lines))
        return "".join(lines[:cut]) + snippet.lstrip("\n") + "".join(lines[cut:])
    data = yaml.safe_load(text)
    paths = [p for p in _paths(data) if p]
    path = rng.choice(paths)
    parent = _parent(data, path)
    op = rng.random()
    if op < 0.6:
        parent[path[-1]] = copy.deepcopy(rng.choice(HOSTILE_VALUES))
    elif op < 0.8:
        del parent[path[-1]]
    else:  # repeat an element of a list, or the first list found above it (same ids)
        for n in range(len(path), 0, -1):
            holder = _parent(data, path[:n])
            if isinstance(holder, list) and holder:
                holder.append(copy.deepcopy(holder[path[n - 1]]))
                break
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _text_of(message: str, paths: list[Path]) -> str:
    """What to look for English in: the message without file paths and quoted words."""
    for p in paths:
        message = message.replace(str(p), "")
    message = re.sub(r"«[^»]*»", "", message)
    return re.sub(r"--[a-z-]+", "", message)


def test_bad_files_are_refused_in_italian_or_run(tmp_path, capsys):
    rng = random.Random(20260302)
    texts = {k: p.read_text(encoding="utf-8") for k, p in SOURCES.items()}
    refused = runs = 0
    for case in range(240):
        kind = KINDS[case % 3]
        folder = tmp_path / f"c{case}"
        folder.mkdir()
        files = {k: folder / f"{k}.yaml" for k in KINDS}
        for k in KINDS:
            files[k].write_text(mutate(texts[k], rng) if k == kind else texts[k],
                                encoding="utf-8")
        args = [str(files["scenario"]), "--model", str(files["care"]),
                "--plan", str(files["plan"])]
        code = main(["scenario", "check", *args])
        captured = capsys.readouterr()
        if code == 0:
            if runs >= 12:
                continue
            runs += 1
            code = main(["run", *args, "--days", "1", "--no-save"])
            captured = capsys.readouterr()
            assert code == 0, (case, kind, captured.err)
            continue
        refused += 1
        assert code == 2, (case, kind, captured.err)
        # The file named is the mutated one, or the one a change there made wrong (a
        # plan naming a queue the mutated care model no longer has).
        assert any(str(f) in captured.err for f in files.values()), (case, kind, captured.err)
        assert len(captured.err.strip().splitlines()) <= 2, captured.err
        english = ENGLISH.findall(_text_of(captured.err, list(files.values())))
        assert not english, (case, kind, captured.err)
    assert refused > 100 and runs > 5  # the generator really exercises both sides


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_each_hostile_yaml_is_refused_with_its_line(tmp_path, capsys, text):
    path = tmp_path / "bad.yaml"
    path.write_text(SOURCES["scenario"].read_text(encoding="utf-8") + text, encoding="utf-8")
    assert main(["scenario", "check", str(path)]) == 2
    err = capsys.readouterr().err
    assert re.search(rf"{re.escape(str(path))}:\d+", err), err
    assert not ENGLISH.findall(_text_of(err, [path])), err


# --- command lines ---------------------------------------------------------------------------

ODD = ["", "-1", "0", "1e308", "-1e308", "1e-300", "nan", "inf", "10" * 20, "x" * 300, "../..",
       "%s", "R000001", "r1", "١٢", "\u00e9", "/dev/null", "/"]
COMMANDS = [
    ["scenario", "check", "{v}"], ["scenario", "check", "energia-base", "--model", "{v}"],
    ["scenario", "schema", "--kind", "{v}"], ["runs", "show", "{v}"], ["runs", "replay", "{v}"],
    ["run", "energia-base", "--days", "{v}", "--no-save"],
    ["run", "energia-base", "--seed", "{v}", "--days", "1", "--no-save"],
    ["run", "{v}", "--no-save"], ["runs", "list", "--workspace", "{v}"],
    ["workspace", "check", "--lang", "{v}"],
    *[["queue", "--arrivals-per-hour", "100", "--aht", "240", "--agents", "10",
       "--contacts", "1000", opt, "{v}"]
      for opt in ("--arrivals-per-hour", "--aht", "--agents", "--patience", "--target",
                  "--contacts", "--seed", "--out")],
]


def test_odd_command_lines_end_in_italian_never_in_a_traceback(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SIMLAB_WORKSPACE", str(tmp_path / "ws"))
    monkeypatch.chdir(tmp_path)
    assert main(["run", "energia-base", "--days", "1"]) == 0  # a workspace with one run
    capsys.readouterr()
    rng = random.Random(253)
    for case in range(120):
        argv = [a.replace("{v}", rng.choice(ODD)) for a in rng.choice(COMMANDS)]
        try:
            code = main(argv)
        except SystemExit as e:  # argparse: usage line and a translated message
            code = e.code
        err = capsys.readouterr().err
        assert code in (0, 1, 2), (case, argv, err)
        assert "Traceback" not in err, (case, argv, err)
        if code == 2:
            assert not ENGLISH.findall(_text_of(err, [tmp_path])), (case, argv, err)
