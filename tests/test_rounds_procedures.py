"""Decision rounds that change procedures (lab.rounds_procs, engine.segment_procs): an
outsourcing overflow switched on in round 2, an outbound campaign started in round 3 and
stopped in round 4, on ecommerce-base with a fixed seed. Everything before the week of a
change stays what it was; a replay gives identical bytes; other procedures are refused."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from simlab.errors import SimlabError
from simlab.lab import rounds
from simlab.lab import rounds_files as files
from simlab.store.runfiles import read_table

SCENARIO, SEED, DAY, WEEK = "ecommerce-base", 11, 86400.0, 7 * 86400.0
COMMON = ["contact_id", "customer_id", "channel", "queue", "arrival_s", "outcome", "wait_s",
          "start_s", "handle_s", "end_s", "agent_id", "team", "resolved"]
OUTSOURCING = """
procedures:
  outsourcing:
    - {queue: tel-assistenza, share: 0.2, price_per_contact: 4.5, fcr_factor: 0.9}
"""
CAMPAIGN = """
procedures:
  campaigns:
    - id: richiamo-clienti
      teams: [telefono]
      calls_per_day: 30
      window: {days: lun-ven, from: "10:00", to: "17:00"}
      contact_rate: 0.5
      handle_s: {dist: exponential, mean: 240}
"""


def with_procedures(plan_text: str, procedures: str) -> str:
    assert "\nprocedures:" not in plan_text
    return plan_text.rstrip("\n") + "\n" + procedures


def play(root, plans: list[str | None], game_id: str) -> rounds.Game:
    """A game of len(plans) weeks played with `plans` (None: the starting plan)."""
    g = rounds.start_game(root, SCENARIO, weeks=len(plans), seed=SEED, game_id=game_id)
    for text in plans:
        rounds.play_round(g, text)
        g = rounds.load_game(root, g.id)
    return g


def contacts(g: rounds.Game, r: int) -> pd.DataFrame:
    return read_table(files.round_folder(g.folder, r), "contacts")


def tasks(g: rounds.Game, r: int) -> pd.DataFrame:
    return read_table(files.round_folder(g.folder, r), "tasks")


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return tmp_path_factory.mktemp("ws")


@pytest.fixture(scope="module")
def base_text(root) -> str:
    return rounds.start_game(root, SCENARIO, weeks=2, seed=SEED, game_id="probe").texts["plan"]


@pytest.fixture(scope="module")
def plain(root) -> rounds.Game:
    return play(root, [None, None], "plain")


@pytest.fixture(scope="module")
def outsourced(root, base_text) -> rounds.Game:
    return play(root, [None, with_procedures(base_text, OUTSOURCING)], "outsourced")


def test_outsourcing_from_round_two_sends_out_only_week_two(plain, outsourced):
    two = contacts(outsourced, 2)
    arrival = two["arrival_s"].to_numpy()
    out = (two["team"] == "outsourcing").to_numpy()
    assert not out[arrival < WEEK].any()  # nothing of week 1, even what waited into week 2
    # a fifth of the calls that reach the queue in week 2, within 4 standard errors
    reach = ((two["queue"] == "tel-assistenza").to_numpy() & (arrival >= WEEK)
             & (two["outcome"] != "out_of_hours").to_numpy())
    n = reach.sum()
    assert n > 1000
    assert abs(out.sum() - 0.2 * n) < 4 * np.sqrt(n * 0.2 * 0.8)
    assert not out[~reach].any()


def test_week_one_of_the_changed_game_is_the_game_without_it(plain, outsourced):
    """Round 1 is the same plan: the same files. In round 2 the contacts that ended in
    week 1 are those of the game without outsourcing, row for row."""
    for name in ("contacts.parquet", "agents.parquet", "costs.parquet"):
        assert (files.round_hashes(plain.folder, 1)[name]
                == files.round_hashes(outsourced.folder, 1)[name]), name
    a, b = contacts(plain, 2), contacts(outsourced, 2)
    done = ((a["end_s"].to_numpy() < WEEK) & (a["outcome"] != "open").to_numpy())
    assert done.sum() > 0.8 * np.count_nonzero(a["arrival_s"].to_numpy() < WEEK)
    pd.testing.assert_frame_equal(a.loc[done, COMMON].reset_index(drop=True),
                                  b.loc[done, COMMON].reset_index(drop=True),
                                  check_categorical=False, check_dtype=False)


def test_the_outsourcing_cost_is_in_week_two_only(outsourced):
    s1, s2 = outsourced.played
    assert "outsourcing" not in s1["costs"]
    two = contacts(outsourced, 2)
    week2 = (two["arrival_s"].to_numpy() >= WEEK) & (two["team"] == "outsourcing").to_numpy()
    assert s2["costs"]["outsourcing"] == pytest.approx(4.5 * week2.sum())
    costs = read_table(files.round_folder(outsourced.folder, 2), "costs")
    line = costs[costs["item"] == "outsourcing"]
    assert line["quantity"].tolist() == [week2.sum()]
    assert line["amount"].tolist() == pytest.approx([4.5 * week2.sum()])


def test_outsourcing_relieves_the_phone_queue_of_week_two(plain, outsourced):
    sl = [g.played[1]["kpis"]["service_level_by_channel"]["phone"] for g in (plain, outsourced)]
    assert sl[1] > sl[0]


@pytest.fixture(scope="module")
def campaign(root, base_text) -> rounds.Game:
    started = with_procedures(base_text, CAMPAIGN)
    return play(root, [None, None, started, base_text], "campaign")


def test_a_campaign_calls_only_in_the_weeks_its_plan_has_it(campaign):
    calls = tasks(campaign, 4)
    calls = calls[calls["kind"] == "outbound"]
    created = calls["created_s"].to_numpy()
    assert ((created >= 2 * WEEK) & (created < 3 * WEEK)).all()
    week3 = campaign.week_start(3)
    weekdays = sum((week3.toordinal() + d) % 7 < 5 for d in range(7))  # lun-ven, no holiday
    assert len(calls) == 30 * weekdays
    three = tasks(campaign, 3)
    assert three[three["kind"] == "outbound"]["created_s"].tolist() == created.tolist()


def test_round_four_keeps_what_ended_in_week_three(campaign):
    three, four = contacts(campaign, 3), contacts(campaign, 4)
    done = (three["end_s"].to_numpy() < 3 * WEEK) & (three["outcome"] != "open").to_numpy()
    pd.testing.assert_frame_equal(three.loc[done, COMMON].reset_index(drop=True),
                                  four.iloc[:len(three)].loc[done, COMMON].reset_index(drop=True),
                                  check_categorical=False, check_dtype=False)


def test_a_replay_of_a_game_that_changed_procedures_is_identical(campaign, outsourced,
                                                                 tmp_path):
    for i, g in enumerate((outsourced, campaign)):
        result = rounds.replay_game(g, tmp_path / str(i))
        assert result.identical, result.different
        assert result.rounds == len(g.played)


def test_a_round_may_not_change_the_repeats(root, base_text):
    g = rounds.start_game(root, SCENARIO, weeks=2, seed=SEED, game_id="repeats")
    rounds.play_round(g)
    g = rounds.load_game(root, g.id)
    text = with_procedures(base_text, """
procedures:
  repeats: {share: 0.3, delay_s: {dist: exponential, mean: 3600}}
""")
    with pytest.raises(SimlabError, match="non «procedures.repeats» \\(resta quello del "
                       "primo round\\)") as err:
        rounds.play_round(g, text)
    assert err.value.key == "procedures.repeats"
    assert g.played and len(rounds.load_game(root, g.id).played) == 1  # nothing was played


def test_a_campaign_keeps_its_teams(root, base_text):
    g = rounds.start_game(root, SCENARIO, weeks=2, seed=SEED, game_id="teams")
    started = with_procedures(base_text, CAMPAIGN)
    first = rounds.check_plan(g, started)
    assert first.procedures.campaigns[0].teams == ["telefono"]
    moved = started.replace("teams: [telefono]", "teams: [digitale]")
    with pytest.raises(SimlabError, match="la campagna «richiamo-clienti» mantiene") as err:
        rounds.check_plan(g, moved, "<plan>", [started])
    assert err.value.key == "procedures.campaigns[0].teams"
    rounds.check_plan(g, moved)  # a campaign not called before may use any team


def test_the_grid_shows_the_outsourcing_cost_of_the_rounds_that_have_it(outsourced, plain):
    from simlab import fmt
    from simlab.lab.rounds_view import comparison_grid

    grid = comparison_grid(outsourced.played)
    row = grid.rows[grid.keys.index("outsourcing")]
    assert row[1:] == [fmt.euro(None), fmt.euro(outsourced.played[1]["costs"]["outsourcing"])]
    assert outsourced.played[1]["costs"]["outsourcing"] > 0
    assert "outsourcing" not in comparison_grid(plain.played).keys


def test_the_cli_plays_a_round_that_changes_the_outsourcing(tmp_path, monkeypatch, capsys,
                                                            base_text):
    from simlab.cli import main

    monkeypatch.setenv("SIMLAB_WORKSPACE", str(tmp_path / "ws"))
    first, second, bad = (tmp_path / f"{n}.plan.yaml" for n in ("w1", "w2", "bad"))
    first.write_text(with_procedures(base_text, OUTSOURCING), encoding="utf-8")
    second.write_text(with_procedures(base_text, OUTSOURCING.replace(
        "share: 0.2, price_per_contact: 4.5", "share: 0.5, price_per_contact: 6")),
        encoding="utf-8")
    bad.write_text(with_procedures(base_text, OUTSOURCING.rstrip("\n") + """
  repeats: {share: 0.3, delay_s: {dist: exponential, mean: 3600}}
"""), encoding="utf-8")
    assert main(["rounds", "start", SCENARIO, "--weeks", "2", "--seed", "3", "--id", "o",
                 "--plan", str(first)]) == 0
    assert main(["rounds", "play", "o"]) == 0
    capsys.readouterr()
    assert main(["rounds", "play", "o", "--plan", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "procedures.repeats" in err and "Traceback" not in err
    assert main(["rounds", "play", "o", "--plan", str(second)]) == 0
    assert "Costo dell'outsourcing" in capsys.readouterr().out
    assert main(["rounds", "replay", "o"]) == 0
    assert "ogni file è identico" in capsys.readouterr().out
    g = rounds.load_game(tmp_path / "ws", "o")
    two = contacts(g, 2)
    arrival = two["arrival_s"].to_numpy()
    out = (two["team"] == "outsourcing").to_numpy()
    # the share doubled and more from week 2: the outsourcer takes a larger part of it
    reach = ((two["queue"] == "tel-assistenza").to_numpy()
             & (two["outcome"] != "out_of_hours").to_numpy())
    share1 = out[reach & (arrival < WEEK)].mean()
    share2 = out[reach & (arrival >= WEEK)].mean()
    assert share1 < 0.25 < 0.4 < share2
    week2 = int(out[arrival >= WEEK].sum())
    assert g.played[1]["costs"]["outsourcing"] == pytest.approx(6 * week2)
    assert g.played[0]["costs"]["outsourcing"] == pytest.approx(4.5 * out[arrival < WEEK].sum())


NOTICE = """
cases:
  notices:
    - {id: avviso-spedizioni, reasons: [stato-ordine], start: START, end: 2026-11-22,
       avoided_share: 0.3, recipients: 20000, cost_per_notice: 0.05}
"""


@pytest.fixture(scope="module")
def noticed(root, base_text) -> rounds.Game:
    text = with_procedures(base_text, NOTICE.replace("START", "2026-11-16"))
    return play(root, [None, text], "noticed")


def test_a_notice_added_in_round_two_spares_contacts_of_week_two_only(plain, noticed):
    a, b = contacts(plain, 2), contacts(noticed, 2)
    for g in (plain, noticed):
        assert "notices" not in g.played[0]["costs"]
    week1 = (a["arrival_s"].to_numpy() < WEEK).sum()
    assert (b["arrival_s"].to_numpy() < WEEK).sum() == week1
    a1, b1 = a.iloc[:week1], b.iloc[:week1]
    done = (a1["end_s"].to_numpy() < WEEK) & (a1["outcome"] != "open").to_numpy()
    pd.testing.assert_frame_equal(a1.loc[done, COMMON].reset_index(drop=True),
                                  b1.loc[done, COMMON].reset_index(drop=True),
                                  check_categorical=False, check_dtype=False)
    reason = lambda t: ((t["reason"] == "stato-ordine").to_numpy()  # noqa: E731
                        & (t["arrival_s"].to_numpy() >= WEEK)).sum()
    n = reason(a)
    assert n > 500
    assert abs((n - reason(b)) - 0.3 * n) < 4 * np.sqrt(n * 0.3 * 0.7)
    assert noticed.played[1]["costs"]["notices"] == pytest.approx(20000 * 0.05)


def test_a_notice_added_in_round_two_may_not_start_in_week_one(root, base_text, noticed):
    g = rounds.start_game(root, SCENARIO, weeks=3, seed=SEED, game_id="past-notice")
    early = with_procedures(base_text, NOTICE.replace("START", "2026-11-12"))
    with pytest.raises(SimlabError, match="prima della settimana di questo round") as err:
        rounds.check_plan(g, early, "<plan>", [base_text])
    assert err.value.key == "cases.notices[0].start"
    rounds.check_plan(g, early)  # the first round's plan may have it from its first week
    kept = with_procedures(base_text, NOTICE.replace("START", "2026-11-16"))
    with pytest.raises(SimlabError, match="avviso-spedizioni") as err:
        rounds.check_plan(g, base_text, "<plan>", [base_text, kept])  # dropped in round 3
    assert err.value.key == "cases.notices"


def test_rounds_that_keep_their_outsourcing_run_as_one_plan(base_text):
    """With the same outsourcing in every round, the segments change nothing: the
    tables are those of the engine given the one plan, byte for byte."""
    from simlab.engine import Segments, simulate
    from simlab.engine.segments import compose_agents
    from simlab.lab import runner
    from simlab.world import build

    text = with_procedures(base_text, OUTSOURCING)
    b = runner.bundle_from_texts(dict(runner.load_bundle(SCENARIO).texts, plan=text))
    world = build(b.scenario, SEED, 14)
    agents = lambda: compose_agents(world, [b.plan, b.plan], 7, SEED)  # noqa: E731
    one = simulate(world, b.care, b.plan, seed=SEED, agents=agents())
    two = simulate(world, b.care, b.plan, seed=SEED, agents=agents(),
                   segments=Segments((b.plan, b.plan), 7))
    assert (one.contacts["team"] == "outsourcing").sum() > 500
    for name in ("contacts", "agents", "costs", "tasks"):
        pd.testing.assert_frame_equal(getattr(one, name), getattr(two, name), check_exact=True)


def test_a_campaign_kept_in_round_two_leaves_week_one_as_it_was(root, base_text, tmp_path):
    """Week r's calls are built as a run of r weeks builds them: round 2 keeps round 1's
    calls of week 1 (each lasting as long), and round 1 is the plain 7-day run."""
    from simlab.lab import runner

    text = with_procedures(base_text, CAMPAIGN)
    g = play(root, [text, text], "kept-campaign")
    one, two = tasks(g, 1), tasks(g, 2)
    assert len(one) > 100
    head = two.iloc[:len(one)]
    assert (head["created_s"] < WEEK).all() and (two["created_s"].iloc[len(one):] >= WEEK).all()
    for col in ("created_s", "work_s", "resolved", "outcome", "agent_id"):
        pd.testing.assert_series_equal(one[col].reset_index(drop=True),
                                       head[col].reset_index(drop=True), check_names=False,
                                       check_categorical=False)
    bundle = runner.bundle_from_texts(dict(g.texts, plan=text))
    plain = runner.write(runner.execute(bundle, seed=SEED, days=7), tmp_path / "one-week")
    stored = files.round_hashes(g.folder, 1)
    for name in ("contacts.parquet", "agents.parquet", "costs.parquet", "tasks.parquet"):
        assert stored[name] == plain[name], name


def test_the_run_cost_line_pays_each_week_at_its_price(tmp_path, base_text):
    """Round 2's costs.parquet (weeks 1-2): the outsourcer's line counts both weeks'
    contacts, each at the price of its week's plan."""
    g = rounds.start_game(tmp_path, SCENARIO, weeks=2, seed=SEED, game_id="prices",
                          plan=None)
    rounds.play_round(g, with_procedures(base_text, OUTSOURCING))
    g = rounds.load_game(tmp_path, g.id)
    rounds.play_round(g, with_procedures(base_text, OUTSOURCING.replace("4.5", "6")))
    g = rounds.load_game(tmp_path, g.id)
    two = contacts(g, 2)
    out = (two["team"] == "outsourcing").to_numpy()
    n1 = int(out[two["arrival_s"].to_numpy() < WEEK].sum())
    n2 = int(out.sum()) - n1
    assert n1 > 100 and n2 > 100
    costs = read_table(files.round_folder(g.folder, 2), "costs")
    line = costs[costs["item"] == "outsourcing"].iloc[0]
    assert line["quantity"] == n1 + n2
    assert line["amount"] == pytest.approx(4.5 * n1 + 6 * n2)
