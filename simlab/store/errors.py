"""The error raised when a folder cannot be used as a workspace.

A `WorkspaceError` is a `SimlabError`, so the CLI and the TUI show it like any user
mistake. `reason` tells them what to offer: for every reason the workspace was left
exactly as found, and `suggestion` names a folder where a new one can be created.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.store.paths import suggest_new_location

Reason = Literal["missing", "corrupt", "newer", "not_a_workspace"]
REASONS: tuple[Reason, ...] = ("missing", "corrupt", "newer", "not_a_workspace")


class WorkspaceError(SimlabError):
    """The workspace at `path` is missing, corrupt, newer than this simlab, or not one."""

    def __init__(
        self,
        message: str,
        *,
        reason: Reason,
        path: Path,
        suggestion: Path | None = None,
    ) -> None:
        if reason not in REASONS:  # a typo here would hide the right offer in the UI
            raise ValueError(f"unknown workspace error reason {reason!r}")
        super().__init__(message, file=path)
        self.reason: Reason = reason
        self.path = path
        self.suggestion = suggestion


# Messages for the reasons that several checks raise, built in one place.


def missing_error(root: Path) -> WorkspaceError:
    return WorkspaceError(
        _("There is no simlab workspace in {path}. You can create a new one there, "
          "or choose another folder.").format(path=root),
        reason="missing", path=root, suggestion=root,
    )


def corrupt_error(root: Path, path: Path, detail: str) -> WorkspaceError:
    suggestion = suggest_new_location(root)
    return WorkspaceError(
        _("The workspace database {file} is damaged ({detail}). It was left untouched: "
          "restore it from a backup, or create a new workspace elsewhere, for example "
          "{suggestion}.").format(file=path, detail=detail, suggestion=suggestion),
        reason="corrupt", path=root, suggestion=suggestion,
    )


def newer_error(root: Path, found: int, known: int) -> WorkspaceError:
    suggestion = suggest_new_location(root)
    return WorkspaceError(
        _("The workspace {path} was saved by a newer simlab (workspace version {found}; "
          "this simlab knows up to {known}). It was left untouched: update simlab, or "
          "create a new workspace elsewhere, for example {suggestion}.").format(
            path=root, found=found, known=known, suggestion=suggestion),
        reason="newer", path=root, suggestion=suggestion,
    )
