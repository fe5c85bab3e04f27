"""The CLI's UF1 design commands: `simlab dataset build`, `simlab market`,
`simlab model size`, `simlab model check` and `simlab model export`. Each reads its
arguments, calls `lab/`, prints the tables of `reports.design_tables`."""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

import pandas as pd

from simlab.cli_output import err, facts_table, grid_table, out
from simlab.errors import SimlabError
from simlab.i18n import _, ngettext


def dataset_build(args: argparse.Namespace) -> int:
    from simlab.lab import datasets

    folder = args.out or Path("datasets")
    for path in datasets.build(folder, args.seed):
        out.print(_("✓ written: {file}").format(file=path))
    return 0


def market(args: argparse.Namespace) -> int:
    from simlab.analysis.market import (
        archetype_label,
        attribute_label,
        dimension_label,
        quadrant_label,
    )
    from simlab.lab.market import analyse
    from simlab.reports.design_tables import benchmark_grid, frame_grid

    _check_out_file(args.out)
    view = analyse(args.scenario, args.model, args.data)
    if args.json or args.out:
        text = json.dumps(_market_json(view), indent=2, ensure_ascii=False, allow_nan=False)
        if args.out:
            from simlab.store.atomic import write_text_atomic

            write_text_atomic(args.out, text + "\n")
            # with --json, stdout holds only the JSON
            (err if args.json else out).print(_("✓ written: {file}").format(file=args.out))
        if args.json:
            print(text)
            return 0
    out.print(_("{company}: sector «{sector}», {n} survey respondents").format(
        company=view.company, sector=view.sector, n=view.respondents))
    out.print(grid_table(benchmark_grid(view.benchmark), _("Benchmark (gap > 0: better)")))
    out.print(grid_table(frame_grid(view.positioning, {
        "name": (_("Company"), "text"), "archetype": (_("Archetype"), "text"),
        "price_tier": (_("Price tier"), "text"),
        "x_cost_per_contact_eur": (_("x: cost per contact"), "eur"),
        "y_service_index": (_("y: service index"), "points"),
    }), _("Positioning map")))
    ipa = view.ipa.assign(quadrant=view.ipa["quadrant"].map(quadrant_label),
                          attribute=view.ipa["attribute"].map(attribute_label),
                          dimension=view.ipa["dimension"].map(dimension_label))
    out.print(grid_table(frame_grid(ipa, {
        "attribute": (_("Attribute"), "text"), "dimension": (_("Dimension"), "text"),
        "importance": (_("Importance"), "points"), "performance": (_("Performance"), "points"),
        "gap": (_("Gap"), "points"), "quadrant": (_("Quadrant"), "text"),
    }), _("Importance–performance (1–7)")))
    dims = view.dimensions.assign(quadrant=view.dimensions["quadrant"].map(quadrant_label),
                                  dimension=view.dimensions["dimension"].map(dimension_label))
    out.print(grid_table(frame_grid(dims, {
        "dimension": (_("Dimension"), "text"), "importance": (_("Importance"), "points"),
        "performance": (_("Performance"), "points"), "gap": (_("Gap"), "points"),
        "quadrant": (_("Quadrant"), "text"),
    }), _("SERVQUAL dimensions")))
    segments = view.segments.assign(
        top_needs=view.segments["top_needs"].map(
            lambda text: ", ".join(attribute_label(a) for a in text.split("+"))),
        largest_gap=view.segments["largest_gap"].map(attribute_label))
    out.print(grid_table(frame_grid(segments, {
        "segment": (_("Segment"), "text"), "share": (_("Share"), "ratio"),
        "preferred_channel": (_("Preferred channel"), "text"),
        "digital_share": (_("Digital"), "ratio"),
        "tolerated_wait_s": (_("Tolerated wait"), "seconds"),
        "top_needs": (_("Top needs"), "text"), "largest_gap": (_("Largest gap"), "text"),
        "nps": (_("NPS"), "points"),
    }), _("Segment needs")))
    s = view.suggestion
    out.print(_("Suggested care archetype: {name}").format(name=archetype_label(s.archetype)))
    for reason in s.reasons:
        out.print(f"  - {reason}", markup=False)
    return 0


def _market_json(view) -> dict:
    def records(frame):
        return [{k: _plain(v) for k, v in row.items()}
                for row in frame.to_dict(orient="records")]

    return {"scenario": view.scenario_id, "company": view.company, "sector": view.sector,
            "respondents": view.respondents, "benchmark": records(view.benchmark),
            "positioning_map": records(view.positioning), "importance_performance":
            records(view.ipa), "dimensions": records(view.dimensions),
            "segments": records(view.segments),
            "suggestion": {"archetype": view.suggestion.archetype,
                           "scores": view.suggestion.scores,
                           "reasons": view.suggestion.reasons}}


def _plain(value):
    """A JSON value: missing numbers as null, numpy scalars as Python numbers."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _check_out_file(path: Path | None) -> None:
    """Before the work: a file's folder must exist (the error then names it, not the
    temporary file of the atomic write)."""
    if path is not None and not path.parent.is_dir():
        raise SimlabError(_("the folder of this file does not exist"), file=path)


def _check_shrinkage(value: float | None) -> None:
    if value is not None and not 0 <= value < 0.9:
        raise SimlabError(_("must be at least 0 and below 0,9 (a share of paid time)"),
                          key="--shrinkage")


def model_size(args: argparse.Namespace) -> int:
    from simlab.lab import design
    from simlab.reports.design_tables import (
        basis_facts,
        cost_grid,
        deferred_grid,
        sizing_summary_grid,
        write_sizing,
    )

    _check_shrinkage(args.shrinkage)
    _check_out_file(args.out)
    d = design.load(args.model, args.scenario, args.plan)
    _plan_note(d)
    result = design.sizing(d, args.shrinkage)
    out.print(facts_table(basis_facts(result)))
    out.print(grid_table(sizing_summary_grid(result), _("Real-time channels (Erlang C)")))
    if not result.deferred.empty:
        out.print(grid_table(deferred_grid(result), _("Deferred channels")))
    out.print(grid_table(cost_grid(result), _("Cost the requirement implies")))
    if args.out:
        write_sizing(args.out, result)
        out.print(_("✓ written: {file}").format(file=args.out))
    return 0


def model_check(args: argparse.Namespace) -> int:
    from simlab.lab import design

    d = design.load(args.model, args.scenario, args.plan)
    _plan_note(d)
    findings = design.check(d)
    errors = [f for f in findings if f.severity == "error"]
    for f in findings:
        label = _("Error") if f.severity == "error" else _("Warning")
        colour = "red" if f.severity == "error" else "yellow"
        stream = err if f.severity == "error" else out
        stream.print(f"[bold {colour}]{label}[/] [{f.ability}] {f.key}: ", markup=True, end="")
        stream.print(f.message, markup=False)
    warnings = len(findings) - len(errors)
    if not findings:
        out.print(_("✓ care model «{id}»: no problem found").format(id=d.care.id))
    else:
        out.print(_("{errors}, {warnings}").format(
            errors=ngettext("{n} error", "{n} errors", len(errors)).format(n=len(errors)),
            warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings)))
    return 2 if errors else 0


def _plan_note(d) -> None:
    if d.plan is None and d.plan_note:
        err.print(_("Note: no plan used ({why}); shrinkage and hourly cost are the stated "
                    "defaults").format(why=d.plan_note), markup=False)


def model_export(args: argparse.Namespace) -> int:
    from simlab.lab.design_export import export

    path = export(args.model, args.scenario, args.format, args.out, plan=args.plan)
    out.print(_("✓ written: {file}").format(file=path))
    return 0
