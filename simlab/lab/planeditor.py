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
from simlab.lab import catalog
from simlab.lab.careform import Path_, get
from simlab.lab.designer import describe, shipped_ids
from simlab.model.care import CareModel
from simlab.model.common import At
from simlab.model.loader import field_errors, load_text
from simlab.model.plan import OperationsPlan
from simlab.model.yamlio import dotted, dump, parse

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
    return dump(data)


def restore_draft(ws, opened: Opened) -> dict | None:
    """The unsaved work kept for this plan, if any and different from the plan itself."""
    if ws is None:
        return None
    text = ws.draft(draft_key(opened))
    if not text:
        return None
    try:
        data = _data(text, f"workspace:draft/{draft_key(opened)}")
    except SimlabError:
        return None  # a draft that no longer reads is not worth an error
    return None if data == opened.data else data


# --- saving ----------------------------------------------------------------------------


def to_yaml(data: dict) -> str:
    return _("# Operations plan written with the simlab plan editor.") + "\n" + dump(data)


def save(ws, opened: Opened, data: dict, new_id: str | None = None,
         person_id: int | None = None) -> catalog.Source:
    """Save `data` as a plan of the workspace (a new version: the older ones stay). A
    shipped plan is never written over: it needs a new id, which must be free."""
    if new_id is not None:
        data = {**data, "id": new_id.strip()}
    checked = validate(opened, data)
    if checked.plan is None:
        path, message = checked.errors[0]
        raise SimlabError(_("the operations plan is not saved: {error}").format(
            error=describe((path, message))), key=dotted(path) or None)
    plan_id = checked.plan.id
    if plan_id in shipped_ids("plan"):
        raise SimlabError(_("«{id}» is a shipped operations plan: save yours with a new id "
                            "(«Save as»)").format(id=plan_id), key="id")
    editing = opened.source.id if not opened.shipped else None
    existing = {doc.doc_id for doc in ws.documents(DOC_KIND)}
    if new_id is not None and plan_id in existing and plan_id != editing:
        raise SimlabError(_("an operations plan «{id}» is already in the workspace: choose "
                            "another id").format(id=plan_id), key="id")
    text = to_yaml(data)
    load_text(OperationsPlan, text, f"workspace:{DOC_KIND}/{plan_id}")  # what is saved loads
    ws.save_document(DOC_KIND, plan_id, text, person_id=person_id)
    ws.discard_draft(draft_key(opened))
    doc = ws.document(DOC_KIND, plan_id)
    return catalog.Source(f"ws:{plan_id}", catalog.WORKSPACE_ORIGIN, doc.text,
                          f"workspace:{DOC_KIND}/{plan_id} v{doc.version}", checked.plan)


def suggested_id(opened: Opened, ws) -> str:
    """A free id for «save as»: the plan's id with «-mio» (and a number if taken)."""
    taken = shipped_ids("plan") | {doc.doc_id for doc in ws.documents(DOC_KIND)}
    base = str(get(opened.data, ("id",), "") or opened.scenario.id)[:56]
    candidate, n = f"{base}-mio", 2
    while candidate in taken:
        candidate, n = f"{base}-mio-{n}", n + 1
    return candidate
