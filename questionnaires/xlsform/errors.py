"""What the XLSForm converters report: warnings that name a cell, and the error."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class XLSFormWarning:
    """Something of the workbook that was changed or left out on import.

    ``row`` is the spreadsheet row number as Excel shows it (the header is row 1);
    ``column`` is the header of the column concerned, or ``""`` for a whole row.
    """

    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.sheet} row {self.row}" if self.row else self.sheet
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


class XLSFormError(ValueError):
    """A workbook that cannot be converted; ``problems`` lists every cause found."""

    def __init__(self, problems: list[XLSFormWarning] | str) -> None:
        if isinstance(problems, str):
            problems = [XLSFormWarning("", 0, "", problems)]
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))
