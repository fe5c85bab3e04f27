"""The deliverable «Modello di customer care» (UF1): a care model sized, checked and
benchmarked for its scenario, written as Markdown or HTML (`simlab model export`; the
app's designer calls `export` too). docs/design-export.md lists its sections."""

from __future__ import annotations

from pathlib import Path

from simlab.errors import SimlabError
from simlab.i18n import _
from simlab.lab import design
from simlab.lab.market import view_of
from simlab.reports import design_report
from simlab.reports.document import Document, html_page, markdown
from simlab.store.atomic import write_text_atomic

FORMATS = ("md", "html")


def format_for(out: Path, fmt: str | None) -> str:
    """The format asked for, else the one the file's suffix says (.html, .htm), else md."""
    if fmt is None:
        return "html" if out.suffix.lower() in (".html", ".htm") else "md"
    if fmt not in FORMATS:
        raise SimlabError(_("unknown format «{fmt}»; allowed: {allowed}").format(
            fmt=fmt, allowed=", ".join(FORMATS)), key="--format")
    return fmt


def document(model_path: str | Path | None, scenario_id: str | Path,
             plan: str | Path | None = None, ws=None, data: Path | None = None) -> Document:
    """The deliverable of a care model (None: the scenario's own) for a scenario."""
    loaded = design.load(model_path, scenario_id, plan, ws)
    inputs = design_report.DesignInputs(loaded.scenario, loaded.care, design.sizing(loaded),
                                        design.check(loaded, data))
    if loaded.plan is None and loaded.plan_note:
        inputs.notes.append(_("no plan used ({why}): shrinkage and hourly cost are the "
                              "stated defaults").format(why=loaded.plan_note))
    _add_market(inputs, loaded, data)
    return design_report.build(inputs)


def _add_market(inputs: design_report.DesignInputs, loaded: design.Design,
                data: Path | None) -> None:
    try:
        view = view_of(loaded, data)
    except SimlabError as e:  # a sector without data, a target segment nobody answered for
        inputs.notes.append(_("no market analysis: {why}").format(why=e.message))
        return
    inputs.benchmark = view.benchmark
    inputs.archetype = view.suggestion.archetype
    inputs.archetype_reasons = list(view.suggestion.reasons)


def export(model_path: str | Path | None, scenario_id: str | Path, fmt: str | None,
           out: str | Path, *, plan: str | Path | None = None, ws=None,
           data: Path | None = None) -> Path:
    """Write the deliverable to `out` (atomically) and return its path. `fmt`: "md",
    "html" or None (from the file's suffix)."""
    out = Path(out)
    kind = format_for(out, fmt)
    if not out.parent.is_dir():
        raise SimlabError(_("the folder of this file does not exist"), file=out)
    if out.is_dir():
        raise SimlabError(_("this is a folder: name a file"), file=out)
    doc = document(model_path, scenario_id, plan, ws, data)
    write_text_atomic(out, html_page(doc) if kind == "html" else markdown(doc))
    return out
