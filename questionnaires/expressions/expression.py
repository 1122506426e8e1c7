"""Parsed expressions: the public parse() and evaluate()."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import cast

from .coercion import Value, to_boolean
from .context import EvalContext
from .evaluator import compile_tree, normalize, returns_boolean
from .functions import Compiled
from .nodes import Call, Current, Node, Reference, walk
from .parser import parse_tree
from .unparse import unparse


class Expression:
    """An expression parsed once and compiled, ready to evaluate many times."""

    __slots__ = (
        "source",
        "tree",
        "_run",
        "_references",
        "_functions",
        "_uses_current",
        "_boolean",
    )

    def __init__(self, source: str, tree: Node) -> None:
        self.source = source
        self.tree = tree
        self._run: Compiled = compile_tree(tree)
        nodes = walk(tree)
        self._references = frozenset(n.name for n in nodes if isinstance(n, Reference))
        self._functions = frozenset(n.name for n in nodes if isinstance(n, Call))
        self._uses_current = any(isinstance(n, Current) for n in nodes)
        self._boolean = returns_boolean(tree)

    @classmethod
    def from_tree(cls, tree: Node) -> Expression:
        """An expression from a tree built or rewritten in code; its source is canonical."""
        return cls(unparse(tree), tree)

    def references(self) -> frozenset[str]:
        """Every name used as ``${name}``."""
        return self._references

    def functions(self) -> frozenset[str]:
        """Every function called."""
        return self._functions

    def uses_current(self) -> bool:
        """Whether the expression uses ``.`` (the item's own value)."""
        return self._uses_current

    def to_source(self) -> str:
        """Canonical text of the expression (see ``unparse``)."""
        return unparse(self.tree)

    def evaluate(self, ctx: EvalContext) -> Value:
        """Same as ``evaluate(self, ctx)``."""
        return normalize(self._run(ctx))

    def __repr__(self) -> str:
        return f"Expression({self.source!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Expression) and self.tree == other.tree

    def __hash__(self) -> int:
        return hash(self.tree)


def parse(text: str) -> Expression:
    """Parse expression text; raises ExpressionSyntaxError with the 0-based position."""
    return Expression(text, parse_tree(text))


def evaluate(expr: Expression, ctx: EvalContext) -> Value:
    """The value of ``expr`` in ``ctx``; integral numbers come back as int.

    Never raises because of answer data: bad numbers become NaN, blanks ''.
    """
    value = expr._run(ctx)
    return normalize(value) if type(value) is float else value


Condition = Callable[[EvalContext], bool]


def _always(ctx: EvalContext) -> bool:
    return True


def condition(expressions: Sequence[Expression]) -> Condition:
    """One function of the context: whether every expression is true (no expression: true).

    The same as ``all(to_boolean(evaluate(e, ctx)) for e in expressions)``, in order and
    stopping at the first false one, without a call per expression for the common one or two.
    """
    runs = tuple(expression._run for expression in expressions)
    if not runs:
        return _always
    if len(runs) == 1:
        (only,) = runs
        if expressions[0]._boolean:
            return cast(Condition, only)  # already true or false
        return lambda ctx: to_boolean(only(ctx))
    if len(runs) == 2:
        first, second = runs
        if expressions[0]._boolean and expressions[1]._boolean:
            return lambda ctx: first(ctx) and second(ctx)  # type: ignore[return-value]
        return lambda ctx: to_boolean(first(ctx)) and to_boolean(second(ctx))

    def every(ctx: EvalContext) -> bool:
        for run in runs:  # noqa: SIM110 (a loop: all() would add a generator per call)
            if not to_boolean(run(ctx)):
                return False
        return True

    return every
