"""The care model's targets against a run's actual KPIs (UF3.A3, UF3.A4; docs/variance.md).

One row per channel and target: the target, the actual value, the gap (actual − target,
in the KPI's unit: points of a ratio, seconds, hours, euro) and a verdict. A target is
"met" when the actual value is on its right side (at least the target for the service
level, FCR and ticket SLA; at most for ASA, abandonment, response and resolution times and
the cost per contact); "no data" when the run has no such contacts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from simlab.analysis import kpi_groups
from simlab.analysis import kpi_variants as kv
from simlab.analysis.kpi import N_
from simlab.analysis.kpi_groups import KpiData

# kpi key: (unit, True when higher is better); the names are the KPIs' own (kpi_variants)
TARGET_KPIS: dict[str, tuple[str, bool]] = {
    "service_level": ("ratio", True),
    "asa_s": ("seconds", False),
    "abandon_rate": ("ratio", False),
    "fcr": ("ratio", True),
    "frt_h": ("hours", False),
    "resolution_h": ("hours", False),
    "cost_per_contact": ("eur", False),
}
VERDICTS = {"met": N_("met"), "missed": N_("missed"), "no_data": N_("no data")}
COLUMNS = ("channel", "kpi", "target", "actual", "gap", "verdict")


@dataclass(frozen=True)
class Target:
    channel: str  # a channel, or "total" for the whole run
    kpi: str
    value: float


def targets_of(care, channels: list[str], realtime: list[str]) -> list[Target]:
    """Every target a care model sets: SL and ticket times per channel; the optional
    `kpi_targets` for each real-time channel (ASA, abandonment), each channel (FCR) and
    the whole run (FCR, cost per contact)."""
    out = []
    for ch in channels:
        sl = getattr(care, "service_level", {}).get(ch)
        if sl is not None:
            out.append(Target(ch, "service_level", sl.target))
        ticket = getattr(care, "tickets", {}).get(ch)
        if ticket is not None:
            out.append(Target(ch, "frt_h", ticket.first_response_h))
            out.append(Target(ch, "resolution_h", ticket.resolution_h))
    kt = getattr(care, "kpi_targets", None)
    if kt is not None:
        for ch in channels:
            if ch in realtime and kt.asa_s is not None:
                out.append(Target(ch, "asa_s", kt.asa_s))
            if ch in realtime and kt.abandon_rate is not None:
                out.append(Target(ch, "abandon_rate", kt.abandon_rate))
            if kt.fcr is not None:
                out.append(Target(ch, "fcr", kt.fcr))
        if kt.fcr is not None:
            out.append(Target("total", "fcr", kt.fcr))
        if kt.cost_per_contact_eur is not None:
            out.append(Target("total", "cost_per_contact", kt.cost_per_contact_eur))
    return out


def verdict(kpi: str, target: float, actual: float) -> str:
    if actual is None or math.isnan(actual):
        return "no_data"
    higher = TARGET_KPIS[kpi][1]
    return "met" if (actual >= target if higher else actual <= target) else "missed"


def evaluate(data: KpiData, realtime: list[str]) -> pd.DataFrame:
    """Targets against actuals: the columns of `COLUMNS`, in the order of the targets."""
    table = kpi_groups.table(data, "channel", dict(kv.DEFAULTS))
    channels = [str(c) for c in table.index if c not in ("total", kpi_groups.NONE)]
    rows = []
    for t in targets_of(data.targets, channels, realtime):
        actual = float(table.loc[t.channel, t.kpi]) if t.channel in table.index else math.nan
        rows.append((t.channel, t.kpi, t.value, actual,
                     actual - t.value if not math.isnan(actual) else math.nan,
                     verdict(t.kpi, t.value, actual)))
    return pd.DataFrame(rows, columns=list(COLUMNS))


def missed(evaluation: pd.DataFrame) -> pd.DataFrame:
    """The missed targets, the largest relative gap first."""
    m = evaluation[evaluation["verdict"] == "missed"].copy()
    m["relative"] = (m["gap"] / m["target"]).abs()
    return m.sort_values(["relative", "channel", "kpi"], ascending=[False, True, True],
                         kind="stable").drop(columns="relative")
