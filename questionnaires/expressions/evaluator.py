"""Compile a syntax tree into nested closures, so evaluation is a few calls per node.

Constant sub-expressions are evaluated once at compile time, and comparisons against
a constant are specialised, because most skip logic is ``${q} = 1`` or ``${n} > 0``.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any, cast

from .coercion import (
    Value,
    compare_key,
    divide,
    is_date_or_month,
    modulo,
    to_boolean,
    to_number,
    to_string,
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
_MIRRORED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "!=": "!="}
# Functions whose value depends on the context even without ${...} arguments.
_CONTEXT_FUNCTIONS = frozenset({"today", "position", "sum", "count"})
_NO_CONTEXT = cast(EvalContext, None)


class _Constant:
    """A compiled sub-expression known at compile time."""

    __slots__ = ("value",)

    def __init__(self, value: Value) -> None:
        self.value = value


def compile_tree(node: Node) -> Compiled:
    """Turn a tree into a function of the context returning the expression's value."""
    run, _ = _compile(node)
    return run


def _constant(value: Value) -> tuple[Compiled, _Constant]:
    return (lambda ctx: value), _Constant(value)


def _compile(node: Node) -> tuple[Compiled, _Constant | None]:
    if isinstance(node, Reference):
        name = node.name
        return (lambda ctx: ctx.value(name)), None
    if isinstance(node, Number | String):
        return _constant(node.value)
    if isinstance(node, Current):
        return (lambda ctx: ctx.current()), None
    if isinstance(node, Binary):
        return _compile_binary(node)
    if isinstance(node, Negate):
        operand, known = _compile(node.operand)
        if known is not None:
            return _constant(-to_number(known.value))
        return (lambda ctx: -to_number(operand(ctx))), None
    if isinstance(node, Call):
        spec = FUNCTIONS[node.name]
        compiled = [_compile(arg) for arg in node.args if not isinstance(arg, Parent)]
        run = spec.build(node, [fn for fn, _ in compiled])
        if node.name not in _CONTEXT_FUNCTIONS and all(known for _, known in compiled):
            return _constant(run(_NO_CONTEXT))
        return run, None
    raise TypeError(f"cannot evaluate {node!r} on its own")


def _operands(node: Node, op: str) -> list[Node]:
    """The operands of a chain of one operator, in order: ``a or (b or c) or d`` -> a, b, c, d."""
    if isinstance(node, Binary) and node.op == op:
        return _operands(node.left, op) + _operands(node.right, op)
    return [node]


def _compile_logic(node: Binary) -> tuple[Compiled, _Constant | None]:
    """``or``/``and`` chains as one loop over their operands, left to right, stopping as
    soon as the answer is known (the same operands, order and result as nested pairs)."""
    compiled = [_compile(operand) for operand in _operands(node, node.op)]
    runs = tuple(run for run, _ in compiled)
    if node.op == "or":

        def either(ctx: EvalContext) -> Value:
            for run in runs:  # noqa: SIM110 (a loop: any() would add a generator per call)
                if to_boolean(run(ctx)):
                    return True
            return False

        run = either
    else:

        def both(ctx: EvalContext) -> Value:
            for run in runs:  # noqa: SIM110 (a loop: all() would add a generator per call)
                if not to_boolean(run(ctx)):
                    return False
            return True

        run = both
    if all(known is not None for _, known in compiled):
        return _constant(run(_NO_CONTEXT))
    return run, None


def _compile_binary(node: Binary) -> tuple[Compiled, _Constant | None]:
    if node.op == "or" or node.op == "and":
        return _compile_logic(node)
    left, left_known = _compile(node.left)
    right, right_known = _compile(node.right)
    run = _combine(node.op, left, right)
    if left_known is not None and right_known is not None:
        return _constant(run(_NO_CONTEXT))
    if node.op in _MIRRORED and (left_known is not None or right_known is not None):
        if left_known is not None:
            op, side, other, constant = _MIRRORED[node.op], right, node.right, left_known.value
        else:
            op, side, other, constant = node.op, left, node.left, cast(_Constant, right_known).value
        special = None
        if isinstance(other, Reference):
            special = _reference_against_number(op, other.name, constant)
        if special is None:
            special = _against_constant(op, side, constant)
        if special is not None:
            return special, None
    return run, None


_NUMERIC_TESTS: dict[str, Callable[[float, float], bool]] = {
    "=": operator.eq,
    "!=": operator.ne,
    **_RELATIONAL,
}


def _reference_against_number(op: str, name: str, constant: Value) -> Compiled | None:
    """``${name} op number``, the commonest skip logic, in one closure: what
    ``_against_constant`` gives for a number constant, without a call per coercion;
    None for other constants."""
    kind = type(constant)
    if kind is not int and kind is not float:
        return None
    number = to_number(constant)
    test = _NUMERIC_TESTS[op]

    def run(ctx: EvalContext) -> Value:
        value = ctx.value(name)
        if type(value) is int:
            try:
                return test(float(value), number)  # to_number of an int
            except OverflowError:
                pass
        return test(to_number(value), number)

    return run


def _combine(op: str, left: Compiled, right: Compiled) -> Compiled:
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


def _against_constant(op: str, side: Compiled, constant: Value) -> Compiled | None:
    """``side op constant`` with the constant's coercions done once; None: no shortcut."""
    kind = type(constant)
    if op in ("=", "!="):
        if kind is int or kind is float:
            number = to_number(constant)
            if op == "=":
                return lambda ctx: to_number(side(ctx)) == number
            return lambda ctx: to_number(side(ctx)) != number
        if kind is str:
            equal = _equals_string(side, cast(str, constant))
            if op == "=":
                return equal
            return lambda ctx: not equal(ctx)
        return None
    test = _RELATIONAL[op]
    # A date or month constant may need date comparison; other constants compare as numbers.
    if kind is str and is_date_or_month(cast(str, constant)):
        return None
    number = to_number(constant)
    return lambda ctx: test(to_number(side(ctx)), number)


def _equals_string(side: Compiled, text: str) -> Compiled:
    number = to_number(text)
    truth = text != ""

    def equal(ctx: EvalContext) -> Value:
        value = side(ctx)
        kind = type(value)
        if kind is str:
            return value == text
        if kind is int or kind is float:
            return float(cast(float, value)) == number
        if kind is bool:
            return value == truth
        return to_string(value) == text

    return equal


_BOOLEAN_OPERATORS = frozenset({"=", "!=", "<", "<=", ">", ">=", "and", "or"})
_BOOLEAN_FUNCTIONS = frozenset({"selected", "boolean", "not", "true", "false"})


def returns_boolean(node: Node) -> bool:
    """Whether the compiled tree always gives True or False (a comparison, ``and``/``or``,
    ``selected()``, ``boolean()``, ``not()``, ``true()``, ``false()``)."""
    if isinstance(node, Binary):
        return node.op in _BOOLEAN_OPERATORS
    if isinstance(node, Call):
        return node.name in _BOOLEAN_FUNCTIONS
    return False


_SAFE_INTEGER = 2.0**53


def normalize(value: Value) -> Value:
    """Integral floats within the exact-integer range become ints (3.0 -> 3, -0.0 -> 0)."""
    if type(value) is float and value.is_integer() and -_SAFE_INTEGER <= value <= _SAFE_INTEGER:
        return int(value)
    return value
