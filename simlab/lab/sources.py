"""What the app picks from: the one catalogue of `lab.catalog` (shipped files and
workspace documents), and the check of a picked scenario, care model and plan together.
Free of textual, so tests use it headless."""

from __future__ import annotations

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.lab import runner
from simlab.lab.catalog import (
    SHIPPED_ORIGIN as SHIPPED,
)
from simlab.lab.catalog import (
    WORKSPACE_ORIGIN as WORKSPACE,
)
from simlab.lab.catalog import (
    Source,
    care_models,
    plans,
    scenarios,
)

__all__ = ["SHIPPED", "WORKSPACE", "Source", "bundle", "care_models", "plans", "scenarios"]


def bundle(scenario: Source, care: Source, plan: Source) -> runner.Bundle:
    """Check the three together (raises SimlabError naming file, line and key)."""
    if scenario.model is None:
        raise SimlabError(scenario.error or _("the scenario is not valid"), file=scenario.source)
    texts = {"scenario": scenario.text, "care": care.text, "plan": plan.text}
    sources = {"scenario": scenario.source, "care": care.source, "plan": plan.source}
    return runner.bundle_from_texts(texts, sources)
