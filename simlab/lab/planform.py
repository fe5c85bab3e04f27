"""The operations plan's form (UF2), by the same schema-driven builder as the care model's
(`lab.careform`): the plan's layout in tabs and the fields of each tab.

The tabs: *Generale* (id, title, scenario), *Squadre* (each team: id, name, headcount,
skills with proficiency, absence, hourly cost), *Turni* (each team's shifts with their
breaks), *Budget* (the budget lines, team leaders among them), then the sections other
parts of the schema add (procedures, contracts…) by a word of their key, or *Altro*. A
team's shifts are kept out of *Squadre* so that each tab stays short; both edit the same
data.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from pydantic import BaseModel

from simlab.i18n import _
from simlab.lab.careform import Layout, Spec, get, model_fields, section_of, to_text
from simlab.model.plan import OperationsPlan

SHIFTS_KEY = "shifts"


def _titles() -> dict[str, str]:
    return {"general": _("General"), "teams": _("Teams"), "shifts": _("Shifts"),
            "budget": _("Budget"), "procedures": _("Procedures"), "other": _("Other")}


PLAN = Layout(
    sections=(("general", ("id", "title", "scenario")), ("teams", ("teams",)),
              ("shifts", ()), ("budget", ("budget",)), ("procedures", ())),
    words=(("team", "teams"), ("contract", "teams"), ("agent", "teams"),
           ("leader", "budget"), ("budget", "budget"), ("cost", "budget"),
           ("procedure", "procedures"), ("escalat", "procedures"),
           ("complaint", "procedures"), ("outsourc", "procedures"),
           ("outbound", "procedures"), ("campaign", "procedures"), ("callback", "procedures")),
    titles=_titles,
)

Entry = tuple[tuple[str | int, ...], Spec, str]  # (path, spec, label) of one editor


def _without(spec: Spec, key: str) -> Spec:
    """The spec of a list of models without one of the models' fields."""
    assert spec.item is not None
    item = dataclasses.replace(spec.item, fields=[(k, s) for k, s in spec.item.fields
                                                  if k != key])
    return dataclasses.replace(spec, item=item)


def team_label(data: dict, index: int) -> str:
    team_id = str(get(data, ("teams", index, "id"), "") or "").strip()
    name = get(data, ("teams", index, "name"))
    name = to_text(Spec("text"), name.get("it")) if isinstance(name, dict) else ""
    who = " · ".join(p for p in (team_id, name) if p) or str(index + 1)
    return _("Shifts of team {team}").format(team=who)


def tabs(data: dict, cls: type[BaseModel] = OperationsPlan) -> list[tuple[str, list[Any]]]:
    """(section, the fields of its form) for each tab with something in it: (key, spec) of
    the top level, or (path, spec, label) for the shifts of each team in `data`."""
    fields = model_fields(cls)
    by_section: dict[str, list[Any]] = {}
    for key, spec in fields:
        section = section_of(key, PLAN)
        if key == "teams" and spec.kind == "rows":
            by_section.setdefault("teams", []).append((key, _without(spec, SHIFTS_KEY)))
            shifts = dict(spec.item.fields).get(SHIFTS_KEY) if spec.item else None
            teams = get(data, ("teams",), [])
            if shifts is not None and isinstance(teams, list):
                by_section["shifts"] = [(("teams", i, SHIFTS_KEY), shifts, team_label(data, i))
                                        for i in range(len(teams))]
            continue
        by_section.setdefault(section, []).append((key, spec))
    order = [s for s, _keys in PLAN.sections] + ["other"]
    return [(s, by_section[s]) for s in order if by_section.get(s)]
