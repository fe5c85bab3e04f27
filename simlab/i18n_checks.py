"""Checks of the Italian catalogue: every entry translated, none fuzzy, and the same
placeholders (and leading/trailing white space) in each translation as in its msgid.
Used by `i18n_tools check` and by tests/test_i18n.py."""

from __future__ import annotations

import re
import string

from babel.messages.catalog import Catalog, Message

MsgId = str | tuple[str, str]


def _key(msgid: MsgId) -> str:
    return msgid[0] if isinstance(msgid, tuple) else msgid


def _msgid_text(msgid: MsgId) -> str:
    return repr(_key(msgid))


_PERCENT = re.compile(r"%(?:\((?P<name>[^)]*)\))?[#0+-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa]")
_BRACE = re.compile(r"\{[^{}]*\}")  # fallback for texts that are not format strings


def placeholders(text: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The named placeholders of `text` (a set) and the positional ones (in order).

    `%(name)s` and `{name}` (with any conversion and format spec) are named; `%s`,
    `%d`, `{}` and `{0}` are positional, so their number and order count.
    """
    named: set[str] = set()
    positional: list[str] = []
    for match in _PERCENT.finditer(text.replace("%%", "")):
        if match.group("name") is not None:
            named.add(match.group())
        else:
            positional.append(match.group())
    try:
        fields = [
            (name, "{" + name + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}")
            for _literal, name, spec, conv in string.Formatter().parse(text)
            if name is not None
        ]
    except ValueError:  # lone braces: not a format string, compare the brace groups
        fields = [(m.group()[1:-1], m.group()) for m in _BRACE.finditer(text)]
    for name, token in fields:
        head = re.split(r"[.\[]", name, maxsplit=1)[0]
        if head == "" or head.isdigit():
            positional.append(token)
        else:
            named.add(token)
    return frozenset(named), tuple(positional)


def _edges(text: str) -> tuple[str, str]:
    return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]


def _forms(message: Message, num_plurals: int) -> list[tuple[str, str, str]]:
    """(msgid, msgstr, label) for each form of an entry: msgstr[0] goes with the
    singular msgid, the other forms with the plural one."""
    if not message.pluralizable:
        return [(message.id, message.string or "", "msgstr")]
    strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
    strings = tuple(strings) + ("",) * (num_plurals - len(strings))
    return [(message.id[min(i, 1)], s or "", f"msgstr[{i}]") for i, s in enumerate(strings)]


def _entries(catalog: Catalog) -> list[Message]:
    return sorted((m for m in catalog if m.id), key=lambda m: _key(m.id))


def completeness_problems(catalog: Catalog) -> list[str]:
    """Entries with an empty msgstr (or plural form), and fuzzy entries."""
    problems: list[str] = []
    for message in _entries(catalog):
        name = _msgid_text(message.id)
        empty = [label for _, msgstr, label in _forms(message, catalog.num_plurals) if not msgstr]
        if empty:
            problems.append(f"{name}: untranslated ({', '.join(empty)} empty)")
        if message.fuzzy:
            problems.append(f"{name}: fuzzy (check the translation, then remove the fuzzy flag)")
    return problems


def placeholder_problems(catalog: Catalog) -> list[str]:
    """Translations whose placeholders, or leading/trailing spaces and newlines, differ
    from the msgid's (empty msgstrs are left to `completeness_problems`)."""
    problems: list[str] = []
    for message in _entries(catalog):
        name = _msgid_text(message.id)
        for msgid, msgstr, label in _forms(message, catalog.num_plurals):
            if not msgstr:
                continue
            if placeholders(msgid) != placeholders(msgstr):
                problems.append(f"{name}: the placeholders of {label} {msgstr!r} differ from the msgid's")
            if _edges(msgid) != _edges(msgstr):
                problems.append(
                    f"{name}: {label} {msgstr!r} must start and end with the same spaces/newlines as the msgid"
                )
    return problems


def translation_problems(catalog: Catalog) -> list[str]:
    return completeness_problems(catalog) + placeholder_problems(catalog)
