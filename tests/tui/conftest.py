"""Fixtures for the lab app tests: a fresh workspace per test, the app without its
background imports, and helpers to drive it with Pilot from plain (sync) tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from simlab.store.workspace import Workspace
from simlab.tui.app import LabApp


@pytest.fixture(autouse=True)
def _no_preload(monkeypatch):
    monkeypatch.setattr(LabApp, "PRELOAD", False)
    monkeypatch.delenv("SIMLAB_WORKSPACE", raising=False)


@pytest.fixture
def ws_path(tmp_path, monkeypatch) -> Path:
    """A workspace `./ws` (the current folder is the test's tmp_path, so screens show
    «./ws» whatever the machine) with one trainee chosen."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "ws"
    with Workspace.open(path) as ws:
        ws.set_current_person(ws.add_person("Anna Esposito", "trainee"))
    return path


@pytest.fixture
def empty_ws_path(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "ws"
    Workspace.open(path).close()
    return path
