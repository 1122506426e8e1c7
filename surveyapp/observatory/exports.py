"""The indicator table of one area as rows for the page, CSV, XLSX and JSON.

Every output goes through :func:`export_rows`; for a public audience it
takes :func:`~surveyapp.services.reports.publishable` first, so a
suppressed estimate cannot reach any format.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..csv_files import spreadsheet_csv

if TYPE_CHECKING:  # pandas, openpyxl and the indicator tables load with the first export
    import pandas as pd

    from ..services.coverage import NotMeasured
    from ..services.reports import AreaNode

#: The first columns of every download, in order; a column added later comes after them (a
#: reader that takes columns by position keeps working).
_FIRST: tuple[str, ...] = (
    "area_code",
    "area_name",
    "area_level",
    "indicator",
    "indicator_name",
    "group",
    "domain_type",
    "domain",
    "unit",
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "level",
    "cv",
    "n",
    "df",
    "quality",
    "suppressed",
    "reason",
)
#: Columns of the XLSX and JSON downloads, in order: ``reason`` is worded in the download's
#: language, ``reason_code`` gives its codes for programs (analysis.indicators.reasons,
#: space-separated, each once; empty when there is none).
COLUMNS: tuple[str, ...] = (*_FIRST, "reason_code")
#: Columns of the CSV: the first ones, then ``status`` (``estimated``, or ``not_measured`` for a
#: standard indicator the questionnaire cannot measure: a row without estimate),
#: ``missing_items`` (the items it needs, space-separated; empty when estimated) and
#: ``reason_code``.
CSV_COLUMNS: tuple[str, ...] = (*_FIRST, "status", "missing_items", "reason_code")
#: Group domains reported with the nation's rows (groups are estimated nationally).
GROUP_DOMAINS = ("sex", "age_group", "youth")
_NUMBERS = ("estimate", "se", "ci_low", "ci_high", "level", "cv")
#: Width of a spreadsheet column holding a date ("31 de diciembre de 2024": 23 characters).
DATE_WIDTH = 26
#: counts: cases and degrees of freedom (PSUs minus strata) are written without ".0"
_COUNTS = ("n", "df")


def _clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "item"):
        return _clean(value.item())
    return value


def export_rows(
    table: pd.DataFrame, area: AreaNode, *, public: bool, language: str
) -> list[dict[str, Any]]:
    """Rows of ``area`` (and of the groups, for the nation), blanked where suppressed when public;
    each row's reason said in ``language``."""
    import pandas as pd

    from analysis.indicators.reasons import reason_codes, reason_text

    from ..services.reports import area_rows, indicator_groups, indicator_names, publishable

    rows = area_rows(table, area)
    if area.report_level == "national" and not table.empty:
        rows = pd.concat([rows, table[table["domain_type"].isin(GROUP_DOMAINS)]], ignore_index=True)
    if public:
        rows = publishable(rows)
    names = indicator_names(language)
    groups = indicator_groups()
    out: list[dict[str, Any]] = []
    for record in rows.to_dict("records"):
        row: dict[str, Any] = {
            "area_code": area.code,
            "area_name": area.name,
            "area_level": area.report_level,
            "indicator_name": names.get(str(record["indicator"]), str(record["indicator"])),
            "group": groups.get(str(record["indicator"]), ""),
        }
        for column in COLUMNS:
            if column in record:
                row[column] = _clean(record[column])
        for column in _NUMBERS:
            if isinstance(row.get(column), float):
                row[column] = round(row[column], 6)
        for column in _COUNTS:  # float in the table (a blank is NaN), whole in a download
            if isinstance(row.get(column), float) and row[column].is_integer():
                row[column] = int(row[column])
        row["suppressed"] = bool(row.get("suppressed"))
        if "reasons" in record:  # the reasons as data: worded here (English in "reason")
            row["reason"] = reason_text(record["reasons"], language)
            row["reason_code"] = reason_codes(record["reasons"])
        if row.get("domain_type") in ("state", "municipality", "national"):
            row["domain"] = area.code if row["domain_type"] != "national" else "national"
        out.append({c: row.get(c) for c in COLUMNS})
    return out


def not_measured_rows(missing: Sequence[NotMeasured], area: AreaNode) -> list[dict[str, Any]]:
    """One CSV row per indicator in ``missing``: the area's row as it would be, without
    estimate, quality or suppression (there is nothing to judge), status ``not_measured``."""
    from analysis.indicators.catalogue import get_indicator

    rows = []
    for m in missing:
        indicator = get_indicator(m.indicator)
        row: dict[str, Any] = dict.fromkeys(COLUMNS)
        row |= {
            "area_code": area.code,
            "area_name": area.name,
            "area_level": area.report_level,
            "indicator": m.indicator,
            "indicator_name": m.name,
            "group": indicator.group,
            "domain_type": area.report_level,
            "domain": "national" if area.report_level == "national" else area.code,
            "unit": indicator.unit,
            "status": "not_measured",
            "missing_items": " ".join(m.items),
        }
        rows.append(row)
    return rows


def to_csv(rows: Sequence[dict[str, Any]], missing: Sequence[dict[str, Any]] = ()) -> bytes:
    """UTF-8 with BOM (Excel opens it right), one header line; the rows of ``missing``
    (:func:`not_measured_rows`) last, with status ``not_measured`` and the items they need."""
    lines = [
        [row.get(c) for c in CSV_COLUMNS] for row in (r | {"status": "estimated"} for r in rows)
    ]
    lines += [[row.get(c) for c in CSV_COLUMNS] for row in missing]
    # ',' whatever the language: a machine-readable table whose numbers have decimal points;
    # its cells stay as they are (no quote before a '-' text): programs read it
    return spreadsheet_csv(CSV_COLUMNS, lines, neutralise_formulas=False)


def to_xlsx(
    rows: Sequence[dict[str, Any]],
    about: Sequence[tuple[str, str | dt.date]],
    *,
    about_title: str = "about",
    language: str = "en",
) -> bytes:
    """A workbook with the table (sheet "indicators", its columns named as in the CSV file for
    programs to read) and a sheet ``about_title`` saying what it is, in the reader's words:
    each row of ``about`` a label and its value, a day a date cell written as ``language``
    writes dates (analysis.i18n.EXCEL_DATE_FORMATS)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from analysis.i18n import EXCEL_DATE_FORMATS

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = "indicators"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_text_safe(row[c]) for c in COLUMNS])
    sheet.freeze_panes = "A2"
    info = book.create_sheet(about_title)
    for key, value in about:
        info.append([key, _text_safe(value)])
        if isinstance(value, dt.date):
            info.cell(info.max_row, 2).number_format = EXCEL_DATE_FORMATS[language]
            # a date wider than its column shows as "####" (a text runs on instead)
            info.column_dimensions["B"].width = DATE_WIDTH
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _text_safe(value: Any) -> Any:
    """Text that Excel would read as a formula is written with a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") and not _is_number(value):
        return "'" + value
    return value


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
