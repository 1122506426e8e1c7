"""Recursive-descent parser: tokens -> syntax tree, with XPath operator precedence."""

from __future__ import annotations

from .errors import ExpressionSyntaxError
from .functions import FUNCTIONS
from .lexer import Kind, Token, tokenize
from .nodes import (
    PRECEDENCE,
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

MAX_DEPTH = 50  # nested parentheses, calls and unary minus
MAX_TREE_DEPTH = 200  # also bounds long operator chains, so compiling cannot recurse too far
_WORD_OPERATORS = frozenset({"and", "or", "div", "mod"})


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = tokenize(source)
        self.index = 0
        self.depth = 0

    @property
    def token(self) -> Token:
        return self.tokens[self.index]

    def error(self, message: str, position: int | None = None) -> ExpressionSyntaxError:
        where = self.token.position if position is None else position
        return ExpressionSyntaxError(message, where, self.source)

    def advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def operator(self) -> str | None:
        token = self.token
        if token.kind in (Kind.OPERATOR, Kind.NAME) and token.text in PRECEDENCE:
            return token.text
        return None

    def parse(self) -> Node:
        if self.token.kind is Kind.END:
            raise self.error("empty expression")
        node = self.binary(1)
        if self.token.kind is not Kind.END:
            raise self.error(f"unexpected {self.describe(self.token)}")
        return node

    def binary(self, weakest: int) -> Node:
        """Precedence climbing: operators binding at least as tight as ``weakest``."""
        left = self.unary()
        while (op := self.operator()) is not None and PRECEDENCE[op] >= weakest:
            position = self.advance().position
            right = self.binary(PRECEDENCE[op] + 1)  # +1: operators associate to the left
            left = Binary(op, left, right, position)
        return left

    def unary(self) -> Node:
        token = self.token
        if token.kind is Kind.OPERATOR and token.text == "-":
            self.advance()
            self.enter(token)
            operand = self.unary()
            self.depth -= 1
            return Negate(operand, token.position)
        return self.primary()

    def enter(self, token: Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error("expression nested too deeply", token.position)

    def primary(self) -> Node:
        token = self.advance()
        kind = token.kind
        if kind is Kind.NUMBER:
            return Number(float(token.text), token.position)
        if kind is Kind.STRING:
            return String(token.text, token.position)
        if kind is Kind.REFERENCE:
            return Reference(token.text, token.position)
        if kind is Kind.DOT:
            return Current(token.position)
        if kind is Kind.DOTDOT:
            raise self.error("'..' is only allowed in position(..)", token.position)
        if kind is Kind.LPAREN:
            self.enter(token)
            node = self.binary(1)
            self.depth -= 1
            self.expect(Kind.RPAREN, "')' to close the '(' at position " + str(token.position))
            return node
        if kind is Kind.NAME:
            return self.call(token)
        if kind is Kind.END:
            raise self.error("expression ends too early: a value is missing", token.position)
        raise self.error(f"expected a value, found {self.describe(token)}", token.position)

    def call(self, name: Token) -> Node:
        if self.token.kind is not Kind.LPAREN:
            if name.text in _WORD_OPERATORS:
                raise self.error(f"'{name.text}' needs a value before it", name.position)
            raise self.error(
                f"unknown name '{name.text}': write ${{{name.text}}} to refer to an answer",
                name.position,
            )
        spec = FUNCTIONS.get(name.text)
        if spec is None:
            raise self.error(f"unknown function '{name.text}()'", name.position)
        self.enter(name)
        self.advance()
        args: list[Node] = []
        if self.token.kind is not Kind.RPAREN or spec.argument == "parent":
            args.append(self.argument(name.text, spec.argument))
            while self.token.kind is Kind.COMMA:
                self.advance()
                args.append(self.argument(name.text, spec.argument))
        self.expect(Kind.RPAREN, f"')' or ',' in the call to {name.text}()")
        self.depth -= 1
        if len(args) < spec.min_args or (spec.max_args is not None and len(args) > spec.max_args):
            raise self.error(
                f"{name.text}() takes {spec.arity_text()}, got {len(args)}", name.position
            )
        return Call(name.text, tuple(args), name.position)

    def argument(self, function: str, rule: str) -> Node:
        token = self.token
        if rule == "parent":
            if token.kind is not Kind.DOTDOT:
                raise self.error(f"{function}() takes '..' as its argument: {function}(..)")
            self.advance()
            return Parent(token.position)
        node = self.binary(1)
        if rule == "reference" and not isinstance(node, Reference):
            raise self.error(f"{function}() takes a ${{name}} reference", token.position)
        return node

    def expect(self, kind: Kind, wanted: str) -> Token:
        if self.token.kind is not kind:
            raise self.error(f"expected {wanted}, found {self.describe(self.token)}")
        return self.advance()

    @staticmethod
    def describe(token: Token) -> str:
        if token.kind is Kind.END:
            return "the end of the expression"
        if token.kind is Kind.STRING:
            return "a string"
        if token.kind is Kind.REFERENCE:
            return f"${{{token.text}}}"
        return f"'{token.text}'"


def parse_tree(source: str) -> Node:
    """Parse ``source`` into a syntax tree; raises ExpressionSyntaxError."""
    if not isinstance(source, str):
        raise TypeError(f"an expression must be a str, not {type(source).__name__}")
    tree = _Parser(source).parse()
    if _depth(tree) > MAX_TREE_DEPTH:
        raise ExpressionSyntaxError("expression too long or nested too deeply", 0, source)
    return tree


def _depth(tree: Node) -> int:
    deepest = 0
    stack: list[tuple[Node, int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(node, Binary):
            stack.append((node.left, depth + 1))
            stack.append((node.right, depth + 1))
        elif isinstance(node, Negate):
            stack.append((node.operand, depth + 1))
        elif isinstance(node, Call):
            stack.extend((arg, depth + 1) for arg in node.args)
    return deepest
