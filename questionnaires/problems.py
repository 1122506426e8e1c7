"""Problems found in an instrument file, and the error that carries them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["InstrumentError", "Problem"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an instrument: where it is and what to fix.

    ``line`` is 1-based, or None when the instrument did not come from text.
    ``item`` is the code of the item (or name of the section, choice list or
    top-level key) the problem belongs to, or None for the file as a whole.
    """

    file: str
    line: int | None
    item: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.item is None:
            return f"{where}: {self.message}"
        return f"{where}: {self.item}: {self.message}"


class InstrumentError(ValueError):
    """An instrument cannot be used; ``problems`` lists everything found wrong."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        if not self.problems:
            raise ValueError("InstrumentError needs at least one problem")
        super().__init__("\n".join(str(problem) for problem in self.problems))
