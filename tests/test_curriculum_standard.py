"""The standard as data: three units with their codes, 23 abilities and 26 knowledge
items, each text verbatim from the standard's own text file.

The standard's text is kept beside the repository (../shared/seed/), not in it; the
check against it skips, saying why, where that folder is absent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simlab.curriculum import standard
from simlab.errors import SimlabError

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "000_30f2edc55a11d8bc.txt"


def test_units_codes_and_counts():
    assert [(u.id, u.code) for u in standard.UNITS] == [
        ("UF1", "2365"), ("UF2", "2366"), ("UF3", "2368")]
    assert [len(standard.abilities_of(u.id)) for u in standard.UNITS] == [6, 9, 8]
    assert [len(standard.knowledge_of(u.id)) for u in standard.UNITS] == [7, 11, 8]
    assert len(standard.ABILITIES) == 23 and len(standard.KNOWLEDGE) == 26
    assert standard.ABILITIES[0].id == "UF1.A1" and standard.ABILITIES[-1].id == "UF3.A8"
    assert standard.KNOWLEDGE[6].id == "UF1.K7" and standard.KNOWLEDGE[7].id == "UF2.K1"


def test_lookup_by_id_and_unknown_ids_are_user_errors():
    assert standard.ability("UF3.A5").text.startswith("Applicare tecniche di monitoraggio")
    assert standard.knowledge("UF3.K2").text == "Elementi di statistica"
    with pytest.raises(SimlabError, match="UF9.A1"):
        standard.ability("UF9.A1")
    with pytest.raises(SimlabError, match="UF4"):
        standard.abilities_of("UF4")


def _field(text: str, name: str) -> list[str]:
    return [line.split("\t", 1)[1].strip() for line in text.splitlines()
            if line.startswith(name + "\t")]


@pytest.mark.skipif(not SEED.is_file(), reason=f"the standard's text is not at {SEED}")
def test_every_text_is_verbatim_from_the_standard_in_its_order():
    seed = SEED.read_text(encoding="utf-8")
    assert "(2365)" in seed and "(2366)" in seed and "(2368)" in seed
    for unit, abilities, knowledge in zip(standard.UNITS, _field(seed, "Abilità"),
                                          _field(seed, "Conoscenze"), strict=True):
        assert f"{unit.title_it} ({unit.code})" in seed
        # The standard runs the items of a unit together on one line, numbered or not:
        # the texts joined in order, with their numbers where it has them, are that line.
        ours = [a.text for a in standard.abilities_of(unit.id)]
        numbered = bool(re.match(r"1\. ", abilities))
        joined = " ".join(f"{i}. {t}" if numbered else t for i, t in enumerate(ours, 1))
        assert joined == abilities
        items = [k.text for k in standard.knowledge_of(unit.id)]
        assert " ".join(f"{i}. {t}" for i, t in enumerate(items, 1)) == knowledge


def test_the_domain_page_lists_the_same_texts():
    """docs/domain.md shows the standard to readers: the same ids and words as the code."""
    doc = (ROOT / "docs" / "domain.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (UF[1-3]\.[AK]\d+) \| (.+?) \|$", doc, re.M))
    ours = {a.id: a.text for a in standard.ABILITIES} | {k.id: k.text for k in standard.KNOWLEDGE}
    assert rows == ours
