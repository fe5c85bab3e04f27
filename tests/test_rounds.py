"""Decision rounds (lab.rounds, engine.segments): a 3-week game whose round 2 adds phone
operators. Week 1 is the plain 1-week run byte for byte; what waits at the end of a week
is what the next week starts with; a replay gives identical bytes; bad inputs are
refused in Italian."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from simlab.engine.prepare import expand_agents
from simlab.engine.segments import compose_agents
from simlab.errors import SimlabError
from simlab.lab import rounds, runner
from simlab.lab import rounds_files as files
from simlab.lab.rounds_view import comparison_grid
from simlab.store.runfiles import read_table
from simlab.world import build

SCENARIO, SEED, DAY = "ecommerce-base", 11, 86400.0


def more_phone_agents(plan_text: str) -> str:
    """The shipped plan with two more phone operators on the morning shift."""
    assert "headcount: 13" in plan_text and "agents: 5," in plan_text
    return plan_text.replace("headcount: 13", "headcount: 15", 1).replace(
        "agents: 5,", "agents: 7,", 1)


@pytest.fixture(scope="module")
def game(tmp_path_factory) -> rounds.Game:
    root = tmp_path_factory.mktemp("ws")
    g = rounds.start_game(root, SCENARIO, weeks=3, seed=SEED, budget_per_week=26_000)
    rounds.play_round(g)
    g = rounds.load_game(root, g.id)
    rounds.play_round(g, more_phone_agents(g.current_plan_text()))
    g = rounds.load_game(root, g.id)
    rounds.play_round(g)  # the plan in force: round 2's
    return rounds.load_game(root, g.id)


def contacts(g: rounds.Game, r: int) -> pd.DataFrame:
    return read_table(files.round_folder(g.folder, r), "contacts")


def test_week_one_is_the_one_week_run_byte_for_byte(game, tmp_path):
    result = runner.execute(runner.bundle_from_texts(game.texts), seed=SEED, days=7)
    plain = runner.write(result, tmp_path / "one-week")
    stored = files.round_hashes(game.folder, 1)
    for name in ("contacts.parquet", "agents.parquet", "costs.parquet"):
        assert stored[name] == plain[name], name


def test_the_rounds_see_the_same_customers(game):
    one, three = contacts(game, 1), contacts(game, 3)
    assert len(three) > 2.5 * len(one)
    head = three.iloc[:len(one)]
    for col in ("contact_id", "arrival_s", "customer_id", "channel", "reason"):
        if col in one:
            assert head[col].tolist() == one[col].tolist(), col


def test_what_ended_in_week_one_is_the_same_in_round_two(game):
    one, two = contacts(game, 1), contacts(game, 2).iloc[:len(contacts(game, 1))]
    closed = (one["outcome"] != "open").to_numpy() & (one["end_s"].to_numpy() < 7 * DAY)
    assert closed.sum() > 0.8 * len(one)
    for col in ("outcome", "end_s", "wait_s", "handle_s", "agent_id"):
        a, b = one.loc[closed, col].reset_index(drop=True), two.loc[closed, col].reset_index(
            drop=True)
        pd.testing.assert_series_equal(a, b, check_names=False, check_categorical=False)


def test_the_backlog_of_week_one_is_worked_in_week_two(game):
    one, two = contacts(game, 1), contacts(game, 2)
    waiting = (one["outcome"] == "open").to_numpy()
    s1, s2 = game.played[0], game.played[1]
    assert waiting.sum() == s1["backlog"]["tickets_open"] + s1["backlog"]["in_queue"] > 100
    assert s2["backlog"]["at_start"] == waiting.sum()
    later = two.iloc[:len(one)][waiting]
    answered = later[later["outcome"] == "answered"]
    # contacts that arrived in week 1 and were answered in week 2 appear in round 2
    assert len(answered) > 0.9 * waiting.sum()
    assert (answered["end_s"] >= 7 * DAY).all()
    handled_in_two = (two["outcome"] == "answered").to_numpy() & (
        two["arrival_s"].to_numpy() < 7 * DAY) & (two["end_s"].to_numpy() >= 7 * DAY)
    assert s2["backlog"]["carried_answered"] == int(handled_in_two.sum())


def test_round_two_staffing_is_in_force_in_week_two_only(game):
    agents = read_table(files.round_folder(game.folder, 3), "agents")
    phone = agents[agents["team"] == "telefono"]
    week = (phone["interval_start_s"] // (7 * DAY)).astype(int)
    people = phone[phone["staffed_s"] > 0].groupby(week)["agent_id"].nunique()
    assert people[0] <= 13 and people[1] > 13 and people[2] > 13
    assert game.played[0]["headcount"]["telefono"] == 13
    assert game.played[1]["headcount"]["telefono"] == 15
    assert game.played[2]["headcount"]["telefono"] == 15
    # more phone hours in week 2 than in week 1 (same days of the week, same absences)
    hours = phone.groupby(week)["staffed_s"].sum() / 3600
    assert hours[1] > hours[0] + 40


def test_costs_and_kpis_of_each_week(game):
    for s in game.played:
        assert 5000 < s["kpis"]["offered"] < 12000
        assert s["costs"]["budget"] == 26_000
        assert s["costs"]["budget_gap"] == pytest.approx(s["costs"]["total"] - 26_000)
        assert s["costs"]["total"] == pytest.approx(
            s["costs"]["staff"] + s["costs"]["connection"] + s["costs"]["per_contact"]
            + s["costs"]["overhead"])
        assert s["costs"]["overhead"] > 0
    # the staff cost of week 2 is its staffed hours at each team's hourly cost
    agents = read_table(files.round_folder(game.folder, 2), "agents")
    week2 = agents[agents["interval_start_s"] >= 7 * DAY]
    hours = week2.groupby("team", observed=True)["staffed_s"].sum() / 3600
    cost = runner.bundle_from_texts(game.texts).plan
    assert game.played[1]["costs"]["staff"] == pytest.approx(
        sum(hours.get(t.id, 0.0) * t.hourly_cost for t in cost.teams))
    grid = comparison_grid(game.played, 26_000)
    assert grid.headers[1:] == ["Round 1", "Round 2", "Round 3"]
    assert "service_level:phone" in grid.keys and "budget_gap" in grid.keys


def test_two_more_operators_cost_about_their_hours(game, tmp_path):
    """Round 2 against the same round played with the first plan: two more phone operators
    on the 09:00-14:00 shift (5 h a day less a 15-minute break, 5 days, 12% absent) are
    about 2 × 23.75 × 0.88 ≈ 42 hours at 19 €/h (≈ 794 €), with the absences drawn again
    for the positions that moved."""
    same = rounds.start_game(tmp_path, SCENARIO, weeks=2, seed=SEED)
    rounds.play_round(same)
    kept = rounds.play_round(rounds.load_game(tmp_path, same.id))
    extra = game.played[1]["costs"]["staff"] - kept["costs"]["staff"]
    assert 0.5 * 794 < extra < 1.5 * 794
    sl = game.played[1]["kpis"]["service_level_by_channel"]["phone"]
    assert sl > kept["kpis"]["service_level_by_channel"]["phone"]


def test_replay_gives_identical_bytes_and_finds_a_changed_file(game, tmp_path):
    report = rounds.replay_game(game, tmp_path / "again")
    assert report.identical and report.rounds == 3 and report.different == []
    plan = files.round_folder(game.folder, 2) / files.PLAN_YAML
    original = plan.read_text(encoding="utf-8")
    try:
        plan.write_text(original.replace("agents: 7,", "agents: 6,", 1)
                        .replace("headcount: 15", "headcount: 14", 1), encoding="utf-8")
        changed = rounds.replay_game(rounds.load_game(game.folder.parent.parent, game.id),
                                     tmp_path / "changed")
    finally:
        plan.write_text(original, encoding="utf-8")
    assert not changed.identical
    assert "round-02/contacts.parquet" in changed.different
    assert not any(name.startswith("round-01/") for name in changed.different)


def test_one_plan_composes_to_the_plain_agents():
    b = runner.load_bundle(SCENARIO)
    world = build(b.scenario, SEED, 14)
    plain = expand_agents(dataclass_days(world, 7), b.plan, SEED)
    composed = compose_agents(dataclass_days(world, 7), [b.plan], 7, SEED)
    assert [(a.name, a.team, a.duty, a.breaks) for a in composed] == [
        (a.name, a.team, a.duty, a.breaks) for a in plain]
    # two rounds: week 1 as a 7-day run expands it, week 2 as a 14-day run does
    two = compose_agents(world, [b.plan, b.plan], 7, SEED)
    fortnight = expand_agents(world, b.plan, SEED)
    assert [a.name for a in two] == [a.name for a in fortnight]
    for a, p, f in zip(two, plain, fortnight, strict=True):
        assert [d for d in a.duty if d[0] < 7 * DAY] == p.duty
        assert [d for d in a.duty if d[0] >= 7 * DAY] == [d for d in f.duty if d[0] >= 7 * DAY]
        assert [x for x in a.breaks if x[0] >= 7 * DAY] == [
            x for x in f.breaks if x[0] >= 7 * DAY]


def dataclass_days(world, days):
    import dataclasses

    return dataclasses.replace(world, days=days)


def test_a_night_shift_across_the_rounds_boundary_is_one_interval():
    from simlab.engine.segments import _join

    assert _join([(0.0, 10.0), (10.0, 20.0), (30.0, 40.0)]) == [(0.0, 20.0), (30.0, 40.0)]


# -- bad inputs, in Italian -----------------------------------------------------------------


def test_weeks_out_of_range_are_refused(tmp_path):
    for weeks in (1, 9):
        with pytest.raises(SimlabError, match="settimane di una partita devono essere tra 2 e 8"):
            rounds.start_game(tmp_path, SCENARIO, weeks=weeks)


def test_a_bad_game_name_and_a_second_game_of_the_same_name(tmp_path):
    with pytest.raises(SimlabError, match="può contenere solo lettere minuscole"):
        rounds.start_game(tmp_path, SCENARIO, weeks=2, game_id="La Mia Partita")
    rounds.start_game(tmp_path, SCENARIO, weeks=2, game_id="prova")
    with pytest.raises(SimlabError, match="esiste già"):
        rounds.start_game(tmp_path, SCENARIO, weeks=2, game_id="prova")
    assert rounds.start_game(tmp_path, SCENARIO, weeks=2).id == f"{SCENARIO}-20261109"
    assert rounds.start_game(tmp_path, SCENARIO, weeks=2).id == f"{SCENARIO}-20261109-2"


def test_a_round_may_change_staffing_only(tmp_path):
    g = rounds.start_game(tmp_path, SCENARIO, weeks=2, seed=SEED)
    text = g.current_plan_text()
    with pytest.raises(SimlabError, match="non «hourly_cost»") as e:
        rounds.play_round(g, text.replace("hourly_cost: 19.0", "hourly_cost: 12.0", 1),
                          "mio.plan.yaml")
    assert e.value.key == "teams[0].hourly_cost" and "mio.plan.yaml" in str(e.value.file)
    with pytest.raises(SimlabError, match="l'organico e i turni|organico e i turni"):
        rounds.play_round(g, text.replace("id: telefono", "id: voce", 1))
    with pytest.raises(SimlabError, match="headcount"):  # the plan's own check, located
        rounds.play_round(g, text.replace("headcount: 13", "headcount: 12", 1))
    assert rounds.load_game(tmp_path, g.id).played == []  # nothing was saved


def test_a_game_over_and_an_unknown_game(tmp_path):
    g = rounds.start_game(tmp_path, SCENARIO, weeks=2, seed=SEED)
    for _ in range(2):
        rounds.play_round(g)
        g = rounds.load_game(tmp_path, g.id)
    assert g.next_round is None
    with pytest.raises(SimlabError, match="è finita: tutti i suoi 2 round"):
        rounds.play_round(g)
    with pytest.raises(SimlabError, match="nessuna partita di nome «nessuna»"):
        rounds.load_game(tmp_path, "nessuna")


def test_a_round_cut_short_is_played_again(tmp_path):
    g = rounds.start_game(tmp_path, SCENARIO, weeks=2, seed=SEED)
    state = rounds.play_round(g)
    (files.round_folder(g.folder, 1) / files.STATE_JSON).unlink()  # as if it crashed
    g = rounds.load_game(tmp_path, g.id)
    assert g.next_round == 1
    assert rounds.play_round(g) == state


def test_the_cli_plays_and_replays_a_game(tmp_path, monkeypatch, capsys):
    from simlab.cli import main

    monkeypatch.setenv("SIMLAB_WORKSPACE", str(tmp_path / "ws"))
    plan = tmp_path / "w2.plan.yaml"
    plan.write_text(more_phone_agents(runner.load_bundle(SCENARIO).texts["plan"]),
                    encoding="utf-8")
    assert main(["rounds", "start", SCENARIO, "--weeks", "2", "--seed", "3", "--id", "g"]) == 0
    assert main(["rounds", "play", "g"]) == 0
    assert main(["rounds", "play", "g", "--plan", str(plan)]) == 0
    printed = capsys.readouterr().out
    assert "Round 2 di 2 giocato" in printed and "Livello di servizio (Telefono)" in printed
    assert main(["rounds", "replay", "g"]) == 0
    assert "ogni file è identico" in capsys.readouterr().out
    assert main(["rounds", "list"]) == 0
    assert "g: " in capsys.readouterr().out
    assert main(["rounds", "show", "g", "--json"]) == 0
    assert '"round": 2' in capsys.readouterr().out
    assert main(["rounds", "play", "g"]) == 2
    assert "è finita" in capsys.readouterr().err
    assert main(["rounds", "start", SCENARIO, "--weeks", "12"]) == 2
    err = capsys.readouterr().err
    assert "tra 2 e 8" in err and "Traceback" not in err


def test_numbers_are_json_safe():
    assert rounds._number(np.float64("nan")) is None
    assert rounds._number(np.int64(3)) == 3 and isinstance(rounds._number(np.int64(3)), int)


# -- the `rounds` check of the exercises ----------------------------------------------------


def _week(n: int, sl: float | None, cost: float) -> dict:
    return {"round": n, "kpis": {"service_level_by_channel": {"phone": sl, "chat": 0.9}},
            "costs": {"total": cost}}


def _judge(states, **facts):
    from types import SimpleNamespace

    from simlab.curriculum import rounds_checks
    from simlab.curriculum.check_kinds import RoundsCheck

    check = RoundsCheck(kind="rounds", id="x", points=1, abilities=["UF2.A3"],
                        feedback={"it": "guarda"}, plans=["a.plan.yaml", "b.plan.yaml"], **facts)
    asked = []

    def play(names):
        asked.append(names)
        if isinstance(states, Exception):
            raise states
        return states

    return rounds_checks.judge(check, SimpleNamespace(play_rounds=play)), asked


def test_the_rounds_check_names_the_weeks_that_miss():
    ok = [_week(1, 0.85, 59_000), _week(2, 0.80, 60_000)]
    assert _judge(ok, sl_at_least=0.8)[0] is None
    assert _judge(ok, within_budget=True, budget_per_week_eur=60_000)[0] is None
    problem, asked = _judge([_week(1, 0.85, 59_000), _week(2, 0.79, 60_001)], sl_at_least=0.8,
                            within_budget=True, budget_per_week_eur=60_000)
    assert asked == [("a.plan.yaml", "b.plan.yaml")]
    assert "Nella settimana 2 il livello di servizio di «phone» è sotto il 80,0%" in problem
    assert "Nella settimana 2 il costo supera il budget settimanale di € 60.000,00" in problem
    problem, _asked = _judge([_week(1, None, 1), _week(2, 0.5, 1)], sl_at_least=0.8)
    assert "Nelle settimane 1, 2" in problem  # a week without calls does not pass either
    problem, _asked = _judge(SimlabError("manca", file="b.plan.yaml"), sl_at_least=0.8)
    assert problem.startswith("I tuoi round non si sono potuti giocare")


def test_a_rounds_check_asks_for_a_fact():
    from pydantic import ValidationError

    from simlab.curriculum.check_kinds import RoundsCheck

    with pytest.raises(ValidationError):
        RoundsCheck(kind="rounds", id="x", points=1, abilities=["UF2.A3"], feedback={"it": "g"},
                    plans=["a.plan.yaml", "b.plan.yaml"])
    with pytest.raises(ValidationError):
        RoundsCheck(kind="rounds", id="x", points=1, abilities=["UF2.A3"], feedback={"it": "g"},
                    plans=["a.plan.yaml", "b.plan.yaml"], within_budget=True)


def test_the_game_of_an_exercise_is_the_game_of_the_workspace(tmp_path):
    """`folder_player` (the check's game) gives the states `play_round` saved."""
    g = rounds.start_game(tmp_path / "ws", SCENARIO, weeks=2, seed=SEED)
    text = runner.load_bundle(SCENARIO).texts["plan"]
    rounds.play_round(g, text)
    rounds.play_round(rounds.load_game(tmp_path / "ws", g.id), more_phone_agents(text))
    saved = rounds.load_game(tmp_path / "ws", g.id).played
    (tmp_path / "w1.plan.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "w2.plan.yaml").write_text(more_phone_agents(text), encoding="utf-8")
    play = rounds.folder_player(SCENARIO, SEED, tmp_path)
    assert play(("w1.plan.yaml", "w2.plan.yaml")) == saved
    with pytest.raises(SimlabError):
        play(("w1.plan.yaml", "manca.plan.yaml"))


def test_the_staffing_editor_sets_each_row_and_the_headcount():
    from simlab.lab import rounds_staffing as st

    text = runner.load_bundle(SCENARIO).texts["plan"]
    rows = st.staffing_rows(text)
    assert (rows[0].key, rows[0].label, rows[0].agents) == ("telefono.0", "lun-ven 09:00–14:00", 5)
    assert [r.label for r in rows if r.team == "digitale"][2] == "sab, dom 09:00–15:00"
    new = st.with_staffing(text, {"telefono.0": 7, "telefono.4": 0})
    plan = runner.bundle_from_texts({**runner.load_bundle(SCENARIO).texts, "plan": new}).plan
    phone = plan.teams[0]
    assert [s.agents for s in phone.shifts] == [7, 1, 1, 3, 0] and phone.headcount == 12
    assert plan.teams[1:] == runner.load_bundle(SCENARIO).plan.teams[1:]  # the rest kept
    assert st.check_agents(" 4 ") == (4, "")
    assert st.check_agents("4,5")[1] == "scrivi un numero intero"
    assert st.check_agents("5001")[1] == "da 0 a 5000"
    with pytest.raises(SimlabError) as e:
        st.parse_fields({"telefono.0": "tanti"})
    assert e.value.key == "telefono.0"
