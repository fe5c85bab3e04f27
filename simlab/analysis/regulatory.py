"""Regulatory views of the phone line, by the regulators' own definitions, against the
thresholds of the Italian presets (docs/kpi.md, "Regulatory views"). Indicative: the
thresholds come from summaries of the rules, and the lab's data are a simulation or an
export, not a certified measurement.

- ARERA (energy, TIQV): AS, accessibility: opening time units with operators present in
  which at least one line was free ÷ those units; TMA, mean waiting time: from the
  request for an operator to the answer, or to the hang-up for a call that gave up;
  LS, service level: calls that spoke with an operator ÷ calls that asked for one.
- AGCOM (telecoms, 255/24/CONS): mean operator answer time of answered calls; share of
  answered calls answered by an operator within 20 seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from simlab.analysis.kpi import N_

AGCOM_ANSWER_WITHIN_S = 20.0
INTERVAL_S = 900.0


@dataclass(frozen=True)
class Indicator:
    preset: str  # arera, agcom
    key: str
    name: str  # English msgid
    definition: str  # English msgid
    unit: str  # ratio, seconds
    op: str  # ">=" or "<=": how the value must stand against the threshold
    threshold: float


INDICATORS: tuple[Indicator, ...] = (
    Indicator("arera", "as", N_("Accessibility (ARERA AS)"),
              N_("time units with operators present and at least one line free ÷ time units "
                 "with operators present"), "ratio", ">=", 0.95),
    Indicator("arera", "tma", N_("Mean waiting time (ARERA TMA)"),
              N_("Σ wait until the answer or the hang-up ÷ calls that asked for an operator"),
              "seconds", "<=", 180.0),
    Indicator("arera", "ls", N_("Service level (ARERA LS)"),
              N_("calls that spoke with an operator ÷ calls that asked for an operator"),
              "ratio", ">=", 0.85),
    Indicator("agcom", "answer_time", N_("Mean operator answer time (AGCOM)"),
              N_("Σ wait of answered calls ÷ answered calls"), "seconds", "<=", 150.0),
    Indicator("agcom", "within_20s", N_("Calls answered within 20 s (AGCOM)"),
              N_("answered calls with a wait of 20 s or less ÷ answered calls"),
              "ratio", ">=", 0.40),
)
PRESETS = tuple(dict.fromkeys(i.preset for i in INDICATORS))


def values(contacts: pd.DataFrame, agents: pd.DataFrame, channel: str = "phone"
           ) -> dict[str, float]:
    """The value of every indicator for the calls of `channel`. A call that asked for an
    operator is one answered or abandoned (still waiting at the end: not yet either).

    AS needs to know when every line was busy. A queue with a `capacity` in the care
    model turns the caller beyond it away with the busy signal (outcome `busy`): a time
    unit with operators on duty in which a call of the channel found the line busy had
    no free line. Without a capacity no call is ever busy (AS = 1). A log without agent
    time (an imported one) cannot say when operators were present: «—»."""
    calls = contacts[contacts["channel"].astype(str) == channel]
    outcome = calls["outcome"].astype(str).to_numpy()
    wait = calls["wait_s"].to_numpy(dtype=float)
    answered = outcome == "answered"
    asked = answered | (outcome == "abandoned")
    units = _operator_units(agents)
    busy_units = _busy_units(calls, outcome, agents)
    return {
        "as": (units - busy_units) / units if units > 0 else float("nan"),
        "tma": _mean(wait[asked]),
        "ls": _ratio(answered.sum(), asked.sum()),
        "answer_time": _mean(wait[answered]),
        "within_20s": _ratio((answered & (wait <= AGCOM_ANSWER_WITHIN_S)).sum(), answered.sum()),
    }


def view(contacts: pd.DataFrame, agents: pd.DataFrame, channel: str = "phone") -> list[dict]:
    """Every indicator with its value, threshold and whether it is met (None: no value)."""
    got = values(contacts, agents, channel)
    rows = []
    for i in INDICATORS:
        v = got[i.key]
        met = None if np.isnan(v) else bool(v >= i.threshold if i.op == ">=" else v <= i.threshold)
        rows.append({"preset": i.preset, "key": i.key, "name": i.name, "definition": i.definition,
                     "unit": i.unit, "value": None if np.isnan(v) else float(v),
                     "op": i.op, "threshold": i.threshold, "met": met})
    return rows


def _busy_units(calls: pd.DataFrame, outcome: np.ndarray, agents: pd.DataFrame) -> int:
    """Time units with operators on duty in which at least one call found the line busy."""
    busy = outcome == "busy"
    if not busy.any() or agents is None or agents.empty:
        return 0
    staffed = agents.groupby(agents["interval_start_s"] // INTERVAL_S)["staffed_s"].sum()
    present = set(staffed.index[staffed > 0].astype(int).tolist())
    units = np.unique((calls["arrival_s"].to_numpy(dtype=float)[busy] // INTERVAL_S).astype(int))
    return sum(1 for u in units.tolist() if u in present)


def _operator_units(agents: pd.DataFrame) -> int:
    if agents is None or agents.empty:
        return 0
    staffed = agents.groupby(agents["interval_start_s"] // INTERVAL_S)["staffed_s"].sum()
    return int((staffed > 0).sum())


def _mean(x: np.ndarray) -> float:
    return float(x.mean()) if x.size else float("nan")


def _ratio(a, b) -> float:
    return float(a) / float(b) if b else float("nan")
