"""The portfolio as a pure function of the exercises and a person's attempts."""

from __future__ import annotations

from simlab.curriculum import portfolio
from simlab.lab import exercises as lab
from simlab.store.records import Attempt

EX = "uf1-erlang-operatori"  # checks: piano-valido (A3, 1), sl-teorico, operatori-c,
#                              operatori-a, obiettivo-simulato (A5: 2 + 3 + 2 + 2)


def _attempt(n: int, status: str, passed: dict[str, bool], exercise_id: str = EX) -> Attempt:
    ex = lab.exercise(exercise_id)
    results = [{"check_id": c.id, "passed": passed.get(c.id, False),
                "points": c.points if passed.get(c.id, False) else 0.0} for c in ex.checks]
    return Attempt(id=n, person_id=1, exercise_id=exercise_id, status=status,
                   started_at="2026-01-01", points=sum(r["points"] for r in results),
                   max_points=ex.automatic_points, report={"results": results})


ALL = {"piano-valido": True, "sl-teorico": True, "operatori-c": True, "operatori-a": True,
       "obiettivo-simulato": True}


def test_nothing_done_is_not_yet_everywhere():
    folio = portfolio.build(lab.catalogue(), [])
    assert len(folio.cells) == 23
    assert {c.status for c in folio.cells.values()} == {"not_yet"}
    # UF1.A5 is trained by EX (A5 checks: 9 points) and uf1-picco-telefono (3 + 2 + 2 + 3);
    # the sum is taken over the catalogue so that a new A5 exercise adds its own points.
    trains_a5 = [e for e in lab.catalogue() if "UF1.A5" in e.abilities]
    assert {EX, "uf1-picco-telefono"} <= {e.id for e in trains_a5}
    assert folio.cells["UF1.A5"].exercises == [e.id for e in trains_a5]
    assert folio.cells["UF1.A5"].max_points == sum(
        c.points for e in trains_a5 for c in e.checks if "UF1.A5" in c.abilities) >= 9 + 10
    trained = {a for e in lab.catalogue() for a in e.abilities}
    for ability_id in set(folio.cells) - trained:
        assert folio.cells[ability_id].exercises == [] and folio.cells[ability_id].max_points == 0
    assert (folio.points, folio.minutes_spent) == (0, 0)
    assert folio.max_points == sum(e.automatic_points for e in lab.catalogue())


def test_checked_but_not_submitted_is_partly_even_when_everything_passed():
    folio = portfolio.build(lab.catalogue(), [_attempt(1, "checked", ALL)])
    assert folio.cells["UF1.A5"].status == "partly" and folio.cells["UF1.A3"].status == "partly"
    assert folio.cells["UF1.A5"].points == 9 and folio.minutes_spent == 0
    assert folio.cells["UF2.A3"].status == "not_yet"


def test_a_submitted_attempt_practises_only_the_abilities_whose_checks_all_passed():
    only_a3 = {"piano-valido": True, "operatori-c": True}
    folio = portfolio.build(lab.catalogue(), [_attempt(1, "submitted", only_a3)])
    assert folio.cells["UF1.A3"].status == "practised"
    assert folio.cells["UF1.A5"].status == "partly"
    assert (folio.cells["UF1.A5"].points, folio.cells["UF1.A3"].points) == (3, 1)
    assert folio.minutes_spent == 75 and folio.points == 4


def test_the_best_submitted_attempt_counts_and_a_later_one_keeps_practised():
    attempts = [_attempt(1, "submitted", ALL), _attempt(2, "submitted", {"piano-valido": True}),
                _attempt(3, "started", {})]
    folio = portfolio.build(lab.catalogue(), attempts)
    assert folio.cells["UF1.A5"].status == "practised"
    assert folio.points == 10  # the best submitted, not the latest
    assert folio.minutes_spent == 75  # one exercise, however many attempts
    data = folio.to_json()
    assert [a["id"] for a in data["abilities"]][:2] == ["UF1.A1", "UF1.A2"]
    assert data["points"] == 10
