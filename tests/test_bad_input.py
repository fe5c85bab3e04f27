"""Regression tests of the bad-input report: each case refused with one Italian message
(file, line, key), exit 2, nothing else; numbers bounded (hypothesis); the command line's
edges (queue arguments, paths, options anywhere)."""

from __future__ import annotations

import argparse
import math
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simlab.cli import QUEUE_BOUNDS, build_parser, main
from simlab.errors import SimlabError
from simlab.lab import catalog
from simlab.model.loader import load_text
from simlab.model.scenario import Costs

BASE = catalog.find("energia-base")
CARE = catalog.companion(BASE, "care")
PLAN = catalog.companion(BASE, "plan")


@pytest.fixture(autouse=True)
def _workspace(tmp_path, monkeypatch):
    # main() exports --workspace; monkeypatch puts the variable back after each test.
    monkeypatch.setenv("SIMLAB_WORKSPACE", str(tmp_path / "ws"))
    monkeypatch.chdir(tmp_path)


def _line_of(text: str, needle: str, nth: int = 1) -> int:
    found = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return found[nth - 1]


def _check(capsys, *files: Path) -> str:
    args = [str(files[0])]
    if len(files) > 1:
        args += ["--model", str(files[1]), "--plan", str(files[2])]
    assert main(["scenario", "check", *args]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) <= 2
    return err


def _bundle(tmp_path: Path, **edits: str) -> tuple[Path, Path, Path]:
    out = []
    for kind, source in (("scenario", BASE), ("care", CARE), ("plan", PLAN)):
        path = tmp_path / f"{kind}.yaml"
        path.write_text(edits.get(kind, source.read_text(encoding="utf-8")), encoding="utf-8")
        out.append(path)
    return out[0], out[1], out[2]


# --- values the check accepted and the run could not take -------------------------------


def test_duplicated_team_id_is_refused_at_its_line(tmp_path, capsys):
    text = PLAN.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.strip().startswith("- id:"))
    second = [line for line in text.splitlines() if line.strip().startswith("- id:")][1]
    text = text.replace(second, first)
    files = _bundle(tmp_path, plan=text)
    err = _check(capsys, *files)
    assert f"{files[2]}:{_line_of(text, first, 2)}" in err
    assert "compare due volte" in err and "teams[1].id" in err


def test_duplicated_channel_id_points_at_the_duplicate_not_the_top(tmp_path, capsys):
    text = BASE.read_text(encoding="utf-8")
    text = text.replace("id: chat", "id: phone", 1)
    files = _bundle(tmp_path, scenario=text)
    err = _check(capsys, files[0])
    assert f"{files[0]}:{_line_of(text, 'id: phone', 2)}" in err
    assert "channels[1].id" in err


def test_negative_cost_is_refused_with_the_range(tmp_path, capsys):
    text = BASE.read_text(encoding="utf-8")
    assert "overhead_per_day:" in text
    before = next(line for line in text.splitlines() if "overhead_per_day:" in line)
    text = text.replace(before, before.split(":")[0] + ": -50")
    err = _check(capsys, _bundle(tmp_path, scenario=text)[0])
    assert "costs.overhead_per_day" in err and "almeno 0" in err


def test_a_care_model_or_plan_for_another_scenario_gets_a_warning(tmp_path, capsys):
    """A model or plan naming another scenario may still fit it (a copied scenario): the
    check says so in Italian and, since everything else fits, accepts it."""
    for kind, text in (("care", CARE), ("plan", PLAN)):
        edited = text.read_text(encoding="utf-8").replace("scenario: energia-base",
                                                          "scenario: altro")
        (tmp_path / kind).mkdir()
        files = _bundle(tmp_path / kind, **{kind: edited})
        assert main(["scenario", "check", str(files[0]), "--model", str(files[1]),
                     "--plan", str(files[2])]) == 0
        err = capsys.readouterr().err
        assert "Attenzione" in err and "scritto per lo scenario «altro»" in err


def test_a_literal_outside_its_choices_lists_them_in_italian(tmp_path, capsys):
    text = BASE.read_text(encoding="utf-8").replace("kind: realtime", "kind: telefono", 1)
    err = _check(capsys, _bundle(tmp_path, scenario=text)[0])
    assert "«telefono» non è ammesso; valori ammessi: «realtime», «deferred»" in err
    assert " or " not in err


def test_infinite_seed_is_refused_in_italian(tmp_path, capsys):
    text = BASE.read_text(encoding="utf-8").replace("seed: 20260302", "seed: .inf")
    err = _check(capsys, _bundle(tmp_path, scenario=text)[0])
    assert "non è un numero finito" in err and "finite number" not in err


# --- hostile YAML ------------------------------------------------------------------------


@pytest.mark.parametrize("snippet, words", [
    ("extra: &a [*a]\n", "rimanda al blocco che lo contiene"),
    ("extra: " + "[" * 900 + "]" * 900 + "\n", "troppi livelli"),
    ("a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{n}: &{n} [" + ",".join([f"*{p}"] * 10) + "]\n"
        for p, n in zip("abcdef", "bcdefg", strict=True)), "si espandono"),
])
def test_recursive_deep_and_exploding_yaml_is_refused(tmp_path, capsys, snippet, words):
    text = BASE.read_text(encoding="utf-8") + snippet
    err = _check(capsys, _bundle(tmp_path, scenario=text)[0])
    assert words in err


def test_a_huge_file_is_refused_before_it_is_parsed(tmp_path, capsys):
    path = tmp_path / "enorme.yaml"
    with open(path, "w", encoding="utf-8") as f:
        f.write(BASE.read_text(encoding="utf-8"))
        f.write(("# " + "x" * 1000 + "\n") * 20_000)  # 20 MB
    err = _check(capsys, path)
    assert "troppo grande" in err and str(path) in err


def test_tab_and_nul_are_named_with_their_line(tmp_path, capsys):
    text = BASE.read_text(encoding="utf-8")
    line = _line_of(text, "seed:")
    lines = text.splitlines(keepends=True)
    tabbed = "".join(lines[:line]) + "\tnested: 1\n" + "".join(lines[line:])
    err = _check(capsys, _bundle(tmp_path, scenario=tabbed)[0])
    assert f":{line + 1}" in err and "tabulazione" in err
    nul = text.replace("seed:", "se\x00ed:", 1)
    err = _check(capsys, _bundle(tmp_path, scenario=nul)[0])
    assert f":{line}" in err and "U+0000" in err and "position" not in err


def test_duplicated_key_points_at_its_second_line(tmp_path, capsys):
    text = BASE.read_text(encoding="utf-8") + "seed: 5\n"
    err = _check(capsys, _bundle(tmp_path, scenario=text)[0])
    assert f":{len(text.splitlines())}" in err and "«seed»" in err


# --- numbers: every one bounded ----------------------------------------------------------


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_cost_per_minute_is_accepted_exactly_in_its_range(x):
    ok = not math.isnan(x) and 0 <= x <= 1000
    try:
        Costs.model_validate({"per_minute": {"phone": x}})
    except Exception:  # noqa: BLE001 - the assertion below says which way it should go
        assert not ok
    else:
        assert ok


@given(st.integers(min_value=-10, max_value=10**6))
def test_team_headcount_is_bounded(n):
    text = PLAN.read_text(encoding="utf-8")
    from simlab.model.plan import MAX_AGENTS, OperationsPlan

    head = next(line for line in text.splitlines() if "headcount:" in line)
    changed = text.replace(head, head.split(":")[0] + f": {n}", 1)
    try:
        load_text(OperationsPlan, changed, "plan.yaml")
    except SimlabError as e:
        assert not 0 <= n <= MAX_AGENTS or "headcount" in (e.key or "")
    else:
        assert 0 <= n <= MAX_AGENTS


_QUEUE_OK = dict(arrivals_per_hour=100.0, aht=240.0, agents=10, patience=None, target=20.0,
                 contacts=200_000, seed=1, out=None)


@given(st.sampled_from(["arrivals", "aht", "agents", "patience", "target", "contacts"]),
       st.floats(allow_nan=True, allow_infinity=True))
def test_queue_arguments_are_accepted_exactly_in_their_ranges(name, x):
    from simlab.cli_commands import _check_queue_args

    attr = {"arrivals": "arrivals_per_hour"}.get(name, name)
    value = int(x) if name in ("agents", "contacts") and math.isfinite(x) else x
    args = argparse.Namespace(**{**_QUEUE_OK, attr: value})
    low, high = QUEUE_BOUNDS[name]
    ok = not math.isnan(value) and low <= value <= high
    if ok and name == "arrivals":
        ok = 200_000 / (value * 24) <= 3600
    if ok and name in ("arrivals", "aht", "agents"):
        load = args.arrivals_per_hour * args.aht / 3600
        ok = load < args.agents
    if ok and name == "patience":
        ok = 100 * value / 3600 <= 100_000
    try:
        _check_queue_args(args)
    except SimlabError:
        assert not ok
    else:
        assert ok


# --- the command line --------------------------------------------------------------------


@pytest.mark.parametrize("extra", [
    ["--aht", "1e-300"], ["--target", "1e308"], ["--patience", "1e308"], ["--patience", "1e-9"],
    ["--aht", "1e308"], ["--agents", "1000000"], ["--target", "0"], ["--aht", "nan"],
    ["--arrivals-per-hour", "1e-9"], ["--seed", "-1"],
    ["--arrivals-per-hour", "100000", "--aht", "86400", "--agents", "5000", "--patience", "86400"],
    ["--agents", "6"],
])
def test_queue_edges_are_refused_in_italian(capsys, extra):
    args = ["queue", "--arrivals-per-hour", "100", "--aht", "240", "--agents", "10"]
    assert main(args + extra) == 2
    err = capsys.readouterr().err
    assert ("deve essere" in err or "richiedono" in err or "deve restare" in err)
    assert "--patience" in err if "86400" in extra else extra[0] in err
    assert "http" not in err and "Traceback" not in err


def test_every_option_has_help():
    def walk(parser: argparse.ArgumentParser):
        yield parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    yield from walk(sub)

    for parser in walk(build_parser()):
        for action in parser._actions:
            if not isinstance(action, argparse._SubParsersAction):
                assert action.help, (parser.prog, action.dest)


def test_queue_help_states_the_ranges(capsys):
    with pytest.raises(SystemExit):
        main(["queue", "--help"])
    out = capsys.readouterr().out
    assert "da 1 a 5000" in out and "da 0,01 a 100000" in out


def test_lang_and_workspace_are_accepted_after_the_command(tmp_path, capsys, monkeypatch):
    assert main(["runs", "list", "--lang", "en", "--workspace", str(tmp_path / "none")]) == 2
    err = capsys.readouterr().err
    assert "There is no simlab workspace" in err and str(tmp_path / "none") in err


def test_a_300_character_name_is_an_italian_error(capsys):
    assert main(["scenario", "check", "a" * 300 + ".yaml"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "too long" not in err


def test_a_300_character_workspace_is_an_italian_error(tmp_path, capsys):
    assert main(["runs", "list", "--workspace", str(tmp_path / ("w" * 300))]) == 2
    err = capsys.readouterr().err
    assert "il nome è troppo lungo" in err


def test_out_must_name_a_new_or_empty_folder_and_never_overwrites(tmp_path, capsys):
    with pytest.raises(SystemExit) as info:  # argparse refuses it, with its usage line
        main(["run", "energia-base", "--days", "1", "--no-save", "--out", ""])
    assert info.value.code == 2
    assert "--out: indica una cartella" in capsys.readouterr().err
    out = tmp_path / "prima"
    assert main(["run", "energia-base", "--days", "1", "--no-save", "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    capsys.readouterr()
    assert main(["run", "energia-base", "--days", "1", "--seed", "9", "--no-save",
                 "--out", str(out)]) == 2
    assert "contiene già una simulazione" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_one_day_is_singular(capsys):
    assert main(["run", "energia-base", "--days", "1", "--no-save"]) == 0
    out = capsys.readouterr().out
    # the run's facts name the days as a row («Giorni  1»), never as «1 giorni»
    assert re.search(r"Giorni\s+1\b", out) and "1 giorni" not in out


def test_a_reason_no_queue_takes_is_refused_by_the_check_not_the_run(tmp_path, capsys):
    care = CARE.read_text(encoding="utf-8")
    routed = "[bolletta, autolettura, contratto, rateizzazione, informazioni]"
    assert routed in care
    care = care.replace(routed, "[bolletta, autolettura, contratto, informazioni]")
    files = _bundle(tmp_path, care=care)
    err = _check(capsys, *files)
    assert str(files[1]) in err and "«queues»" in err and "«rateizzazione»" in err


def test_a_nan_share_is_refused(tmp_path, capsys):
    text = BASE.read_text(encoding="utf-8")
    mix = next(line for line in text.splitlines() if line.strip().startswith("channel_mix:"))
    line = _line_of(text, mix.strip())
    lines = text.splitlines(keepends=True)
    following = lines[line] if "{" not in mix else None
    if following is not None:  # block style: the first channel's share on the next line
        key = following.split(":")[0]
        lines[line] = f"{key}: .nan\n"
    else:  # flow style: {phone: 0.6, …}
        first = mix.split("{", 1)[1].split(",", 1)[0]
        lines[line - 1] = lines[line - 1].replace(first, first.split(":")[0] + ": .nan", 1)
    err = _check(capsys, _bundle(tmp_path, scenario="".join(lines))[0])
    assert "demand.channel_mix" in err and "non è una quota" in err


@given(st.integers(min_value=1, max_value=120))
def test_nesting_is_accepted_exactly_up_to_the_limit(depth):
    from simlab.model.yamlio import MAX_DEPTH, parse

    text = "a: " + "[" * depth + "]" * depth + "\n"  # the mapping is one level more
    try:
        parse(text, "f.yaml")
    except SimlabError as e:
        assert depth + 1 > MAX_DEPTH and e.line == 1
    else:
        assert depth + 1 <= MAX_DEPTH


@given(st.integers(min_value=1, max_value=60))
def test_aliases_expand_exactly_up_to_the_limit(copies):
    from simlab.model.yamlio import MAX_NODES, parse

    # Each level holds `copies` aliases of the one below: copies**4 leaves in all.
    text = "l0: &l0 x\n" + "".join(
        f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * copies) + "]\n" for i in range(1, 5))
    # the mapping, its 5 keys, the scalar x, then each list: itself and its copies
    expanded = 7 + sum(sum(copies ** j for j in range(i + 1)) for i in range(1, 5))
    try:
        parse(text, "f.yaml")
    except SimlabError:
        assert expanded > MAX_NODES
    else:
        assert expanded <= MAX_NODES


def test_a_yaml_syntax_error_names_the_key_where_it_is(tmp_path, capsys):
    text = PLAN.read_text(encoding="utf-8")
    line = _line_of(text, "headcount:", 2)
    lines = text.splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].split(":")[0] + ": 'never closed\n"
    files = _bundle(tmp_path, plan="".join(lines))
    err = _check(capsys, *files)
    assert f"{files[2]}:" in err and "«teams[1].headcount»" in err and "virgolett" in err
