"""The KPI dashboard of one run, as data: the drill-down channel → queue → team → agent →
interval, the headline tiles against the care model's targets, the formula switches and
the series of one KPI by interval. The app's dashboard screen only shows what this gives.

A *path* is the list of rows opened so far, `[Step("channel", "phone"), Step("queue",
"bollette")]`; the table of a path groups the contacts (and the agents' time) inside it
by the next level. Every number comes from `analysis.kpi_groups`, on a log cut down to
the path: the per-contact indicators are computed once on the whole log and then cut,
so that an FCR "by no repeat" still sees a customer's repeat on another channel.

The counts of a level add up to the row it was opened from (a contact nobody handled is
in the team «—» and the agent «—»). Agent time is not split by channel or queue: under a
channel, a team's occupancy is that team's over all its work (docs/dashboard.md).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from simlab.analysis import kpi_groups
from simlab.analysis import kpi_variants as kv
from simlab.analysis.kpi_groups import KpiData
from simlab.errors import SimlabError
from simlab.i18n import _

LEVELS = ("channel", "queue", "team", "agent", "interval")
CONTACT_COLUMN = {"channel": "channel", "queue": "queue", "team": "team", "agent": "agent_id"}
# the KPIs of the tiles, in order; cost per contact exists for the whole run only
TILE_KPIS = ("service_level", "asa_s", "abandon_rate", "aht_s", "fcr", "occupancy",
             "ticket_sla", "cost_per_contact")
# the columns of a level's table (those with no value in the scope are left out)
TABLE_COLUMNS = ("offered", "answered", "abandoned", "service_level", "asa_s",
                 "abandon_rate", "aht_s", "fcr", "occupancy", "shrinkage", "ticket_sla",
                 "backlog")
# the KPIs that can be drawn by interval (every table column but the counts)
CHART_KPIS = ("service_level", "asa_s", "abandon_rate", "aht_s", "fcr", "occupancy",
              "shrinkage", "offered", "ticket_sla")
SHORT_ABANDON_CHOICES = (5.0, 10.0)
REPEAT_DAYS_CHOICES = (7.0, 14.0, 30.0)
# "≤": lower is better; "≥": higher is better
TARGET_SENSE = {"service_level": ">=", "asa_s": "<=", "abandon_rate": "<=", "fcr": ">=",
                "cost_per_contact": "<="}


@dataclass(frozen=True)
class Step:
    level: str
    key: str


@dataclass(frozen=True)
class FormulaChoice:
    """One entry of a KPI's formula switch: a variant and, for the variants that take
    one, its parameter (S seconds of a short abandon, N days without a repeat)."""

    kpi: str
    variant: str
    parameter: float | None = None

    @property
    def id(self) -> str:
        if self.parameter is None:
            return self.variant
        return f"{self.variant}:{self.parameter:g}"

    def name(self) -> str:
        base = _(kv.VARIANT_BY_KEY[(self.kpi, self.variant)].name)
        if self.parameter is None:
            return base
        if self.variant == "no_repeat":
            return _("{name}, {n} days").format(name=base, n=f"{self.parameter:g}")
        return _("{name}, S = {n} s").format(name=base, n=f"{self.parameter:g}")

    def formula(self) -> str:
        return _(kv.VARIANT_BY_KEY[(self.kpi, self.variant)].formula)


def _param_kind(kpi: str, variant: str) -> str | None:
    if variant == "no_short_abandons":
        return "short_abandon_s"
    if kpi == "fcr" and variant == "no_repeat":
        return "repeat_days"
    return None


def formula_choices(kpi: str) -> list[FormulaChoice]:
    """The switch of one KPI: every variant of `analysis.kpi_variants`, those with a
    parameter once per value offered."""
    out = []
    for variant in kv.variants_of(kpi):
        kind = _param_kind(kpi, variant)
        values = {None: (None,), "short_abandon_s": SHORT_ABANDON_CHOICES,
                  "repeat_days": REPEAT_DAYS_CHOICES}[kind]
        out.extend(FormulaChoice(kpi, variant, v) for v in values)
    return out


# the KPIs whose formula can be switched (more than one choice)
SWITCHABLE = tuple(k for k in kv.KPI_KEYS if len(formula_choices(k)) > 1)


@dataclass
class Tile:
    kpi: str
    name: str  # the chosen variant's name, translated
    value: float
    unit: str
    target: float | None  # the care model's target (None: it has none here)
    sense: str  # ">=" or "<="
    met: bool | None  # None: no target or no value
    threshold_s: float | None = None  # the SL's T
    variant: str = "default"


@dataclass
class Level:
    """The table of one path: a row per group of `level` (sorted, «—» for contacts
    nobody handled) and a last row "total"; `columns` are those with a value."""

    level: str | None  # None: the path is at its deepest (an interval)
    frame: pd.DataFrame
    columns: list[str]

    def keys(self) -> list[str]:
        return [str(k) for k in self.frame.index if k != "total"]


@dataclass
class Dashboard:
    data: KpiData
    care: object  # the care model (its targets)
    names: dict[str, dict[str, str]] = field(default_factory=dict)  # level → key → name
    formulas: dict[str, str] = field(default_factory=lambda: dict(kv.DEFAULTS))
    choices: dict[str, FormulaChoice] = field(default_factory=dict)

    # -- formulas -------------------------------------------------------------------------

    def choice(self, kpi: str) -> FormulaChoice:
        if kpi in self.choices:
            return self.choices[kpi]
        return formula_choices(kpi)[0]

    def set_formula(self, kpi: str, choice_id: str) -> None:
        """Switch `kpi` to one of its `formula_choices` (by id); the parameter it takes
        (S, N) applies to every KPI that uses it."""
        found = [c for c in formula_choices(kpi) if c.id == choice_id]
        if not found:
            raise SimlabError(_("unknown formula «{choice}» of {kpi}; allowed: {allowed}")
                              .format(choice=choice_id, kpi=kpi, allowed=", ".join(
                                  c.id for c in formula_choices(kpi))), key=kpi)
        chosen = found[0]
        self.formulas[kpi] = chosen.variant
        self.choices[kpi] = chosen
        kind = _param_kind(kpi, chosen.variant)
        if kind is not None and getattr(self.data, kind) != chosen.parameter:
            self.data = dataclasses.replace(self.data, **{kind: chosen.parameter}, _ind=None)
            for other, c in list(self.choices.items()):  # the others that share it follow
                if other != kpi and _param_kind(other, c.variant) == kind:
                    self.choices[other] = FormulaChoice(other, c.variant, chosen.parameter)

    # -- drill-down -----------------------------------------------------------------------

    def check_path(self, path: list[Step]) -> None:
        for depth, step in enumerate(path):
            if depth >= len(LEVELS) or step.level != LEVELS[depth]:
                raise SimlabError(_("the drill-down goes {levels}, one level at a time")
                                  .format(levels=" → ".join(LEVELS)), key="path")

    def next_level(self, path: list[Step]) -> str | None:
        return LEVELS[len(path)] if len(path) < len(LEVELS) else None

    def scope(self, path: list[Step]) -> KpiData:
        """The log cut down to the path: its contacts and their indicators, the agent
        time of the path's team, agent and interval, no costs (they are not recorded by
        group) unless the path is empty."""
        self.check_path(path)
        data = self.data
        if not path:
            return data
        ind = data.indicators()
        mask = np.ones(len(data.contacts), dtype=bool)
        for step in path:
            mask &= self._contact_labels(data, step.level) == step.key
        contacts = data.contacts[mask]
        # under a channel or a queue, the agents who handled its contacts
        worked = kpi_groups.contact_keys(dataclasses.replace(data, contacts=contacts), "agent")
        agents = _agent_cut(data.agents, data, path, worked)
        schedule = None if data.schedule is None else _agent_cut(data.schedule, data, path,
                                                                 worked)
        return dataclasses.replace(data, contacts=contacts, agents=agents, schedule=schedule,
                                   costs=data.costs.iloc[0:0], _ind=ind[mask])

    @staticmethod
    def _contact_labels(data: KpiData, level: str) -> np.ndarray:
        if level == "interval":
            return kpi_groups.time_keys(data.contacts["arrival_s"].to_numpy(dtype=float),
                                        data, "interval")
        return kpi_groups.contact_keys(data, level)

    def level(self, path: list[Step]) -> Level:
        """The table of the next level inside `path`; at the deepest (an interval), the
        interval's own row."""
        by = self.next_level(path)
        scoped = self.scope(path)
        if by is None:
            frame = kpi_groups.table(scoped, "channel", self.formulas).loc[["total"]]
        else:
            frame = kpi_groups.table(scoped, by, self.formulas)
        columns = [c for c in TABLE_COLUMNS if c in ("offered", "answered", "abandoned")
                   or frame[c].notna().any()]
        return Level(by, frame, columns)

    def label(self, level: str, key: str) -> str:
        if key == "total":
            return _("Total")
        return self.names.get(level, {}).get(key, key)

    def breadcrumb(self, path: list[Step]) -> list[str]:
        return [_("All channels")] + [self.label(s.level, s.key) for s in path]

    # -- tiles and chart ------------------------------------------------------------------

    def tiles(self, path: list[Step]) -> list[Tile]:
        """The headline KPIs of the path's total, each against the care model's target:
        the SL target of the path's channel, the other targets (`kpi_targets`) anywhere."""
        scoped = self.scope(path)
        # by team: its total row has the agent-time KPIs too (by channel it has not)
        total = kpi_groups.table(scoped, "team", self.formulas).loc["total"]
        channel = path[0].key if path else None
        out = []
        for key in TILE_KPIS:
            variant = kv.VARIANT_BY_KEY[(key, self.formulas[key])]
            value = float(total[key])
            target = self._target(key, channel)
            sense = TARGET_SENSE.get(key, ">=")
            met = None
            if target is not None and not np.isnan(value):
                met = bool(value >= target if sense == ">=" else value <= target)
            t = total["sl_threshold_s"] if key == "service_level" else np.nan
            out.append(Tile(key, self.choice(key).name(), value, variant.unit, target, sense,
                            met, None if np.isnan(t) else float(t), variant.key))
        return out

    def _target(self, key: str, channel: str | None) -> float | None:
        care = self.care
        if key == "service_level":
            levels = getattr(care, "service_level", {}) or {}
            return float(levels[channel].target) if channel in levels else None
        targets = getattr(care, "kpi_targets", None)
        name = {"cost_per_contact": "cost_per_contact_eur"}.get(key, key)
        value = getattr(targets, name, None) if targets is not None else None
        return None if value is None else float(value)

    def series(self, path: list[Step], key: str) -> dict[str, tuple[list[float], list[float]]]:
        """`key` by interval of the day (all days together) inside the path, as lines by
        name: at the root one per channel (their SLs have different T and do not add
        up), below it the path's own. Each line: the start of every interval in seconds
        after midnight, from the first to the last with contacts offered, and the value
        there (NaN: none). A line with no value at all is left out."""
        if key not in CHART_KPIS:
            raise SimlabError(_("«{kpi}» cannot be drawn by interval; allowed: {allowed}")
                              .format(kpi=key, allowed=", ".join(CHART_KPIS)), key="kpi")
        if path:
            scopes = [(self.breadcrumb(path)[-1], path)]
        else:
            scopes = [(self.label("channel", c), [Step("channel", c)])
                      for c in self.level([]).keys()]
        out = {}
        for name, scope in scopes:
            times, values = self._line(scope, key)
            if any(not np.isnan(v) for v in values):
                out[name] = (times, values)
        return out

    def _line(self, path: list[Step], key: str) -> tuple[list[float], list[float]]:
        frame = kpi_groups.table(self.scope(path), "interval", self.formulas)
        frame = frame.drop(index="total")
        offered = np.flatnonzero(frame["offered"].to_numpy() > 0)
        if len(offered):  # the hours with contacts (not the night's out-of-hours calls)
            frame = frame.iloc[offered[0]:offered[-1] + 1]
        times = [float(int(k[:2]) * 3600 + int(k[3:5]) * 60) for k in frame.index]
        return times, [float(v) for v in frame[key].to_numpy(dtype=float)]


def _agent_cut(table: pd.DataFrame, data: KpiData, path: list[Step], worked: np.ndarray
               ) -> pd.DataFrame:
    """The agent-time rows (or scheduled rows) inside the path: a channel or a queue
    keeps the agents who handled some of its contacts (`worked`: their ids), with all
    their time (it is not split by channel)."""
    mask = np.ones(len(table), dtype=bool)
    if any(step.level in ("channel", "queue") for step in path):
        mask &= np.isin(table["agent_id"].astype(str).to_numpy(), np.unique(worked))
    for step in path:
        if step.level == "team":
            mask &= table["team"].astype(str).to_numpy() == step.key
        elif step.level == "agent":
            mask &= table["agent_id"].astype(str).to_numpy() == step.key
        elif step.level == "interval":
            labels = kpi_groups.time_keys(table["interval_start_s"].to_numpy(dtype=float),
                                          data, "interval")
            mask &= labels == step.key
    return table[mask]


def for_view(view) -> Dashboard:
    """The dashboard of a run the lab has open (`lab.runview.RunView`)."""
    from simlab.reports.tables import channel_names, team_names

    names = {"channel": channel_names(view.scenario), "team": team_names(view.plan),
             "queue": {q.id: str(q.name) for q in view.care.queues}}
    return Dashboard(view.kpi_data, view.care, names)


def open_run(ws, run_id: str) -> Dashboard:
    """The dashboard of a saved run of the workspace, once its files are checked."""
    from simlab.lab.runview import open_run as open_view

    record = ws.run(run_id)
    if record.status != "complete":
        raise SimlabError(_("the run is not complete: it has no results"),
                          file=ws.run_dir(record.id))
    problems = ws.verify_run(run_id)
    if problems:
        raise SimlabError(_("the run's files do not match what was saved: {problems}")
                          .format(problems="; ".join(problems)), file=ws.run_dir(run_id))
    return for_view(open_view(ws, run_id))
