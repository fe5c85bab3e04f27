"""The next round's staffing built by lab.rounds_staffing: a shift row the trainee adds
(its fields checked one by one, in Italian), the plan text with the row and the
headcount that follows, and the workspace's plans a round can be played with."""

from __future__ import annotations

import pytest

from simlab.errors import SimlabError
from simlab.lab import rounds, rounds_staffing
from simlab.lab.rounds_staffing import NewShift, check_new_shift, with_staffing
from simlab.model.loader import load_text
from simlab.model.plan import OperationsPlan
from simlab.model.shipped import SHIPPED_DIR as SCENARIOS_DIR
from simlab.store.workspace import Workspace

BASE = (SCENARIOS_DIR / "ecommerce-base.plan.yaml").read_text(encoding="utf-8")


def _plan(text: str) -> OperationsPlan:
    return load_text(OperationsPlan, text, "<test>")


def test_a_well_written_row_has_no_problem():
    assert check_new_shift(NewShift("telefono", "lun-ven", "18:00", "21:00", "2")) == {
        "days": "", "start": "", "end": "", "agents": ""}
    # the end of the day is a valid end, and days may be listed one by one
    assert not any(check_new_shift(NewShift("telefono", "lun, mer", "20:00", "24:00", "0"))
                   .values())


@pytest.mark.parametrize(("row", "field", "message"), [
    (NewShift("telefono", "lun-ven", "21:00", "18:00", "2"), "end",
     "l'ora di fine deve venire dopo l'ora di inizio"),
    (NewShift("telefono", "lun-ven", "18:00", "18:00", "2"), "end",
     "l'ora di fine deve venire dopo l'ora di inizio"),
    (NewShift("telefono", "lun-ven", "18:00", "21:00", "-1"), "agents", "da 0 a 5000"),
    (NewShift("telefono", "lun-ven", "18:00", "21:00", "due"), "agents",
     "scrivi un numero intero"),
    (NewShift("telefono", "lun-xyz", "18:00", "21:00", "2"), "days",
     "giorno «xyz» sconosciuto: usa lun, mar, mer, gio, ven, sab, dom"),
    (NewShift("telefono", "  ", "18:00", "21:00", "2"), "days",
     "scrivi i giorni, come «lun-ven» o «sab»"),
    (NewShift("telefono", "lun-ven", "18", "21:00", "2"), "start",
     "«18» non è un orario come «08:30»"),
    (NewShift("telefono", "lun-ven", "18:00", "25:00", "2"), "end",
     "«25:00» non è un orario come «08:30»"),
])
def test_each_wrong_field_is_named_with_its_italian_problem(row, field, message):
    problems = check_new_shift(row)
    assert problems[field] == message
    assert [f for f, p in problems.items() if p] == [field]  # the others are fine


def test_an_added_row_ends_its_team_with_the_first_rows_breaks_and_the_headcount_grows():
    text = with_staffing(BASE, {"telefono.0": 6},
                         [NewShift("telefono", "lun-ven", "18:00", "21:00", "2"),
                          NewShift("digitale", "sab", "20:00", "24:00", "1")])
    before, after = _plan(BASE), _plan(text)
    phone = after.teams[0]
    assert len(phone.shifts) == len(before.teams[0].shifts) + 1
    new = phone.shifts[-1]
    assert (new.days, new.start, new.end, new.agents) == ((0, 1, 2, 3, 4), 18 * 3600,
                                                          21 * 3600, 2)
    assert new.breaks == before.teams[0].shifts[0].breaks  # 120 min in, 15 min
    assert phone.shifts[0].agents == 6
    assert phone.headcount == 13 + 1 + 2  # the baseline's 13, one more on row 0, two added
    late = after.teams[1].shifts[-1]
    assert (late.days, late.start, late.end) == ((5,), 20 * 3600, 24 * 3600)
    assert after.teams[1].headcount == before.teams[1].headcount + 1
    # nothing else of the plan moves
    assert after.teams[2:] == before.teams[2:] and after.budget == before.budget


def test_a_wrong_added_row_is_refused_with_its_key():
    with pytest.raises(SimlabError) as e:
        with_staffing(BASE, {}, [NewShift("telefono", "lun-ven", "21:00", "18:00", "2")])
    assert e.value.key == "teams[0].shifts[5].to"
    assert "l'ora di fine deve venire dopo" in str(e.value)
    with pytest.raises(SimlabError) as e:
        with_staffing(BASE, {}, [NewShift("nessuno", "lun", "09:00", "10:00", "1")])
    assert "«nessuno»" in str(e.value)


def test_the_headcount_counts_a_teams_named_operators_too():
    # the solution of uf2-coordinamento-team: team «reclami» has named operators
    text = (SCENARIOS_DIR / "exercises/solutions/uf2-coordinamento-team.plan.yaml").read_text(
        encoding="utf-8")
    before = _plan(text).teams[1]
    named = len(before.agents)
    assert before.id == "reclami" and named > 0
    after = _plan(with_staffing(text, {"reclami.0": before.shifts[0].agents + 1})).teams[1]
    assert after.headcount == before.headcount + 1
    assert after.headcount == sum(s.agents for s in after.shifts) + named


def test_the_workspace_plans_are_those_of_the_games_scenario(tmp_path):
    with Workspace.open(tmp_path / "ws") as ws:
        mine = BASE.replace("id: ecommerce-base", "id: mio-piano", 1)
        assert mine != BASE
        ws.save_document("plan", "mio-piano", mine)
        ws.save_document("plan", "mio-piano", mine + "\n# seconda versione\n")
        energy = (SCENARIOS_DIR / "energia-base.plan.yaml").read_text(encoding="utf-8")
        ws.save_document("plan", "energia-mio", energy)
        ws.save_document("plan", "rotto", "id: rotto\nteams: 3\n")
        game = rounds.start_game(tmp_path / "ws", "ecommerce-base", weeks=2, seed=1,
                                 game_id="g")
        found = rounds_staffing.workspace_plans(ws, game)
    assert [(p.id, p.source) for p in found] == [("mio-piano", "workspace:plan/mio-piano v2")]
    assert found[0].text.endswith("# seconda versione\n")
    assert found[0].label == f"{_plan(BASE).title} (mio-piano)"


def test_a_shift_ending_at_midnight_reads_24_00_not_00_00():
    from simlab import fmt
    assert fmt.plan_clock(24 * 3600) == "24:00" and fmt.plan_clock(9 * 3600 + 1800) == "09:30"
    assert fmt.clock(24 * 3600) == "00:00"  # a time of day: midnight of the next day
