"""Every KPI variant (docs/kpi.md, "Variants") and every grouping against numbers worked
by hand on a small log: eleven contacts of eight customers over ten days, two agents in
two teams, four cost items. The defaults must be `analysis.kpi`'s own numbers."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from simlab.analysis import kpi, kpi_groups, kpi_variants, regulatory
from simlab.analysis.kpi_groups import KpiData, parse_formulas, table
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.model.care import CareModel

NAN = float("nan")
HOURS = [{"days": "lun-dom", "from": "00:00", "to": "24:00"}]
HORIZON = 10 * 86400.0
START = dt.date(2026, 2, 2)  # a Monday: ISO week 6


def care() -> CareModel:
    return CareModel.model_validate({
        "id": "c", "title": {"it": "c"}, "scenario": "s",
        "queues": [{"id": q, "name": {"it": q}, "channel": q} for q in ("phone", "chat", "email")],
        "opening_hours": {c: HOURS for c in ("phone", "chat", "email")},
        "service_level": {"phone": {"threshold_s": 20, "target": 0.8},
                          "chat": {"threshold_s": 30, "target": 0.9}},
        "tickets": {"email": {"first_response_h": 8, "resolution_h": 24}},
    })


# n, channel, outcome, wait_s, handle_s, resolved, frt_bh_s, backlog_age_bh_s, arrival_s,
# customer, team
ROWS = [
    (1, "phone", "answered", 10, 100, True, NAN, NAN, 3600, 1, "t1"),
    (2, "phone", "answered", 30, 200, False, NAN, NAN, 3700, 2, "t1"),
    (3, "phone", "abandoned", 3, NAN, False, NAN, NAN, 3800, 3, None),    # a short abandon
    (4, "phone", "abandoned", 8, NAN, False, NAN, NAN, 3900, 4, None),    # within T
    (5, "phone", "abandoned", 40, NAN, False, NAN, NAN, 4000, 5, None),   # after T
    (6, "phone", "answered", 0, 50, True, NAN, NAN, 90000, 1, "t2"),      # customer 1 again
    (7, "email", "answered", 5000, 600, True, 3600, NAN, 5000, 2, "t2"),  # customer 2 again
    (8, "email", "open", NAN, NAN, False, NAN, 30000, 7000, 6, None),     # past its 8 h
    (9, "email", "open", NAN, NAN, False, NAN, 100, 170000, 7, None),
    (10, "phone", "answered", 5, 150, False, NAN, NAN, 800000, 8, "t1"),  # its 7 days: past the end
    (11, "phone", "answered", 25, 100, False, NAN, NAN, 10000, -1, "t1"),  # unknown customer
]


def contacts(rows=ROWS) -> pd.DataFrame:
    cols = list(zip(*rows, strict=True))
    return pd.DataFrame({
        "contact_id": np.array(cols[0]) - 1,
        "customer_id": np.array(cols[9], dtype=np.int64),
        "channel": pd.Categorical(cols[1], categories=["phone", "chat", "email"]),
        "queue": pd.Categorical(cols[1], categories=["phone", "chat", "email"]),
        "outcome": pd.Categorical(cols[2], categories=["open", "answered", "abandoned",
                                                        "out_of_hours"]),
        "wait_s": np.array(cols[3], dtype=float),
        "handle_s": np.array(cols[4], dtype=float),
        "resolved": np.array(cols[5], dtype=bool),
        "frt_bh_s": np.array(cols[6], dtype=float),
        "backlog_age_bh_s": np.array(cols[7], dtype=float),
        "arrival_s": np.array(cols[8], dtype=float),
        "agent_id": pd.Categorical([None if t is None else f"{t}-001" for t in cols[10]]),
        "team": pd.Categorical(cols[10]),
    })


def agents() -> pd.DataFrame:
    return pd.DataFrame({
        "agent_id": ["t1-001", "t1-001", "t2-001"], "team": ["t1", "t1", "t2"],
        "interval_start_s": [0.0, 900.0, 0.0], "staffed_s": [900.0, 900.0, 900.0],
        "busy_s": [600.0, 300.0, 450.0], "break_s": [100.0, 0.0, 0.0],
        "available_s": [200.0, 600.0, 450.0]})


def schedule() -> pd.DataFrame:
    """t2-001 was scheduled for a second interval and did not come (absent)."""
    return pd.DataFrame({"agent_id": ["t1-001", "t1-001", "t2-001", "t2-001"],
                         "team": ["t1", "t1", "t2", "t2"],
                         "interval_start_s": [0.0, 900.0, 0.0, 900.0],
                         "scheduled_s": [900.0] * 4})


def costs() -> pd.DataFrame:
    return pd.DataFrame({"item": ["staff", "connection", "per_contact", "overhead"],
                         "subject": ["t1", "phone", "phone", ""], "quantity": [1.0] * 4,
                         "unit": ["h", "min", "contacts", "days"],
                         "amount": [100.0, 20.0, 10.0, 30.0]})


def data(with_schedule: bool = True) -> KpiData:
    return KpiData(contacts(), agents(), costs(), care(), START, HORIZON,
                   schedule=schedule() if with_schedule else None)


def by(dimension: str, *choices: str, source: KpiData | None = None) -> pd.DataFrame:
    return table(source or data(), dimension, parse_formulas(list(choices)))


def test_the_defaults_are_the_numbers_of_analysis_kpi():
    ours = by("channel")
    theirs = kpi.by_channel(contacts(), care())
    for key in ("offered", "answered", "abandoned", "service_level", "asa_s", "aht_s",
                "abandon_rate", "fcr", "backlog", "ticket_sla"):
        for row in ("phone", "email", "total"):
            a, b = ours.at[row, key], theirs.at[row, key]
            assert (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b), (key, row)


def test_service_level_three_ways_and_without_short_abandons():
    # phone: 5 answered (3 within 20 s), 3 abandoned: 3 s (short), 8 s, 40 s (after T)
    assert by("channel").at["phone", "service_level"] == pytest.approx(3 / 6)
    assert by("channel", "service_level=offered").at["phone", "service_level"] == pytest.approx(
        3 / 8)
    assert by("channel", "service_level=answered").at["phone", "service_level"] == pytest.approx(
        3 / 5)
    assert by("channel", "service_level=no_short_abandons").at[
        "phone", "service_level"] == pytest.approx(3 / 7)
    assert math.isnan(by("channel").at["email", "service_level"])


def test_asa_and_the_arera_tma_that_also_counts_abandoned_waits():
    assert by("channel").at["phone", "asa_s"] == pytest.approx((10 + 30 + 0 + 5 + 25) / 5)
    assert by("channel", "asa_s=tma").at["phone", "asa_s"] == pytest.approx(
        (10 + 30 + 0 + 5 + 25 + 3 + 8 + 40) / 8)


def test_abandon_rate_without_short_abandons():
    assert by("channel").at["phone", "abandon_rate"] == pytest.approx(3 / 8)
    assert by("channel", "abandon_rate=no_short_abandons").at[
        "phone", "abandon_rate"] == pytest.approx(2 / 7)


def test_short_abandons_follow_the_chosen_threshold():
    d = data()
    d.short_abandon_s = 10.0  # now the 8 s abandon is short too
    assert by("channel", "abandon_rate=no_short_abandons", source=d).at[
        "phone", "abandon_rate"] == pytest.approx(1 / 6)


def test_fcr_by_resolution_flag_and_by_no_repeat_within_n_days():
    assert by("channel").at["phone", "fcr"] == pytest.approx(2 / 5)
    f = by("channel", "fcr=no_repeat")
    # judged: handled, customer known, 7 days inside the log: contacts 1, 2, 6, 7.
    # 1 and 2 have a repeat (6 after a day, 7 after 1300 s on another channel)
    assert f.at["total", "fcr"] == pytest.approx(2 / 4)
    assert f.at["phone", "fcr"] == pytest.approx(1 / 3)
    assert f.at["email", "fcr"] == 1.0
    d = data()
    # 12 h: contact 6 (24 h later) is no longer a repeat of 1, and contact 10's 12 h now
    # end inside the log: judged 1, 2, 6, 7, 10; repeated only 2
    d.repeat_days = 0.5
    assert by("channel", "fcr=no_repeat", source=d).at["total", "fcr"] == pytest.approx(4 / 5)


def test_backlog_its_age_and_ticket_sla_in_business_and_calendar_time():
    email = by("channel").loc["email"]
    assert email["backlog"] == 2
    assert email["backlog_age_h"] == pytest.approx((30000 + 100) / 2 / 3600)
    assert email["ticket_sla"] == pytest.approx(1 / 2)  # ticket 9 not yet due in business time
    assert by("channel", "backlog=over_target").at["email", "backlog"] == 1
    assert by("channel", "backlog_age_h=max").at["email", "backlog_age_h"] == pytest.approx(
        30000 / 3600)
    # in calendar time ticket 9 has waited 694000 s > 8 h: due and missed
    assert by("channel", "ticket_sla=calendar").at["email", "ticket_sla"] == pytest.approx(1 / 3)


def test_agent_time_kpis_by_team_with_the_schedule():
    f = by("team")
    assert f.at["t1", "occupancy"] == pytest.approx(900 / 1700)
    assert f.at["t2", "occupancy"] == pytest.approx(0.5)
    assert f.at["total", "occupancy"] == pytest.approx(1350 / 2600)
    assert f.at["t1", "utilisation"] == pytest.approx(1700 / 1800)
    assert f.at["total", "utilisation"] == pytest.approx(2600 / 2700)
    assert f.at["t1", "adherence"] == 1.0 and f.at["t2", "adherence"] == 0.5
    assert f.at["total", "adherence"] == pytest.approx(2700 / 3600)
    assert f.at["total", "shrinkage"] == pytest.approx((100 + 900) / 3600)
    planned = by("team", "shrinkage=planned")
    unplanned = by("team", "shrinkage=unplanned")
    assert planned.at["t1", "shrinkage"] == pytest.approx(100 / 1800)
    assert unplanned.at["t2", "shrinkage"] == pytest.approx(900 / 1800)
    assert unplanned.at["t1", "shrinkage"] == 0.0


def test_without_a_schedule_there_is_no_adherence_nor_unplanned_shrinkage():
    f = by("team", "shrinkage=planned", source=data(with_schedule=False))
    assert f.at["t1", "shrinkage"] == pytest.approx(100 / 1800)  # breaks ÷ staffed
    assert math.isnan(f.at["t1", "adherence"])
    assert math.isnan(by("team", "shrinkage=unplanned",
                         source=data(with_schedule=False)).at["t1", "shrinkage"])


def test_agent_kpis_do_not_exist_by_channel_and_costs_only_in_total():
    f = by("channel")
    assert f["occupancy"].isna().all()
    assert f["cost_per_contact"].drop("total").isna().all()


def test_cost_per_contact_fully_loaded_and_direct():
    assert by("channel").at["total", "cost_per_contact"] == pytest.approx(160 / 6)
    assert by("channel", "cost_per_contact=direct").at[
        "total", "cost_per_contact"] == pytest.approx(130 / 6)


def test_by_day_week_month_interval_queue_agent():
    day = by("day")
    assert list(day.index) == ["2026-02-02", "2026-02-03", "2026-02-11", "total"]
    assert list(day["offered"]) == [8, 2, 1, 11]
    assert day.at["2026-02-03", "service_level"] == 1.0  # contact 6, no wait
    week = by("week")
    assert list(week.index) == ["2026-W06", "2026-W07", "total"]
    assert list(week["offered"]) == [10, 1, 11]
    assert list(by("month").index) == ["2026-02", "total"]
    interval = by("interval")
    assert interval.at["01:00", "offered"] == 7  # 01:00-01:30 of day 0 (six) and of day 1 (6)
    assert interval.at["00:00", "occupancy"] == pytest.approx(1350 / 2600)  # agents 0-1800 s
    assert list(by("queue").index) == ["email", "phone", "total"]
    agent = by("agent")
    assert agent.at["t1-001", "answered"] == 4 and agent.at["—", "abandoned"] == 3


def test_service_levels_of_different_thresholds_do_not_add_up():
    rows = ROWS[:2] + [(12, "chat", "answered", 25, 300, True, NAN, NAN, 4000, 9, "t2")]
    d = KpiData(contacts(rows), agents(), costs(), care(), START, HORIZON)
    f = table(d, "day", parse_formulas([]))
    assert math.isnan(f.at["2026-02-02", "service_level"])  # phone at 20 s, chat at 30 s
    channel = table(d, "channel", parse_formulas([]))
    assert channel.at["chat", "service_level"] == 1.0
    assert channel.at["chat", "sl_threshold_s"] == 30.0


def test_unknown_columns_give_no_number():
    d = data()
    d.unknown = ("resolved",)
    assert math.isnan(by("channel", source=d).at["phone", "fcr"])
    assert by("channel", "fcr=no_repeat", source=d).at["total", "fcr"] == pytest.approx(0.5)


def test_bad_formula_and_dimension_name_the_choices():
    with pytest.raises(SimlabError, match="service_level, asa_s"):
        parse_formulas(["sl=offered"])
    with pytest.raises(SimlabError, match="default, offered, answered, no_short_abandons"):
        parse_formulas(["service_level=calendar"])
    with pytest.raises(SimlabError, match="channel, queue, team, agent"):
        kpi_groups.check_dimension("year")


def test_every_variant_has_a_name_formula_and_unit_and_one_default():
    for v in kpi_variants.VARIANTS:
        assert v.name and v.formula and v.unit in ("ratio", "seconds", "count", "hours", "eur")
    assert set(kpi_variants.DEFAULTS) == set(kpi_variants.KPI_KEYS)
    used = kpi_groups.formulas_used(parse_formulas(["asa_s=tma"]))
    assert used["asa_s"]["variant"] == "tma" and "abbandonati" in used["asa_s"]["formula"]


def test_regulatory_views_by_their_definitions():
    got = {r["key"]: r for r in regulatory.view(contacts(), agents())}
    assert got["tma"]["value"] == pytest.approx(121 / 8) and got["tma"]["met"] is True
    assert got["ls"]["value"] == pytest.approx(5 / 8) and got["ls"]["met"] is False  # < 85%
    assert got["answer_time"]["value"] == pytest.approx(14.0)
    assert got["within_20s"]["value"] == pytest.approx(3 / 5) and got["within_20s"]["met"]
    assert got["as"]["value"] == 1.0  # operators present, no line limit in the lab
    none = {r["key"]: r for r in regulatory.view(contacts(), agents().iloc[0:0])}
    assert none["as"]["value"] is None and none["as"]["met"] is None


def test_every_variant_is_documented_with_the_formula_the_lab_shows():
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / "docs" / "kpi.md").read_text(
        encoding="utf-8")
    rows = {}
    for line in doc.splitlines():
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        if line.startswith("| ") and "=" in cells[0] and cells[0] != "KPI=variant":
            rows.setdefault(cells[0], []).append(cells)
    assert set(rows) == {f"{v.kpi}={v.key}" for v in kpi_variants.VARIANTS}
    for v in kpi_variants.VARIANTS:
        (row,) = rows[f"{v.kpi}={v.key}"]
        assert row[2] == v.formula, (v.kpi, v.key)
        assert row[1] == _(v.name), (v.kpi, v.key)  # the Italian name the lab shows
    for indicator in regulatory.INDICATORS:
        assert indicator.definition in " ".join(doc.split()), indicator.key


def test_first_response_and_resolution_time_mean_median_and_calendar():
    rows = [
        (1, "email", "answered", 4000, 300, True, 3600, NAN, 1000, 1, "t1"),
        (2, "email", "answered", 8000, 300, False, 7200, NAN, 2000, 2, "t1"),
        (3, "email", "answered", 90000, 300, False, 36000, NAN, 3000, 3, "t1"),
        (4, "email", "answered", 500, 300, False, 400, NAN, 4000, 4, "t1"),  # never resolved
    ]
    frame = contacts(rows)
    frame["resolution_bh_s"] = [3600.0, 7200.0, 36000.0, NAN]
    frame["resolved_s"] = frame["arrival_s"] + [4000.0, 8000.0, 90000.0, NAN]
    d = KpiData(frame, agents(), costs(), care(), START, HORIZON)
    email = table(d, "channel", parse_formulas([])).loc["email"]
    assert email["frt_h"] == pytest.approx((3600 + 7200 + 36000 + 400) / 4 / 3600)
    assert email["resolution_h"] == pytest.approx((3600 + 7200 + 36000) / 3 / 3600)
    median = table(d, "channel", parse_formulas(["resolution_h=median"]))
    assert median.at["email", "resolution_h"] == pytest.approx(2.0)
    assert median.at["total", "resolution_h"] == pytest.approx(2.0)
    calendar = table(d, "channel", parse_formulas(["resolution_h=calendar"]))
    assert calendar.at["email", "resolution_h"] == pytest.approx((4000 + 8000 + 90000) / 3 / 3600)
    assert math.isnan(by("channel").at["phone", "resolution_h"])  # calls have none
