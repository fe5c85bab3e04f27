"""Atomic file writes and content hashes.

A file is written to a temporary name in the same folder, flushed to disk, then
renamed over the target with `os.replace` (atomic on POSIX and Windows), and the folder
itself is flushed so the rename survives a power cut. A reader therefore sees either
the old file or the new one, never half of each, and a crash leaves no partial file
under the real name.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO

_CHUNK = 1 << 20


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries (new names, renames) to disk."""
    if os.name == "nt":  # Windows cannot open a folder; NTFS journals renames itself
        return
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def fsync_tree(root: Path) -> None:
    """Flush every file and folder under `root` (before renaming it into place)."""
    for dirpath, _dirnames, filenames in os.walk(root):
        for name in filenames:
            fsync_file(Path(dirpath) / name)
        fsync_dir(Path(dirpath))


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves the old or the new file, whole."""
    write_stream_atomic(path, lambda f: f.write(data))


def write_stream_atomic(path: str | os.PathLike[str], fill: Callable[[BinaryIO], object]) -> None:
    """`write_bytes_atomic` for a writer that streams into the open file (`fill(f)`), so
    that a large file never needs all its bytes in memory at once."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    # O_EXCL: never reuse a stranger's file; mode 0o666 lets the umask decide, as open() does.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            fill(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    fsync_dir(target.parent)


def write_text_atomic(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """`write_bytes_atomic` for text; newlines are written as given (no translation)."""
    write_bytes_atomic(path, text.encode(encoding))


def file_sha256(path: str | os.PathLike[str]) -> str:
    """The sha256 hex digest of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def text_sha256(text: str) -> str:
    """The sha256 hex digest of a text's UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def tree_sha256(root: Path) -> dict[str, str]:
    """`{relative posix path: sha256}` for every file under `root`, sorted by path."""
    hashes = {}
    for dirpath, _dirnames, filenames in os.walk(root):
        for name in filenames:
            full = Path(dirpath) / name
            hashes[full.relative_to(root).as_posix()] = file_sha256(full)
    return dict(sorted(hashes.items()))
