"""The Italian catalogue: complete, faithful to its placeholders, in step with the code."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest

from simlab import i18n
from simlab import i18n_tools as tools

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def catalogue():
    return tools.parse_po(tools.PO_PATH.read_bytes())


@pytest.fixture
def restore_language(monkeypatch):
    before = i18n.language()
    yield monkeypatch
    i18n.set_language(before)


def po(entries: str) -> bytes:
    """A small .po in the catalogue's own format."""
    header = tools.PO_HEADER.replace("{plural_forms}", tools.PLURAL_FORMS)
    return (header + entries).encode("utf-8")


# --------------------------------------------------------------------------- the catalogue


def test_no_untranslated_or_fuzzy_entry(catalogue):
    assert tools.completeness_problems(catalogue) == []


def test_placeholders_and_edges_match_the_msgid(catalogue):
    assert tools.placeholder_problems(catalogue) == []


def test_catalogue_is_up_to_date_with_the_sources():
    assert tools.po_problems() == [], "run `python -m simlab.i18n_tools update`"


def test_mo_is_a_fresh_compile_of_the_po():
    assert tools.MO_PATH.read_bytes() == tools.compile_mo(tools.PO_PATH.read_bytes())
    assert tools.mo_problems() == []


def test_check_command_passes():
    result = subprocess.run(
        [sys.executable, "-m", "simlab.i18n_tools", "check"],
        cwd=REPO, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_po_has_no_dates_and_no_line_numbers():
    text = tools.PO_PATH.read_text(encoding="utf-8")
    assert "Creation-Date" not in text and "Revision-Date" not in text
    assert not re.search(r"^#:.*:\d+", text, flags=re.MULTILINE)


@pytest.mark.skipif(sys.version_info[:2] != (3, 11), reason="ARGPARSE_MSGIDS come from Python 3.11")
def test_argparse_msgids_exist_in_this_pythons_argparse():
    source = Path(argparse.__file__).read_text(encoding="utf-8")
    for msgid in tools.ARGPARSE_MSGIDS:
        for text in msgid if isinstance(msgid, tuple) else (msgid,):
            assert repr(text) in source or repr(text).replace("\\n", "\\\\n") in source, text


# --------------------------------------------------------------------------- run time


def test_italian_and_english(restore_language):
    assert i18n.set_language("it") == "it"
    assert i18n._("file not found") == "file non trovato"
    assert i18n.ngettext("expected %s argument", "expected %s arguments", 1) == "serve %s valore"
    assert i18n.ngettext("expected %s argument", "expected %s arguments", 2) == "servono %s valori"
    assert i18n.set_language("en") == "en"
    assert i18n._("file not found") == "file not found"


def test_italian_is_the_default(restore_language):
    restore_language.delenv("SIMLAB_LANG", raising=False)
    assert i18n.set_language() == "it"
    assert i18n._("file not found") == "file non trovato"


def test_simlab_lang_selects_english(restore_language):
    restore_language.setenv("SIMLAB_LANG", "en")
    assert i18n.set_language() == "en"
    assert i18n._("file not found") == "file not found"


def test_argparse_speaks_italian_through_simlab_catalogue(restore_language):
    # What the CLI has to do: argparse looks its strings up through these two names.
    restore_language.setattr(argparse, "_", i18n._)
    restore_language.setattr(argparse, "ngettext", i18n.ngettext)
    i18n.set_language("it")
    parser = argparse.ArgumentParser(prog="simlab")
    parser.add_argument("--seed", type=int, required=True)
    assert parser.format_usage().startswith("uso: simlab")
    assert "mostra questo messaggio di aiuto ed esce" in parser.format_help()
    assert "opzioni:" in parser.format_help()


# --------------------------------------------------------------------------- the checker


GOOD = """\
msgid "file not found"
msgstr "file non trovato"

msgid "usage: "
msgstr "uso: "

msgid "%(prog)s: error: %(message)s\\n"
msgstr "%(prog)s: errore: %(message)s\\n"

msgid "«{value}» must be at most {limit}"
msgstr "«{value}» deve essere al massimo {limit}"

msgid "{what}: the shares sum to {total:.4f}, they must sum to 1"
msgstr "{what}: la somma delle quote è {total:.4f}, deve essere 1"

msgid "unknown placeholder {{{name}}}; allowed: {allowed}"
msgstr "segnaposto {{{name}}} sconosciuto; ammessi: {allowed}"

msgid "%s of %s at 80% load, 100%%"
msgstr "%s di %s all'80% di carico, 100%%"

msgid "{n} file"
msgid_plural "{n} files"
msgstr[0] "{n} file"
msgstr[1] "{n} file"
"""


def test_checker_accepts_a_good_catalogue():
    assert tools.translation_problems(tools.parse_po(po(GOOD))) == []


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ('msgid "file not found"\nmsgstr ""\n', "untranslated"),
        ('#, fuzzy\nmsgid "file not found"\nmsgstr "file non trovato"\n', "fuzzy"),
        ('msgid "{n} file"\nmsgid_plural "{n} files"\nmsgstr[0] "{n} file"\nmsgstr[1] ""\n', "untranslated"),
        ('msgid "key «{key}»"\nmsgstr "chiave"\n', "placeholders"),
        ('msgid "key «{key}»"\nmsgstr "chiave «{chiave}»"\n', "placeholders"),
        ('msgid "{total:.4f} in all"\nmsgstr "{total:.2f} in tutto"\n', "placeholders"),
        ('msgid "unrecognized arguments: %s"\nmsgstr "argomenti non riconosciuti"\n', "placeholders"),
        ('msgid "%s of %s"\nmsgstr "%s di %s di %s"\n', "placeholders"),
        ('msgid "invalid %(type)s value"\nmsgstr "valore %(tipo)s non valido"\n', "placeholders"),
        ('msgid "invalid %(type)s value"\nmsgstr "valore %(type)d non valido"\n', "placeholders"),
        ('msgid "{n} file"\nmsgid_plural "{n} files"\nmsgstr[0] "un file"\nmsgstr[1] "{n} file"\n', "placeholders"),
        ('msgid "{n} file"\nmsgid_plural "{n} files"\nmsgstr[0] "{n} file"\nmsgstr[1] "tanti file"\n', "placeholders"),
        ('msgid "usage: "\nmsgstr "uso:"\n', "spaces/newlines"),
        ('msgid "%(prog)s: error: %(message)s\\n"\nmsgstr "%(prog)s: errore: %(message)s"\n', "spaces/newlines"),
    ],
)
def test_checker_reports_a_bad_entry(entry, problem):
    problems = tools.translation_problems(tools.parse_po(po(entry)))
    assert len(problems) == 1 and problem in problems[0], problems


def test_checker_reports_a_bad_po_file(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "mod.py").write_text('from simlab.i18n import _\n_("file not found")\n')
    po_path, mo_path = tmp_path / "it.po", tmp_path / "it.mo"
    po_path.write_bytes(po('msgid "file not found"\nmsgstr ""\n'))
    mo_path.write_bytes(tools.compile_mo(po_path.read_bytes()))
    problems = tools.check(po_path, mo_path, package)
    assert any("'file not found': untranslated" in p for p in problems)
    assert any("missing msgid 'usage: '" in p for p in problems)  # the library msgids


# --------------------------------------------------------------------------- update


def test_update_keeps_translations_adds_untranslated_drops_obsolete(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    source = package / "mod.py"
    source.write_text(
        "from simlab.i18n import _, ngettext\n"
        '_("file not found")\n'
        '_("old message")\n'
        'ngettext("{n} file", "{n} files", 2)\n'
    )
    po_path, mo_path = tmp_path / "it.po", tmp_path / "it.mo"
    tools.update(po_path, mo_path, package)
    first = tools.parse_po(po_path.read_bytes())
    assert first.get("file not found").string == "" and not first.get("file not found").fuzzy
    assert first.get("{n} file").string == ("", "")
    assert first.get("usage: ") is not None and first.get("usage: ").locations == []
    assert tools.po_problems(po_path, package) == [] and tools.mo_problems(po_path, mo_path) == []

    # A translator fills two entries (one with a note), the code changes.
    first.get("file not found").string = "file non trovato"
    first.get("file not found").user_comments = ["a note"]
    first.get("{n} file").string = ("{n} file", "{n} file")
    po_path.write_bytes(tools.render_po(first))
    source.write_text(
        "from simlab.i18n import _, ngettext\n"
        '_("file not found")\n'
        '_("file not found")\n'
        '_("the file is empty")\n'
        'ngettext("{n} file", "{n} files", 2)\n'
    )
    problems = tools.po_problems(po_path, package)
    assert "it.po: missing msgid 'the file is empty'" in problems
    assert "it.po: obsolete msgid 'old message'" in problems
    assert tools.mo_problems(po_path, mo_path) == ["it.mo: differs from a fresh compile of it.po"]

    tools.update(po_path, mo_path, package)
    second = tools.parse_po(po_path.read_bytes())
    assert second.get("file not found").string == "file non trovato"
    assert second.get("file not found").user_comments == ["a note"]
    assert second.get("file not found").locations == [("pkg/mod.py", None)]
    assert second.get("{n} file").string == ("{n} file", "{n} file")
    new = second.get("the file is empty")
    assert new.string == "" and not new.fuzzy  # never a guessed translation
    assert second.get("old message") is None and not second.obsolete
    assert "old message" not in po_path.read_text(encoding="utf-8")
    assert tools.po_problems(po_path, package) == [] and tools.mo_problems(po_path, mo_path) == []

    # Running it again changes nothing, byte for byte.
    po_bytes, mo_bytes = po_path.read_bytes(), mo_path.read_bytes()
    tools.update(po_path, mo_path, package)
    assert po_path.read_bytes() == po_bytes and mo_path.read_bytes() == mo_bytes


def test_po_in_another_order_is_out_of_date(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "mod.py").write_text('from simlab.i18n import _\n_("b")\n_("a")\n')
    po_path, mo_path = tmp_path / "it.po", tmp_path / "it.mo"
    tools.update(po_path, mo_path, package)
    text = po_path.read_text(encoding="utf-8")
    assert text.index('msgid "a"') < text.index('msgid "b"')
    swapped = text.replace('msgid "a"', 'msgid "TMP"').replace('msgid "b"', 'msgid "a"')
    po_path.write_text(swapped.replace('msgid "TMP"', 'msgid "b"'), encoding="utf-8")
    assert tools.po_problems(po_path, package) == [
        "it.po: not in the form `update` writes (order, locations or layout)"
    ]
