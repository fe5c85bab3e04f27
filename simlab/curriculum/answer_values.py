"""The values an answer check compares a trainee's number with (its `value`): an
Erlang formula (`simlab.queueing`), a statistic of a shipped data file, or a figure of
the trainee's run (KPIs, worst day or half-hour, costs, and the values of
`formula_values` and `staff_checks`). Like every check value they come from the core."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from simlab import queueing
from simlab.analysis import market
from simlab.curriculum import formula_values, staff_checks
from simlab.curriculum.check_kinds import (
    AnswerCheck,
    DatasetValue,
    ErlangValue,
    RunCostValue,
    RunFormulaValue,
    RunKpiValue,
    RunRegulatoryValue,
    RunStaffSurveyValue,
    RunWorstValue,
)
from simlab.curriculum.exercise import Question, shipped_file
from simlab.errors import SimlabError
from simlab.i18n import _

if TYPE_CHECKING:
    from simlab.curriculum.checks import RunData, Work

RATIO_KPIS = ("service_level", "sl_gap", "abandon_rate", "fcr", "ticket_sla")
RATIO_ERLANG = ("service_level", "p_wait", "p_abandon", "occupancy")


def channel_value(run: RunData, kpi: str, channel: str) -> float | None:
    if channel not in run.channels.index:
        raise SimlabError(_("the run has no channel «{channel}»; it has: {known}").format(
            channel=channel, known=", ".join(map(str, run.channels.index))), key="channel")
    value = run.channels.loc[channel, kpi]
    return None if pd.isna(value) else float(value)


def expected_value(check: AnswerCheck, question: Question, work: Work) -> float | None:
    """The value the core computes for an answer check, in the question's unit (None:
    the run is missing or has no such value)."""
    value = check.value
    if isinstance(value, ErlangValue):
        number = _erlang(value)
        ratio = value.output in RATIO_ERLANG
    elif isinstance(value, DatasetValue):
        number = dataset_statistic(value)
        ratio = value.stat.startswith("share_")
    else:
        if work.run is None:
            return None
        if isinstance(value, RunKpiValue):
            number = channel_value(work.run, value.kpi, value.channel)
            ratio = value.kpi in RATIO_KPIS
        elif isinstance(value, RunWorstValue):
            number = _worst(work.run, value)
            ratio = value.report in RATIO_KPIS
        elif isinstance(value, RunFormulaValue):
            number, ratio = formula_values.formula_value(work.run, value)
        elif isinstance(value, RunRegulatoryValue):
            number, ratio = formula_values.regulatory_value(work.run, value)
        elif isinstance(value, RunStaffSurveyValue):
            number, ratio = formula_values.staff_survey_value(work.run, value, work.folder)
        elif value.source in ("budget", "ledger", "staff"):  # curriculum/staff_checks.py
            number, ratio = staff_checks.value(work.run, value)
        else:
            assert isinstance(value, RunCostValue)
            number, ratio = work.run.cost[value.item], False
    if number is None or not math.isfinite(number):
        return None
    return number * 100 if ratio and question.percent else number


def _erlang(value: ErlangValue) -> float:
    rate = value.arrivals_per_hour / 3600
    if value.output == "agents":
        return float(queueing.agents_for_service_level(
            rate, value.aht_s, value.t_s, value.target, value.patience_s))
    if value.model == "A":
        metrics = queueing.erlang_a_metrics(rate, value.aht_s, value.patience_s,
                                            value.agents, value.t_s)
    else:
        metrics = queueing.erlang_c_metrics(rate, value.aht_s, value.agents, value.t_s)
    return float(getattr(metrics, value.output))


def read_dataset(path: Path) -> pd.DataFrame:
    """A data file in the lab's CSV dialect (`;`, decimal comma, UTF-8 with or without
    BOM)."""
    try:
        return pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError,
            pd.errors.EmptyDataError) as e:
        raise SimlabError(_("cannot read the data file: {error}").format(error=e),
                          file=path) from None


def dataset_statistic(value: DatasetValue) -> float | None:
    path = shipped_file(value.file)
    frame = read_dataset(path)
    for column in (value.column, *value.where):
        if column not in frame.columns:
            raise SimlabError(_("no column «{column}»; the columns are: {known}").format(
                column=column, known=", ".join(map(str, frame.columns))), file=path)
    for column, wanted in value.where.items():
        frame = frame[frame[column].astype(str) == wanted]
    numbers = pd.to_numeric(frame[value.column], errors="coerce").dropna()
    if value.stat == "count":
        return float(len(numbers))
    if numbers.empty:
        return None
    if value.stat == "share_at_least":
        return float((numbers >= value.threshold).mean())
    if value.stat == "share_at_most":
        return float((numbers <= value.threshold).mean())
    if value.stat == "nps":
        return market.nps(numbers)
    return float(getattr(numbers, value.stat)())


def _worst(run: RunData, value: RunWorstValue) -> float | None:
    """The day (1 = first) or the start of the half-hour (seconds after midnight)
    where the KPI was lowest (`min`) or highest (`max`), ties to the earliest; or the
    `report` KPI there."""
    table = run.by_day if value.by == "day" else run.intraday
    if value.channel not in table.index.get_level_values("channel"):
        return None
    rows = table.xs(value.channel, level="channel").sort_index()
    series = rows[value.kpi].dropna()
    if series.empty:
        return None
    best = series.min() if value.pick == "min" else series.max()
    at = series.index[series.to_numpy() == best][0]
    if value.report is not None:
        there = rows.loc[at, value.report]
        return None if pd.isna(there) else float(there)
    return float(int(at) + 1) if value.by == "day" else float(int(at))
