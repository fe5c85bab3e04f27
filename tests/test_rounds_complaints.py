"""Complaints in decision rounds: a plan with a complaint procedure has its cases worked
week by week by each week's back office (docs/rounds.md); the week's cases handled on
time and their cost are in the round's state, complaints.parquet in its folder, and the
`rounds` check can ask for them (the UF2 capstone)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from simlab.cases.backoffice import Capacity
from simlab.curriculum.exercise import SCENARIOS_DIR
from simlab.errors import SimlabError
from simlab.lab import rounds, rounds_cases, runner
from simlab.lab import rounds_files as files
from simlab.lab import rounds_staffing as st
from simlab.lab.rounds_view import comparison_grid
from simlab.model.plan_cases import BackOffice
from simlab.model.yamlio import read_text
from simlab.store.runfiles import read_table
from simlab.world.world import DAY
from tests.test_rounds import _judge

SCENARIO, SEED = "energia-base", 20260302
START = "exercises/files/uf2-capstone-round.plan.yaml"  # back office of four people


def _plan(office_staff: int) -> str:
    text = read_text(SCENARIOS_DIR / START)
    return text.replace("back_office: {staff: 4,", f"back_office: {{staff: {office_staff},")


def test_a_back_office_whose_people_change_by_day():
    # Monday-Friday 9:00-17:00 (8 h); 2 people on day 0, nobody on day 1, 1 on days 2-4
    office = BackOffice(staff=1, days=[0, 1, 2, 3, 4], start_h=9, hours_per_day=8)
    cap = Capacity(office, 0, 7 * DAY, after_days=0, staff_by_day=[2, 0, 1, 1, 1, 1, 1])
    assert cap.paid_hours == pytest.approx(2 * 8 + 0 + 3 * 8)
    assert cap.open_hours == pytest.approx(5 * 8)
    assert cap.work_at(9 * 3600 + 3600) == pytest.approx(2 * 3600)  # 2 people × 1 h
    assert cap.work_at(DAY + 12 * 3600) == pytest.approx(16 * 3600)  # day 1: nobody
    # the 17th person-hour is done at 10:00 of day 2 (1 person), not during day 1
    assert cap.time_of(17 * 3600) == pytest.approx(2 * DAY + 10 * 3600)
    assert cap.time_of(16 * 3600) == pytest.approx(17 * 3600)  # the close of day 0
    assert math.isnan(cap.time_of(41 * 3600))  # more than the week holds
    plain = Capacity(office, 0, 7 * DAY, after_days=0)  # without rounds: as before
    assert plain.paid_hours == plain.open_hours * 1 == pytest.approx(40)


def _table(rows):
    cols = ["receipt_s", "acknowledgement_s", "assessment_s", "investigation_s",
            "response_s", "deadline_s", "compensation_eur", "conciliation", "late"]
    t = pd.DataFrame(rows, columns=cols)
    for step in ("acknowledgement", "assessment", "investigation", "response"):
        t[f"{step}_due_s"] = t["receipt_s"] + 10 * DAY  # every target: 10 days
    return t


def test_the_week_complaints_on_time_and_their_cost():
    d = DAY
    table = _table([
        (0, 0, d, 2 * d, 3 * d, 30 * d, 0.0, False, False),  # on time
        (d, d, 2 * d, 3 * d, 12 * d, 31 * d, 0.0, True, False),  # reply past its target
        (2 * d, 2 * d, 3 * d, np.nan, np.nan, 32 * d, 0.0, False, False),  # not done
        (3 * d, 3 * d, 4 * d, 5 * d, 6 * d, 33 * d, 0.0, False, False),  # on time
        (8 * d, 8 * d, 9 * d, 10 * d, 40 * d, 38 * d, 25.0, False, True),  # next week's
    ])
    assert rounds_cases.on_time(table).tolist() == [True, False, False, True, False]
    plan = runner.bundle_from_texts({**runner.load_bundle(SCENARIO).texts,
                                     "plan": _plan(4)}).plan
    figures, cost = rounds_cases.week_complaints(table, plan, 0.0, 7 * d)
    assert figures == {"cases": 4, "on_time": 2, "on_time_share": 0.5, "late": 0,
                       "office_staff": 4, "compensation_eur": 0.0}
    # 4 people × 5 days × 7.5 h × 24 €/h, and one conciliation at 120 €
    assert cost == pytest.approx(4 * 5 * 7.5 * 24 + 120)
    figures, cost = rounds_cases.week_complaints(table, plan, 7 * d, 14 * d)
    assert (figures["cases"], figures["late"], cost) == (1, 1, pytest.approx(3600 + 25))


@pytest.fixture(scope="module")
def short_office(tmp_path_factory):
    """Two weeks with a back office of four: the cases pile up."""
    root = tmp_path_factory.mktemp("ws")
    g = rounds.start_game(root, SCENARIO, plan=str(SCENARIOS_DIR / START), weeks=2,
                          seed=SEED, budget_per_week=66_000, game_id="reclami")
    rounds.play_round(g)
    rounds.play_round(rounds.load_game(root, g.id))
    return rounds.load_game(root, g.id)


def test_each_week_shows_its_complaints_and_the_office_staffing_changes_them(short_office):
    g = short_office
    week1, week2 = (s["complaints"] for s in g.played)
    assert week1["cases"] > 1000 and week1["office_staff"] == 4
    assert week1["on_time_share"] == 1.0 and week2["on_time_share"] < 0.95  # behind by week 2
    table = read_table(files.round_folder(g.folder, 2), "complaints")
    receipt = table["receipt_s"].to_numpy()
    assert int(((receipt >= 7 * DAY) & (receipt < 14 * DAY)).sum()) == week2["cases"]
    # the week's cost holds its back office: 4 × 5 × 7.5 h × 24 €/h plus conciliations
    costs = g.played[0]["costs"]
    assert costs["complaints"] >= 3600 and costs["complaints"] % 120 == pytest.approx(0)
    lines = ("staff", "connection", "per_contact", "overhead", "complaints")
    assert costs["total"] == pytest.approx(sum(costs[k] for k in lines), abs=1e-6)
    assert costs["cost_per_contact"] == pytest.approx(costs["total"] / costs["handled"])
    # the same plans with five people: every case of both weeks on time, 900 € a week more
    bundle = runner.load_bundle(SCENARIO)
    states = rounds.play_plans(bundle.texts, bundle.sources, SEED,
                               [(_plan(5), "a"), (_plan(5), "b")], 66_000)
    assert [s["complaints"]["on_time_share"] for s in states] == [1.0, 1.0]
    assert states[0]["complaints"]["cases"] == week1["cases"]  # the same customers
    assert states[0]["costs"]["complaints"] - costs["complaints"] == pytest.approx(900)
    grid = comparison_grid(g.played, 66_000)
    assert "complaints_on_time" in grid.keys and "complaints_cost" in grid.keys
    row = grid.rows[grid.keys.index("complaints_on_time")]
    assert row[1] == "100,0%"


def test_a_game_with_complaints_replays_identically(short_office, tmp_path):
    replay = rounds.replay_game(short_office, tmp_path / "scratch")
    assert replay.identical and "complaints.parquet" in files.round_hashes(
        short_office.folder, 2)


def test_round_one_with_complaints_is_the_plain_run(short_office, tmp_path):
    bundle = runner.bundle_from_texts(short_office.texts)
    plain = runner.write(runner.execute(bundle, seed=SEED, days=7), tmp_path / "one")
    stored = files.round_hashes(short_office.folder, 1)
    for name in ("contacts.parquet", "costs.parquet", "complaints.parquet"):
        assert stored[name] == plain[name], name


def test_a_round_may_change_the_office_people_but_not_the_procedure(tmp_path):
    g = rounds.start_game(tmp_path, SCENARIO, plan=str(SCENARIOS_DIR / START),
                          weeks=2, seed=SEED)
    rounds.check_plan(g, _plan(7))  # the back office's people are staffing
    with pytest.raises(SimlabError, match="non «cases»") as e:
        rounds.check_plan(g, _plan(4).replace("target_days: 20", "target_days: 25"))
    assert e.value.key == "cases"
    # the staffing editor has the back office's row, and sets it
    rows = st.staffing_rows(_plan(4))
    assert (rows[-1].key, rows[-1].agents) == ("_backoffice.0", 4)
    assert rows[-1].label == "lun-ven 09:00–16:30"
    new = st.with_staffing(_plan(4), {"_backoffice.0": 6})
    assert rounds.check_plan(g, new).cases.complaints.back_office.staff == 6
    with pytest.raises(SimlabError):  # more people than a back office may have
        st.with_staffing(_plan(4), {"_backoffice.0": 501})


def test_the_rounds_check_on_complaints_handled_on_time():
    def week(n, share):
        return {"round": n, "kpis": {"service_level_by_channel": {"phone": 0.9}},
                "costs": {"total": 1.0},
                "complaints": {"cases": 10, "on_time_share": share}}

    assert _judge([week(1, 1.0), week(2, 0.95)], complaints_on_time_at_least=0.95)[0] is None
    problem, _asked = _judge([week(1, 0.96), week(2, 0.5)], complaints_on_time_at_least=0.95)
    assert problem == ("Nella settimana 2 meno del 95,0% dei reclami è stato gestito nei "
                       "tempi.")
    no_procedure = [{k: v for k, v in week(1, 1.0).items() if k != "complaints"}]
    problem, _asked = _judge(no_procedure, complaints_on_time_at_least=0.95)
    assert "procedura dei reclami" in problem
