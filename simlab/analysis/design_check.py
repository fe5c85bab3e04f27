"""Checks of a care model's design (UF1; docs/sizing.md#checking-a-design): what is
inconsistent (errors) or questionable (warnings), each explained in the user's language
and naming the ability of the standard it concerns (UF1.A1 … UF1.A6).

Each check is a function of the scenario, the care model, its sizing and its sector's
competitors, returning findings; `check` runs them all.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from simlab.analysis import market
from simlab.analysis.sizing import INTERVAL_S, Sizing, open_seconds
from simlab.i18n import _, decimal
from simlab.model.care import CareModel
from simlab.model.care_access import queue_tiers
from simlab.model.common import DAY_LABELS_IT
from simlab.model.scenario import Scenario
from simlab.queueing import erlang_c_metrics

ERROR, WARNING = "error", "warning"
# Share of a real-time channel's weekly demand arriving while it is closed that is worth
# a warning: a few calls out of hours are normal, a fifth of them is a design choice.
OUT_OF_HOURS_SHARE = 0.05
# Sector presets, indicative (docs/domain.md#italian-rules-useful-as-presets).
AGCOM_HOURS = (8 * 3600 + 1800, 21 * 3600 + 1800)  # weekdays 08:30-21:30
AGCOM_ASA_S, AGCOM_SL_20S = 150.0, 0.40
ARERA_TMA_S, ARERA_LS = 180.0, 0.85


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str  # error | warning
    ability: str  # UF1.A1 … UF1.A6
    message: str
    key: str = ""  # where in the care model


def catalogue_cost(care: CareModel) -> float:
    """What the core services and the supporting activities cost a month."""
    return (sum(c.cost_per_month_eur for c in care.services)
            + sum(a.cost_per_month_eur for a in care.support_activities))


def check(scenario: Scenario, care: CareModel, sizing: Sizing,
          competitors: pd.DataFrame | None) -> list[Finding]:
    """Every finding, errors first, in a stable order."""
    found = [*sla_on_closed_channel(care),
             *l2_only_routes(scenario, care),
             *demand_out_of_hours(sizing),
             *budget_reach(care, sizing),
             *targets_beyond_sizing(care, sizing),
             *sector_rules(scenario, care, sizing),
             *premium_looser_than_market(scenario, care, competitors)]
    return sorted(found, key=lambda f: (f.severity != ERROR, f.ability, f.code, f.key))


def sla_on_closed_channel(care: CareModel) -> list[Finding]:
    out = []
    for key in ("service_level", "tickets"):
        for channel in getattr(care, key):
            if not any(w.days and w.end > w.start for w in care.opening_hours.get(channel, [])):
                out.append(Finding("sla-closed-channel", ERROR, "UF1.A3", _(
                    "the channel «{channel}» has a target but is never open: no contact can "
                    "meet it; give it opening hours or drop the target").format(channel=channel),
                    f"{key}.{channel}"))
    return out


def l2_only_routes(scenario: Scenario, care: CareModel) -> list[Finding]:
    """Contacts that only an L2 queue would take: customers cannot reach an L2 queue
    directly (it receives contacts only by escalation from L1), so the run would refuse
    them. One finding per L2 queue, naming the first such channel, segment and reason."""
    tiers = queue_tiers(care.queues, care.skill_groups)
    l2 = [q for q in care.queues if tiers[q.id] == "L2"]
    if not l2:
        return []
    l1 = [q for q in care.queues if tiers[q.id] == "L1"]
    out = []
    for q in l2:
        combo = next(((q.channel, seg.id, r.id) for seg in scenario.segments
                      for r in scenario.reasons
                      if _takes(q, seg.id, r.id)
                      and not any(o.channel == q.channel and _takes(o, seg.id, r.id)
                                  for o in l1)), None)
        if combo is not None:
            out.append(Finding("l2-direct-route", ERROR, "UF1.A3", _(
                "on the channel «{channel}» only the L2 queue «{queue}» takes segment "
                "«{segment}» with reason «{reason}»: customers cannot reach an L2 queue "
                "directly (it receives contacts only by escalation from L1); add an L1 "
                "queue for them, or a catch-all").format(
                    channel=combo[0], queue=q.id, segment=combo[1], reason=combo[2]),
                f"queues.{q.id}"))
    return out


def _takes(q, segment: str, reason: str) -> bool:
    """Whether queue `q` takes a contact of this segment and reason (on its channel)."""
    return (not q.segments or segment in q.segments) and (not q.reasons or reason in q.reasons)


def demand_out_of_hours(sizing: Sizing) -> list[Finding]:
    out = []
    frame = sizing.intervals
    for channel, part in frame.groupby("channel", sort=True):
        total = float(part["forecast_contacts"].sum())
        closed = float(part.loc[part["open"] == 0, "forecast_contacts"].sum())
        if total > 0 and closed / total > OUT_OF_HOURS_SHARE:
            out.append(Finding("demand-out-of-hours", WARNING, "UF1.A3", _(
                "{share} of the contacts of «{channel}» arrive while it is closed: widen its "
                "hours or offer another channel at those times").format(
                    share=_pct(closed / total), channel=channel), f"opening_hours.{channel}"))
    return out


def budget_reach(care: CareModel, sizing: Sizing) -> list[Finding]:
    budget = care.budget_per_month_eur
    if budget is None or sizing.cost_per_month <= budget:
        return []
    return [Finding("budget-unreachable", ERROR, "UF1.A5", _(
        "the targets need {cost} a month by Erlang sizing, over the budget of {budget}: "
        "loosen the targets or the hours, or raise the budget").format(
            cost=_eur(sizing.cost_per_month), budget=_eur(budget)), "budget_per_month_eur")]


def targets_beyond_sizing(care: CareModel, sizing: Sizing) -> list[Finding]:
    """Expected results the service-level sizing does not deliver: a cost per contact
    below what the sized staff costs, an ASA shorter than the sized phone line's."""
    targets = care.kpi_targets
    if targets is None:
        return []
    out = []
    contacts = float(sizing.intervals.loc[sizing.intervals["open"] == 1,
                                          "forecast_contacts"].sum()
                     + sizing.deferred["forecast_contacts"].sum())
    if targets.cost_per_contact_eur is not None and contacts > 0:
        cost = sizing.cost_per_week / contacts
        if cost > targets.cost_per_contact_eur:
            out.append(Finding("cost-per-contact-unreachable", WARNING, "UF1.A5", _(
                "the service levels need {cost} per contact by Erlang sizing, above the "
                "target of {target}").format(cost=decimal(cost, 2) + " €",
                                             target=decimal(targets.cost_per_contact_eur, 2)
                                             + " €"), "kpi_targets.cost_per_contact_eur"))
    implied = implied_phone(sizing)
    if targets.asa_s is not None and implied is not None and implied[0] > targets.asa_s:
        out.append(Finding("asa-beyond-sl", WARNING, "UF1.A5", _(
            "staffed for its service level, the phone line answers in {asa} s on average, "
            "slower than the ASA target of {target} s: staff for the stricter of the two"
        ).format(asa=decimal(implied[0], 0), target=decimal(targets.asa_s, 0)),
            "kpi_targets.asa_s"))
    return out


def implied_phone(sizing: Sizing) -> tuple[float, float] | None:
    """ASA and SL within 20 s that the sized phone line delivers by Erlang C, averaged
    over the week's contacts (open intervals): what the targets imply."""
    rows = sizing.intervals
    rows = rows[(rows["channel"] == "phone") & (rows["open"] == 1)
                & (rows["forecast_contacts"] > 0)]
    if rows.empty:
        return None
    asa = sl20 = weight = 0.0
    for contacts, aht, agents in zip(rows["forecast_contacts"], rows["aht_s"],
                                     rows["required_agents"], strict=True):
        m = erlang_c_metrics(contacts / INTERVAL_S, aht, int(agents), 20.0)
        asa += contacts * m.asa_s
        sl20 += contacts * m.service_level
        weight += contacts
    return asa / weight, sl20 / weight


def sector_rules(scenario: Scenario, care: CareModel, sizing: Sizing) -> list[Finding]:
    """The indicative levels of the sector's regulator: AGCOM for telecoms, ARERA for
    energy. A stated ASA target is checked as written; without one, the ASA the sized
    line delivers."""
    sector = market.sector_of(scenario.company.sector)
    implied = implied_phone(sizing)
    stated_asa = care.kpi_targets.asa_s if care.kpi_targets else None
    out = []
    if sector == "telecoms" and "phone" in care.opening_hours:
        short = [DAY_LABELS_IT[d] for d in range(5)
                 if open_seconds(care, "phone", d, *AGCOM_HOURS) < AGCOM_HOURS[1] - AGCOM_HOURS[0]]
        if short:
            out.append(Finding("agcom-hours", WARNING, "UF1.A3", _(
                "AGCOM (indicative): a human operator on weekdays 08:30–21:30; the phone line "
                "is not open all that time on: {days}").format(days=", ".join(short)),
                "opening_hours.phone"))
        asa = stated_asa if stated_asa is not None else (implied[0] if implied else None)
        if asa is not None and asa > AGCOM_ASA_S:
            out.append(Finding("agcom-asa", WARNING, "UF1.A5", _(
                "AGCOM (indicative): mean operator answer time at most {limit} s; the model "
                "gives {asa} s").format(limit=f"{AGCOM_ASA_S:.0f}", asa=f"{asa:.0f}"),
                "kpi_targets.asa_s"))
        # the stated target if it is within 20 s, else what the sized line delivers
        target = care.service_level.get("phone")
        sl20 = target.target if target and target.threshold_s <= 20 else (
            implied[1] if implied else None)
        if sl20 is not None and sl20 < AGCOM_SL_20S:
            out.append(Finding("agcom-sl", WARNING, "UF1.A5", _(
                "AGCOM (indicative): at least 40% of the calls answered within 20 s; the "
                "model gives {sl}").format(sl=_pct(sl20)), "service_level.phone"))
    if sector == "energy":
        asa = stated_asa if stated_asa is not None else (implied[0] if implied else None)
        if asa is not None and asa > ARERA_TMA_S:
            out.append(Finding("arera-tma", WARNING, "UF1.A5", _(
                "ARERA (indicative): mean wait (TMA) at most {limit} s; the model gives "
                "{asa} s").format(limit=f"{ARERA_TMA_S:.0f}", asa=f"{asa:.0f}"),
                "kpi_targets.asa_s"))
        abandon = care.kpi_targets.abandon_rate if care.kpi_targets else None
        if abandon is not None and 1 - abandon < ARERA_LS:
            out.append(Finding("arera-ls", WARNING, "UF1.A5", _(
                "ARERA (indicative): service level LS (calls answered ÷ calls asking for an "
                "operator) at least 85%; an abandonment target of {rate} allows {ls}").format(
                    rate=_pct(abandon), ls=_pct(1 - abandon)), "kpi_targets.abandon_rate"))
    return out


def premium_looser_than_market(scenario: Scenario, care: CareModel,
                               competitors: pd.DataFrame | None) -> list[Finding]:
    """A premium positioning whose target on some metric is worse than every competitor's."""
    if care.positioning != "premium" or competitors is None or competitors.empty:
        return []
    table = market.benchmark(market.company_profile(scenario, care), competitors)
    out = []
    for row in table.itertuples():
        if row.metric in ("cost_per_contact_eur", "channel_count") or pd.isna(row.company):
            continue
        if _worse_than_all(row.company, competitors, row.metric):
            out.append(Finding("premium-looser", WARNING, "UF1.A2", _(
                "a premium positioning, but the target for {metric} ({value}) is looser than "
                "every competitor of the sector (the worst has {worst})").format(
                    metric=row.metric, value=_num(row.company), worst=_num(row.sector_worst)),
                f"kpi_targets.{row.metric}"))
    return out


def _worse_than_all(value: float, competitors: pd.DataFrame, metric: str) -> bool:
    higher = dict(market.METRICS)[metric]
    values = market.with_channel_count(competitors)[metric].astype(float)
    return bool((values > value).all() if higher else (values < value).all())


def _pct(x: float) -> str:
    return decimal(x * 100, 1) + "%"


def _eur(x: float) -> str:
    return decimal(x, 0) + " €"


def _num(x: float) -> str:
    return decimal(x, 0 if x == int(x) else 2)
