"""Agent time per 15-minute interval, from the intervals the loop recorded."""

from __future__ import annotations

import numpy as np
import pandas as pd

INTERVAL_S = 900.0


CHUNK = 1 << 15  # intervals cut into bins at a time, at most: bounds the temporary arrays
# (a shift of 8 hours is 32 pieces; a contact's handling is one or two)
MASKED_CHUNK = 1 << 18  # the same, when the intervals are not in agent order: each group
# then costs a pass over all of them to pick its own


def bin_seconds(agent: np.ndarray, start: np.ndarray, end: np.ndarray, n_agents: int,
                n_bins: int) -> np.ndarray:
    """Seconds of each [start, end) falling in each (agent, interval): shape (agents, bins).

    Each cell is the sum of its pieces in the order of the intervals, added one after the
    other from 0 (as `np.add.at` over all of them would add them). `np.bincount` adds
    exactly so, seven times faster; the intervals are cut into pieces a group of agents at
    a time (their cells are apart, so no cell's sum is split) to bound the memory."""
    keep = end > start
    if not keep.all():
        agent, start, end = agent[keep], start[keep], end[keep]
    flat = np.zeros(n_agents * n_bins)
    # in agent order (the merged busy intervals, shifts, breaks) a group is a slice
    ordered = agent.size < 2 or bool((agent[1:] >= agent[:-1]).all())
    groups = _agent_groups(agent, n_agents, CHUNK if ordered else MASKED_CHUNK)
    for lo, hi in groups:
        if len(groups) == 1:
            a, s, e = agent, start, end
        elif ordered:
            i, j = np.searchsorted(agent, [lo, hi]).tolist()
            a, s, e = agent[i:j], start[i:j], end[i:j]
        else:  # this group's intervals, in their order
            mine = (agent >= lo) & (agent < hi)
            a, s, e = agent[mine], start[mine], end[mine]
        first = np.floor(s / INTERVAL_S).astype(np.int64)
        count = np.ceil(e / INTERVAL_S).astype(np.int64) - first  # the bins each one spans
        # piece by piece: its bin (an interval's first, first + 1, …) and its seconds there;
        # a bin's bounds are whole numbers of seconds, exact in floating point
        b = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count - first, count)
        low = b * INTERVAL_S
        overlap = np.minimum(np.repeat(e, count), low + INTERVAL_S)
        overlap -= np.maximum(np.repeat(s, count), low, out=low)
        cells = np.repeat(a - lo, count) * n_bins + b
        flat[lo * n_bins:hi * n_bins] = np.bincount(cells, overlap, minlength=(hi - lo) * n_bins)
    return flat.reshape(n_agents, n_bins)


def _agent_groups(agent: np.ndarray, n_agents: int, chunk: int) -> list[tuple[int, int]]:
    """Consecutive ranges of agents [lo, hi) holding at most `chunk` intervals each (an
    agent with more has a range of its own)."""
    if agent.size <= chunk:
        return [(0, n_agents)]
    per_agent = np.bincount(agent, minlength=n_agents).tolist()
    groups, lo, held = [], 0, 0
    for a, k in enumerate(per_agent):
        if held and held + k > chunk:
            groups.append((lo, a))
            lo, held = a, 0
        held += k
    groups.append((lo, n_agents))
    return groups


def union(agent: np.ndarray, start: np.ndarray, end: np.ndarray):
    """Merge overlapping intervals per agent (a chat agent with three chats is busy once)."""
    if agent.size == 0:
        return agent, start, end
    # lexsort((start, agent)) as two stable sorts: by start (nearly sorted already, which
    # the stable sort exploits), then by agent as small integers (a radix sort); the same
    # permutation, in half the time
    order = np.argsort(start, kind="stable")
    narrow = agent.astype(np.int16) if agent.max() < 2**15 else agent
    order = order[np.argsort(narrow[order], kind="stable")]
    del narrow
    agent, start, end = agent[order], start[order], end[order]
    big = float(end.max()) + 1.0
    # the running end of each agent's intervals, agents kept apart by an offset of `big`
    # (computed in place: the same operations as (end + a·big) accumulated − a·big)
    offset = agent * big
    running = end + offset
    np.maximum.accumulate(running, out=running)
    running -= offset
    del offset
    new = np.ones(agent.size, dtype=bool)
    new[1:] = (agent[1:] != agent[:-1]) | (start[1:] > running[:-1])
    group_start = np.flatnonzero(new)
    group_last = np.append(group_start[1:], agent.size) - 1
    return agent[group_start], start[group_start], running[group_last]


def agent_table(
    one_at_a_time: bool,
    names: list[str],
    teams: list[str],
    team_of: list[int],
    staffed: list[tuple[int, float, float]],
    breaks: list[tuple[int, float, float]],
    busy_agent: np.ndarray,
    busy_start: np.ndarray,
    busy_end: np.ndarray,
) -> pd.DataFrame:
    n_agents = len(names)
    st = np.array(sorted(staffed), dtype=float).reshape(-1, 3)
    br = np.array(sorted(breaks), dtype=float).reshape(-1, 3)
    ends = [st[:, 2].max() if len(st) else 0.0, busy_end.max() if busy_end.size else 0.0]
    n_bins = int(np.ceil(max(ends) / INTERVAL_S)) + 1
    # one (agents × intervals) grid at a time, each read at the staffed cells and dropped
    staffed_s = bin_seconds(st[:, 0].astype(np.int64), st[:, 1], st[:, 2], n_agents, n_bins)
    rows_agent, rows_bin = np.nonzero(staffed_s > 0)
    staffed_v = staffed_s[rows_agent, rows_bin]
    del staffed_s
    ua, us, ue = busy_agent.astype(np.int64), busy_start, busy_end
    if not one_at_a_time:  # with no concurrency an agent's contacts never overlap
        ua, us, ue = union(ua, us, ue)
    busy_v = np.minimum(
        bin_seconds(ua, us, ue, n_agents, n_bins)[rows_agent, rows_bin], staffed_v)
    del ua, us, ue
    break_s = bin_seconds(br[:, 0].astype(np.int64), br[:, 1], br[:, 2], n_agents, n_bins)
    break_v = np.minimum(break_s[rows_agent, rows_bin], staffed_v - busy_v)
    del break_s
    team_codes = np.asarray(team_of, dtype=np.int32)[rows_agent]
    return pd.DataFrame(
        {
            "agent_id": pd.Categorical.from_codes(rows_agent.astype(np.int32), categories=names),
            "team": pd.Categorical.from_codes(team_codes, categories=teams),
            "interval_start_s": rows_bin * INTERVAL_S,
            "staffed_s": staffed_v,
            "busy_s": busy_v,
            "break_s": break_v,
            "available_s": np.maximum(staffed_v - busy_v - break_v, 0.0),
        }
    )
