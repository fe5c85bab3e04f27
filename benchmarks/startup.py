"""How long `simlab` takes from the command to the first screen (target: under 0.5 s).

The lab is started as a user starts it, `simlab --workspace DIR`, in a pseudo-terminal
of 120×40; the clock stops when the Home screen's title reaches the terminal. Then
Ctrl+Q quits it. The bare interpreter's start (`python -c pass`) is measured the same
way, as the floor nothing can go below on this machine.

    .venv/bin/python benchmarks/startup.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

from _harness import machine_load, revision

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TARGET_S = 0.5
MARKER = b"Laboratorio di customer care"  # the title bar of Home


def first_screen(command: list[str], env: dict[str, str], marker: bytes | None,
                 timeout: float = 20.0) -> float:
    """Seconds from spawning `command` in a 120×40 pty to `marker` on its output (to
    its exit when `marker` is None)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env,
                            close_fds=True, start_new_session=True)
    os.close(slave)
    seen = b""
    elapsed = None
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([master], [], [], 0.01)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    chunk = b""
                seen += chunk
                if marker is not None and marker in seen:
                    elapsed = time.perf_counter() - start
                    os.write(master, b"\x11")  # Ctrl+Q
                    break
                if not chunk:
                    break
            if marker is None and proc.poll() is not None:
                elapsed = time.perf_counter() - start
                break
        if marker is None and elapsed is None:
            proc.wait(timeout)
            elapsed = time.perf_counter() - start
        if elapsed is None:
            raise RuntimeError(f"no first screen within {timeout} s; output: {seen[-500:]!r}")
        _drain(master, proc)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    return elapsed


def _drain(master: int, proc: subprocess.Popen, timeout: float = 10.0) -> None:
    """Read until the app has quit (it must not block on a full pty)."""
    end = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < end:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                os.read(master, 65536)
            except OSError:
                break
    proc.wait(timeout=5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from simlab.store.workspace import Workspace

    print(revision())
    print(machine_load())
    with tempfile.TemporaryDirectory(prefix="simlab-startup-") as tmp:
        workspace = Path(tmp) / "ws"
        with Workspace.open(workspace) as ws:
            ws.set_current_person(ws.add_person("Misura Avvio", "trainee"))
        env = dict(os.environ, TERM="xterm-256color", SIMLAB_LANG="it", COLUMNS="120",
                   LINES="40")
        env.pop("SIMLAB_WORKSPACE", None)
        floor = [first_screen([sys.executable, "-c", "pass"], env, None)
                 for _ in range(args.repeat)]
        app = [first_screen([str(BIN / "simlab"), "--workspace", str(workspace)], env, MARKER)
               for _ in range(args.repeat)]
    print(f"python -c pass:           best {min(floor):.3f} s, median "
          f"{statistics.median(floor):.3f} s")
    print(f"simlab to first screen:   best {min(app):.3f} s, median "
          f"{statistics.median(app):.3f} s   (runs: {', '.join(f'{t:.3f}' for t in app)})")
    verdict = "PASS" if min(app) < TARGET_S else "FAIL"
    print(f"VERDICT {verdict} startup to first screen {min(app):.3f} s (target < {TARGET_S} s)")


if __name__ == "__main__":
    main()
