"""Give freed memory back to the system after a large, short-lived working set.

A world of a million contacts is built through some 170 MB of temporary arrays. glibc
keeps what they freed inside its heap (it raises its threshold for mapping large blocks
on their own after the first one is freed), so the process would stay ~50 MB above what
it holds for the rest of the run. `malloc_trim` returns those pages in a few
milliseconds. Elsewhere (macOS, Windows, musl) there is no such call and nothing to do."""

from __future__ import annotations

_trim = None


def release_freed() -> None:
    """Return the C heap's free pages to the system (glibc), or do nothing."""
    global _trim
    if _trim is None:
        _trim = _find_trim()
    if _trim is not False:
        _trim(0)


def _find_trim():
    try:
        import ctypes

        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):  # not glibc, or no C library by that name
        return False
