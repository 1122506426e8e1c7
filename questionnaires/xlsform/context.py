"""What the parts of an XLSForm import share: languages, warnings, problems, texts."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .errors import XLSFormError, XLSFormWarning
from .sheets import Row, language_column_name

_TRUE = {"yes", "true", "true()", "1"}


@dataclass
class ImportContext:
    """State of one import that every sheet reader adds to."""

    languages: list[str] = field(default_factory=list)
    default: str = "en"
    #: language spelling after ``::`` (``Español (es)``) -> ISO 639-1 code
    language_of: dict[str, str] = field(default_factory=dict)
    warnings: list[XLSFormWarning] = field(default_factory=list)
    problems: list[XLSFormWarning] = field(default_factory=list)
    #: every localized text made, so that ``${name}`` in them can be renamed at the end
    texts: list[dict[str, str]] = field(default_factory=list)

    def raise_problems(self) -> None:
        """Stop the import with every problem found so far."""
        if self.problems:
            raise XLSFormError(self.problems)

    def warn(self, row: Row, column: str, message: str) -> None:
        """Record something changed or left out at this row and column."""
        self.warnings.append(row.warning(column, message))

    def problem(self, row: Row, column: str, message: str) -> None:
        """Record something that makes the workbook impossible to import."""
        self.problems.append(row.warning(column, message))

    def leftovers(self, row: Row, what: str = "") -> None:
        """Warn about every non-empty cell of ``row`` that nothing has read."""
        for header, text in row.leftovers():
            self.warn(row, header, f"{header!r} is not supported{what}; {text!r} ignored")

    def text(self, row: Row, base: str) -> dict[str, str] | None:
        """The localized text of ``base`` on ``row``, missing languages filled in."""
        texts: dict[str, str] = {}
        for spelling, (_header, text) in row.translations(base).items():
            code = self.default if spelling is None else self.language_of.get(spelling)
            if code is None:
                continue
            if code in texts and spelling is None:
                continue  # the explicitly tagged column wins over the plain one
            texts[code] = text
        if not texts:
            return None
        source = self.default if self.default in texts else next(iter(texts))
        for lang in self.languages:
            if lang not in texts:
                texts[lang] = texts[source]
                self.warn(
                    row,
                    f"{base}::{language_column_name(lang)}",
                    f"no {lang!r} text; the {source!r} text is used",
                )
        localized = {lang: texts[lang] for lang in self.languages}
        self.texts.append(localized)
        return localized

    def copy(self, text: dict[str, str]) -> dict[str, str]:
        """A copy of a localized text that is renamed along with the others."""
        copy = dict(text)
        self.texts.append(copy)
        return copy

    def label(self, row: Row, name: str, base: str = "label") -> dict[str, str]:
        """The localized ``base`` text of ``row``; the name, with a warning, if it has none."""
        label = self.text(row, base)
        if label is None:
            self.warn(row, base, f"no {base}; the name {name!r} is used")
            label = {lang: name for lang in self.languages}
        return label


def to_identifier(name: str) -> str:
    """``Q1-Edad`` -> ``q1_edad``: lower case ASCII letters, digits and underscores."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9_]+", "_", ascii_name.lower()).strip("_")
    if not text or not text[0].isalpha():
        text = f"x_{text}" if text else "x"
    return text[:64]


def unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name_2``, ``name_3``... if taken; the result is added to ``taken``."""
    candidate, suffix = name, 2
    while candidate in taken:
        candidate = f"{name[:60]}_{suffix}"
        suffix += 1
    taken.add(candidate)
    return candidate


def is_true(text: str) -> bool:
    """Whether an XLSForm yes/no cell says yes (``yes``, ``true``, ``TRUE()``, ``1``)."""
    return text.strip().lower() in _TRUE
