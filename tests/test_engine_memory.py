"""What the memory work (issue 8, second round) must not change: a run's tables and
files are the same, and what it lets go of cannot be used by mistake."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from simlab.engine import simulate
from simlab.engine.fastpath import run_fast
from simlab.engine.prepare import compile_run
from simlab.lab import queuelab, runner
from simlab.model.kinds import ANSWERED
from simlab.store import runfiles

TICKET_COLUMNS = ["first_response_s", "resolved_s", "frt_bh_s", "resolution_bh_s",
                  "backlog_age_bh_s"]


def _lab(contacts: int = 3000):
    return queuelab.run(queuelab.QueueSpec(540, 300, 50, 180, 20, contacts, 1))


def test_a_run_without_tickets_holds_its_ticket_columns_as_one_nan():
    contacts = _lab().log.contacts
    for name in TICKET_COLUMNS:
        values = contacts[name].to_numpy()
        assert values.dtype == np.float64 and values.strides == (0,)
        assert np.isnan(values).all() and len(values) == 3000
    with pytest.raises(ValueError):  # read-only: no reader can write into the shared NaN
        contacts.loc[0, "frt_bh_s"] = 1.0


def test_the_shared_nan_writes_the_same_file_as_spelt_out_columns(tmp_path):
    contacts = _lab().log.contacts
    spelt = contacts.copy()
    for name in TICKET_COLUMNS:
        spelt[name] = np.full(len(spelt), np.nan)
    assert spelt["frt_bh_s"].to_numpy().strides == (8,)
    runfiles.write_parquet(tmp_path / "a.parquet", contacts)
    runfiles.write_parquet(tmp_path / "b.parquet", spelt)
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()
    back = pd.read_parquet(tmp_path / "a.parquet")
    pd.testing.assert_frame_equal(back, spelt)


def test_a_run_with_tickets_has_real_ticket_columns():
    contacts = runner.execute(runner.load_bundle("energia-base"), days=2).log.contacts
    email = contacts["channel"] == "email"
    assert email.any() and contacts.loc[email, "backlog_age_bh_s"].notna().any()
    assert contacts.loc[~email, "frt_bh_s"].isna().all()
    assert contacts["frt_bh_s"].to_numpy().strides == (8,)


def test_a_world_after_its_run_refuses_to_be_simulated_again():
    result = runner.execute(runner.load_bundle("energia-base"), days=2)
    assert not result.world.contacts.simulable
    with pytest.raises(ValueError, match="build it again"):
        simulate(result.world, result.bundle.care, result.bundle.plan)
    assert result.world.text(0)[0]  # the texts are still there


def test_records_as_arrays_twice_are_the_same_and_share_the_buffers():
    spec = queuelab.QueueSpec(540, 300, 50, 180, 20, 2000, 3)
    scenario, care, plan, days = queuelab.bundle(spec)
    world = queuelab.world(spec, scenario, days)
    rec = run_fast(world, compile_run(world, care, plan, spec.seed))
    first = {k: v.copy() for k, v in rec.numpy().items()}
    second = rec.numpy()
    for name, values in first.items():
        np.testing.assert_array_equal(second[name], values)
    answered = first["outcome"] == ANSWERED
    assert np.isnan(first["start_s"][~answered]).all() and (first["agent"][~answered] == -1).all()
    assert np.shares_memory(second["start_s"], np.frombuffer(rec.start_s, dtype=np.float64))
