"""The KPI dashboard for people: a level of the drill-down as a grid, the tiles' three
lines, the names of the KPIs and formulas the switches offer. The numbers are those of
`lab.dashboard` (from `analysis.kpi_groups`); this module only labels and formats."""

from __future__ import annotations

import math

from simlab import fmt
from simlab.analysis.kpi import N_
from simlab.i18n import _
from simlab.reports.kpi_tables import column_label, column_unit, dimension_label
from simlab.reports.tables import Grid, sl_text

# short names that fit a tile (the full name and formula are under the switch)
SHORT = {"service_level": N_("Serv. level"), "asa_s": N_("Wait (ASA)"),
         "abandon_rate": N_("Abandons"), "aht_s": N_("Handling (AHT)"),
         "fcr": N_("FCR"), "occupancy": N_("Occupancy"), "ticket_sla": N_("Ticket SLA"),
         "cost_per_contact": N_("Cost/contact"), "shrinkage": N_("Shrinkage"),
         "backlog": N_("Backlog"), "offered": N_("Offered")}
# the KPIs the dashboard's selector offers: its chart and its formula switch
SELECTABLE = ("service_level", "asa_s", "abandon_rate", "aht_s", "fcr", "occupancy",
              "shrinkage", "ticket_sla", "backlog", "offered", "cost_per_contact")


def short_name(key: str, variant: str = "default") -> str:
    if key == "asa_s" and variant == "tma":
        return _("Wait (TMA)")
    return _(SHORT[key])


def is_ratio(key: str, formulas: dict[str, str]) -> bool:
    return column_unit(key, formulas) == "ratio"


def cell(frame, key: str, column: str, formulas: dict[str, str]) -> str:
    value = frame.at[key, column]
    if column == "service_level":
        return sl_text(value, frame.at[key, "sl_threshold_s"])
    return fmt.value(value, column_unit(column, formulas))


def level_grid(level, labels: dict[str, str], formulas: dict[str, str]) -> Grid:
    """`level` is a `lab.dashboard.Level`; `labels` names its keys (a channel's name…).
    The row keys are the groups' keys ("total" last)."""
    frame = level.frame
    by = level.level
    first = dimension_label(by) if by is not None else _("Interval")
    rows, keys = [], []
    for key in frame.index:
        name = _("Total") if key == "total" else labels.get(str(key), str(key))
        rows.append([name, *(cell(frame, key, c, formulas) for c in level.columns)])
        keys.append(str(key))
    return Grid([first, *(column_label(c, formulas) for c in level.columns)], rows, keys)


def tile_lines(tile) -> tuple[str, str, str]:
    """Name, value, and the target with its outcome, of a `lab.dashboard.Tile`."""
    if tile.kpi == "service_level" and tile.threshold_s is not None:
        value = sl_text(tile.value, tile.threshold_s)
    else:
        value = fmt.value(tile.value, tile.unit)
    if tile.target is None:
        target = _("target —")
    else:
        goal = f"{'≥' if tile.sense == '>=' else '≤'} {fmt.value(tile.target, tile.unit)}"
        if tile.met is None:
            target = goal
        else:
            target = f"{goal} " + ("✓" if tile.met else "✗")
    return short_name(tile.kpi, tile.variant), value, target


def tile_status(tile) -> str:
    """A CSS class: met, missed or none."""
    if tile.met is None or (isinstance(tile.value, float) and math.isnan(tile.value)):
        return "none"
    return "met" if tile.met else "missed"


def breadcrumb_text(parts: list[str], level: str | None) -> str:
    """«Tutti i canali › Telefono › … (per coda)»."""
    trail = " › ".join(parts)
    if level is None:
        return trail
    return _("{trail} · by {level}").format(trail=trail, level=dimension_label(level).lower())


def chart_title(key: str, formula_name: str, trail: str) -> str:
    return _("{kpi} by interval (all days together) · {where}").format(
        kpi=formula_name if key != "offered" else _("Contacts offered"), where=trail)
