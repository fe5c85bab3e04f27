"""The whole course (issue 13): the catalogue covers the standard in the lab's hours.

At least 24 exercises; every one of the standard's 23 abilities practised by an exercise
with automatic checks; one cross-unit final project; 60 to 75 hours of estimated work
(the laboratory hours of the qualification)."""

from __future__ import annotations

import json
import subprocess
import sys

from simlab.curriculum.standard import abilities_of


def _catalogue() -> list[dict]:
    out = subprocess.run([sys.executable, "-m", "simlab", "exercises", "list", "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_the_course_covers_the_standard_in_the_lab_hours():
    exercises = _catalogue()
    assert len(exercises) >= 24
    standard = {a.id for unit in ("UF1", "UF2", "UF3") for a in abilities_of(unit)}
    assert len(standard) == 23
    checked = {a for e in exercises if e["checks"] > 0 for a in e["abilities"]}
    assert standard <= checked, sorted(standard - checked)
    cross = [e for e in exercises if e["unit"] == "ALL"]
    assert len(cross) == 1
    hours = sum(e["minutes"] for e in exercises) / 60
    assert 60 <= hours <= 75, hours


def test_every_ability_is_practised_by_an_automatic_check():
    """Stronger than the listing: the checks themselves carry every ability of the
    standard, and each ability an exercise claims has a check of that exercise."""
    from simlab.lab import exercises as lab

    standard = {a.id for unit in ("UF1", "UF2", "UF3") for a in abilities_of(unit)}
    by_checks: set[str] = set()
    for ex in lab.catalogue():
        checked = {a for c in ex.checks for a in c.abilities}
        assert set(ex.abilities) <= checked, (ex.id, sorted(set(ex.abilities) - checked))
        by_checks |= checked
    assert standard <= by_checks, sorted(standard - by_checks)
