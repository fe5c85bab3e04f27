"""The tools exam mode offers beside the task (docs/exams.md): the queue lab's theory
(Erlang C, or Erlang A with a patience) when the exam allows `queue`, and the lines a
simulation's results are shown in. The screen only passes what was typed."""

from __future__ import annotations

import math
from dataclasses import dataclass

from simlab import fmt
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.lab.careform import parse_number
from simlab.lab.exam_take import Pack
from simlab.lab.runview import RunView
from simlab.reports.tables import channel_names

MAX_AGENTS = 5000  # beyond any exam's service, and the theory stays quick


@dataclass(frozen=True)
class QueueField:
    id: str
    label: str
    required: bool = True


def queue_fields() -> list[QueueField]:
    """The queue lab's inputs, in the order the screen shows them."""
    return [QueueField("arrivals", _("Calls an hour")),
            QueueField("aht", _("Mean handle time (s)")),
            QueueField("agents", _("Agents")),
            QueueField("target", _("Service level threshold (s)")),
            QueueField("patience", _("Mean patience (s, empty: Erlang C)"), required=False)]


def queue_allowed(pack: Pack) -> bool:
    return "queue" in pack.exam.get("tools", [])


def queue_theory(pack: Pack, typed: dict[str, str]) -> list[str]:
    """The theory's answer for what the candidate typed, as lines; a wrong field raises
    SimlabError naming it."""
    from simlab.queueing import erlang_a_metrics, erlang_c_metrics

    if not queue_allowed(pack):
        raise SimlabError(_("this exam does not allow the queue lab"))
    values = {f.id: _read(f, typed.get(f.id, "")) for f in queue_fields()}
    agents = values["agents"]
    if agents is None or not float(agents).is_integer() or not 1 <= agents <= MAX_AGENTS:
        raise _field(_("Agents"), _("write a whole number of agents from 1 to {max}").format(
            max=MAX_AGENTS))
    rate, aht, target = values["arrivals"] / 3600, values["aht"], values["target"]
    load = rate * aht
    patience = values["patience"]
    if patience is None:
        if load >= agents:
            raise _field(_("Agents"), _("with {n} agents the queue never settles: the load "
                                        "is {load} Erlang, agents must be more (or give a "
                                        "patience: Erlang A)").format(
                                            n=int(agents), load=fmt.number(load, 2)))
        m = erlang_c_metrics(rate, aht, int(agents), target)
        model = _("Erlang C")
    else:
        m = erlang_a_metrics(rate, aht, patience, int(agents), target)
        model = _("Erlang A")
    lines = [_("{model}: load {load} Erlang with {n} agents").format(
                 model=model, load=fmt.number(load, 2), n=int(agents)),
             _("Service level (answered within {t} s): {sl}").format(
                 t=fmt.number(target), sl=fmt.percent(m.service_level)),
             _("ASA: {asa}; probability of waiting: {wait}").format(
                 asa=fmt.seconds(m.asa_s), wait=fmt.percent(m.p_wait))]
    if patience is not None:
        lines.append(_("Abandoned: {ab}").format(ab=fmt.percent(m.p_abandon)))
    lines.append(_("Occupancy: {occ}").format(occ=fmt.percent(m.occupancy)))
    return lines


def _read(field: QueueField, text: str) -> float | None:
    if not text.strip():
        if field.required:
            raise _field(field.label, _("write a number"))
        return None
    value = parse_number(text)
    if value is None or not math.isfinite(value):
        raise _field(field.label, _("«{text}» is not a number").format(text=text.strip()))
    if value < 0 or (value == 0 and field.id != "target"):
        raise _field(field.label, _("write a number above zero"))
    return float(value)


def _field(label: str, message: str) -> SimlabError:
    """A mistake in one of the form's fields, named by its label (not a file's key)."""
    return SimlabError(f"{label}: {message}")


def run_lines(view: RunView) -> list[str]:
    """A simulation's results as the exam shows them: per channel, by its name."""
    names = channel_names(view.scenario)
    lines = []
    for channel, row in view.channels.iterrows():
        lines.append(_("{channel}: SL {sl}, ASA {asa}, abandoned {ab}, AHT {aht}").format(
            channel=names.get(str(channel), str(channel)), sl=fmt.percent(row["service_level"]),
            asa=fmt.seconds(row["asa_s"]), ab=fmt.percent(row["abandon_rate"]),
            aht=fmt.seconds(row["aht_s"])))
    lines.append(_("Total cost: {cost}; cost per contact: {per}").format(
        cost=fmt.euro(view.cost["total"]), per=fmt.euro(view.cost["cost_per_contact"])))
    return lines
