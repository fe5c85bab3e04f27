"""The cross-unit final project: filed under unit ALL, it must train abilities of the
three units (an ALL exercise that leaves one out is refused, naming the key), sorts
after the units' exercises, and shows as the cross-unit project."""

from __future__ import annotations

import pytest

from simlab.curriculum import exercise as ex
from simlab.curriculum import standard
from simlab.errors import SimlabError

PROJECT = ex.EXERCISES_DIR / "progetto-finale-telco.yaml"


def test_the_project_trains_every_unit_and_comes_last():
    project = ex.load_exercise(PROJECT)
    assert project.unit == "ALL"
    assert {a.split(".")[0] for a in project.abilities} == {"UF1", "UF2", "UF3"}
    assert ex.load_exercises()[-1].id == project.id
    assert standard.unit("ALL").label() == "Progetto trasversale alle tre UF"
    assert 480 <= project.minutes <= 720  # 8-12 hours for the whole case


def test_an_all_exercise_without_a_unit_is_refused(tmp_path):
    text = PROJECT.read_text(encoding="utf-8")
    no_uf2 = text.replace("UF2.A2, UF2.A3, UF2.A4, UF2.A7,\n            ", "")
    no_uf2 = no_uf2.replace("[UF2.A3, UF2.A4, UF2.A7, UF2.A2]", "[UF1.A5]")
    no_uf2 = no_uf2.replace("[UF2.A7]", "[UF1.A3]").replace("[UF2.A2]", "[UF1.A5]")
    no_uf2 = no_uf2.replace("[UF2.A2, UF2.A3, UF2.A7]", "[UF1.A5]")
    path = tmp_path / "progetto-finale-telco.yaml"
    path.write_text(no_uf2, encoding="utf-8")
    with pytest.raises(SimlabError, match="nessuna di UF2") as error:
        ex.load_exercise(path)
    assert "abilities" in str(error.value)
    # a unit's exercise still refuses another unit's ability
    path.write_text(text.replace("unit: ALL", "unit: UF1"), encoding="utf-8")
    with pytest.raises(SimlabError, match="non è dell'unità UF1|not of unit UF1"):
        ex.load_exercise(path)
