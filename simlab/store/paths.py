"""Where the workspace lives, and the names of the things inside it.

The folder comes from the caller (`--workspace DIR`), else `SIMLAB_WORKSPACE`, else
`./simlab-workspace/`. The layout names live here so that no other module spells them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

ENV_VAR = "SIMLAB_WORKSPACE"
DEFAULT_DIRNAME = "simlab-workspace"
DB_NAME = "simlab.db"
RUNS_DIRNAME = "runs"
LOCKS_DIRNAME = ".locks"  # under runs/: one lock file per run being written
INTERRUPTED_DIRNAME = ".interrupted"  # under runs/: partial files of crashed runs
BACKUPS_DIRNAME = "backups"  # copies of the database taken before a migration
RUN_JSON = "run.json"  # in a run folder: inputs, summary and the hashes of the other files
TMP_PREFIX = ".tmp-"  # under runs/: a run being written is runs/.tmp-<id>-<random>/

# Files an operating system drops into any folder; they do not make it "used".
IGNORABLE_NAMES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})


def resolve_workspace(
    path: str | os.PathLike[str] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Path:
    """The absolute workspace folder: `path`, else `$SIMLAB_WORKSPACE`, else the default."""
    env = os.environ if environ is None else environ
    base = Path.cwd() if cwd is None else cwd
    if path is not None and str(path) != "":
        chosen = Path(path)
    elif env.get(ENV_VAR):
        chosen = Path(env[ENV_VAR])
    else:
        chosen = Path(DEFAULT_DIRNAME)
    chosen = chosen.expanduser()
    # Absolute but not resolved: a symlinked workspace keeps the name the user gave.
    return chosen if chosen.is_absolute() else base / chosen


def suggest_new_location(path: Path) -> Path:
    """A sibling folder that does not exist yet, to offer when `path` cannot be used."""
    parent = path.parent
    stem = path.name or DEFAULT_DIRNAME
    for n in range(2, 1000):
        candidate = parent / f"{stem}-{n}"
        if not candidate.exists():
            return candidate
    return parent / f"{stem}-new"


def db_path(root: Path) -> Path:
    return root / DB_NAME


def runs_path(root: Path) -> Path:
    return root / RUNS_DIRNAME
