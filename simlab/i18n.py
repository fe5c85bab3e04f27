"""gettext for simlab: English msgids, Italian first.

The language is chosen once per process: `--lang`, else `SIMLAB_LANG`, else Italian.
`_()` looks the current catalogue up at call time, so strings built after
`set_language()` follow it.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "simlab"
LANGUAGES = ("it", "en")
DEFAULT_LANGUAGE = "it"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def set_language(lang: str | None = None) -> str:
    """Activate `lang` (or the environment's, or Italian); return the one chosen."""
    global _translation, _language
    lang = (lang or os.environ.get("SIMLAB_LANG") or DEFAULT_LANGUAGE).lower()[:2]
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    if lang == "en":
        _translation = gettext.NullTranslations()
    else:
        _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)
    _language = lang
    return lang


def language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a msgid kept as data (a table of labels); `_()` translates it where shown."""
    return message


def decimal(x: float, digits: int) -> str:
    """A number for a message, with the decimal comma in Italian (the core cannot use
    Babel's formatting, which belongs to the display layers)."""
    text = f"{x:.{digits}f}"
    return text.replace(".", ",") if _language == "it" else text


def pick(text: dict[str, str] | str | None) -> str:
    """The user's language from a content text `{it: …, en: …}` (Italian as fallback)."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.get(_language) or text.get("it") or next(iter(text.values()), "")


set_language()


def install_argparse() -> None:
    """argparse looks its own strings ("usage: ", "options", its errors) up through
    `argparse._` and `argparse.ngettext`; point them at our catalogue."""
    import argparse

    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
