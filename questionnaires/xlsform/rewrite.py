"""Rewrite imported XLSForm expressions: renamed items and choice names -> codes.

XLSForm compares select answers with choice *names* (``${x} = 'yes'``,
``selected(${m}, 'a')``); our answers are integer *codes*. The rewrite works on
the syntax tree, so only literals that are compared with a select item change.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from ..expressions import (
    Binary,
    Call,
    Current,
    Negate,
    Node,
    Number,
    Reference,
    String,
    parse,
    unparse,
)

#: Functions whose use of a select answer does not depend on the choice names.
_NAME_FREE_FUNCTIONS = frozenset({"count-selected", "coalesce", "not", "boolean", "string-length"})
_LABEL_REFERENCE = re.compile(r"\$\{\s*([^}\s]+)\s*\}")


@dataclass(frozen=True)
class ChoiceNames:
    """How the names of one imported choice list became codes."""

    list_name: str
    codes: Mapping[str, int]
    #: True when every name was already an integer (the codes are the names).
    numeric: bool


@dataclass
class Rewriter:
    """Rewrites expressions of one workbook.

    ``renames`` maps XLSForm names to our codes; ``choices_of`` maps the
    XLSForm name of each select item to the names of its list.
    """

    renames: Mapping[str, str]
    choices_of: Mapping[str, ChoiceNames]
    messages: list[str] = field(default_factory=list)
    current: str | None = None

    def expression(self, text: str, current: str | None) -> tuple[str, list[str]]:
        """The rewritten text (unchanged text if nothing changed) and what to check by hand.

        Raises ExpressionSyntaxError if ``text`` does not parse.
        """
        tree = parse(text).tree
        self.messages = []
        self.current = current
        new_tree = self._node(tree)
        return (text if new_tree == tree else unparse(new_tree)), self.messages

    def label(self, text: str) -> str:
        """A label with the ``${name}`` references renamed."""
        return _LABEL_REFERENCE.sub(
            lambda match: "${" + self.renames.get(match[1], match[1]) + "}", text
        )

    def _names(self, node: Node) -> ChoiceNames | None:
        if isinstance(node, Reference):
            return self.choices_of.get(node.name)
        if isinstance(node, Current) and self.current is not None:
            return self.choices_of.get(self.current)
        return None

    def _node(self, node: Node) -> Node:
        if isinstance(node, Reference):
            names = self.choices_of.get(node.name)
            if names is not None and not names.numeric:
                self.messages.append(
                    f"${{{node.name}}} is used other than compared with a choice name; its "
                    f"answers are now the codes of list {names.list_name!r}, check it by hand"
                )
            return replace(node, name=self.renames.get(node.name, node.name))
        if isinstance(node, Current):
            names = self._names(node)
            if names is not None and not names.numeric:
                self.messages.append(
                    f". is used other than compared with a choice name; its answers are now "
                    f"the codes of list {names.list_name!r}, check it by hand"
                )
            return node
        if isinstance(node, Binary):
            if node.op in {"=", "!="}:
                for select, literal, rebuild in (
                    (node.left, node.right, lambda a, b: replace(node, left=a, right=b)),
                    (node.right, node.left, lambda a, b: replace(node, left=b, right=a)),
                ):
                    names = self._names(select)
                    if names is not None and isinstance(literal, String | Number):
                        return rebuild(self._rename(select), self._code(names, literal, select))
            return replace(node, left=self._node(node.left), right=self._node(node.right))
        if isinstance(node, Negate):
            return replace(node, operand=self._node(node.operand))
        if isinstance(node, Call):
            return self._call(node)
        return node

    def _call(self, node: Call) -> Node:
        if node.name == "selected" and len(node.args) == 2:
            select, literal = node.args
            names = self._names(select)
            if names is not None and isinstance(literal, String | Number):
                return replace(
                    node, args=(self._rename(select), self._code(names, literal, select))
                )
        if node.name in _NAME_FREE_FUNCTIONS:
            return replace(node, args=tuple(self._rename_or_node(arg) for arg in node.args))
        return replace(node, args=tuple(self._node(arg) for arg in node.args))

    def _rename_or_node(self, node: Node) -> Node:
        if isinstance(node, Reference | Current):
            return self._rename(node)
        return self._node(node)

    def _rename(self, node: Node) -> Node:
        if isinstance(node, Reference):
            return replace(node, name=self.renames.get(node.name, node.name))
        return node

    def _code(self, names: ChoiceNames, literal: String | Number, select: Node) -> Node:
        text = literal.value if isinstance(literal, String) else _number_text(literal.value)
        if text == "":
            return literal  # `${x} = ''` asks whether x is answered: no name involved
        code = names.codes.get(text)
        if code is None:
            what = "." if isinstance(select, Current) else f"${{{getattr(select, 'name', '?')}}}"
            self.messages.append(
                f"{what} is compared with {text!r}, which is not a choice of list "
                f"{names.list_name!r}; left as written"
            )
            return literal
        return Number(float(code))


def _number_text(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)
