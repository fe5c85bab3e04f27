"""The app's care-model designer (UF1), headless: open a care model of a scenario (shipped
or the trainee's), validate what the trainee typed field by field, estimate the staff and
cost it needs (the sizing of `lab.design`, never recomputed here), undo, save it in the
workspace as YAML, and compare two models side by side.

The screens only draw this: every rule, message and number comes from here.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simlab import fmt
from simlab.analysis.design_check import Finding
from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.lab import catalog, workdocs
from simlab.lab import design as _design
from simlab.lab.careform import Path_
from simlab.lab.workdocs import describe
from simlab.model.care import CareModel
from simlab.model.common import At
from simlab.model.loader import field_errors
from simlab.model.plan import OperationsPlan
from simlab.model.yamlio import dotted, parse

DOC_KIND = catalog.DOC_KIND["care"]
HISTORY_LIMIT = 200


@dataclass
class Opened:
    """A care model opened in the designer, with the scenario it is designed for."""

    scenario: catalog.Source
    source: catalog.Source  # where the model came from
    data: dict  # what its YAML holds
    plan: OperationsPlan | None  # the scenario's baseline plan (shrinkage, hourly cost)

    @property
    def shipped(self) -> bool:
        return self.source.origin != catalog.WORKSPACE_ORIGIN


def scenarios(ws=None) -> list[catalog.Source]:
    return catalog.entries(ws)


def models(scenario: catalog.Source, ws=None) -> list[catalog.Source]:
    """The care models the trainee can open for `scenario`: its baseline, then theirs."""
    return catalog.care_models(scenario, ws)


def open_model(scenario: catalog.Source, care: catalog.Source, ws=None) -> Opened:
    data, _lines = parse(care.text, care.source)
    if not isinstance(data, dict):
        raise SimlabError(_("the file must contain a YAML mapping (key: value)"),
                          file=care.source, line=1)
    plan = None
    try:
        plan_src = catalog.default_related(scenario, "plan", ws)
        plan = plan_src.model if isinstance(plan_src.model, OperationsPlan) else None
    except SimlabError:
        plan = None  # sizing then uses its stated defaults
    return Opened(scenario, care, data, plan)


# --- validation ------------------------------------------------------------------------


@dataclass
class Checked:
    care: CareModel | None  # the model, when the data is valid
    errors: list[tuple[Path_, str]] = field(default_factory=list)

    def messages_at(self, path: Path_) -> list[str]:
        return [m for p, m in self.errors if p == path]

    def summary(self) -> str:
        if not self.errors:
            return _("No errors: the care model is valid for this scenario.")
        return _("{n} to correct: {first}").format(
            n=len(self.errors), first=describe(self.errors[0]))


def validate(opened: Opened, data: dict) -> Checked:
    """Every problem of `data`, in the loader's words, each at its path; then, once the
    schema is satisfied, what the scenario requires (channels, reasons, routing)."""
    errors = field_errors(CareModel, data)
    if errors:
        return Checked(None, errors)
    care = CareModel.model_validate(data)
    try:
        care.check_against(opened.scenario.model)
    except At as e:
        return Checked(None, [(tuple(e.path), str(e))])
    return Checked(care)


def field_of(path: Path_, editors: list[Path_]) -> Path_ | None:
    """The editor (by path) an error at `path` belongs beside: the longest that leads to
    it; None when no editor does (the message then goes at the top)."""
    best = None
    for candidate in editors:
        if path[:len(candidate)] == candidate and (best is None or len(candidate) > len(best)):
            best = candidate
    return best


# --- the estimate ----------------------------------------------------------------------


@dataclass
class Estimate:
    channels: list[tuple[str, str, str]]  # (channel, peak agents, peak staff)
    cost_per_day: float
    cost_per_month: float
    budget_per_month: float | None
    findings: list[Finding]
    note: str  # why no plan lends its shrinkage and costs, or ""

    def lines(self) -> list[str]:
        out = [_("Cost per day: {eur}").format(eur=fmt.euro(self.cost_per_day)),
               _("Cost per month: {eur}").format(eur=fmt.euro(self.cost_per_month))]
        if self.budget_per_month is not None:
            gap = self.budget_per_month - self.cost_per_month
            out.append(_("Budget per month: {eur} ({gap} left)").format(
                eur=fmt.euro(self.budget_per_month), gap=fmt.euro(gap)) if gap >= 0 else
                _("Budget per month: {eur}, exceeded by {gap}").format(
                    eur=fmt.euro(self.budget_per_month), gap=fmt.euro(-gap)))
        return out


def estimate(opened: Opened, care: CareModel) -> Estimate:
    """Staff at the peak and cost of `care`, by the Erlang sizing of `model size`, with the
    findings of `model check`."""
    plan, note = opened.plan, ""
    if plan is not None:
        try:
            plan.check_against(care)
        except At as e:
            plan, note = None, str(e)  # the baseline plan does not fit the new queues
    d = _design.Design(opened.scenario.model, care, plan, note)
    sizing = _design.sizing(d)
    channels = []
    frame = sizing.intervals
    for channel, part in frame.groupby("channel", sort=False):
        channels.append((str(channel), fmt.number(part["required_agents"].max()),
                         fmt.number(part["required_staff"].max())))
    deferred = sizing.deferred
    if not deferred.empty:
        for channel, part in deferred.groupby("channel", sort=False):
            # the staff a weekday's work needs within the channel's business hours
            channels.append((str(channel), "—",
                             fmt.number(part["staff_in_business_hours"].max(), 1)))
    try:
        findings = _design.check(d)
    except SimlabError as e:  # the datasets for the premium check are missing
        findings = [Finding("warning", "UF1.A5", "", e.message)]
    cost_day, cost_month = sizing.cost_per_day, sizing.cost_per_month
    if not (math.isfinite(cost_day) and math.isfinite(cost_month)):
        raise SimlabError(_("the sizing gave no finite cost"))
    return Estimate(channels, cost_day, cost_month, care.budget_per_month_eur, findings, note)


# --- undo ------------------------------------------------------------------------------


class History:
    """The states of the data, for undo. Typing into one field is one step, not one per
    key: a change at the same path as the last one replaces it."""

    def __init__(self, data: dict) -> None:
        self._states: list[dict] = [copy.deepcopy(data)]
        self._last_path: Path_ | None = None

    @property
    def current(self) -> dict:
        return copy.deepcopy(self._states[-1])

    def record(self, data: dict, path: Path_ | None = None) -> None:
        if data == self._states[-1]:
            return
        if path is not None and path == self._last_path and len(self._states) > 1:
            self._states[-1] = copy.deepcopy(data)
            return
        self._states.append(copy.deepcopy(data))
        del self._states[:-HISTORY_LIMIT]
        self._last_path = path

    def can_undo(self) -> bool:
        return len(self._states) > 1

    def undo(self) -> dict | None:
        if not self.can_undo():
            return None
        self._states.pop()
        self._last_path = None
        return self.current

    def steps(self) -> int:
        return len(self._states) - 1


# --- saving ----------------------------------------------------------------------------


CARE = workdocs.Kind(
    "care", CareModel,
    header=lambda: _("# Care model written with the simlab designer."),
    not_saved=lambda: _("the care model is not saved: {error}"),
    shipped_id=lambda: _("«{id}» is a shipped care model: save yours with a new id "
                         "(«Save as»)"),
    taken_id=lambda: _("a care model «{id}» is already in the workspace: choose another id"))


def to_yaml(data: dict) -> str:
    return workdocs.to_yaml(CARE, data)


def save(ws, opened: Opened, data: dict, new_id: str | None = None,
         person_id: int | None = None) -> catalog.Source:
    """Save `data` as a care model of the workspace (a new version of the document: the
    older ones stay). A shipped model is never written over: it needs a new id («save
    as»), and «save as» never takes the id of another model."""
    def checked(data: dict):
        result = validate(opened, data)
        return result.care, result.errors

    existing = {s.id for s in catalog.care_models(opened.scenario, ws)
                if s.origin == catalog.WORKSPACE_ORIGIN}
    return workdocs.save(ws, CARE, opened, data, checked, new_id, person_id,
                         existing=existing)


def suggested_id(opened: Opened, ws) -> str:
    """A free id for «save as»: the model's id with «-mio» (and a number if taken)."""
    return workdocs.suggested_id(CARE, opened, ws)


# --- the diff of two models ------------------------------------------------------------


@dataclass(frozen=True)
class DiffRow:
    key: str  # the dotted path, as the loader's messages name keys
    left: str
    right: str

    @property
    def status(self) -> str:
        if self.left == self.right:
            return "same"
        if not self.left:
            return "added"
        if not self.right:
            return "removed"
        return "changed"


def normal(data: Any) -> Any:
    """The data as the schema reads it («lun-ven» and [lun, …, ven] alike), when valid."""
    if isinstance(data, dict):
        try:
            return CareModel.model_validate(data).model_dump(mode="json", by_alias=True,
                                                               exclude_none=True)
        except (ValueError, TypeError):
            return data
    return data


def leaves(data: Any, path: Path_ = ()) -> list[tuple[Path_, Any]]:
    """(path, value) of every scalar; an {it, en} text and a list of words are one leaf."""
    if isinstance(data, dict) and data and not set(data) <= {"it", "en"}:
        return [leaf for k, v in data.items() for leaf in leaves(v, path + (k,))]
    if isinstance(data, list) and any(isinstance(v, (dict, list)) for v in data):
        return [leaf for i, v in enumerate(data) for leaf in leaves(v, path + (i,))]
    return [(path, data)]


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):  # an {it, en} text
        return str(value.get("it", "")) + (f" / {value['en']}" if value.get("en") else "")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) if value else "[]"
    if isinstance(value, float):
        return fmt.number(value, 2) if not value.is_integer() else fmt.number(value)
    return str(value)


def diff(left: dict, right: dict) -> list[DiffRow]:
    """Both models key by key, in the left model's order then the right's new keys."""
    a = dict(leaves(normal(left)))
    b = dict(leaves(normal(right)))
    keys = list(a) + [k for k in b if k not in a]
    return [DiffRow(dotted(k), _show(a.get(k)), _show(b.get(k))) for k in keys]


def diff_summary(rows: list[DiffRow]) -> str:
    changed = sum(r.status != "same" for r in rows)
    if not changed:
        return _("No difference: the same care model on both sides.")
    return _("{n} of {total} values differ.").format(n=changed, total=len(rows))


def opened_data(source: catalog.Source) -> dict:
    data, _lines = parse(source.text, source.source)
    return data if isinstance(data, dict) else {}


# --- the deliverable -------------------------------------------------------------------


def default_export_path(opened: Opened, kind: str = "html") -> Path:
    """Where the deliverable goes unless the trainee says otherwise: the current folder."""
    return Path.cwd() / f"{opened.source.id}-modello.{kind}"


def export(ws, opened: Opened, data: dict, out: str | Path, fmt: str | None = None) -> Path:
    """The deliverable «Modello di customer care» of the model as saved (`simlab model
    export`'s function): unsaved changes would not be in it, so they are refused."""
    from simlab.lab import design_export

    if data != opened.data:
        raise SimlabError(_("save the care model first (Ctrl+S): the deliverable is written "
                            "from the saved model"))
    model = None if opened.shipped else opened.source.id
    return design_export.export(model, opened.scenario.id, fmt, out, ws=ws)
