"""Read the sheets of an XLSForm workbook into rows keyed by column header.

Every cell a converter reads is marked as used, so that what is left over can be
reported: nothing in the workbook is dropped without a warning.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from .errors import XLSFormError, XLSFormWarning

#: Language names as XLSForm authors write them (English and native), by ISO 639-1 code.
LANGUAGE_NAMES: dict[str, tuple[str, ...]] = {
    "es": ("Español", "Spanish", "Castellano"),
    "en": ("English", "Inglés"),
    "pt": ("Português", "Portuguese", "Portugués"),
    "fr": ("Français", "French", "Francés"),
    "de": ("Deutsch", "German"),
    "it": ("Italiano", "Italian"),
    "ar": ("العربية", "Arabic"),
    "ru": ("Русский", "Russian"),
    "zh": ("中文", "Chinese"),
    "sw": ("Kiswahili", "Swahili"),
    "ht": ("Kreyòl ayisyen", "Haitian Creole"),
    "qu": ("Runasimi", "Quechua"),
    "gn": ("Avañe'ẽ", "Guarani"),
}
_CODE_BY_NAME = {name.casefold(): code for code, names in LANGUAGE_NAMES.items() for name in names}
_TAGGED_LANGUAGE = re.compile(
    r"^(?P<name>.*?)\s*\((?P<code>[A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?\)\s*$"
)

#: Column header aliases accepted by XLSForm tools, mapped to the canonical name.
_ALIASES = {
    "list name": "list_name",
    "constraint message": "constraint_message",
    "required message": "required_message",
    "repeat count": "repeat_count",
    "choice filter": "choice_filter",
}


def language_column_name(code: str) -> str:
    """The ``Name (code)`` spelling used in exported column headers."""
    names = LANGUAGE_NAMES.get(code)
    return f"{names[0] if names else code} ({code})"


def language_code(spelling: str) -> str | None:
    """The ISO 639-1 code of ``Español (es)``, ``es`` or ``Spanish``; None if unknown."""
    text = spelling.strip()
    tagged = _TAGGED_LANGUAGE.match(text)
    if tagged:
        return tagged["code"].lower()[:2] if len(tagged["code"]) == 2 else None
    if re.fullmatch(r"[A-Za-z]{2}", text):
        return text.lower()
    return _CODE_BY_NAME.get(text.casefold())


@dataclass(frozen=True, slots=True)
class Column:
    """A column header split at ``::``: ``label::English (en)`` -> ``label`` + language."""

    header: str
    base: str
    language: str | None  # the text after ``::``, None for a plain column

    @classmethod
    def parse(cls, header: str) -> Column:
        base, sep, rest = header.partition("::")
        base = base.strip().lower()
        base = _ALIASES.get(base, base)
        return cls(header, base, rest.strip() if sep else None)


@dataclass
class Row:
    """One non-empty spreadsheet row: cell text by column header."""

    sheet: str
    number: int
    cells: dict[str, str]
    columns: dict[str, Column]
    used: set[str] = field(default_factory=set)

    def get(self, base: str) -> str:
        """The text of the plain column ``base`` (``""`` if absent or empty)."""
        for header, column in self.columns.items():
            if column.base == base and column.language is None:
                self.used.add(header)
                return self.cells.get(header, "")
        return ""

    def translations(self, base: str) -> dict[str | None, tuple[str, str]]:
        """``{language spelling or None: (header, text)}`` for ``base`` and ``base::...``."""
        found: dict[str | None, tuple[str, str]] = {}
        for header, column in self.columns.items():
            if column.base == base:
                self.used.add(header)
                text = self.cells.get(header, "")
                if text:
                    found[column.language] = (header, text)
        return found

    def leftovers(self) -> Iterator[tuple[str, str]]:
        """``(header, text)`` of every non-empty cell no converter has read."""
        for header, text in self.cells.items():
            if text and header not in self.used:
                yield header, text

    def warning(self, column: str, message: str) -> XLSFormWarning:
        return XLSFormWarning(self.sheet, self.number, column, message)


@dataclass
class Sheet:
    """A sheet's header and its non-empty rows."""

    name: str
    columns: dict[str, Column]
    rows: list[Row]
    warnings: list[XLSFormWarning] = field(default_factory=list)

    def has(self, base: str) -> bool:
        return any(column.base == base for column in self.columns.values())


def cell_text(value: Any) -> str:
    """A cell as the text an XLSForm author meant (``1.0`` typed in Excel is ``1``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def read_workbook(source: str | Path | IO[bytes]) -> dict[str, Sheet]:
    """The sheets of an .xlsx workbook by lower-case name; XLSFormError if unreadable."""
    try:
        workbook = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        name = getattr(source, "name", source)
        raise XLSFormError(f"{name} cannot be read as an .xlsx workbook: {exc}") from exc
    try:
        return {ws.title.strip().lower(): _read_sheet(ws) for ws in workbook.worksheets}
    finally:
        workbook.close()


def _read_sheet(worksheet: Any) -> Sheet:
    name = worksheet.title.strip().lower()
    rows = worksheet.iter_rows(values_only=True)
    header_values = next(rows, ())
    headers: list[str] = [cell_text(value) for value in header_values]
    columns: dict[str, Column] = {}
    problems: list[XLSFormWarning] = []
    warnings: list[XLSFormWarning] = []
    for header in headers:
        if not header:
            continue
        if header in columns:
            problems.append(XLSFormWarning(name, 1, header, "the column appears twice"))
        columns[header] = Column.parse(header)
    body: list[Row] = []
    for number, values in enumerate(rows, start=2):
        cells: dict[str, str] = {}
        for index, value in enumerate(values):
            text = cell_text(value)
            if not text:
                continue
            header = headers[index] if index < len(headers) else ""
            if not header:
                warnings.append(
                    XLSFormWarning(
                        name,
                        number,
                        f"#{index + 1}",
                        f"{text!r} is under a column without a header; ignored",
                    )
                )
                continue
            cells[header] = text
        if cells:
            body.append(Row(name, number, cells, columns))
    if problems:
        raise XLSFormError(problems)
    return Sheet(name, columns, body, warnings)
