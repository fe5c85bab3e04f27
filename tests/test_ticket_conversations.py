"""Ticket conversations (docs/procedures.md, «Customer replies»): after a response on a
deferred channel a share of customers reply after a delay; the reply queues for a next
response; the ticket clock pauses while the ticket waits for the customer; first
response, next responses and resolution are measured, and a breach stays a breach."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest

from simlab.analysis.sla import ticket_clock, ticket_sla
from simlab.engine import simulate
from simlab.engine.prepare import compile_run
from simlab.errors import SimlabError
from simlab.i18n import set_language
from simlab.lab import care_results, runner
from simlab.lab.runview import RunView
from simlab.model.plan import OperationsPlan
from simlab.reports import sla_tables
from simlab.world import build

H = 3600.0
DAYS = 5
DEFERRED = ("email", "social")


def _bundle():
    return runner.load_bundle("ecommerce-base")


def _plan(replies: dict | None) -> OperationsPlan:
    data = _bundle().plan.model_dump(by_alias=True)
    data["procedures"] = {"replies": replies} if replies else None
    return OperationsPlan.model_validate(data)


def _run(replies: dict | None, seed: int = 11):
    b = _bundle()
    world = build(b.scenario, seed, DAYS)
    plan = _plan(replies)
    return world, plan, simulate(world, b.care, plan, seed=seed)


def _by_step(c: pd.DataFrame) -> dict[tuple[int, int], int]:
    """(ticket's first row, exchange) → row."""
    thread, exchange = c["thread_of"].to_numpy(), c["exchange"].to_numpy()
    return {(int(thread[k]) if exchange[k] else k, int(exchange[k])): k for k in range(len(c))}


def test_the_share_of_customers_who_reply_and_their_delay():
    delay = 1800.0
    _w, _p, log = _run({"share": 0.3, "delay_s": {"dist": "constant", "value": delay},
                        "max_exchanges": 2})
    c = log.contacts
    ticket = c["channel"].astype(str).isin(DEFERRED).to_numpy()
    answered = (c["outcome"] == "answered").to_numpy()
    end = c["end_s"].to_numpy()
    # the first messages whose reply, if any, falls inside the run
    eligible = ticket & answered & (c["exchange"].to_numpy() == 0) & (end + delay < log.horizon_s)
    replied = np.zeros(len(c), dtype=bool)
    replied[c["thread_of"].to_numpy()[c["exchange"].to_numpy() == 1]] = True
    n = int(eligible.sum())
    share = replied[eligible].mean()
    assert n > 2000 and abs(share - 0.3) < 4 * math.sqrt(0.3 * 0.7 / n)
    assert not replied[~ticket].any()  # phone and chat calls get no reply
    # each reply arrives the delay after the response it answers, on the same queue
    steps = _by_step(c)
    for (first, x), k in list(steps.items())[:500]:
        if x == 1:
            assert c["arrival_s"].iloc[k] == pytest.approx(end[first] + delay)
            assert c["queue"].iloc[k] == c["queue"].iloc[first]
            assert not c["resolved"].iloc[first]  # the ticket was not closed
    assert c["exchange"].max() == 1  # max_exchanges 2: one reply at most


def test_replies_are_off_by_default_and_only_on_the_channels_named():
    _w, _p, plain = _run(None)
    assert "exchange" not in plain.contacts and "thread_of" not in plain.contacts
    _w, _p, log = _run({"share": 0.5, "delay_s": {"dist": "exponential", "mean": 3600},
                        "channels": ["social"]})
    c = log.contacts
    replies = c[c["exchange"] > 0]
    assert len(replies) > 0 and (replies["channel"].astype(str) == "social").all()


def test_a_real_time_channel_cannot_have_replies():
    set_language("it")
    b = _bundle()
    plan = _plan({"share": 0.5, "delay_s": {"dist": "exponential", "mean": 60},
                  "channels": ["phone"]})
    world = build(b.scenario, 1, 1)
    with pytest.raises(SimlabError) as e:
        compile_run(world, b.care, plan, 1)
    assert "phone" in str(e.value) and "procedures.replies.channels.0" in str(e.value)


def test_the_ticket_clock_pauses_on_engine_records():
    world, plan, log = _run({"share": 0.6, "delay_s": {"dist": "exponential", "mean": 4 * H},
                             "max_exchanges": 3})
    c = log.contacts
    cp = compile_run(world, _bundle().care, plan, 11)
    steps = _by_step(c)
    arrival, end = c["arrival_s"].to_numpy(), c["end_s"].to_numpy()
    checked = 0
    for (first, x), last in steps.items():
        if x != 2 or c["outcome"].iloc[last] != "answered" or checked >= 60:
            continue
        middle = steps[(first, 1)]
        ch = world.channels.index(str(c["channel"].iloc[first]))
        intervals = cp.channel_open[ch]
        pauses = [(end[first], arrival[middle]), (end[middle], arrival[last])]
        paused = ticket_clock(intervals, arrival[first], end[last], 24 * H, 0.8, pauses)
        whole = ticket_clock(intervals, arrival[first], end[last], 24 * H, 0.8)
        assert c["ticket_bh_s"].iloc[last] == pytest.approx(whole.elapsed_s, abs=1e-6)
        assert (c["ticket_bh_s"].iloc[last] - c["paused_bh_s"].iloc[last]
                == pytest.approx(paused.elapsed_s, abs=1e-6))
        assert paused.elapsed_s < whole.elapsed_s  # the customer took business time
        checked += 1
    assert checked == 60


def _threads() -> pd.DataFrame:
    """Three email tickets worked by hand (hours of business time):
    T0: first response 10 h (late), the customer replies, next response 1 h, resolved;
        30 h from opening to the last response, 20 h of them waiting for the customer.
    T1: first response 2 h, the customer replies; the reply is still open after 5 h;
        12 h since opening, 3 h of them waiting.
    T2: one message, answered and resolved in 3 h."""
    nan = np.nan
    return pd.DataFrame({
        "contact_id": [0, 1, 2, 3, 4],
        "channel": pd.Categorical(["email"] * 5),
        "priority": [1] * 5,
        "thread_of": [-1, -1, -1, 0, 1],
        "exchange": [0, 0, 0, 1, 1],
        "frt_bh_s": [10 * H, 2 * H, 3 * H, 1 * H, nan],
        "resolution_bh_s": [nan, nan, 3 * H, 31 * H, nan],
        "backlog_age_bh_s": [nan, nan, nan, nan, 5 * H],
        "resolved": [False, False, True, True, False],
        "ticket_bh_s": [10 * H, 2 * H, 3 * H, 30 * H, 12 * H],
        "paused_bh_s": [0, 0, 0, 20 * H, 3 * H],
    })


def _care(pause: bool):
    care = _bundle().care
    return care.model_validate({**care.model_dump(by_alias=True), "ticket_sla": [
        {"channel": "email", "first_response_h": 8, "next_response_h": 4,
         "resolution_h": 24, "warning_at": 0.5, "pause_on_customer": pause}]})


def test_first_next_and_resolution_worked_by_hand():
    row = ticket_sla(_threads(), _care(pause=True)).iloc[0]
    assert row["tickets"] == 3 and row["replies"] == 2
    # first response ≤ 8 h: 2 h and 3 h met, 10 h late: the later, timely resolution of
    # T0 does not undo its breach
    assert row["first_response"] == pytest.approx(2 / 3) and row["breached"] == 1
    assert row["warnings"] == 1  # only 10 h ≥ 4 h
    # next response ≤ 4 h: 1 h met; the open reply (5 h) is due and breached
    assert row["next_response"] == pytest.approx(1 / 2) and row["next_breached"] == 1
    assert row["next_warnings"] == 1  # 5 h ≥ 2 h; 1 h is not
    # resolution ≤ 24 h with the pauses: T0 30 − 20 = 10 h met, T2 3 h met; T1 open at
    # 12 − 3 = 9 h, not due yet
    assert row["resolution"] == pytest.approx(1.0) and row["resolution_breached"] == 0


def test_without_the_pause_the_customer_s_time_counts():
    row = ticket_sla(_threads(), _care(pause=False)).iloc[0]
    # T0 now 30 h > 24 h: late; T1 12 h still not due; T2 met
    assert row["resolution"] == pytest.approx(1 / 2) and row["resolution_breached"] == 1
    assert row["first_response"] == pytest.approx(2 / 3)  # the first response is unchanged


def test_the_results_show_next_responses_in_italian():
    set_language("it")
    b = _bundle()
    care = _care(pause=True).model_validate({
        **b.care.model_dump(by_alias=True),
        "ticket_sla": [{"channel": "email", "first_response_h": 24, "next_response_h": 8,
                        "resolution_h": 72}]})
    plan = _plan({"share": 0.5, "delay_s": {"dist": "exponential", "mean": 2 * H}})
    bundle = dataclasses.replace(b, care=care, plan=plan)
    view = RunView.from_result(runner.execute(bundle, days=2))
    grids = dict(sla_tables.care_grids(care_results.care_results(view.kpi_data)))
    grid = grids["SLA dei ticket per priorità (ore lavorative)"]
    assert grid.headers[-3:] == ["Risposte del cliente", "Risposta successiva",
                                 "Risposta successiva fuori obiettivo"]
    replies = int(grid.rows[0][-3].replace(".", ""))
    assert replies == int(((view.kpi_data.contacts["exchange"] > 0)
                           & (view.kpi_data.contacts["channel"] == "email")).sum()) > 0


def test_simlab_kpi_reads_the_conversations_of_a_saved_run(tmp_path):
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    b = _bundle()
    plan = tmp_path / "chatty.plan.yaml"
    care = tmp_path / "clock.care.yaml"
    plan.write_text(b.texts["plan"] + "\nprocedures:\n  replies: {share: 0.4, delay_s: "
                    "{dist: exponential, mean: 7200}}\n", encoding="utf-8")
    import yaml

    model = yaml.safe_load(b.texts["care"])  # the shipped model has ticket SLAs of its own
    model["ticket_sla"] = [{"channel": "email", "first_response_h": 24, "next_response_h": 8,
                            "resolution_h": 72}]
    care.write_text(yaml.safe_dump(model, allow_unicode=True), encoding="utf-8")
    simlab = str(Path(sys.executable).with_name("simlab"))
    env = {**os.environ, "SIMLAB_LANG": "it"}
    out = tmp_path / "run"
    r = subprocess.run([simlab, "run", "ecommerce-base", "--model", str(care), "--plan",
                        str(plan), "--days", "2", "--out", str(out), "--no-save"],
                       capture_output=True, text=True, timeout=300, env=env)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([simlab, "kpi", str(out), "--json"], capture_output=True, text=True,
                       timeout=300, env=env)
    assert r.returncode == 0, r.stderr
    email = json.loads(r.stdout)["care_model"]["tickets"][0]
    assert email["channel"] == "email" and email["replies"] > 0
    assert 0 <= email["next_response"] <= 1 and email["next_response_h"] == 8
