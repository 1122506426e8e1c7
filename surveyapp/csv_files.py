"""CSV files for people to open in a spreadsheet: one way of writing them.

UTF-8 with a byte-order mark (without it Excel reads UTF-8 as the Windows code page:
"PeÃ±alolÃ©n") and CRLF line ends. The separator is the caller's: a file for machines keeps
``,``; a file for a person takes :func:`analysis.i18n.list_separator` of their language.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is written
with a single quote before it (OWASP, "CSV injection"): Excel and LibreOffice would otherwise
run it as a formula (``=HYPERLINK(...)`` from an address in an office's sample file). The
spreadsheet shows the text as typed, without the quote. Numbers (``int``, ``float``,
``Decimal``) are written as they are, so ``-3.5`` stays a number. A file for programs to read
(the indicators table) passes ``neutralise_formulas=False`` and keeps its cells unchanged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

__all__ = ["FORMULA_STARTS", "spreadsheet_cell", "spreadsheet_csv"]

#: The first characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> object:
    """``value`` as a spreadsheet should get it: None empty, a text cell a spreadsheet would
    run as a formula behind a single quote, anything else (numbers) as it is."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_csv(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    separator: str = ",",
    neutralise_formulas: bool = True,
) -> bytes:
    """``header`` then ``rows`` (None as an empty cell), UTF-8 with BOM, CRLF, ``separator``;
    text cells that would run as formulas quoted (:func:`spreadsheet_cell`) unless
    ``neutralise_formulas`` is false (a file for programs)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    if neutralise_formulas:
        writer.writerow([spreadsheet_cell(name) for name in header])
        writer.writerows([spreadsheet_cell(value) for value in row] for row in rows)
    else:
        writer.writerow(header)
        writer.writerows(["" if value is None else value for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
