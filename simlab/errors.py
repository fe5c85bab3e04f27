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
        if self.key and self.key.startswith("--"):  # a command-line option, not a YAML key
            parts.append(_("option «{key}»").format(key=self.key))
        elif self.key:
            parts.append(_("key «{key}»").format(key=self.key))
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message


def os_error_text(error: OSError) -> str:
    """What the operating system said, in the user's language (its own text is English)."""
    import errno

    texts = {
        errno.ENOENT: _("it does not exist"),
        errno.EACCES: _("permission denied"),
        errno.EPERM: _("operation not permitted"),
        errno.EROFS: _("the disk is read-only"),
        errno.ENOSPC: _("the disk is full"),
        errno.ENAMETOOLONG: _("the name is too long"),
        errno.EEXIST: _("it already exists"),
        errno.ENOTDIR: _("a part of the path is not a folder"),
        errno.EISDIR: _("it is a folder"),
        errno.ENOTEMPTY: _("the folder is not empty"),
        errno.EBUSY: _("it is in use"),
        errno.EIO: _("input/output error of the disk"),
        errno.ELOOP: _("too many symbolic links"),
        errno.EDQUOT: _("the disk quota is exhausted"),
        errno.EINVAL: _("invalid name or argument"),
    }
    return texts.get(error.errno or -1, _("system error {code}").format(code=error.errno))


def from_os_error(error: OSError) -> SimlabError:
    """A `SimlabError` for an operating-system failure on a user's path."""
    return SimlabError(_("cannot use this path: {error}").format(error=os_error_text(error)),
                       file=error.filename)
