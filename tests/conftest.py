"""Shared fixtures: tests run in Italian unless they switch, and small worlds are cached."""

from __future__ import annotations

import functools

import pytest

from simlab import i18n, runner


@pytest.fixture(autouse=True)
def _italian():
    i18n.set_language("it")
    yield
    i18n.set_language("it")


@functools.cache
def bundle(name: str = "energia-base") -> runner.Bundle:
    return runner.load_bundle(name)
