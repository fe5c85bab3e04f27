"""Load scenario, care-model and plan files into their schemas, with Italian errors.

Every failure becomes a `SimlabError` naming the file, the line and the key, so that an
instructor who mistyped one key sees exactly where, and never a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from simlab.errors import SimlabError
from simlab.i18n import _, ngettext
from simlab.model.care import CareModel
from simlab.model.common import At
from simlab.model.plan import OperationsPlan
from simlab.model.scenario import Scenario
from simlab.model.yamlio import Path_, dotted, parse, read_text

M = TypeVar("M", bound=BaseModel)


def load_file(cls: type[M], path: str | Path) -> M:
    path = Path(path)
    return load_text(cls, read_text(path), path)


def load_text(cls: type[M], text: str, source: str | Path) -> M:
    data, lines = parse(text, source)
    if not isinstance(data, dict):
        raise SimlabError(_("the file must contain a YAML mapping (key: value)"), file=source, line=1)
    return validate(cls, data, lines, source)


def validate(cls: type[M], data: Any, lines: dict[Path_, int], source: str | Path) -> M:
    try:
        return cls.model_validate(data)
    except ValidationError as e:
        raise located_error(e, data, lines, source) from None
    except At as e:  # raised by check_against, outside pydantic
        raise _at_error(e, (), data, lines, source) from None


def check_related(
    obj: CareModel | OperationsPlan, against: Scenario | CareModel, text: str, source: str | Path
) -> None:
    """Run `obj.check_against(against)`, pointing errors at the lines of `text`."""
    try:
        obj.check_against(against)  # type: ignore[arg-type]
    except At as e:
        data, lines = parse(text, source)
        raise _at_error(e, (), data, lines, source) from None


def load_scenario(path: str | Path) -> Scenario:
    return load_file(Scenario, path)


def load_care(path: str | Path, scenario: Scenario) -> CareModel:
    path = Path(path)
    text = read_text(path)
    care = load_text(CareModel, text, path)
    check_related(care, scenario, text, path)
    return care


def load_plan(path: str | Path, care: CareModel) -> OperationsPlan:
    path = Path(path)
    text = read_text(path)
    plan = load_text(OperationsPlan, text, path)
    check_related(plan, care, text, path)
    return plan


# --- from pydantic's errors to one Italian sentence --------------------------------------


def located_error(
    error: ValidationError, data: Any, lines: dict[Path_, int], source: str | Path
) -> SimlabError:
    # A misspelt key shows up twice: as unknown and as a required key missing; the
    # unknown one says what the user did, so it goes first.
    errors = sorted(error.errors(include_url=False), key=lambda e: e["type"] == "missing")
    first = errors[0]
    cause = (first.get("ctx") or {}).get("error")
    if isinstance(cause, At):
        result = _at_error(cause, tuple(first["loc"]), data, lines, source)
    else:
        path = _data_path(tuple(first["loc"]), data)
        if first["type"] == "union_tag_invalid":  # point at the key that names the kind
            path = _data_path(tuple(first["loc"]) + (_tag_key(first.get("ctx") or {}),), data)
        result = SimlabError(
            _message(first, path),
            file=source,
            line=_line(path, lines),
            key=dotted(path) or None,
        )
    if len(errors) > 1:
        more = len(errors) - 1
        result.message += " " + ngettext("({n} more error after this one)",
                                         "({n} more errors after this one)", more).format(n=more)
    return result


def _at_error(
    cause: At, loc: Path_, data: Any, lines: dict[Path_, int], source: str | Path
) -> SimlabError:
    path = _data_path(loc + tuple(cause.path), data)
    return SimlabError(str(cause), file=source, line=_line(path, lines), key=dotted(path) or None)


def _data_path(loc: Path_, data: Any) -> Path_:
    """The part of pydantic's location that exists in the data (drops union tags and the
    like), plus a final missing key, so that it names what the user wrote."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
            path.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            path.append(part)
        elif isinstance(node, dict) and isinstance(part, str) and part not in _TAGS:
            path.append(part)  # a missing key: name it, point at its parent
            break
    return tuple(path)


_TAGS = {"exponential", "lognormal", "gamma", "weibull", "constant", "empirical", "mixture",
         "function-after", "none"}


def _line(path: Path_, lines: dict[Path_, int]) -> int | None:
    for n in range(len(path), -1, -1):
        if path[:n] in lines:
            return lines[path[:n]]
    return None


def _message(err: dict[str, Any], path: Path_) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = _short(err.get("input"))
    key = path[-1] if path else ""
    messages = {
        "extra_forbidden": lambda: _("unknown key «{key}»: check its spelling").format(key=key),
        "missing": lambda: _("the required key «{key}» is missing").format(key=key),
        "float_parsing": lambda: _("«{value}» is not a number").format(value=value),
        "float_type": lambda: _("«{value}» is not a number").format(value=value),
        "int_parsing": lambda: _("«{value}» is not a whole number").format(value=value),
        "int_type": lambda: _("«{value}» is not a whole number").format(value=value),
        "int_from_float": lambda: _("«{value}» is not a whole number").format(value=value),
        "bool_parsing": lambda: _("«{value}» is not yes/no (true/false)").format(value=value),
        "bool_type": lambda: _("«{value}» is not yes/no (true/false)").format(value=value),
        "string_type": lambda: _("«{value}» must be a text").format(value=value),
        "greater_than": lambda: _("«{value}» must be greater than {limit}").format(value=value, limit=ctx.get("gt")),
        "greater_than_equal": lambda: _("«{value}» must be at least {limit}").format(value=value, limit=ctx.get("ge")),
        "less_than": lambda: _("«{value}» must be less than {limit}").format(value=value, limit=ctx.get("lt")),
        "less_than_equal": lambda: _("«{value}» must be at most {limit}").format(value=value, limit=ctx.get("le")),
        "too_short": lambda: ngettext("needs at least {n} element", "needs at least {n} elements",
                                      ctx.get("min_length") or 0).format(n=ctx.get("min_length")),
        "too_long": lambda: ngettext("has more than {n} element", "has more than {n} elements",
                                     ctx.get("max_length") or 0).format(n=ctx.get("max_length")),
        "string_too_short": lambda: _("cannot be empty"),
        "string_pattern_mismatch": lambda: _(
            "«{value}» is not a valid id: use lowercase letters, digits, - and _"
        ).format(value=value),
        "literal_error": lambda: _("«{value}» is not allowed; allowed: {allowed}").format(
            value=value, allowed=_choices(ctx.get("expected"))
        ),
        "enum": lambda: _("«{value}» is not allowed; allowed: {allowed}").format(
            value=value, allowed=_choices(ctx.get("expected"))
        ),
        "union_tag_invalid": lambda: (
            _("unknown distribution «{tag}»; allowed: {allowed}") if _tag_key(ctx) == "dist"
            else _("«{tag}» is not allowed; allowed: {allowed}")).format(
            tag=ctx.get("tag"), allowed=_choices(ctx.get("expected_tags"))
        ),
        "finite_number": lambda: _("«{value}» is not a finite number").format(value=value),
        "int_parsing_size": lambda: _("«{value}» is too large").format(value=value),
        "string_too_long": lambda: ngettext(
            "is too long: at most {n} character", "is too long: at most {n} characters",
            ctx.get("max_length") or 0).format(n=ctx.get("max_length")),
        "string_unicode": lambda: _("«{value}» must be a text").format(value=value),
        "date_from_datetime_inexact": lambda: _("«{value}» is not a date like 2026-03-02").format(
            value=value),
        "date_future": lambda: _("«{value}» is not a date like 2026-03-02").format(value=value),
        "set_type": lambda: _("must be a list"),
        "frozen_set_type": lambda: _("must be a list"),
        "is_instance_of": lambda: _("must be a mapping (key: value)"),
        "assertion_error": lambda: _("invalid value «{value}»").format(value=value),
        "union_tag_not_found": lambda: _(
            "a distribution needs the key «dist» (exponential, lognormal, gamma, weibull, constant, "
            "empirical, mixture)"
        ) if _tag_key(ctx) == "dist" else _("the required key «{key}» is missing").format(
            key=_tag_key(ctx)),
        "date_parsing": lambda: _("«{value}» is not a date like 2026-03-02").format(value=value),
        "date_type": lambda: _("«{value}» is not a date like 2026-03-02").format(value=value),
        "date_from_datetime_parsing": lambda: _("«{value}» is not a date like 2026-03-02").format(value=value),
        "dict_type": lambda: _("must be a mapping (key: value)"),
        "model_type": lambda: _("must be a mapping (key: value)"),
        "model_attributes_type": lambda: _("must be a mapping (key: value)"),
        "list_type": lambda: _("must be a list"),
        "tuple_type": lambda: _("must be a list"),
        "value_error": lambda: str(ctx.get("error", err.get("msg", ""))),
    }
    make = messages.get(kind)
    # pydantic's own text is English: never shown, the value is.
    return make() if make else _("invalid value «{value}»").format(value=_short(value))


def _tag_key(ctx: dict[str, Any]) -> str:
    """The key that picks the kind in a tagged union ("dist" for distributions; the
    exercises' checks use "kind"); pydantic quotes it."""
    return str(ctx.get("discriminator", "'dist'")).strip("'")


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _choices(expected: object) -> str:
    """pydantic's "'a', 'b' or 'c'" as «a», «b», «c» (its «or» is English)."""
    names = re.findall(r"'([^']*)'", str(expected or ""))
    return ", ".join(f"«{n}»" for n in names) if names else str(expected or "")


def field_errors(cls: type[BaseModel], data: Any) -> list[tuple[Path_, str]]:
    """Every problem of `data` (not only the first), each as (the path in the data, the
    loader's Italian message): for a form that shows each message beside its field."""
    try:
        cls.model_validate(data)
    except ValidationError as e:
        out = []
        for err in sorted(e.errors(include_url=False), key=lambda x: x["type"] == "missing"):
            cause = (err.get("ctx") or {}).get("error")
            if isinstance(cause, At):
                out.append((_data_path(tuple(err["loc"]) + tuple(cause.path), data), str(cause)))
                continue
            path = _data_path(tuple(err["loc"]), data)
            out.append((path, _message(err, path)))
        return out
    except At as e:
        return [(_data_path(tuple(e.path), data), str(e))]
    return []
