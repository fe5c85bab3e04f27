"""The engine against queueing theory: long fixed-seed runs of the reference cases (docs/domain.md#reference-values) C3
(Erlang C) and A1 (Erlang A) land within 4 standard errors (batch means) of theory."""

from __future__ import annotations

import pytest

from simlab.analysis.batch import queue_metrics
from simlab.lab import runner
from simlab.lab.queuelab import QueueSpec
from simlab.lab.queuelab import run as lab_run
from simlab.queueing import erlang_a_metrics, erlang_c_metrics

METRICS = ("p_wait", "p_abandon", "service_level", "asa_s", "occupancy")
C3 = erlang_c_metrics(9 / 60, 300, 50, 20)
A1 = erlang_a_metrics(9 / 60, 300, 180, 50, 20)


def _assert_close(simulated, theory):
    for key in METRICS:
        est, expected = simulated[key], getattr(theory, key)
        if est.se == 0:  # no abandonment in Erlang C: exactly zero
            assert est.value == expected == 0
            continue
        assert abs(est.value - expected) <= 4 * est.se, (key, est, expected)


@pytest.mark.parametrize(("patience", "theory"), [(None, C3), (180.0, A1)], ids=["C3", "A1"])
def test_queue_lab_agrees_with_theory(patience, theory):
    result = lab_run(QueueSpec(540, 300, 50, patience, 20, 600_000, seed=11))
    _assert_close(result.simulated, theory)
    # the interval is tight enough to mean something (docs/domain.md: ±0.0023 SL at 1M calls)
    assert result.simulated["service_level"].se < 0.01


@pytest.mark.parametrize(("name", "theory"), [("erlang-c", C3), ("erlang-a", A1)])
def test_validation_scenarios_agree_with_theory(name, theory):
    bundle = runner.load_bundle(name)
    result = runner.execute(bundle, days=35)
    simulated = queue_metrics(result.log.contacts, 50, 20)
    _assert_close(simulated, theory)


def test_a_wrong_model_is_caught():
    """The check has teeth: 49 agents instead of 50 is far outside 4 standard errors."""
    result = lab_run(QueueSpec(540, 300, 49, 180.0, 20, 300_000, seed=11))
    with pytest.raises(AssertionError):
        _assert_close(result.simulated, A1)
