"""Split expression text into tokens, each with its 0-based position."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from .errors import ExpressionSyntaxError


class Kind(Enum):
    NUMBER = "number"
    STRING = "string"
    REFERENCE = "reference"
    NAME = "name"  # function names and the word operators and/or/div/mod
    OPERATOR = "operator"
    DOT = "."
    DOTDOT = ".."
    LPAREN = "("
    RPAREN = ")"
    COMMA = ","
    END = "end"


@dataclass(frozen=True, slots=True)
class Token:
    kind: Kind
    text: str
    position: int


_WHITESPACE = " \t\n\r"
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")
# A hyphen belongs to a name only when a letter follows, so `5 mod-1` is `5 mod -1`.
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z_][A-Za-z0-9_]*)*")
_REFERENCE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
_OPERATORS = ("!=", "<=", ">=", "=", "<", ">", "+", "-", "*")
_PUNCTUATION = {"(": Kind.LPAREN, ")": Kind.RPAREN, ",": Kind.COMMA}


def tokenize(source: str) -> list[Token]:
    """Return the tokens of ``source`` ending with an END token."""
    tokens: list[Token] = []
    i = 0
    n = len(source)
    while i < n:
        ch = source[i]
        if ch in _WHITESPACE:
            i += 1
            continue
        if ch.isascii() and (
            ch.isdigit()
            or (ch == "." and i + 1 < n and source[i + 1].isdigit() and source[i + 1].isascii())
        ):
            match = _NUMBER.match(source, i)
            if match is None:  # pragma: no cover - guarded by the test above
                raise ExpressionSyntaxError("invalid number", i, source)
            tokens.append(Token(Kind.NUMBER, match.group(), i))
            i = match.end()
            continue
        if ch == ".":
            if source.startswith("..", i):
                tokens.append(Token(Kind.DOTDOT, "..", i))
                i += 2
            else:
                tokens.append(Token(Kind.DOT, ".", i))
                i += 1
            continue
        if ch in "'\"":
            end = source.find(ch, i + 1)
            if end < 0:
                raise ExpressionSyntaxError("unterminated string", i, source)
            tokens.append(Token(Kind.STRING, source[i + 1 : end], i))
            i = end + 1
            continue
        if ch == "$":
            i = _reference(source, i, tokens)
            continue
        if ch in _PUNCTUATION:
            tokens.append(Token(_PUNCTUATION[ch], ch, i))
            i += 1
            continue
        operator = next((op for op in _OPERATORS if source.startswith(op, i)), None)
        if operator is not None:
            tokens.append(Token(Kind.OPERATOR, operator, i))
            i += len(operator)
            continue
        match = _NAME.match(source, i)
        if match is not None:
            tokens.append(Token(Kind.NAME, match.group(), i))
            i = match.end()
            continue
        raise ExpressionSyntaxError(f"unexpected character {ch!r}", i, source)
    tokens.append(Token(Kind.END, "", n))
    return tokens


def _reference(source: str, i: int, tokens: list[Token]) -> int:
    if not source.startswith("${", i):
        raise ExpressionSyntaxError("'$' must start a reference like ${name}", i, source)
    match = _REFERENCE_NAME.match(source, i + 2)
    if match is None:
        raise ExpressionSyntaxError("'${' must be followed by a name", i + 2, source)
    end = match.end()
    if end >= len(source) or source[end] != "}":
        raise ExpressionSyntaxError("missing '}' after the reference name", end, source)
    tokens.append(Token(Kind.REFERENCE, match.group(), i))
    return end + 1
