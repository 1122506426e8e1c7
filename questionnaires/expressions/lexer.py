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


# One pattern for all tokens; the order of the alternatives matters ('.5' before '.').
# A hyphen belongs to a name only when a letter follows, so `5 mod-1` is `5 mod -1`.
_TOKEN = re.compile(
    r"""
    (?P<space>[ \t\n\r]+)
  | (?P<number>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)
  | (?P<dotdot>\.\.)
  | (?P<dot>\.)
  | (?P<string>'[^']*'|"[^"]*")
  | (?P<reference>\$\{[A-Za-z_][A-Za-z0-9_.\-]*\})
  | (?P<punctuation>[(),])
  | (?P<operator>!=|<=|>=|=|<|>|\+|-|\*)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z_][A-Za-z0-9_]*)*)
    """,
    re.VERBOSE,
)
_REFERENCE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
_KINDS = {
    "number": Kind.NUMBER,
    "dotdot": Kind.DOTDOT,
    "dot": Kind.DOT,
    "operator": Kind.OPERATOR,
    "name": Kind.NAME,
}
_PUNCTUATION = {"(": Kind.LPAREN, ")": Kind.RPAREN, ",": Kind.COMMA}


def tokenize(source: str) -> list[Token]:
    """Return the tokens of ``source`` ending with an END token."""
    tokens: list[Token] = []
    position = 0
    end = len(source)
    while position < end:
        match = _TOKEN.match(source, position)
        if match is None:
            raise _lexical_error(source, position)
        group = match.lastgroup
        text = match.group()
        if group == "string":
            tokens.append(Token(Kind.STRING, text[1:-1], position))
        elif group == "reference":
            tokens.append(Token(Kind.REFERENCE, text[2:-1], position))
        elif group == "punctuation":
            tokens.append(Token(_PUNCTUATION[text], text, position))
        elif group != "space":
            tokens.append(Token(_KINDS[group or ""], text, position))
        position = match.end()
    tokens.append(Token(Kind.END, "", end))
    return tokens


def _lexical_error(source: str, position: int) -> ExpressionSyntaxError:
    """Say why no token starts at ``position``."""
    char = source[position]
    if char in "'\"":
        return ExpressionSyntaxError("unterminated string", position, source)
    if char != "$":
        return ExpressionSyntaxError(f"unexpected character {char!r}", position, source)
    if not source.startswith("${", position):
        return ExpressionSyntaxError("'$' must start a reference like ${name}", position, source)
    name = _REFERENCE_NAME.match(source, position + 2)
    if name is None:
        return ExpressionSyntaxError("'${' must be followed by a name", position + 2, source)
    return ExpressionSyntaxError("missing '}' after the reference name", name.end(), source)
