"""Can this workspace be written? Asked once, when it is opened.

A read-only `simlab.db`, `runs/` folder or workspace folder (a USB stick locked, a shared
folder, files copied from a CD) would otherwise let a run simulate for minutes and then
lose it. Checking the permission bits is not enough (root ignores them, network file
systems lie), so each place is probed by really opening it for writing. `SIMLAB_READ_ONLY`
(or `Workspace.open(read_only=True)`) opens a workspace read-only on purpose: to browse an
examiner's copy without touching it, and in the tests, which run as root.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from simlab.errors import os_error_text
from simlab.i18n import _
from simlab.store.paths import db_path, runs_path

ENV_READ_ONLY = "SIMLAB_READ_ONLY"


def forced_read_only() -> bool:
    return os.environ.get(ENV_READ_ONLY, "").strip().lower() in ("1", "yes", "true", "si", "sì")


def _probe_folder(folder: Path) -> OSError | None:
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=".simlab-probe-")
    except OSError as exc:
        return exc
    os.close(fd)
    try:
        os.unlink(name)
    except OSError as exc:
        return exc
    return None


def _probe_file(path: Path) -> OSError | None:
    try:
        with open(path, "r+b"):
            pass
    except OSError as exc:
        return exc
    return None


def read_only_reason(root: Path) -> str | None:
    """Why the existing workspace at `root` cannot be written (None: it can)."""
    if forced_read_only():
        return _("it was opened read-only on purpose ({var})").format(var=ENV_READ_ONLY)
    probes = [
        (_probe_folder, root, _("the workspace folder cannot be written ({error})")),
        (_probe_file, db_path(root), _("the database simlab.db cannot be written ({error})")),
    ]
    if runs_path(root).is_dir():
        probes.append((_probe_folder, runs_path(root),
                       _("the folder runs/ cannot be written ({error})")))
    for probe, path, message in probes:
        exc = probe(path)
        if exc is not None:
            return message.format(error=os_error_text(exc))
    return None
