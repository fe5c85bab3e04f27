"""Each procedure of the plan moves the results in the expected direction on a fixed
seed (docs/procedures.md), and procedures that do nothing change nothing."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from simlab.analysis.kpi_variants import no_repeat
from simlab.engine.calendar import business_seconds
from simlab.engine.prepare import compile_run
from simlab.world import build
from tests.procedures_helpers import DAYS, EXP_HOURS, plan_with, run, telco

COMMON = ["contact_id", "customer_id", "channel", "queue", "arrival_s", "outcome", "wait_s",
          "start_s", "handle_s", "end_s", "agent_id", "team", "resolved"]


def _fcr_no_repeat(log, days: float = 1.0) -> float:
    judged, kept = no_repeat(log.contacts, log.horizon_s, days)
    return kept.sum() / judged.sum()


INERT = {"repeats": {"share": 0.0, "delay_s": EXP_HOURS},
         "outsourcing": [{"queue": "tel-commerciale", "above": 100_000, "price_per_contact": 5}]}


def _without_callbacks():
    """telco-base's care model (IVR, capacities) without its callback offer."""
    care = telco().care
    return care.model_copy(update={"queues": [q.model_copy(update={"callback": None})
                                              for q in care.queues]})


def test_inert_procedures_give_the_contacts_of_the_plain_run():
    """Present but doing nothing (no one comes back, no one is outsourced), the
    procedures run in the access loop (here with the IVR and the queue capacities of
    telco-base) and give the very same contacts."""
    care = _without_callbacks()
    plain = run(None, care=care).contacts
    inert = run(INERT, care=care)
    pd.testing.assert_frame_equal(plain[COMMON], inert.contacts[COMMON], check_categorical=False,
                                  check_dtype=False)
    assert (inert.contacts["repeat_of"] == -1).all()
    assert len(inert.tasks) == 0


def test_inert_procedures_give_the_contacts_of_the_plain_run_with_callbacks():
    plain = run(None).contacts
    inert = run(INERT).contacts
    pd.testing.assert_frame_equal(plain[COMMON], inert[COMMON], check_categorical=False,
                                  check_dtype=False)


def test_unresolved_contacts_come_back_and_fcr_by_no_repeat_falls():
    plain = run(None)
    log = run({"repeats": {"share": 0.6, "delay_s": EXP_HOURS}})
    c, n = log.contacts, len(plain.contacts)
    assert len(c) > n
    # the world's contacts keep their ids and arrivals (common random numbers); the
    # repeats come after them, each after the end of an unresolved contact of its customer
    assert np.array_equal(c["arrival_s"].to_numpy()[:n], plain.contacts["arrival_s"].to_numpy())
    rep = c[c["repeat_of"] >= 0]
    assert (rep["contact_id"] >= n).all() and rep["contact_id"].is_monotonic_increasing
    orig = c.set_index("contact_id").loc[rep["repeat_of"]]
    assert (orig["customer_id"].to_numpy() == rep["customer_id"].to_numpy()).all()
    assert (orig["reason"].to_numpy() == rep["reason"].to_numpy()).all()
    assert (orig["outcome"] == "answered").all() and not orig["resolved"].any()
    assert (rep["arrival_s"].to_numpy() >= orig["end_s"].to_numpy()).all()
    assert (rep["arrival_s"] < log.horizon_s).all() and (rep["outcome"] != "open").any()
    # about the share of the unresolved come back, if the delay falls within the run:
    # P(delay < horizon - end) for an exponential delay, summed over the unresolved first
    first = c[(c["contact_id"] < n) & (c["outcome"] == "answered") & ~c["resolved"]]
    p = 0.6 * (1 - np.exp(-(log.horizon_s - first["end_s"].to_numpy()) / EXP_HOURS["mean"]))
    came = rep["repeat_of"].lt(n).sum()
    assert abs(came - p.sum()) < 4 * math.sqrt((p * (1 - p)).sum())
    # FCR measured as «no repeat within a day» is now below the plain run's
    assert _fcr_no_repeat(log) < _fcr_no_repeat(plain) - 0.05


def test_repeats_come_back_on_the_channel_the_plan_names():
    log = run({"repeats": {"share": 1.0, "delay_s": EXP_HOURS, "channel": "chat",
                           "max_repeats": 1}})
    rep = log.contacts[log.contacts["repeat_of"] >= 0]
    assert len(rep) > 100
    assert (rep["channel"] == "chat").all() and (rep["queue"] == "chat-assistenza").all()
    assert (rep["repeat_of"] < len(log.contacts) - len(rep)).all()  # one repeat at most


def test_escalation_makes_l2_tasks_with_their_sla():
    esc = {"from": ["tel-tecnica"], "to": "email-backoffice", "resolve": 0.9, "sla_h": 1,
           "handle_s": {"dist": "exponential", "mean": 600}}
    log = run({"escalation": [esc]})
    c, t = log.contacts, log.tasks
    tasks = t[t["kind"] == "escalation"]
    assert len(tasks) > 200
    src = c.set_index("contact_id").loc[tasks["contact_id"]]
    assert (src["queue"] == "tel-tecnica").all() and not src["resolved"].any()
    assert src["escalated"].all()
    assert np.allclose(tasks["created_s"].to_numpy(), src["end_s"].to_numpy())
    assert (tasks["queue"] == "email-backoffice").all()
    assert set(tasks["team"].dropna()) <= {"back-office", "app"}  # the skill holders
    # the due time is 1 business hour of the email channel after the task was made
    b = telco()
    cp = compile_run(build(b.scenario, None, DAYS), b.care, plan_with({"escalation": [esc]}),
                     b.scenario.seed)
    email = cp.channel_open[cp.queue_channel[cp.queue_ids.index("email-backoffice")]]
    due = tasks["due_s"].to_numpy()
    fin = np.isfinite(due)
    assert fin.sum() > 100
    bh = business_seconds(email, due[fin]) - business_seconds(email, tasks["created_s"].to_numpy()[fin])
    assert np.allclose(bh, 3600)
    done = tasks["outcome"] == "done"
    assert (tasks.loc[done, "late"] == (tasks.loc[done, "end_s"] > tasks.loc[done, "due_s"])).all()
    assert (tasks.loc[done, "start_s"] >= tasks.loc[done, "created_s"]).all()
    # the SLA is measured: some on time, and L2 at proficiency 1 resolves about 90%
    assert 0 < tasks["late"].mean() < 1
    bo = tasks[done & (tasks["team"] == "back-office")]
    share = bo["resolved"].mean()
    assert abs(share - 0.9) < 4 * math.sqrt(0.9 * 0.1 / len(bo))


def test_l2_proficiency_decides_resolution():
    esc = {"from": ["tel-tecnica"], "to": "email-backoffice", "resolve": 0.9, "sla_h": 8,
           "handle_s": {"dist": "exponential", "mean": 600}}
    teams = {"back-office": {"email-backoffice": 0.5, "email-reclami": 0.8, "app-messaggi": 0.9},
             "app": {"app-messaggi": 1.0}}
    t = run({"escalation": [esc]}, teams=teams).tasks
    done = t[t["outcome"] == "done"]
    assert set(done["team"]) == {"back-office"}
    share = done["resolved"].mean()
    assert abs(share - 0.45) < 4 * math.sqrt(0.45 * 0.55 / len(done))


def _mean_wait(c: pd.DataFrame, queue: str) -> float:
    return float(c.loc[(c["queue"] == queue) & (c["outcome"] == "answered"), "wait_s"].mean())


def _total_wait(c: pd.DataFrame, queue: str) -> float:
    return float(c.loc[(c["queue"] == queue) & (c["outcome"] == "answered"), "wait_s"].sum())


def test_a_reserve_skill_cuts_the_secondary_wait_and_costs_the_primary_little():
    plain = run(None).contacts
    log = run({"reserve": [{"team": "reclami", "queue": "tel-commerciale", "proficiency": 0.9}]})
    c = log.contacts
    used = c[(c["queue"] == "tel-commerciale") & (c["team"] == "reclami")]
    assert len(used) > 50
    assert _mean_wait(c, "tel-commerciale") < _mean_wait(plain, "tel-commerciale") - 5
    # the waiting saved on the secondary queue is well over what the primary adds
    fall = _total_wait(plain, "tel-commerciale") - _total_wait(c, "tel-commerciale")
    rise = _total_wait(c, "tel-reclami") - _total_wait(plain, "tel-reclami")
    assert fall > 2 * rise
    # taken only when no live call of the team's primary phone queue was waiting
    prim = c[c["queue"] == "tel-reclami"]
    q0 = prim["queued_s"].to_numpy()
    left = np.where(prim["outcome"] == "answered", prim["start_s"], prim["end_s"]).astype(float)
    for s in used["start_s"].to_numpy():
        assert not ((q0 < s) & (left > s)).any()


def test_a_reserve_above_a_queue_length_is_used_less():
    only_empty = run({"reserve": [{"team": "reclami", "queue": "tel-commerciale"}]}).contacts
    above = run({"reserve": [{"team": "reclami", "queue": "tel-commerciale", "above": 15}]}
                ).contacts
    n_empty = ((only_empty["queue"] == "tel-commerciale") & (only_empty["team"] == "reclami")).sum()
    n_above = ((above["queue"] == "tel-commerciale") & (above["team"] == "reclami")).sum()
    assert 0 < n_above < n_empty


def test_outsourcing_overflow_cuts_abandons_and_has_its_cost_line():
    plain = run(None)
    log = run({"outsourcing": [{"queue": "tel-commerciale", "above": 5, "price_per_contact": 4.5,
                                "fcr_factor": 0.8, "handle_factor": 1.2}]})
    c = log.contacts
    q = c["queue"] == "tel-commerciale"
    pq = plain.contacts["queue"] == "tel-commerciale"
    out = c[q & (c["team"] == "outsourcing")]
    assert len(out) > 50
    assert (out["agent_id"] == "outsourcing").all() and (out["wait_s"] == 0).all()
    assert (c.loc[q, "outcome"] == "abandoned").sum() < (
        plain.contacts.loc[pq, "outcome"] == "abandoned").sum()
    line = log.costs[log.costs["item"] == "outsourcing"]
    assert line["subject"].tolist() == ["tel-commerciale"]
    assert line["quantity"].iloc[0] == len(out)
    assert line["amount"].iloc[0] == len(out) * 4.5
    # the outsourcer's quality: FCR 0.8 of the reasons' chance (no proficiency)
    fcr = {r.id: r.fcr for r in telco().scenario.reasons}
    expected = out["reason"].map(fcr).astype(float).to_numpy() * 0.8
    assert abs(out["resolved"].sum() - expected.sum()) < 4 * math.sqrt(
        (expected * (1 - expected)).sum())
    assert "outsourcing" not in set(log.agents["team"])  # no operator time of the plan


def test_an_outsourced_share_goes_at_once():
    log = run({"outsourcing": [{"queue": "tel-tecnica", "share": 0.3,
                                "price_per_contact": 3.0}]})
    c = log.contacts
    tec = c[(c["queue"] == "tel-tecnica") & (c["outcome"] != "out_of_hours")]
    share = (tec["team"] == "outsourcing").mean()
    assert abs(share - 0.3) < 4 * math.sqrt(0.3 * 0.7 / len(tec))


def test_an_outbound_campaign_takes_agent_time():
    camp = {"id": "fidelizzazione", "teams": ["reclami"], "calls_per_day": 60,
            "window": {"days": "lun-ven", "from": "10:00", "to": "17:00"},
            "contact_rate": 0.5, "handle_s": {"dist": "exponential", "mean": 240}}
    plain = run(None)
    log = run({"campaigns": [camp]})
    calls = log.tasks[log.tasks["kind"] == "outbound"]
    b = telco()
    days = [b.scenario.calendar.date_of(d) for d in range(DAYS)]
    workdays = sum(1 for d in days if d.weekday() < 5 and d not in set(b.scenario.calendar.holidays))
    assert len(calls) == 60 * workdays
    assert (calls["queue"] == "fidelizzazione").all() and (calls["contact_id"] == -1).all()
    done = calls[calls["outcome"] == "done"]
    assert len(done) > 0 and (done["team"] == "reclami").all()
    assert (done["start_s"] >= done["created_s"]).all() and (done["start_s"] < done["due_s"]).all()
    # calls wait in their queue until an operator is free (not only taken on arrival)
    assert (done["start_s"] > done["created_s"] + 60).sum() > len(done) / 10
    reached = done["resolved"].mean()
    assert abs(reached - 0.5) < 4 * math.sqrt(0.25 / len(done))
    # the not reached take the attempt's 30 s
    assert np.allclose(done.loc[~done["resolved"], "work_s"], 30)

    def occ(agents):
        a = agents[agents["team"] == "reclami"]
        return a["busy_s"].sum() / (a["staffed_s"].sum() - a["break_s"].sum())

    # the occupancy rises by at least half the campaign's share of the team's time: not
    # all of it, as the calls take time the team spent on its complaint emails, which wait
    team = plain.agents[plain.agents["team"] == "reclami"]
    share = done["work_s"].sum() / (team["staffed_s"].sum() - team["break_s"].sum())
    assert share > 0.02
    assert occ(log.agents) > occ(plain.agents) + share / 2
    # the inbound queue of the team barely notices: the calls are made in spare time only
    assert _mean_wait(log.contacts, "tel-reclami") < _mean_wait(plain.contacts, "tel-reclami") + 15
