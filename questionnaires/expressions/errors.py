"""Exceptions raised for expressions a questionnaire author got wrong."""

from __future__ import annotations


class ExpressionError(ValueError):
    """An expression cannot be parsed or used as written."""


class ExpressionSyntaxError(ExpressionError):
    """A syntax error, unknown function or wrong argument count at a 0-based position."""

    def __init__(self, message: str, position: int, source: str = "") -> None:
        self.message = message
        self.position = position
        self.source = source
        super().__init__(self._describe())

    def _describe(self) -> str:
        where = f"at position {self.position}"
        if self.source:
            where += f" in {self.source!r}"
        return f"{self.message} {where}"

    def __reduce__(self) -> tuple[type, tuple[str, int, str]]:
        return (type(self), (self.message, self.position, self.source))
