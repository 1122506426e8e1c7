"""Render a syntax tree back to canonical expression text."""

from __future__ import annotations

from .coercion import format_literal
from .nodes import (
    PRECEDENCE,
    UNARY_PRECEDENCE,
    Binary,
    Call,
    Current,
    Negate,
    Node,
    Number,
    Parent,
    Reference,
    String,
)

_ATOM = UNARY_PRECEDENCE + 1


def unparse(node: Node) -> str:
    """Canonical text: single spaces around operators, no redundant parentheses.

    ``parse(unparse(tree))`` gives back an equal tree.
    """
    text, _ = _render(node)
    return text


def _render(node: Node) -> tuple[str, int]:
    """The text of ``node`` and how tightly it binds."""
    if isinstance(node, Number):
        text = format_literal(node.value)
        return (text, UNARY_PRECEDENCE) if text.startswith("-") else (text, _ATOM)
    if isinstance(node, String):
        return _quote(node.value), _ATOM
    if isinstance(node, Reference):
        return f"${{{node.name}}}", _ATOM
    if isinstance(node, Current):
        return ".", _ATOM
    if isinstance(node, Parent):
        return "..", _ATOM
    if isinstance(node, Negate):
        inner, strength = _render(node.operand)
        if strength < UNARY_PRECEDENCE:
            inner = f"({inner})"
        return "-" + inner, UNARY_PRECEDENCE
    if isinstance(node, Binary):
        strength = PRECEDENCE[node.op]
        left, left_strength = _render(node.left)
        right, right_strength = _render(node.right)
        if left_strength < strength:
            left = f"({left})"
        # Operators associate to the left, so an equal-strength right side needs brackets.
        if right_strength <= strength:
            right = f"({right})"
        return f"{left} {node.op} {right}", strength
    if isinstance(node, Call):
        args = ", ".join(_render(arg)[0] for arg in node.args)
        return f"{node.name}({args})", _ATOM
    raise TypeError(f"not an expression node: {node!r}")


def _quote(value: str) -> str:
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    raise ValueError(f"a string literal cannot hold both quote characters: {value!r}")
