"""Keep the Italian catalogue in step with the code (a developer tool, not used at run time).

    python -m simlab.i18n_tools update   # extract, merge into simlab.po, compile simlab.mo
    python -m simlab.i18n_tools check    # exit 1 and list the problems, else exit 0

Msgids come from every `_()` and `ngettext()` call in `simlab/**/*.py` (extracted
with Babel), plus the English strings of the libraries the user sees (argparse,
Textual), listed below. `update` keeps existing translations, adds new msgids with
an empty msgstr (never a guessed, fuzzy one) and drops msgids no longer in use.

The files are written deterministically, so that they only change when a message
does: no dates in the header, entries sorted by msgid, locations as `#: file`
without line numbers (so moving code does not touch the catalogue), no line wrapping.

A developer may leave a note for the translator with a comment that
starts `# TRANSLATORS:` on the line before the `_()` call.
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Iterable
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from simlab.i18n_checks import (  # noqa: F401 - re-exported for tests and callers
    MsgId,
    _key,
    _msgid_text,
    completeness_problems,
    placeholder_problems,
    placeholders,
    translation_problems,
)

PACKAGE_DIR = Path(__file__).resolve().parent
LOCALE = "it"
PO_PATH = PACKAGE_DIR / "locale" / LOCALE / "LC_MESSAGES" / "simlab.po"
MO_PATH = PO_PATH.with_suffix(".mo")

# `N_` marks a msgid kept as data and translated where it is shown (gettext convention).
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
COMMENT_TAGS = ("TRANSLATORS:",)


# The strings of Python 3.11's argparse that a user of the `simlab` command can see
# (its errors about the code that builds the parser are left out). argparse looks
# them up with `gettext.gettext`, bound at import as `argparse._` and
# `argparse.ngettext`: the CLI must point those at `simlab.i18n._` and
# `simlab.i18n.ngettext` before it builds the parser. "show program's version number
# and exit" is the default help of `action="version"`, which argparse does not pass
# through `_()`: give that action `help=_("show program's version number and exit")`.
ARGPARSE_MSGIDS: list[MsgId] = [
    "usage: ",
    "options",
    "positional arguments",
    "show this help message and exit",
    "show program's version number and exit",
    "the following arguments are required: %s",
    "one of the arguments %s is required",
    "unrecognized arguments: %s",
    "invalid choice: %(value)r (choose from %(choices)s)",
    "invalid %(type)s value: %(value)r",
    "argument %(argument_name)s: %(message)s",
    "%(prog)s: error: %(message)s\n",
    "expected one argument",
    "expected at most one argument",
    "expected at least one argument",
    ("expected %s argument", "expected %s arguments"),
    "not allowed with argument %s",
    "ignored explicit argument %r",
    "ambiguous option: %(option)s could match %(matches)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)",
    "can't open '%(filename)s': %(error)s",
]

# Textual's own English strings that reach the user (command palette, key bindings,
# notifications). The TUI translates them through `_()` at the place it shows them.
TEXTUAL_MSGIDS: list[MsgId] = []

LIBRARY_MSGIDS: dict[str, list[MsgId]] = {
    "argparse (Python standard library)": ARGPARSE_MSGIDS,
    "Textual": TEXTUAL_MSGIDS,
}

PO_HEADER = """\
# Italian translations of simlab: English msgids, Italian msgstrs.
# Written by `python -m simlab.i18n_tools update`: translate the empty msgstr
# lines, then run it again to compile simlab.mo. Keep every {placeholder} and
# %-placeholder, and any space or newline at the start or end of the msgid.
#
msgid ""
msgstr ""
"Project-Id-Version: simlab\\n"
"Language: it\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: {plural_forms}\\n"

"""

# GNU gettext's two Italian forms (one, other), as in PO_HEADER; Babel would follow
# CLDR and add a third form for round millions ("un milione di").
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"

# Babel puts the creation date into the .mo header; a fixed one keeps it reproducible.
_FIXED_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


# --------------------------------------------------------------------------- extraction


def new_catalog() -> Catalog:
    catalog = Catalog(locale=LOCALE, fuzzy=False)
    catalog.mime_headers = [("Plural-Forms", PLURAL_FORMS)]
    return catalog


def extract(package_dir: Path = PACKAGE_DIR) -> Catalog:
    """A template catalogue: every msgid of the code and of the listed libraries."""
    template = new_catalog()
    prefix = package_dir.name
    for filename, _lineno, msgid, comments, _context in extract_from_dir(
        package_dir,
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    ):
        if not _nonempty(msgid):
            continue  # `_("")` would shadow the catalogue's header
        template.add(
            msgid,
            locations=[(f"{prefix}/{Path(filename).as_posix()}", None)],
            auto_comments=comments,
        )
    for origin, msgids in LIBRARY_MSGIDS.items():
        for msgid in msgids:
            template.add(msgid, auto_comments=[f"from {origin}"])
    return template


def _nonempty(msgid: MsgId) -> bool:
    return all(msgid) if isinstance(msgid, tuple) else bool(msgid)


# --------------------------------------------------------------------------- merging


def merge(template: Catalog, existing: Catalog | None) -> Catalog:
    """The template's msgids with the translations of `existing` where the msgid is the same.

    New msgids stay untranslated (no fuzzy matching), an entry that was fuzzy stays fuzzy,
    msgids no longer in the template are dropped.
    """
    merged = new_catalog()
    for message in template:
        if not message.id:
            continue
        old = existing.get(message.id) if existing is not None else None
        if old is not None and old.id == message.id:
            string = old.string
            flags = ["fuzzy"] if old.fuzzy else []
            user_comments = list(old.user_comments)
        else:
            string = ("",) * merged.num_plurals if message.pluralizable else ""
            flags = []
            user_comments = []
        merged.add(
            message.id,
            string,
            locations=sorted(set(message.locations)),
            flags=flags,
            auto_comments=_unique(message.auto_comments),
            user_comments=user_comments,
        )
    return merged


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


# --------------------------------------------------------------------------- files


def render_po(catalog: Catalog) -> bytes:
    buf = BytesIO()
    write_po(
        buf,
        catalog,
        width=0,
        omit_header=True,
        sort_output=True,
        ignore_obsolete=True,
        include_lineno=False,
    )
    header = PO_HEADER.replace("{plural_forms}", PLURAL_FORMS)
    return header.encode("utf-8") + buf.getvalue()


def parse_po(data: bytes) -> Catalog:
    return read_po(BytesIO(data), locale=LOCALE)


def compile_mo(po_data: bytes) -> bytes:
    """The .mo for a .po, byte for byte the same on every run (fuzzy entries left out)."""
    catalog = parse_po(po_data)
    catalog.creation_date = _FIXED_DATE
    catalog.revision_date = _FIXED_DATE
    buf = BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def updated_po(po_path: Path = PO_PATH, package_dir: Path = PACKAGE_DIR) -> bytes:
    """What `update` would write to `po_path`."""
    existing = parse_po(po_path.read_bytes()) if po_path.exists() else None
    return render_po(merge(extract(package_dir), existing))


def update(po_path: Path = PO_PATH, mo_path: Path = MO_PATH, package_dir: Path = PACKAGE_DIR) -> Catalog:
    po_data = updated_po(po_path, package_dir)
    po_path.parent.mkdir(parents=True, exist_ok=True)
    _write_if_changed(po_path, po_data)
    _write_if_changed(mo_path, compile_mo(po_data))
    return parse_po(po_data)


def _write_if_changed(path: Path, data: bytes) -> None:
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


# --------------------------------------------------------------------------- checks


def po_problems(po_path: Path = PO_PATH, package_dir: Path = PACKAGE_DIR) -> list[str]:
    """How the .po differs from what `update` would write; empty when it is up to date."""
    if not po_path.exists():
        return [f"{po_path.name}: missing"]
    po_data = po_path.read_bytes()
    try:
        current = parse_po(po_data)
    except Exception as e:  # a broken .po is a problem to report, not a crash
        return [f"{po_path.name}: cannot be read: {e}"]
    template = extract(package_dir)
    wanted = {_key(m.id): m.id for m in template if m.id}
    have = {_key(m.id): m.id for m in current if m.id}
    problems: list[str] = []
    for key in sorted(wanted.keys() - have.keys()):
        problems.append(f"{po_path.name}: missing msgid {_msgid_text(key)}")
    for key in sorted(have.keys() - wanted.keys()):
        problems.append(f"{po_path.name}: obsolete msgid {_msgid_text(key)}")
    for key in sorted(wanted.keys() & have.keys()):
        if wanted[key] != have[key]:
            problems.append(f"{po_path.name}: singular/plural msgid changed for {_msgid_text(key)}")
    if current.obsolete:
        problems.append(f"{po_path.name}: has obsolete (#~) entries")
    if not problems and render_po(merge(template, current)) != po_data:
        problems.append(f"{po_path.name}: not in the form `update` writes (order, locations or layout)")
    return problems


def mo_problems(po_path: Path = PO_PATH, mo_path: Path = MO_PATH) -> list[str]:
    """Whether the .mo is byte for byte a fresh compile of the .po."""
    if not mo_path.exists():
        return [f"{mo_path.name}: missing"]
    try:
        fresh = compile_mo(po_path.read_bytes())
    except Exception as e:
        return [f"{mo_path.name}: cannot compile {po_path.name}: {e}"]
    if mo_path.read_bytes() != fresh:
        return [f"{mo_path.name}: differs from a fresh compile of {po_path.name}"]
    return []


# `%s`, `%(name)s`, `%.1f`, `%r`…; not `%%`, and no space flag so that "80% di" is text.
def check(po_path: Path = PO_PATH, mo_path: Path = MO_PATH, package_dir: Path = PACKAGE_DIR) -> list[str]:
    """Everything `check` reports: translations, the .po against the code, the .mo."""
    problems = po_problems(po_path, package_dir)
    if po_path.exists():
        try:
            problems = translation_problems(parse_po(po_path.read_bytes())) + problems
        except Exception:
            pass  # reported by po_problems
    problems += mo_problems(po_path, mo_path)
    if problems:
        problems.append("translate the empty msgstrs, then run `python -m simlab.i18n_tools update`")
    return problems


# --------------------------------------------------------------------------- command


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args not in (["update"], ["check"]):
        print("usage: python -m simlab.i18n_tools {update|check}", file=sys.stderr)
        return 2
    if args == ["update"]:
        catalog = update()
        todo = translation_problems(catalog)
        entries = sum(1 for m in catalog if m.id)
        print(f"{PO_PATH.relative_to(PACKAGE_DIR.parent)}: {entries} entries, {len(todo)} problem(s)")
        for problem in todo:
            print("  " + problem)
        return 0
    problems = check()
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
