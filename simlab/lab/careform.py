"""The forms of the care model and of the operations plan, read from their pydantic
schemas (the app's designer and plan editor draw them): one form builder for both.

A *section* is a group of CareModel's top-level fields (positioning, catalogue, channels
and hours, IVR, SLAs, routing, targets); a field's editor follows from its type: a
number, a text, a choice from a Literal, yes/no, a list of words, a sub-model (its own
fields), a list of sub-models (rows to add and remove), a mapping by key (a channel's
SLA, a channel's hours). A field the schema gains later lands in a section by its name,
or in «Other», so the designer shows it with no new code. Which sections a model has is
its `Layout` (`CARE` here; the plan's in `lab.planform`).

The form edits the *data* a YAML file holds (plain dicts, lists, numbers and texts, as
`yamlio.parse` reads them), not the validated model: a half-typed value stays as typed,
and validation says what is wrong with it in the loader's own words.
"""

from __future__ import annotations

import copy
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from simlab.i18n import _, language
from simlab.model.care import CareModel
from simlab.model.common import Text, Window

Path_ = tuple[str | int, ...]

SCALARS = ("number", "integer", "text", "choice", "bool", "raw")


@dataclass
class Spec:
    """How to edit one value. `kind`: number, integer, text, choice, bool, raw (a text
    the schema parses itself, like «lun-ven» or «08:30»), words (a list of scalars),
    i18n (an {it, en} text), model, rows (a list of models), mapping (by key), yaml (any
    other shape, edited as a YAML flow text)."""

    kind: str
    optional: bool = False
    choices: tuple[str, ...] = ()
    item: Spec | None = None  # rows, mapping, words: the spec of one element
    fields: list[tuple[str, Spec]] = field(default_factory=list)  # model: (key, spec)
    required: bool = False
    default: Any = None
    description: str = ""
    cls: type[BaseModel] | None = None


def _strip(annotation: Any) -> tuple[Any, bool]:
    """The type inside Annotated and Optional; whether None is allowed."""
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) < len(typing.get_args(annotation)):
                optional = True
            if len(args) != 1:
                return annotation, optional
            annotation = args[0]
        else:
            return annotation, optional


def spec_of(annotation: Any, info: FieldInfo | None = None) -> Spec:
    inner, optional = _strip(annotation)
    origin = typing.get_origin(inner)
    args = typing.get_args(inner)
    spec = _spec(inner, origin, args, info)
    spec.optional = spec.optional or optional
    if info is not None:
        spec.required = info.is_required()
        spec.default = None if info.is_required() else info.get_default(call_default_factory=True)
        spec.description = info.description or ""
    return spec


def _spec(inner: Any, origin: Any, args: tuple, info: FieldInfo | None) -> Spec:
    if info is not None and any(type(m).__name__ == "WithJsonSchema" for m in info.metadata):
        return Spec("raw")  # the YAML holds a text the schema parses (times, days)
    if origin is Literal:
        return Spec("choice", choices=tuple(str(a) for a in args))
    if inner is bool:
        return Spec("bool")
    if inner is int:
        return Spec("integer")
    if inner is float:
        return Spec("number")
    if inner is str:
        return Spec("text")
    if isinstance(inner, type) and issubclass(inner, Text):
        return Spec("i18n", cls=inner)
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return Spec("model", fields=model_fields(inner), cls=inner)
    if origin in (list, tuple) and args:
        item = spec_of(args[0])
        if item.kind in ("model", "i18n"):
            return Spec("rows", item=item)
        if item.kind in SCALARS:
            return Spec("words", item=item)
    if origin is dict and len(args) == 2:
        return Spec("mapping", item=spec_of(args[1]))
    return Spec("yaml")


def model_fields(cls: type[BaseModel]) -> list[tuple[str, Spec]]:
    """(the key the YAML uses, its spec) for every field, in the schema's order."""
    return [(info.alias or name, spec_of(info.annotation, info))
            for name, info in cls.model_fields.items()]


# --- sections --------------------------------------------------------------------------

SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("positioning", ("id", "title", "scenario", "positioning", "target_segments")),
    ("catalogue", ("catalogue", "catalog", "services", "support_activities")),
    ("channels", ("opening_hours", "open_on_holidays", "closed_days", "holidays", "calendar",
                  "chat_concurrency")),
    ("ivr", ("ivr",)),
    ("slas", ("service_level", "tickets", "sla", "slas", "ticket_clocks", "callbacks",
              "callback")),
    ("routing", ("queues", "deferred_work", "skill_groups", "tiers", "queue_capacity")),
    ("targets", ("kpi_targets", "expected_results", "budget_per_month_eur")),
)
# A field the list above does not name lands by a word of its key.
_WORDS = (("catalog", "catalogue"), ("service", "catalogue"), ("ivr", "ivr"),
          ("menu", "ivr"), ("hour", "channels"), ("holiday", "channels"),
          ("calendar", "channels"), ("channel", "channels"), ("sla", "slas"),
          ("ticket", "slas"), ("clock", "slas"), ("callback", "slas"), ("queue", "routing"),
          ("skill", "routing"), ("tier", "routing"), ("rout", "routing"),
          ("target", "targets"), ("kpi", "targets"), ("budget", "targets"),
          ("segment", "positioning"), ("position", "positioning"))


@dataclass(frozen=True)
class Layout:
    """How a model's top-level fields fall into sections: named keys first, then a word of
    the key, else «other»; `titles()` names each section for people (translated then)."""

    sections: tuple[tuple[str, tuple[str, ...]], ...]
    words: tuple[tuple[str, str], ...]
    titles: Callable[[], dict[str, str]]


def _care_titles() -> dict[str, str]:
    # short: the seven tabs must fit in 80 columns
    return {"positioning": _("Positioning"), "catalogue": _("Catalogue"),
            "channels": _("Hours"), "ivr": _("IVR"), "slas": _("SLAs"),
            "routing": _("Routing"), "targets": _("Targets"), "other": _("Other")}


CARE = Layout(SECTIONS, _WORDS, _care_titles)


def section_title(section: str, layout: Layout = CARE) -> str:
    return layout.titles().get(section, _("Other"))


def section_of(key: str, layout: Layout = CARE) -> str:
    for section, keys in layout.sections:
        if key in keys:
            return section
    for word, section in layout.words:
        if word in key:
            return section
    return "other"


def sections(cls: type[BaseModel] = CareModel,
             layout: Layout = CARE) -> list[tuple[str, list[tuple[str, Spec]]]]:
    """The sections with at least one field of the schema, in the layout's order."""
    by_section: dict[str, list[tuple[str, Spec]]] = {}
    for key, spec in model_fields(cls):
        by_section.setdefault(section_of(key, layout), []).append((key, spec))
    order = [s for s, _keys in layout.sections] + ["other"]
    return [(s, by_section[s]) for s in order if s in by_section]


def field_label(key: str) -> str:
    """A field's name for people (the key itself when it has no translation yet)."""
    from simlab.lab.planform_labels import plan_labels  # the plan's procedures and staff

    label = _LABELS().get(key) or plan_labels().get(key)
    return label or key.replace("_", " ")


def _LABELS() -> dict[str, str]:  # noqa: N802 - a table, translated when called
    return {
        "id": _("Identifier (id)"), "title": _("Title"), "scenario": _("Scenario"),
        "positioning": _("Positioning"), "target_segments": _("Target segments"),
        "queues": _("Queues"), "opening_hours": _("Opening hours"),
        "service_level": _("Service level per channel"), "tickets": _("Ticket targets"),
        "deferred_work": _("Deferred work"), "kpi_targets": _("KPI targets"),
        "budget_per_month_eur": _("Budget per month (€)"), "name": _("Name"),
        "channel": _("Channel"), "reasons": _("Reasons"), "segments": _("Segments"),
        "priority": _("Priority"), "threshold_s": _("Threshold (s)"),
        "target": _("Target (share)"), "first_response_h": _("First response (h)"),
        "resolution_h": _("Resolution (h)"), "asa_s": _("ASA (s)"),
        "abandon_rate": _("Abandonment rate"), "fcr": _("FCR"), "csat": _("CSAT"),
        "nps": _("NPS"), "cost_per_contact_eur": _("Cost per contact (€)"),
        "days": _("Days"), "from": _("From"), "to": _("To"), "it": _("Italian"),
        "en": _("English"),
        # the catalogue, access and SLA parts of the schema
        "services": _("Core services"), "support_activities": _("Supporting activities"),
        "features": _("Distinctive features"), "quality": _("Quality level"),
        "channels": _("Channels"), "cost_per_month_eur": _("Cost per month (€)"),
        "kind": _("Kind"), "effect": _("Expected effect"),
        "open_on_holidays": _("Channels open on holidays"), "closed_days": _("Closed days"),
        "ivr": _("IVR menu per channel"), "levels": _("Levels"), "options": _("Options"),
        "prompt_s": _("Message before the options (s)"), "label": _("Label"),
        "time_s": _("Time in the menu (s)"), "self_service": _("Self-service share"),
        "next": _("Next level"), "queue": _("Queue"), "capacity": _("Queue capacity"),
        "callback": _("Callback offer"), "when": _("When"), "accept": _("Share who accept"),
        "within_s": _("Called back within (s)"), "retrials": _("Retrials"),
        "share": _("Share"), "delay_s": _("Delay (s)"), "max_attempts": _("Maximum attempts"),
        "concurrency": _("Concurrent contacts"), "skill_groups": _("Skill groups"),
        "tier": _("Tier"), "realtime_sla": _("Real-time SLAs by priority"),
        "ticket_sla": _("Ticket SLAs by priority"), "max_abandon_rate": _("Maximum abandonment"),
        "next_response_h": _("Next response (h)"), "warning_at": _("Warning at (share)"),
        "pause_on_customer": _("Paused while waiting for the customer"),
        "expected_results": _("Expected results"), "kpi": _("KPI"),
        "variant": _("Formula variant"), "direction": _("Direction"),
        # the operations plan
        "teams": _("Teams"), "headcount": _("Headcount"),
        "skills": _("Skills (queue: proficiency)"), "shifts": _("Shifts"),
        "absence_rate": _("Absence (share)"), "hourly_cost": _("Hourly cost (€)"),
        "agents": _("Operators"), "breaks": _("Breaks"),
        "after_min": _("After (min)"), "minutes": _("Minutes"),
        "spread_min": _("Staggered over (min)"), "budget": _("Budget lines"),
        "seat_cost_per_month": _("Cost per seat per month (€)"), "seats": _("Seats"),
        "technology_per_month": _("Technology per month (€)"),
        "knowledge_base_per_month": _("Knowledge base per month (€)"),
        "training_hours_per_agent_per_month": _("Training hours per operator per month"),
        "team_leaders": _("Team leaders"), "span": _("Operators per team leader"),
        "hours_per_month": _("Hours per month"),
    }


# --- reading and writing the data at a path --------------------------------------------


def get(data: Any, path: Path_, default: Any = None) -> Any:
    node = data
    for part in path:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return default
    return node


def with_value(data: dict, path: Path_, value: Any) -> dict:
    """A copy of `data` with `value` at `path` (None: the key removed), parents made."""
    out = copy.deepcopy(data)
    node: Any = out
    for i, part in enumerate(path[:-1]):
        nxt = path[i + 1]
        if isinstance(node, dict):
            if not isinstance(node.get(part), (dict, list)):
                node[part] = [] if isinstance(nxt, int) else {}
            node = node[part]
        else:
            node = node[part]
    last = path[-1]
    if value is None:
        if isinstance(node, dict):
            node.pop(last, None)
        elif isinstance(node, list) and isinstance(last, int) and last < len(node):
            node[last] = None
    elif isinstance(node, list) and isinstance(last, int) and last == len(node):
        node.append(value)
    else:
        node[last] = value
    return out


def without(data: dict, path: Path_) -> dict:
    """A copy with the row or key at `path` taken out."""
    out = copy.deepcopy(data)
    parent = get(out, path[:-1])
    if isinstance(parent, list) and isinstance(path[-1], int) and path[-1] < len(parent):
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent.pop(path[-1], None)
    return out


def parse_number(text: str) -> float | int | None:
    """«0,8», «0.8», «1.200,5» as numbers (None: not a number)."""
    t = text.strip().replace(" ", "")
    if "," in t:
        t = t.replace(".", "").replace(",", ".")
    try:
        value = float(t)
    except ValueError:
        return None
    return int(value) if value.is_integer() and "." not in t and "e" not in t.lower() else value


def from_text(spec: Spec, text: str) -> Any:
    """What the data holds for `text` typed into a field of `spec` (None: nothing). A
    value that does not parse is kept as typed: validation then names the mistake."""
    stripped = text.strip()
    if spec.kind in ("number", "integer"):
        if not stripped:
            return None
        number = parse_number(stripped)
        return stripped if number is None else number
    if spec.kind == "words":
        items = [w.strip() for w in text.split(",") if w.strip()]
        assert spec.item is not None
        return [from_text(spec.item, w) for w in items]
    if spec.kind == "yaml":
        if not stripped:
            return None
        import yaml

        try:
            return yaml.safe_load(stripped)
        except yaml.YAMLError:
            return stripped
    return text if stripped else None


def to_text(spec: Spec, value: Any) -> str:
    """A value of the data as its field shows it."""
    if value is None:
        return ""
    if spec.kind == "words" or (spec.kind == "raw" and isinstance(value, list)):
        return ", ".join(_scalar_text(v) for v in value)
    if spec.kind == "yaml":
        import yaml

        return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True).strip()
    return _scalar_text(value)


def _scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        text = repr(value)
        text = text[:-2] if text.endswith(".0") else text
        # the Italian decimal comma, which parse_number reads back
        return text.replace(".", ",") if language() == "it" and "e" not in text else text
    return str(value)


def empty_value(spec: Spec) -> Any:
    """A new row or key: a model with its required texts empty, to be filled in."""
    if spec.kind == "i18n":
        return {"it": ""}
    if spec.kind == "model" and spec.cls is Window:
        return {"days": "lun-ven", "from": "09:00", "to": "18:00"}
    if spec.kind == "model":
        out: dict[str, Any] = {}
        for key, sub in spec.fields:
            if sub.required:
                out[key] = empty_value(sub) if sub.kind in ("model", "i18n") else (
                    [] if sub.kind in ("rows", "words") else {} if sub.kind == "mapping"
                    else "")
        return out
    if spec.kind in ("rows", "words"):
        return []
    if spec.kind == "mapping":
        return {}
    return None
