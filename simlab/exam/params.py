"""The parameters of an exam template and how each candidate's values are drawn.

A candidate's values come from HMAC-SHA256 under the examiner's secret of the template
id, the candidate id and the parameter's name: the examiner regenerates any pack from
the key, neighbours get different numbers, and without the secret nobody can derive
another candidate's values from their own. Values are placed in the template by
`${expression}` placeholders (names of parameters, + - * / // %, floor, ceil, round,
min, max), evaluated here without `eval`.
"""

from __future__ import annotations

import ast
import hashlib
import hmac
import math
import operator
import re
from typing import Any

from pydantic import Field, model_validator

from simlab.i18n import _
from simlab.model.common import Id, Strict, Text

Number = int | float


class Parameter(Strict):
    """A value varying per candidate: `min`..`max` by `step`, or one of `choices`."""

    id: Id
    min: float | None = None
    max: float | None = None
    step: float = Field(default=1, gt=0)
    choices: list[float] | None = Field(default=None, min_length=2)
    note: Text | None = None  # what it is, for whoever writes the template

    @model_validator(mode="after")
    def _range(self) -> Parameter:
        ranged = self.min is not None and self.max is not None
        if ranged == (self.choices is not None) or (self.min is None) != (self.max is None):
            raise ValueError(_("give either «min» and «max», or «choices»"))
        if ranged and self.max < self.min:
            raise ValueError(_("«max» must be at least «min»"))
        return self

    def values(self) -> list[Number]:
        """Every value this parameter can take, in order."""
        if self.choices is not None:
            return [_tidy(c) for c in self.choices]
        count = int(math.floor((self.max - self.min) / self.step + 1e-9)) + 1
        return [_tidy(round(self.min + i * self.step, 9)) for i in range(count)]


def _tidy(x: float) -> Number:
    return int(x) if float(x).is_integer() else float(x)


def derive_key(secret: bytes, *parts: str) -> bytes:
    """A key for one purpose, derived from the secret (the secret never leaves the key)."""
    return hmac.new(secret, "\0".join(parts).encode("utf-8"), hashlib.sha256).digest()


def draw(secret: bytes, template_id: str, candidate_id: str,
         parameters: list[Parameter]) -> dict[str, Number]:
    """The candidate's value of every parameter, from the secret and the ids."""
    values = {}
    for p in parameters:
        options = p.values()
        digest = derive_key(secret, "param", template_id, candidate_id, p.id)
        values[p.id] = options[int.from_bytes(digest[:8], "big") % len(options)]
    return values


def lowest(parameters: list[Parameter]) -> dict[str, Number]:
    """The first value of every parameter: what a template is checked with."""
    return {p.id: p.values()[0] for p in parameters}


# --- placeholders --------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\$\{([^}]{1,200})\}")
_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
           ast.Div: operator.truediv, ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod}
_FUNCTIONS = {"floor": math.floor, "ceil": math.ceil, "round": round, "min": min, "max": max}


class PlaceholderError(ValueError):
    """A placeholder that cannot be evaluated (its message is for the template's author)."""


def evaluate(expression: str, values: dict[str, Number]) -> Number:
    """The value of one `${…}` expression with the candidate's parameters."""
    try:
        tree = ast.parse(expression.strip(), mode="eval")
    except SyntaxError:
        raise PlaceholderError(_("«{expr}» is not an expression").format(expr=expression)) from None
    result = _node(tree.body, values, expression)
    return _tidy(result) if isinstance(result, float) else result


def _node(node: ast.AST, values: dict[str, Number], expression: str) -> Number:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) \
            and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, ast.Name):
        if node.id not in values:
            raise PlaceholderError(_("unknown parameter «{name}»; the parameters are: {known}")
                                   .format(name=node.id, known=", ".join(values)))
        return values[node.id]
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left, right = _node(node.left, values, expression), _node(node.right, values, expression)
        try:
            return _BINARY[type(node.op)](left, right)
        except ZeroDivisionError:
            raise PlaceholderError(_("«{expr}» divides by zero").format(expr=expression)) from None
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_node(node.operand, values, expression)
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id in _FUNCTIONS and not node.keywords):
        args = [_node(a, values, expression) for a in node.args]
        return _FUNCTIONS[node.func.id](*args)
    raise PlaceholderError(_("«{expr}» may use only parameters, numbers, + - * / // % and "
                             "floor, ceil, round, min, max").format(expr=expression))


def substitute(data: Any, values: dict[str, Number], *, text_key: str | None = None) -> Any:
    """`data` with every placeholder replaced: a string that is one placeholder becomes
    the number; a placeholder inside a text becomes the number written in it (decimal
    comma under an `it` key). Raises PlaceholderError with the path of the bad one."""
    if isinstance(data, dict):
        return {k: _at(k, lambda k=k, v=v: substitute(v, values, text_key=str(k)))
                for k, v in data.items()}
    if isinstance(data, list):
        return [_at(i, lambda v=v: substitute(v, values, text_key=text_key))
                for i, v in enumerate(data)]
    if isinstance(data, str) and "${" in data:
        whole = _PLACEHOLDER.fullmatch(data.strip())
        if whole:
            return evaluate(whole.group(1), values)
        return _PLACEHOLDER.sub(lambda m: written(evaluate(m.group(1), values), text_key), data)
    return data


def _at(key: str | int, make):
    try:
        return make()
    except PlaceholderError as e:
        path = getattr(e, "path", ())
        e.path = (key, *path)
        raise


def written(value: Number, text_key: str | None = None) -> str:
    """A number as it is written in a text: thousands unseparated, decimal comma in Italian."""
    text = str(value) if isinstance(value, int) else f"{value:.6g}"
    return text.replace(".", ",") if text_key == "it" else text
