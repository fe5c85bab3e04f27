"""Simulated survey answers: they follow each respondent's own experience, the same
customer with the same experience answers the same way, who answers is biased towards
strong feelings, and the drivers recover the effects planted in the simulation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from simlab.errors import SimlabError
from simlab.survey import analyse, drivers, respond
from simlab.survey.bank import bank
from simlab.survey.comments import classify
from simlab.survey.questionnaire import parse_questionnaire

CUSTOMER = """\
id: prova
title: {it: "Prova"}
audience: customer
sample: 1
items: [csat, nps, ces, servqual, comment]
"""


def questionnaire(text: str = CUSTOMER, **changes):
    q = parse_questionnaire(text, "prova.survey.yaml")
    return q.model_copy(update=changes) if changes else q


def synthetic(n: int = 6000, seed: int = 11) -> pd.DataFrame:
    """An experience table with independent factors, as `survey.experience` builds it."""
    rng = np.random.default_rng(seed)
    abandoned = rng.random(n) < 0.1
    deferred = np.zeros(n, dtype=bool)
    wait = rng.exponential(60.0, n)
    return pd.DataFrame({
        "contact_id": np.arange(n), "customer_id": np.arange(n) * 7 + 3,
        "key": (np.arange(n) * 7 + 3).astype(np.uint64), "day": 1,
        "arrival_s": np.sort(rng.random(n) * 86400),
        "channel": rng.choice(["phone", "chat", "email"], n), "segment": "privati",
        "reason": "info", "team": "t", "agent_id": "t-001",
        "outcome": np.where(abandoned, "abandoned", "answered"), "deferred": deferred,
        "wait_s": wait, "wait_ratio": wait / 90.0, "abandoned": abandoned,
        "out_of_hours": False, "resolved": ~abandoned & (rng.random(n) < 0.7),
        "repeat": rng.random(n) < 0.2, "proficiency": rng.uniform(0.7, 1.3, n),
    })


def test_answers_follow_the_experience():
    exp = synthetic()
    out, _facts = respond.answer(exp, questionnaire(), bank(), seed=5)
    answered = out[~out["abandoned"]]
    resolved, unresolved = answered[answered["resolved"]], answered[~answered["resolved"]]
    assert resolved["csat"].mean() > unresolved["csat"].mean() + 0.5
    assert out[out["abandoned"]]["nps"].mean() < answered["nps"].mean() - 1.5
    assert out[out["repeat"]]["ces"].mean() < out[~out["repeat"]]["ces"].mean()
    assert set(out["csat"].unique()) <= set(range(1, 6))
    assert set(out["nps"].unique()) <= set(range(0, 11))
    assert out["sq_e_01"].between(1, 7).all() and out["sq_p_22"].between(1, 7).all()


def test_the_same_customer_with_the_same_experience_answers_the_same_way():
    exp = synthetic(2000)
    q = questionnaire()
    first, _ = respond.answer(exp, q, bank(), seed=5)
    # the same contacts in another order, and half of them missing: the answers of the
    # customers who remain do not move
    shuffled = exp.sample(frac=1.0, random_state=3).iloc[: len(exp) // 2]
    second, _ = respond.answer(shuffled.sort_values("contact_id"), q, bank(), seed=5)
    merged = first.merge(second, on="contact_id", suffixes=("", "_2"))
    assert len(merged) > 100
    for col in ("csat", "nps", "ces", "sq_p_05", "comment"):
        assert (merged[col] == merged[f"{col}_2"]).all(), col
    # another seed: other customers' traits, other answers
    third, _ = respond.answer(exp, q, bank(), seed=6)
    both = first.merge(third, on="contact_id", suffixes=("", "_3"))
    assert (both["nps"] != both["nps_3"]).mean() > 0.3


def test_a_worse_experience_lowers_the_same_customers_answer():
    exp = synthetic(3000)
    q = questionnaire()
    good, _ = respond.answer(exp.assign(wait_ratio=0.0, resolved=True, abandoned=False,
                                        outcome="answered"), q, bank(), seed=5)
    bad = respond.answer(exp.assign(wait_ratio=4.0, resolved=False, abandoned=False,
                                    outcome="answered"), q, bank(), seed=5)[0]
    both = good.merge(bad, on="customer_id", suffixes=("_good", "_bad"))
    assert (both["nps_good"] >= both["nps_bad"]).all()
    assert (both["nps_good"] > both["nps_bad"]).mean() > 0.8


def test_the_very_unhappy_and_the_very_happy_answer_more_often():
    exp = synthetic(20000)
    q = questionnaire()
    trait = respond.TRAIT_SD * respond.keyed.normal(5, "trait/leniency", exp["key"].to_numpy())
    z = respond.latent(exp, "overall", trait)
    _out, _f = respond.answer(exp, q, bank(), seed=5)
    responded = exp["contact_id"].isin(_out["contact_id"]).to_numpy()
    strength = np.abs(z - respond.NEUTRAL)
    low, high = np.quantile(strength, [1 / 3, 2 / 3])
    lukewarm, strong = responded[strength <= low].mean(), responded[strength >= high].mean()
    n = (strength <= low).sum()
    se = np.sqrt(lukewarm * (1 - lukewarm) / n + strong * (1 - strong) / n)
    assert strong - lukewarm > 5 * se
    # both tails: the unhappy and the happy
    unhappy, happy = responded[z < respond.NEUTRAL - 1.2].mean(), responded[
        z > respond.NEUTRAL + 1.2].mean()
    assert unhappy > lukewarm and happy > lukewarm
    assert 0.05 < responded.mean() < 0.5  # a realistic response rate


def test_sample_share_and_channels_select_the_invited():
    exp = synthetic(10000)
    q = questionnaire(sample=0.3, channels=["chat"])
    pool = respond.invited(exp, q, seed=5)
    assert set(pool["channel"]) == {"chat"}
    chat = (exp["channel"] == "chat").sum()
    share = len(pool) / chat
    assert abs(share - 0.3) < 4 * np.sqrt(0.3 * 0.7 / chat)


def test_periodic_survey_invites_each_customer_once_with_their_repeats():
    exp = synthetic(3000)
    exp["customer_id"] = exp["contact_id"] // 3  # three contacts per customer
    exp["key"] = exp["customer_id"].astype(np.uint64)
    exp["repeat"] = False
    pool = respond.invited(exp, questionnaire(send="periodic"), seed=5)
    assert pool["customer_id"].is_unique and len(pool) == 1000
    assert pool["repeat"].all()  # three contacts in the period: repeats


def test_drivers_recover_the_planted_effects():
    exp = synthetic(12000)
    out, _ = respond.answer(exp, questionnaire(), bank(), seed=5)
    fit = drivers.ols(out["nps"], drivers.customer_factors(out))
    coef = {f["factor"]: f for f in fit["factors"]}
    spread = respond.PLACEMENT["nps"][1]
    w = respond.WEIGHTS["overall"]
    # planted on the latent scale × the NPS spread; rounding, clipping to 0–10 and who
    # answers pull a slope towards zero, so the tolerance is a share of the planted value
    for factor, planted in (("resolved", w["resolved"]), ("abandoned", w["abandoned"]),
                            ("repeat", w["repeat"]), ("proficiency", w["proficiency"])):
        got = coef[factor]["coef"]
        assert np.sign(got) == np.sign(planted), factor
        assert abs(got - spread * planted) < 0.4 * abs(spread * planted), (factor, got)
        assert coef[factor]["low"] < got < coef[factor]["high"]
    assert coef["wait_index"]["coef"] < 0 and coef["wait_index"]["high"] < 0
    # the channel with the most answers is the reference (effect 0)
    effect = {ch: coef[f"channel:{ch}"]["coef"] if f"channel:{ch}" in coef else 0.0
              for ch in ("chat", "email", "phone")}
    assert effect["email"] < effect["phone"] < effect["chat"]


def test_every_comment_template_is_found_in_its_own_theme():
    for audience, themes in bank().themes.items():
        for theme in themes:
            for text in theme.templates:
                assert classify(text, themes) == [theme.id], (audience, text)


def test_comments_follow_the_experience():
    exp = synthetic(8000)
    out, _ = respond.answer(exp, questionnaire(), bank(), seed=5)
    table = {r["theme"]: r for r in analyse.customer(out, bank())["themes"]}
    assert table["abbandono"]["count"] > 0 and table["other"]["count"] == 0
    gave_up = out[out["abandoned"] & (out["comment"] != "")]
    assert all(classify(c, bank().themes["customer"]) == ["abbandono"]
               for c in gave_up["comment"])


def test_the_bank_has_22_servqual_statements_in_five_dimensions():
    b = bank()
    perception = [i for i in b.items.values() if i.part == "perception"]
    expectation = [i for i in b.items.values() if i.part == "expectation"]
    assert len(perception) == len(expectation) == 22
    counts = pd.Series([i.dimension for i in perception]).value_counts().to_dict()
    assert counts == {"tangibles": 4, "reliability": 5, "responsiveness": 4,
                      "assurance": 4, "empathy": 5}
    assert b.items["nps"].low == 0 and b.items["nps"].high == 10
    assert b.items["ces"].high == 7 and b.items["csat"].high == 5
    assert {i.dimension for i in b.items.values() if i.kind == "staff"} == {
        "workload", "shifts", "tools", "training", "climate", "stay"}


@pytest.mark.parametrize(("text", "line", "words"), [
    (CUSTOMER.replace("comment]", "commento]"), 5, "commento"),
    (CUSTOMER.replace("sample: 1", "sample: 1.5"), 4, "1.5"),
    (CUSTOMER.replace("audience: customer", "audience: clienti"), 3, "clienti"),
    (CUSTOMER.replace("[csat,", "[st_workload_1, csat,"), 5, "st_workload_1"),
    (CUSTOMER.replace("servqual,", "servqual, sq_p_01,"), 5, "due volte"),
])
def test_questionnaire_errors_name_file_line_and_what(text, line, words):
    with pytest.raises(SimlabError) as caught:
        parse_questionnaire(text, "prova.survey.yaml")
    e = caught.value
    assert e.line == line and "prova.survey.yaml" in str(e.where())
    assert words in e.message
