"""The one exception type for user mistakes.

A `SimlabError` carries a message already in the user's language and, where known,
the place of the mistake. The CLI prints it in one or two lines and exits 2; the TUI
shows it in a notification. Anything else that escapes is a bug.
"""

from __future__ import annotations

from pathlib import Path

from simlab.i18n import _


class SimlabError(Exception):
    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        key: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.key = key

    def where(self) -> str:
        parts = []
        if self.file:
            parts.append(self.file if self.line is None else f"{self.file}:{self.line}")
        if self.key:
            parts.append(_("key «{key}»").format(key=self.key))
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message
