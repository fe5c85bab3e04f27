"""What a crash leaves behind, found on open and reported by `Workspace.check()`.

Recovery only ever *moves* things: the partial files of a run whose process died go to
`runs/.interrupted/`, never to the bin. Anything it does not understand (a run folder
without a row, a stray temp folder) is reported and left where it is.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from simlab.i18n import _
from simlab.store.atomic import fsync_dir
from simlab.store.db import now, transaction
from simlab.store.integrity import verify_stored_run
from simlab.store.locks import FileLock
from simlab.store.paths import INTERRUPTED_DIRNAME, LOCKS_DIRNAME, TMP_PREFIX, runs_path
from simlab.store.runs import get_run, lock_path


def _move_aside(root: Path, run_id: str, tmp_name: str | None) -> list[Path]:
    """Move a dead run's folders to runs/.interrupted/; return where they went."""
    runs_dir = runs_path(root)
    # The temp folder, or runs/<id> if the process died between rename and COMMIT.
    sources = [runs_dir / name for name in (tmp_name, run_id) if name]
    sources = [s for s in sources if s.is_dir()]
    if not sources:
        return []
    aside = runs_dir / INTERRUPTED_DIRNAME
    aside.mkdir(exist_ok=True)
    moved = []
    for source in sources:
        target = aside / source.name.removeprefix(TMP_PREFIX)
        n = 2
        while target.exists():
            target = aside / f"{source.name.removeprefix(TMP_PREFIX)}-{n}"
            n += 1
        os.rename(source, target)
        moved.append(target)
    fsync_dir(aside)
    fsync_dir(runs_dir)
    return moved


def recover(conn: sqlite3.Connection, root: Path) -> list[str]:
    """Mark runs left `writing` by a dead process as `interrupted`; say what was done."""
    messages = []
    rows = conn.execute(
        "SELECT id, tmp_name FROM runs WHERE status = 'writing' ORDER BY seq").fetchall()
    for run_id, tmp_name in rows:
        lock = FileLock(lock_path(root, run_id))
        if not lock.try_acquire():
            continue  # its writer is alive (another window, or this process)
        try:
            with transaction(conn):
                # Re-read under the write lock: the writer may have finished meanwhile.
                row = conn.execute("SELECT status FROM runs WHERE id = ?", (run_id,)).fetchone()
                if row is None or row[0] != "writing":
                    continue
                moved = _move_aside(root, run_id, tmp_name)
                conn.execute(
                    "UPDATE runs SET status = 'interrupted', finished_at = ? WHERE id = ?",
                    (now(), run_id))
        finally:
            lock.release(unlink=True)
        if moved:
            where = ", ".join(p.relative_to(root).as_posix() for p in moved)
            messages.append(
                _("Run {id} was interrupted before it finished; its partial files were "
                  "moved to {path}.").format(id=run_id, path=where))
        else:
            messages.append(
                _("Run {id} was interrupted before it wrote any file.").format(id=run_id))
    return messages


def check(conn: sqlite3.Connection, root: Path, *, verify_files: bool = False) -> list[str]:
    """Problems found in the workspace (empty when healthy); changes nothing."""
    problems = []
    result = [r[0] for r in conn.execute("PRAGMA integrity_check(10)")]
    if result != ["ok"]:
        problems.append(
            _("The database reports damage: {detail}").format(detail="; ".join(result)))
    if conn.execute("PRAGMA foreign_key_check").fetchone():
        problems.append(_("The database holds records that point to missing people or runs."))
    runs = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT id, status, tmp_name FROM runs")}
    files: dict[str, dict[str, str]] = {}
    for run_id, name, digest in conn.execute("SELECT run_id, name, sha256 FROM run_files"):
        files.setdefault(run_id, {})[name] = digest
    writing_tmp = {tmp for status, tmp in runs.values() if status == "writing" and tmp}
    runs_dir = runs_path(root)
    entries = sorted(p.name for p in runs_dir.iterdir()) if runs_dir.is_dir() else []
    for name in entries:
        if name in (LOCKS_DIRNAME, INTERRUPTED_DIRNAME):
            continue
        if name.startswith(TMP_PREFIX):
            if name not in writing_tmp:
                problems.append(
                    _("The temporary folder runs/{name} belongs to no run being written; "
                      "it was left untouched.").format(name=name))
        elif name not in runs and not name.startswith("."):
            problems.append(
                _("The folder runs/{name} has no record in the database; it was left "
                  "untouched.").format(name=name))
    for run_id, (status, _tmp) in sorted(runs.items()):
        if status == "writing":
            lock = FileLock(lock_path(root, run_id))
            if lock.try_acquire():
                lock.release()
                problems.append(
                    _("Run {id} is marked as being written but nobody is writing it; "
                      "reopen the workspace to recover it.").format(id=run_id))
            continue
        if status != "complete":
            continue
        folder = runs_dir / run_id
        if not folder.is_dir():
            problems.append(
                _("Run {id} is marked complete but its folder runs/{id} is missing.").format(
                    id=run_id))
            continue
        if verify_files:  # every hash, run.json's own and its summary against ours
            record = get_run(conn, run_id)
            problems += [_("Run {id}: {problem}.").format(id=run_id, problem=p)
                         for p in verify_stored_run(record, folder)]
            continue
        for name in sorted(files.get(run_id, {})):
            if not (folder / name).is_file():
                problems.append(
                    _("Run {id}: the file {name} is missing.").format(id=run_id, name=name))
    return problems
