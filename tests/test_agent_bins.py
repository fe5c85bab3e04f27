"""Agent seconds per 15-minute interval (`engine/agents.bin_seconds`): by hand, and the
same bits as adding every piece in the intervals' order, whatever the grouping of agents
that bounds its memory."""

from __future__ import annotations

import numpy as np
import pytest

from simlab.engine import agents


def test_pieces_by_hand():
    # agent 0: 10:00-10:20 → 900 s in [10:00, 10:15) and 300 s in [10:15, 10:30);
    # agent 1: 00:05-00:10 and 00:12-00:14 → 300 + 120 s in the first interval;
    # an empty interval (end = start) counts nothing
    agent = np.array([0, 1, 1, 1])
    start = np.array([36_000.0, 300.0, 720.0, 500.0])
    end = np.array([37_200.0, 600.0, 840.0, 500.0])
    grid = agents.bin_seconds(agent, start, end, 2, 42)
    assert grid.shape == (2, 42)
    assert grid[0, 40] == 900.0 and grid[0, 41] == 300.0
    assert grid[1, 0] == 420.0
    assert grid.sum() == 1200.0 + 420.0


def _added_in_order(agent, start, end, n_agents, n_bins):
    """Every piece added one by one, in the intervals' order, with `np.add.at`."""
    flat = np.zeros(n_agents * n_bins)
    for a, s, e in zip(agent.tolist(), start.tolist(), end.tolist(), strict=True):
        if e <= s:
            continue
        for b in range(int(np.floor(s / 900.0)), int(np.ceil(e / 900.0))):
            piece = min(e, (b + 1) * 900.0) - max(s, b * 900.0)
            np.add.at(flat, a * n_bins + b, piece)
    return flat.reshape(n_agents, n_bins)


@pytest.mark.parametrize("chunk", [7, 100, 1 << 18])
@pytest.mark.parametrize("in_agent_order", [False, True])
def test_same_bits_as_adding_in_order(chunk, in_agent_order, monkeypatch):
    rng = np.random.default_rng(5)
    n, n_agents, n_bins = 3000, 9, 200
    # not sorted: as when agents take one contact at a time; sorted: as merged intervals
    agent = rng.integers(0, n_agents, n)
    if in_agent_order:
        agent.sort()
    start = rng.uniform(0, 170_000, n)
    end = start + rng.exponential(400, n) * rng.integers(0, 2, n)  # some empty intervals
    monkeypatch.setattr(agents, "CHUNK", chunk)
    monkeypatch.setattr(agents, "MASKED_CHUNK", chunk)
    got = agents.bin_seconds(agent, start, end, n_agents, n_bins)
    want = _added_in_order(agent, start, end, n_agents, n_bins)
    assert np.array_equal(got.view(np.int64), want.view(np.int64))
    if chunk < n:
        assert len(agents._agent_groups(agent[end > start], n_agents, chunk)) > 1


def test_groups_hold_at_most_chunk_intervals():
    agent = np.repeat(np.arange(5), [4, 4, 25, 3, 9])  # agent 2 alone exceeds the bound
    assert agents._agent_groups(agent, 6, 10) == [(0, 2), (2, 3), (3, 4), (4, 6)]
