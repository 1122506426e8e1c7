"""The syntax tree of a parsed expression: small immutable nodes.

Positions are 0-based character offsets into the source and do not take part in
equality, so a tree built by hand compares equal to a parsed one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeAlias

#: Binary operators from loosest to tightest binding; each inner tuple is one level.
PRECEDENCE_LEVELS: tuple[tuple[str, ...], ...] = (
    ("or",),
    ("and",),
    ("=", "!="),
    ("<", "<=", ">", ">="),
    ("+", "-"),
    ("*", "div", "mod"),
)
#: Operator -> binding strength (higher binds tighter); unary minus is 7.
PRECEDENCE: dict[str, int] = {
    op: level + 1 for level, ops in enumerate(PRECEDENCE_LEVELS) for op in ops
}
UNARY_PRECEDENCE = len(PRECEDENCE_LEVELS) + 1


@dataclass(frozen=True, slots=True)
class Number:
    """A number literal such as ``3`` or ``2.5`` (always held as a float)."""

    value: float
    position: int = field(default=-1, compare=False)


@dataclass(frozen=True, slots=True)
class String:
    """A string literal, ``'yes'`` or ``"yes"`` (no escapes, as in XPath 1.0)."""

    value: str
    position: int = field(default=-1, compare=False)


@dataclass(frozen=True, slots=True)
class Reference:
    """``${name}``: the answer to the item or parameter called ``name``."""

    name: str
    position: int = field(default=-1, compare=False)


@dataclass(frozen=True, slots=True)
class Current:
    """``.``: the value of the item the expression belongs to."""

    position: int = field(default=-1, compare=False)


@dataclass(frozen=True, slots=True)
class Parent:
    """``..``: only valid as the argument of ``position(..)``."""

    position: int = field(default=-1, compare=False)


@dataclass(frozen=True, slots=True)
class Negate:
    """Unary minus."""

    operand: Node
    position: int = field(default=-1, compare=False)


@dataclass(frozen=True, slots=True)
class Binary:
    """A binary operator: one of the keys of ``PRECEDENCE``."""

    op: str
    left: Node
    right: Node
    position: int = field(default=-1, compare=False)


@dataclass(frozen=True, slots=True)
class Call:
    """A function call; ``name`` is the XLSForm name, e.g. ``count-selected``."""

    name: str
    args: tuple[Node, ...] = ()
    position: int = field(default=-1, compare=False)


Node: TypeAlias = Number | String | Reference | Current | Parent | Negate | Binary | Call


def walk(node: Node) -> list[Node]:
    """Every node of the tree, parents before children, left to right."""
    out: list[Node] = []
    stack: list[Node] = [node]
    while stack:
        current = stack.pop()
        out.append(current)
        if isinstance(current, Binary):
            stack.append(current.right)
            stack.append(current.left)
        elif isinstance(current, Negate):
            stack.append(current.operand)
        elif isinstance(current, Call):
            stack.extend(reversed(current.args))
    return out
