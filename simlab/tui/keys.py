"""Key bindings whose descriptions follow the user's language.

Textual reads `BINDINGS` once, when a class is defined, so a translated description
there would be frozen in the language of the first import. Our screens and the app
declare their keys in a `keys()` classmethod instead, which calls `_()` each time, and
`install()` adds them to the node when it is created. The Help screen lists the same
`keys()`, so the footer, the help and the code cannot disagree.
"""

from __future__ import annotations

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from simlab.i18n import _


def install(node: DOMNode, bindings: list[Binding], *, replace: bool = False) -> None:
    """Add `bindings` to `node` (or, with `replace`, use only them)."""
    ours = BindingsMap(bindings)
    node._bindings = ours if replace else BindingsMap.merge([node._bindings, ours])


class KeysMixin:
    """For Screens: `keys()` returns this screen's bindings, translated now."""

    @classmethod
    def keys(cls) -> list[Binding]:
        return []

    def _install_keys(self) -> None:
        install(self, self.keys())  # type: ignore[arg-type]


def translate_textual_bindings() -> None:
    """Textual's own widgets that put a key in the footer, with the description in the
    user's language. Their bindings are class-level, merged when the class is created, so
    they are merged again here (textual is pinned; a test checks the footer)."""
    from textual.widgets._select import SelectOverlay

    SelectOverlay.BINDINGS = [Binding("escape", "dismiss", _("Dismiss menu"))]
    SelectOverlay._merged_bindings = SelectOverlay._merge_bindings()
