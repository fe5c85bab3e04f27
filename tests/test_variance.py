"""Targets against actuals and the flexible budget's variances, on numbers worked by hand
(docs/variance.md)."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from simlab.analysis import evaluation, variance
from simlab.analysis.budget import COLUMNS, Budget


def _budget() -> Budget:
    lines = pd.DataFrame([
        ("2026-03", "staff", "a/full_time", 800.0, "h", 16000.0),
        ("2026-03", "connection", "", 1.0, "days", 500.0),
        ("2026-03", "overhead", "", 1.0, "days", 300.0),
        ("2026-03", "team_leaders", "", 40.0, "h", 1000.0),
    ], columns=list(COLUMNS))
    return Budget(lines, pd.DataFrame({"month": ["2026-03"], "contacts": [1000.0]}))


def _costs(connection_amount: float = 520.0) -> pd.DataFrame:
    return pd.DataFrame([("staff", "a", 900.0, "h", 18900.0),
                         ("connection", "phone", 2000.0, "min", connection_amount),
                         ("overhead", "", 1.0, "days", 300.0)],
                        columns=["item", "subject", "quantity", "unit", "amount"])


PLAN = SimpleNamespace(teams=[SimpleNamespace(id="a", hourly_cost=20.0)])
SCENARIO = SimpleNamespace(costs=SimpleNamespace(per_minute={"phone": 0.25}, per_contact={}))


def test_flexible_budget_and_variances_worked_by_hand():
    # Qp = 1000 contacts forecast, Qa = 1100 arrived: the variable lines grow by 10%.
    v = variance.variance(_budget(), _costs(), 1100, PLAN, SCENARIO)
    rows = v.lines.set_index("line")
    staff = rows.loc["staff"]
    # budget 800 h × €20 = 16,000; flexible 16,000 × 1.1 = 17,600; actual 900 h at €21
    assert staff["flexible"] == pytest.approx(17600)
    assert staff["volume_var"] == pytest.approx(1600)  # 17,600 − 16,000
    assert staff["rate_var"] == pytest.approx(900)  # (21 − 20) × 900 h
    assert staff["efficiency_var"] == pytest.approx(400)  # (900 − 880 h) × €20
    assert staff["total_var"] == pytest.approx(2900)  # 18,900 − 16,000
    conn = rows.loc["connection"]
    # 2,000 min at the tariff of €0.25 = €500 standard, €520 paid; flexible 550
    assert (conn["flexible"], conn["volume_var"], conn["rate_var"], conn["efficiency_var"]) == (
        pytest.approx(550), pytest.approx(50), pytest.approx(20), pytest.approx(-50))
    over = rows.loc["overhead"]
    assert (over["flexible"], over["total_var"]) == (300, 0)  # fixed: not restated
    leaders = rows.loc["team_leaders"]
    assert not leaders["recorded"] and leaders["actual"] == 1000 and leaders["total_var"] == 0
    total = rows.loc["total"]
    assert total["budget"] == pytest.approx(17800)
    assert total["actual"] == pytest.approx(18900 + 520 + 300 + 1000)
    # every line: volume + rate + efficiency = actual − budget
    parts = v.lines["volume_var"] + v.lines["rate_var"] + v.lines["efficiency_var"]
    assert list(parts) == pytest.approx(list(v.lines["total_var"]))


def test_variance_signs_say_favourable_or_not():
    v = variance.variance(_budget(), _costs(), 900, PLAN, SCENARIO)
    staff = v.lines.set_index("line").loc["staff"]
    assert staff["volume_var"] == pytest.approx(-1600)  # less volume: a smaller budget
    assert variance.favourable(staff["volume_var"]) == "favourable"
    assert variance.favourable(2900.0) == "unfavourable"
    assert variance.favourable(0.001) == "none"


def test_verdicts_by_the_direction_of_each_kpi():
    assert evaluation.verdict("service_level", 0.80, 0.79) == "missed"
    assert evaluation.verdict("service_level", 0.80, 0.80) == "met"
    assert evaluation.verdict("asa_s", 30.0, 25.0) == "met"
    assert evaluation.verdict("abandon_rate", 0.05, 0.07) == "missed"
    assert evaluation.verdict("fcr", 0.7, float("nan")) == "no_data"


def test_targets_of_a_care_model_by_channel():
    care = SimpleNamespace(
        service_level={"phone": SimpleNamespace(target=0.8)},
        tickets={"email": SimpleNamespace(first_response_h=24.0, resolution_h=72.0)},
        kpi_targets=SimpleNamespace(asa_s=30.0, abandon_rate=0.05, fcr=0.7, csat=None, nps=None,
                                    cost_per_contact_eur=5.0))
    got = {(t.channel, t.kpi): t.value for t in evaluation.targets_of(
        care, ["email", "phone"], ["phone"])}
    assert got == {("phone", "service_level"): 0.8, ("email", "frt_h"): 24.0,
                   ("email", "resolution_h"): 72.0, ("phone", "asa_s"): 30.0,
                   ("phone", "abandon_rate"): 0.05, ("email", "fcr"): 0.7, ("phone", "fcr"): 0.7,
                   ("total", "fcr"): 0.7, ("total", "cost_per_contact"): 5.0}
