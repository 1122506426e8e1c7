"""CSV files for people to open in a spreadsheet: one way of writing them.

UTF-8 with a byte-order mark (without it Excel reads UTF-8 as the Windows code page:
"PeÃ±alolÃ©n") and CRLF line ends. The separator is the caller's: a file for machines keeps
``,``; a file for a person takes :func:`analysis.i18n.list_separator` of their language.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

__all__ = ["spreadsheet_csv"]


def spreadsheet_csv(
    header: Sequence[str], rows: Iterable[Sequence[object]], *, separator: str = ","
) -> bytes:
    """``header`` then ``rows`` (None as an empty cell), UTF-8 with BOM, CRLF, ``separator``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(["" if value is None else value for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
