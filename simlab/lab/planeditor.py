"""The app's plan editor («Piano operativo», UF2), headless: open an operations plan of a
scenario (shipped or the trainee's), validate what the trainee typed field by field, keep
a draft of unsaved work, save it in the workspace as YAML. Undo is the designer's
(`lab.designer.History`); the form is `lab.planform`'s.

The screens only draw this: every rule and message comes from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.lab import catalog, workdocs
from simlab.lab.careform import Path_
from simlab.lab.workdocs import describe
from simlab.model.care import CareModel
from simlab.model.common import At
from simlab.model.loader import field_errors
from simlab.model.plan import OperationsPlan
from simlab.model.yamlio import parse

DOC_KIND = catalog.DOC_KIND["plan"]
DRAFT_PREFIX = "plan-editor/"


@dataclass
class Opened:
    """A plan opened in the editor, with the scenario and the care model it serves."""

    scenario: catalog.Source
    source: catalog.Source  # where the plan came from
    data: dict  # what its YAML holds
    care: CareModel | None  # the scenario's care model: its queues are the skills

    @property
    def shipped(self) -> bool:
        return self.source.origin != catalog.WORKSPACE_ORIGIN


def plans(scenario: catalog.Source, ws=None) -> list[catalog.Source]:
    """The plans the trainee can open for `scenario`: its baseline, then theirs."""
    return catalog.plans(scenario, ws)


def open_plan(scenario: catalog.Source, plan: catalog.Source, ws=None) -> Opened:
    data = _data(plan.text, plan.source)
    care = None
    try:
        care_src = catalog.default_related(scenario, "care", ws)
        care = care_src.model if isinstance(care_src.model, CareModel) else None
    except SimlabError:
        care = None  # the queues are then not checked
    return Opened(scenario, plan, data, care)


def _data(text: str, source: str) -> dict:
    data, _lines = parse(text, source)
    if not isinstance(data, dict):
        raise SimlabError(_("the file must contain a YAML mapping (key: value)"),
                          file=source, line=1)
    return data


def queues(opened: Opened) -> list[str]:
    return [q.id for q in opened.care.queues] if opened.care is not None else []


# --- validation ------------------------------------------------------------------------


@dataclass
class Checked:
    plan: OperationsPlan | None  # the plan, when the data is valid
    errors: list[tuple[Path_, str]] = field(default_factory=list)

    def summary(self) -> str:
        if not self.errors:
            return _("No errors: the operations plan is valid for this scenario.")
        return _("{n} to correct: {first}").format(
            n=len(self.errors), first=describe(self.errors[0]))


def validate(opened: Opened, data: dict) -> Checked:
    """Every problem of `data`, in the loader's words, each at its path; then, once the
    schema is satisfied, the skills against the care model's queues."""
    errors = field_errors(OperationsPlan, data)
    if errors:
        return Checked(None, errors)
    plan = OperationsPlan.model_validate(data)
    if opened.care is not None:
        try:
            plan.check_against(opened.care)
        except At as e:
            return Checked(None, [(tuple(e.path), str(e))])
    return Checked(plan)


# --- drafts: nothing typed is lost ------------------------------------------------------


def draft_key(opened: Opened) -> str:
    return f"{DRAFT_PREFIX}{opened.scenario.id}/{opened.source.key}"


def draft_text(data: dict) -> str:
    return workdocs.draft_text(data)


def restore_draft(ws, opened: Opened) -> dict | None:
    """The unsaved work kept for this plan, if any and different from the plan itself."""
    return workdocs.read_draft(ws, draft_key(opened), opened.data)


# --- saving ----------------------------------------------------------------------------

PLAN = workdocs.Kind(
    "plan", OperationsPlan,
    header=lambda: _("# Operations plan written with the simlab plan editor."),
    not_saved=lambda: _("the operations plan is not saved: {error}"),
    shipped_id=lambda: _("«{id}» is a shipped operations plan: save yours with a new id "
                         "(«Save as»)"),
    taken_id=lambda: _("an operations plan «{id}» is already in the workspace: choose "
                       "another id"))


def to_yaml(data: dict) -> str:
    return workdocs.to_yaml(PLAN, data)


def save(ws, opened: Opened, data: dict, new_id: str | None = None,
         person_id: int | None = None) -> catalog.Source:
    """Save `data` as a plan of the workspace (a new version: the older ones stay). A
    shipped plan is never written over: it needs a new id, which must be free."""
    def checked(data: dict):
        result = validate(opened, data)
        return result.plan, result.errors

    return workdocs.save(ws, PLAN, opened, data, checked, new_id, person_id,
                         draft_key=draft_key(opened))


def suggested_id(opened: Opened, ws) -> str:
    """A free id for «save as»: the plan's id with «-mio» (and a number if taken)."""
    return workdocs.suggested_id(PLAN, opened, ws)
