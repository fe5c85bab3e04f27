"""The market analysis (`lab.market.MarketView`) as grids and chart series for the app's
market screen: the same columns and labels `simlab market` prints."""

from __future__ import annotations

import math

import pandas as pd

from simlab.analysis.market import (
    archetype_label,
    attribute_label,
    dimension_label,
    quadrant_label,
)
from simlab.i18n import _
from simlab.reports.design_tables import frame_grid
from simlab.reports.tables import Grid


def positioning_grid(positioning: pd.DataFrame) -> Grid:
    frame = positioning.assign(archetype=positioning["archetype"].map(
        lambda a: archetype_label(a) if a else ""))
    return frame_grid(frame, {
        "name": (_("Company"), "text"), "archetype": (_("Archetype"), "text"),
        "price_tier": (_("Price tier"), "text"),
        "x_cost_per_contact_eur": (_("x: cost per contact"), "eur"),
        "y_service_index": (_("y: service index"), "points")})


def ipa_grid(ipa: pd.DataFrame) -> Grid:
    frame = ipa.assign(quadrant=ipa["quadrant"].map(quadrant_label),
                       attribute=ipa["attribute"].map(attribute_label),
                       dimension=ipa["dimension"].map(dimension_label))
    return frame_grid(frame, {
        "attribute": (_("Attribute"), "text"), "dimension": (_("Dimension"), "text"),
        "importance": (_("Importance"), "points"), "performance": (_("Performance"), "points"),
        "gap": (_("Gap"), "points"), "quadrant": (_("Quadrant"), "text")})


def segments_grid(segments: pd.DataFrame) -> Grid:
    frame = segments.assign(
        top_needs=segments["top_needs"].map(
            lambda text: ", ".join(attribute_label(a) for a in text.split("+"))),
        largest_gap=segments["largest_gap"].map(attribute_label))
    return frame_grid(frame, {
        "segment": (_("Segment"), "text"), "share": (_("Share"), "ratio"),
        "preferred_channel": (_("Preferred channel"), "text"),
        "digital_share": (_("Digital"), "ratio"),
        "tolerated_wait_s": (_("Tolerated wait"), "seconds"),
        "top_needs": (_("Top needs"), "text"), "largest_gap": (_("Largest gap"), "text"),
        "nps": (_("NPS"), "points")})


def positioning_points(positioning: pd.DataFrame) -> dict[str, tuple[list[float], list[float]]]:
    """Scatter series of the map: the competitors, and the company (when its cost per
    contact is known: without it the company has no x)."""
    out: dict[str, tuple[list[float], list[float]]] = {}
    for is_company, part in positioning.groupby("is_company", sort=True):
        part = part[part["x_cost_per_contact_eur"].map(lambda v: not math.isnan(v))]
        if part.empty:
            continue
        name = str(part["name"].iloc[0]) if is_company else _("Competitors")
        out[name] = (part["x_cost_per_contact_eur"].astype(float).tolist(),
                     part["y_service_index"].astype(float).tolist())
    return out


def positioning_labels(positioning: pd.DataFrame) -> list[tuple[str, float, float]]:
    """(short name, x, y) of each point of the map that has an x."""
    return [(str(r.name).split()[0], float(r.x_cost_per_contact_eur), float(r.y_service_index))
            for r in positioning.itertuples() if not math.isnan(r.x_cost_per_contact_eur)]


def map_note(positioning: pd.DataFrame) -> str:
    """Why the company is not on the map, if it is not."""
    mine = positioning[positioning["is_company"] == 1]
    if len(mine) and math.isnan(float(mine["x_cost_per_contact_eur"].iloc[0])):
        return _("{company} is not on the map: its care model states no cost-per-contact "
                 "target (KPI targets).").format(company=mine["name"].iloc[0])
    return ""


def ipa_points(ipa: pd.DataFrame) -> dict[str, tuple[list[float], list[float]]]:
    """Scatter series by quadrant: x = performance, y = importance (1–7)."""
    out = {}
    for quadrant in ("concentrate", "keep_up", "low_priority", "overkill"):
        part = ipa[ipa["quadrant"] == quadrant]
        if len(part):
            out[quadrant_label(quadrant)] = (part["performance"].tolist(),
                                             part["importance"].tolist())
    return out


def ipa_cuts(ipa: pd.DataFrame) -> tuple[float, float]:
    """(importance, performance) of the cross-hairs."""
    imp, perf = ipa.attrs["cuts"]
    return float(imp), float(perf)


def suggestion_text(view) -> str:
    s = view.suggestion
    lines = [_("Suggested care archetype: {name}").format(name=archetype_label(s.archetype))]
    lines += [f"• {reason}" for reason in s.reasons]
    return "\n".join(lines)
