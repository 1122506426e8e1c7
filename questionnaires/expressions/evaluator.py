"""Compile a syntax tree into nested closures, so evaluation is a few calls per node."""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from .coercion import (
    Value,
    compare_key,
    divide,
    modulo,
    to_boolean,
    to_number,
    values_equal,
)
from .context import EvalContext
from .functions import FUNCTIONS, Compiled
from .nodes import Binary, Call, Current, Negate, Node, Number, Parent, Reference, String

_ARITHMETIC: dict[str, Callable[[float, float], float]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "div": divide,
    "mod": modulo,
}
_RELATIONAL: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def compile_tree(node: Node) -> Compiled:
    """Turn a tree into a function of the context returning the expression's value."""
    if isinstance(node, Reference):
        name = node.name
        return lambda ctx: ctx.value(name)
    if isinstance(node, Number | String):
        constant = node.value
        return lambda ctx: constant
    if isinstance(node, Current):
        return lambda ctx: ctx.current()
    if isinstance(node, Binary):
        return _compile_binary(node)
    if isinstance(node, Negate):
        operand = compile_tree(node.operand)
        return lambda ctx: -to_number(operand(ctx))
    if isinstance(node, Call):
        spec = FUNCTIONS[node.name]
        args = [compile_tree(arg) for arg in node.args if not isinstance(arg, Parent)]
        return spec.build(node, args)
    raise TypeError(f"cannot evaluate {node!r} on its own")


def _compile_binary(node: Binary) -> Compiled:
    left = compile_tree(node.left)
    right = compile_tree(node.right)
    op = node.op
    if op == "or":
        return lambda ctx: to_boolean(left(ctx)) or to_boolean(right(ctx))
    if op == "and":
        return lambda ctx: to_boolean(left(ctx)) and to_boolean(right(ctx))
    if op == "=":
        return lambda ctx: values_equal(left(ctx), right(ctx))
    if op == "!=":
        return lambda ctx: not values_equal(left(ctx), right(ctx))
    if op in _RELATIONAL:
        test = _RELATIONAL[op]

        def relational(ctx: EvalContext) -> Value:
            a, b = compare_key(left(ctx), right(ctx))
            return test(a, b)

        return relational
    arithmetic = _ARITHMETIC[op]
    return lambda ctx: arithmetic(to_number(left(ctx)), to_number(right(ctx)))


_SAFE_INTEGER = 2.0**53


def normalize(value: Value) -> Value:
    """Integral floats within the exact-integer range become ints (3.0 -> 3, -0.0 -> 0)."""
    if type(value) is float and value.is_integer() and -_SAFE_INTEGER <= value <= _SAFE_INTEGER:
        return int(value)
    return value
