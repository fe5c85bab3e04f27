"""«Save elsewhere»: a finished run's files in a folder outside the workspace, when the
workspace cannot keep it (read-only, or saving failed). The files are those of `simlab run
--out DIR`, through the same function (`runner.write_to_folder`): a new or empty folder,
each file atomic, run.json last, nothing ever overwritten."""

from __future__ import annotations

from pathlib import Path

from simlab.lab import runner

BASE = Path("simlab-runs")


def suggest_folder(result: runner.RunResult, base: Path = BASE) -> Path:
    """A free folder name for the run, relative to the current folder:
    `simlab-runs/<scenario>-seed-<seed>` (then `-2`, `-3`… if it is taken)."""
    stem = f"{result.bundle.scenario.id}-seed-{result.seed}"
    candidate = base / stem
    n = 2
    while _taken(candidate):
        candidate = base / f"{stem}-{n}"
        n += 1
    return candidate


def _taken(folder: Path) -> bool:
    try:
        return folder.exists() and (not folder.is_dir() or any(folder.iterdir()))
    except OSError:
        return True


def check_folder(folder: Path) -> None:
    """Refuse (SimlabError) a folder that is not new or empty, before writing."""
    from simlab.store.runfiles import check_out_folder

    check_out_folder(Path(folder), key=None)


def save_elsewhere(result: runner.RunResult, folder: Path) -> Path:
    """Write the run files into `folder` (new or empty); return the folder."""
    folder = Path(folder).expanduser()
    runner.write_to_folder(result, folder, key=None)
    return folder
