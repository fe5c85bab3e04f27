"""YAML in and out, with the line of every key kept for error messages.

The loader is YAML 1.2-like on numbers: "9:30" stays a string (YAML 1.1 would read it
as the sexagesimal 570), because instructors write times of day everywhere.

Files come from users and may be hostile or broken: before anything is built, the size,
the nesting depth and the expansion of aliases are bounded (a self-referencing alias or an
"alias bomb" would otherwise recurse without end or exhaust memory), and every parser
complaint becomes one Italian sentence with its line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from simlab.errors import SimlabError, os_error_text
from simlab.i18n import _

Path_ = tuple[str | int, ...]

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"

# Limits far above any real scenario (the shipped ones are < 20 kB, < 10 levels deep,
# without aliases), far below what hurts.
MAX_BYTES = 1_000_000
MAX_DEPTH = 40
MAX_NODES = 200_000  # nodes after expanding every alias


# libyaml's parser when present (ten times faster: a check parses each file twice),
# with the same safe constructor and our resolvers.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
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
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SimlabError(_too_big(size), file=path)
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SimlabError(_("file not found"), file=path) from None
    except IsADirectoryError:
        raise SimlabError(_("this is a folder, not a file"), file=path) from None
    except UnicodeDecodeError:
        raise SimlabError(_("the file is not UTF-8 text"), file=path) from None
    except OSError as e:
        raise SimlabError(_("cannot read the file: {error}").format(error=os_error_text(e)),
                          file=path) from None


def _too_big(size: int) -> str:
    return _("the file is too large ({size} kB; at most {max} kB)").format(
        size=size // 1000, max=MAX_BYTES // 1000)


# Characters YAML refuses (controls other than tab, newline, carriage return, NEL).
_BAD_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def parse(text: str, source: str | Path) -> tuple[Any, dict[Path_, int]]:
    """The data of a YAML document and the 1-based line of each key path in it."""
    where = _precheck(text, source)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        raise SimlabError(_yaml_problem(e, text), file=source,
                          line=mark.line + 1 if mark else None, key=dotted(where) or None
                          ) from None
    except yaml.YAMLError:
        raise SimlabError(_("this is not valid YAML"), file=source) from None
    finally:
        loader.dispose()
    lines: dict[Path_, int] = {}
    if node is not None:
        _walk(node, (), lines, source)
    return data, lines


def _line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _precheck(text: str, source: str | Path) -> Path_:
    """Refuse what would make the parser fail without a line, recurse, or blow up; the
    key path where the parser stopped (to name it if the text is not valid YAML)."""
    if len(text) > MAX_BYTES:
        raise SimlabError(_too_big(len(text.encode("utf-8", "replace"))), file=source)
    bad = _BAD_CHAR.search(text)
    if bad:
        raise SimlabError(
            _("the file contains a control character (code {code}) that YAML does not "
              "allow: remove it").format(code=f"U+{ord(bad.group()):04X}"),
            file=source, line=_line_at(text, bad.start()))
    return _check_structure(text, source)


class _Where:
    """The key path of the parser's position, followed event by event."""

    def __init__(self) -> None:
        # Per open collection: [is_mapping, key or index, expecting a key]
        self.stack: list[list[Any]] = []

    def path(self) -> Path_:
        return tuple(entry[1] for entry in self.stack if entry[1] is not None)

    def node(self, event: yaml.Event) -> None:
        top = self.stack[-1] if self.stack else None
        if top is not None and top[0]:
            if top[2]:  # a key
                top[1], top[2] = getattr(event, "value", None), False
                if isinstance(event, yaml.CollectionStartEvent):
                    self.stack.append([False, None, False, "key"])  # a complex key
                return
        elif top is not None:
            top[1] = 0 if top[1] is None else top[1] + 1
        if isinstance(event, yaml.MappingStartEvent):
            self.stack.append([True, None, True])
        elif isinstance(event, yaml.SequenceStartEvent):
            self.stack.append([False, None, False])
        elif top is not None and top[0]:
            top[2] = True  # a scalar value: the next node is a key

    def end(self) -> None:
        closed = self.stack.pop()
        if self.stack and self.stack[-1][0] and closed[-1] != "key":
            self.stack[-1][2] = True  # a value ended: the next node is a key


def _check_structure(text: str, source: str | Path) -> Path_:
    """Walk the parser's events (iterative, no recursion) to bound nesting and aliases."""
    where = _Where()
    depth = 0
    total = 0  # nodes so far, aliases counted as what they expand to
    open_anchors: list[tuple[str | None, int]] = []  # (anchor, total at its start)
    sizes: dict[str, int] = {}
    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = event.start_mark.line + 1
            if isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent,
                                  yaml.CollectionStartEvent)):
                where.node(event)
            elif isinstance(event, yaml.CollectionEndEvent):
                where.end()
            if isinstance(event, yaml.AliasEvent):
                if event.anchor not in sizes:
                    if any(a == event.anchor for a, _start in open_anchors):
                        raise SimlabError(
                            _("the alias «*{name}» refers to the block that contains it: "
                              "it would repeat without end").format(name=event.anchor),
                            file=source, line=line)
                    continue  # an undefined alias: the composer says so, with its line
                total += sizes[event.anchor]
            elif isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
                total += 1
                if isinstance(event, yaml.ScalarEvent):
                    if event.anchor:
                        sizes[event.anchor] = 1
                else:
                    depth += 1
                    if depth > MAX_DEPTH:
                        raise SimlabError(
                            _("the file is nested too deeply (more than {n} levels)").format(
                                n=MAX_DEPTH), file=source, line=line,
                            key=dotted(where.path()) or None)
                    open_anchors.append((event.anchor, total))
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
                anchor, start = open_anchors.pop()
                if anchor:
                    sizes[anchor] = total - start + 1
            if total > MAX_NODES:
                raise SimlabError(
                    _("the aliases (*name) of the file expand to more than {n} values: "
                      "write the values out instead").format(n=f"{MAX_NODES:,}".replace(",", ".")),
                    file=source, line=line, key=dotted(where.path()) or None)
    except yaml.YAMLError:
        pass  # the composer meets the same error and reports it with its line
    return where.path()


# The parser's own (English) complaints, by the start of their text, in plain words.
def _yaml_problem(e: yaml.MarkedYAMLError, text: str) -> str:
    problem = (e.problem or "") + " " + (e.context or "")
    mark = e.problem_mark
    if mark is not None:
        lines = text.splitlines()
        row = lines[mark.line] if 0 <= mark.line < len(lines) else ""
        if "\t" in row[: mark.column + 1] and not row[: mark.column].strip(" "):
            return _("this is not valid YAML: {problem}").format(
                problem=_("a tab is used for indentation: YAML wants spaces"))
    table = [
        ("mapping values are not allowed", _(
            "a «:» where no key can start: a value containing «: » must be in quotes, "
            "or the indentation is wrong")),
        ("could not find expected ':'", _("a key without «:» (or a text to put in quotes)")),
        ("found undefined alias", _("an alias (*name) without its anchor (&name)")),
        ("found duplicate anchor", _("the same anchor (&name) is defined twice")),
        ("found unhashable key", _("a key must be a plain text, not a list or a mapping")),
        ("could not determine a constructor", _(
            "a tag (!…) that simlab does not accept: remove it")),
        ("unexpected end of stream", _("a quote or a bracket is opened and never closed")),
        ("expected ',' or ']'", _("a list in [ ] is not closed")),
        ("expected ',' or '}'", _("a mapping in curly brackets is not closed")),
        ("found a tab character", _("a tab is used for indentation: YAML wants spaces")),
        ("did not find expected node content", _(
            "a value is missing, or a bracket or a «-» is misplaced")),
        ("found character", _("a character that cannot start a value here: put the value in "
                              "quotes")),
        ("expected <block end>", _("the indentation is wrong (check the spaces at the start "
                                   "of the line)")),
        ("expected a single document", _("the file holds more than one document (---)")),
        ("did not find expected key", _("the indentation is wrong (check the spaces at the "
                                        "start of the line)")),
        ("did not find expected '-'", _("the indentation of the list is wrong")),
        ("while scanning a simple key", _("a key without «:» (or a text to put in quotes)")),
        ("found unknown escape character", _("an unknown escape (\\…) inside double quotes")),
    ]
    for start, message in table:
        if start in problem:
            return _("this is not valid YAML: {problem}").format(problem=message)
    return _("this is not valid YAML: check indentation, «:» and quotes")


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int], source: str | Path) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise SimlabError(
                    _("a key must be a plain text, not a list or a mapping"),
                    file=source, line=key_node.start_mark.line + 1, key=dotted(path) or None)
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
