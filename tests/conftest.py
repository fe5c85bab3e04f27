"""Shared fixtures: tests run in Italian unless they switch, and small worlds are cached."""

from __future__ import annotations

import functools
import os
import time

import pytest
from hypothesis import settings

from simlab import i18n
from simlab.lab import runner

# Property tests draw the same examples on every run, so CI is repeatable; set
# SIMLAB_HYPOTHESIS_EXPLORE=1 to let hypothesis search new ones.
# No deadline: hypothesis's default (200 ms an example) is a timed assertion, and it fails
# on a loaded machine (CI runs the suite on two busy cores).
settings.register_profile("repeatable", derandomize=True, database=None, deadline=None)
settings.register_profile("explore", deadline=None)
settings.load_profile("explore" if os.environ.get("SIMLAB_HYPOTHESIS_EXPLORE") else "repeatable")

# The app shows when a run was saved in local time: one zone for every machine, so the
# snapshots are the same everywhere (the workers of pytest-xdist import this file too).
os.environ["TZ"] = "UTC"
time.tzset()


@pytest.fixture(autouse=True)
def _italian():
    i18n.set_language("it")
    yield
    i18n.set_language("it")


@functools.cache
def bundle(name: str = "energia-base") -> runner.Bundle:
    return runner.load_bundle(name)
