"""The saving shared by the designer and the plan editor (lab.workdocs): each editor's
words, the draft read back only when it is real unsaved work, the designer dropping a
draft it cannot offer while the plan editor leaves it."""

from __future__ import annotations

from pathlib import Path

import pytest

from simlab.lab import catalog, designer, designer_draft, planeditor, workdocs
from simlab.store.workspace import Workspace


@pytest.fixture
def ws(tmp_path: Path):
    with Workspace.open(tmp_path / "ws") as w:
        w.set_current_person(w.add_person("Anna Esposito", "trainee"))
        yield w


def _scenario(ws):
    return next(s for s in catalog.entries(ws) if s.id == "energia-base")


def test_each_editor_saves_with_its_own_words_and_header():
    care_text, plan_text = designer.to_yaml({"id": "x"}), planeditor.to_yaml({"id": "x"})
    assert care_text.startswith("# Modello di customer care") and care_text.endswith("x}\n")
    assert plan_text.startswith("# ") and "piano operativo" in plan_text.splitlines()[0].lower()
    assert designer.CARE.doc_kind == catalog.DOC_KIND["care"]
    assert planeditor.PLAN.doc_kind == catalog.DOC_KIND["plan"]
    assert "modello" in designer.CARE.shipped_id().format(id="a").lower()
    assert "piano operativo" in planeditor.PLAN.taken_id().format(id="a").lower()
    assert "energia-base" in workdocs.shipped_ids("care")
    assert "energia-base" in workdocs.shipped_ids("plan")


def test_a_draft_is_read_back_only_when_it_is_unsaved_work(ws):
    saved = {"id": "a", "n": 1}
    assert workdocs.read_draft(None, "k", saved) is None  # no workspace
    assert workdocs.read_draft(ws, "k", saved) is None  # no draft
    for kept in ("id: a\nn: 1\n", "- a list\n", "id: [unclosed\n", ""):
        ws.autosave("k", kept)
        assert workdocs.read_draft(ws, "k", saved) is None, kept
    ws.autosave("k", workdocs.draft_text({"id": "a", "n": 2}))
    assert workdocs.read_draft(ws, "k", saved) == {"id": "a", "n": 2}


def test_the_designer_drops_a_stale_draft_and_the_plan_editor_keeps_it(ws):
    sc = _scenario(ws)
    care = designer.open_model(sc, designer.models(sc, ws)[0], ws)
    ws.autosave(designer_draft.key(care), "id: [unclosed\n")
    assert designer_draft.restore(ws, care) is None
    assert ws.draft(designer_draft.key(care)) is None
    plan = planeditor.open_plan(sc, planeditor.plans(sc, ws)[0], ws)
    ws.autosave(planeditor.draft_key(plan), "id: [unclosed\n")
    assert planeditor.restore_draft(ws, plan) is None
    assert ws.draft(planeditor.draft_key(plan)) == "id: [unclosed\n"
