"""YAML in and out, with the line of every key kept for error messages.

The loader is YAML 1.2-like on numbers: "9:30" stays a string (YAML 1.1 would read it
as the sexagesimal 570), because instructors write times of day everywhere.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from simlab.errors import SimlabError
from simlab.i18n import _

Path_ = tuple[str | int, ...]

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"


class _Loader(yaml.SafeLoader):
    pass


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_INT, _FLOAT)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_INT, re.compile(r"^[-+]?(0|[1-9][0-9_]*)$"), list("-+0123456789"))
_Loader.add_implicit_resolver(
    _FLOAT,
    re.compile(
        r"^[-+]?(\d[\d_]*)?\.\d[\d_]*([eE][-+]?\d+)?$|^[-+]?\d[\d_]*[eE][-+]?\d+$"
        r"|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$"
    ),
    list("-+0123456789."),
)


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SimlabError(_("file not found"), file=path) from None
    except IsADirectoryError:
        raise SimlabError(_("this is a folder, not a file"), file=path) from None
    except UnicodeDecodeError:
        raise SimlabError(_("the file is not UTF-8 text"), file=path) from None
    except OSError as e:
        raise SimlabError(_("cannot read the file: {error}").format(error=e.strerror), file=path) from None


def parse(text: str, source: str | Path) -> tuple[Any, dict[Path_, int]]:
    """The data of a YAML document and the 1-based line of each key path in it."""
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problem = e.problem or e.context or ""
        raise SimlabError(
            _("this is not valid YAML ({problem})").format(problem=problem),
            file=source,
            line=mark.line + 1 if mark else None,
        ) from None
    except yaml.YAMLError as e:
        raise SimlabError(_("this is not valid YAML ({problem})").format(problem=e), file=source) from None
    lines: dict[Path_, int] = {}
    if node is not None:
        _walk(node, (), lines, source)
    return data, lines


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int], source: str | Path) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                raise SimlabError(
                    _("the key «{key}» is written twice").format(key=key),
                    file=source,
                    line=key_node.start_mark.line + 1,
                    key=dotted(path + (key,)),
                )
            seen.add(key)
            lines[path + (key,)] = key_node.start_mark.line + 1
            _walk(value_node, path + (key,), lines, source)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), lines, source)


def dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def dump(data: Any) -> str:
    """YAML for files users open and edit: block style, keys in model order, UTF-8."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None, width=100)
