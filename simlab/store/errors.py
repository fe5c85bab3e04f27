"""The error raised when a folder cannot be used as a workspace.

A `WorkspaceError` is a `SimlabError`, so the CLI and the TUI show it like any user
mistake. `reason` tells them what to offer: for every reason the workspace was left
exactly as found, and `suggestion` names a folder where a new one can be created.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from simlab.errors import SimlabError

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
