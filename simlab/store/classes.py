"""The instructor's class, kept as files in the instructor's workspace:

    class/<member>.json          one trainee: name, where it came from, attempts, runs
    class/runs/<member>/<id>/    copies of that trainee's intact run folders

A member file is written atomically and last, after its run folders are in place, so a
crash during an import leaves the previous state of that trainee (and perhaps a spare
run copy, harmless: a run folder never changes once written). Run folders are copied to
a temporary name and renamed into place whole.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import unicodedata
from contextlib import suppress
from pathlib import Path
from typing import Any

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.store.atomic import fsync_tree, tree_sha256, write_text_atomic
from simlab.store.paths import TMP_PREFIX

CLASS_DIRNAME = "class"
MEMBER_SUFFIX = ".json"
FORMAT = 1  # of a member file


def class_path(root: Path) -> Path:
    return Path(root) / CLASS_DIRNAME


def member_key(name: str) -> str:
    """A file name for a trainee's name: lowercase ASCII letters, digits and dashes
    ("Anna Esposito" → "anna-esposito"), so the same person re-imported replaces
    their previous import."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    key = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60]
    return key or "corsista"


def _member_file(root: Path, key: str) -> Path:
    return class_path(root) / f"{key}{MEMBER_SUFFIX}"


def member_runs_path(root: Path, key: str) -> Path:
    return class_path(root) / "runs" / key


def copy_run(root: Path, key: str, run_id: str, source: Path,
             hashes: dict[str, str]) -> Path:
    """Copy a verified run folder into the class (once: an existing copy with the same
    files is kept). Returns the copy's folder."""
    target = member_runs_path(root, key) / run_id
    if target.is_dir() and tree_sha256(target) == dict(sorted(hashes.items())):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{TMP_PREFIX}{run_id}-{secrets.token_hex(4)}")
    try:
        shutil.copytree(source, tmp)
        if tree_sha256(tmp) != dict(sorted(hashes.items())):
            raise SimlabError(_("the files of run {id} changed while they were copied").format(
                id=run_id), file=source)
        fsync_tree(tmp)
        if target.exists():  # an older, different copy: replaced by the verified one
            shutil.rmtree(target)
        tmp.rename(target)
    finally:
        with suppress(FileNotFoundError):
            shutil.rmtree(tmp)
    return target


def write_member(root: Path, key: str, data: dict[str, Any]) -> Path:
    """Write (or replace) one trainee's member file, atomically."""
    class_path(root).mkdir(exist_ok=True)
    path = _member_file(root, key)
    body = {"format": FORMAT, "key": key, **data}
    write_text_atomic(path, json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True))
    return path


def members(root: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """Every member of the class, by key, and the problems of unreadable member files."""
    folder = class_path(root)
    found, problems = [], []
    if not folder.is_dir():
        return [], []
    for path in sorted(folder.glob(f"*{MEMBER_SUFFIX}")):
        if path.name.startswith("."):
            continue  # a temporary file of an atomic write
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            problems.append(_("the file {name} is damaged").format(name=f"class/{path.name}"))
            continue
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            problems.append(_("the file {name} is damaged").format(name=f"class/{path.name}"))
            continue
        found.append(data)
    return found, problems


def remove_member(root: Path, key: str) -> None:
    with suppress(FileNotFoundError):
        _member_file(root, key).unlink()
    with suppress(FileNotFoundError):
        shutil.rmtree(member_runs_path(root, key))
