"""Number and percentage formats of the reports and pages, against CLDR (Babel)."""

from __future__ import annotations

import pytest
from babel import Locale

from analysis.i18n import (
    EXCEL_DATE_FORMATS,
    LANGUAGES,
    PERCENT_SIGNS,
    format_number,
    format_percent,
    is_singular,
    lookup_count,
    tr,
)

#: The CLDR locale whose percent pattern each language follows: Spanish as Latin America
#: writes it (CLDR's es, Spain's, puts a space before the sign).
CLDR_PERCENT_LOCALE = {"es": "es_419", "en": "en", "pt": "pt", "fr": "fr"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_spreadsheet_date_reads_as_cldrs_long_date(language: str) -> None:
    # the Excel format said in CLDR's notation (its locale tag aside) is Babel's long date
    tag, _, excel = EXCEL_DATE_FORMATS[language].partition("]")
    assert tag.startswith("[$-")
    cldr = excel.replace('"', "'").replace("mmmm", "MMMM").replace("yyyy", "y")
    assert cldr == Locale.parse(language).date_formats["long"].pattern


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_percent_sign_is_what_cldr_writes_after_the_number(language: str) -> None:
    pattern = Locale.parse(CLDR_PERCENT_LOCALE[language]).percent_formats[None].pattern
    assert PERCENT_SIGNS[language] == pattern[pattern.rindex("0") + 1 :]


def test_french_writes_a_no_break_space_before_the_percent_sign() -> None:
    assert format_percent(90, "fr") == "90,0\u00a0%"
    assert format_percent(12345.67, "fr", 1) == "12\u202f345,7\u00a0%"  # thousands: U+202F
    assert format_percent(90, "es") == "90,0%"
    assert format_percent(90, "en", 0) == "90%"
    assert format_percent(None, "fr") == format_number(None, "fr") == "—"  # no sign on a dash
    assert format_percent(float("nan"), "fr") == "—"


def test_a_count_of_one_takes_the_singular_the_languages_way() -> None:
    # "1 units assigned": the one rule of the staff pages and the CLI (CLDR's category "one").
    assert [n for n in (0, 1, 2, 21, 1000) if is_singular(n, "en")] == [1]
    assert [n for n in (0, 1, 2, 21, 1000) if is_singular(n, "es")] == [1]
    assert [n for n in (0, 1, 2, 21, 1000) if is_singular(n, "fr")] == [0, 1]
    assert [n for n in (0, 1, 2, 21, 1000) if is_singular(n, "pt")] == [0, 1]
    table = {
        "units": tr("{n} unidades", "{n} units", "{n} unidades", "{n} unités"),
        "units_one": tr("{n} unidad", "{n} unit", "{n} unidade", "{n} unité"),
    }
    assert lookup_count(table, "units", "en", 1, n="1") == "1 unit"
    assert lookup_count(table, "units", "en", 0, n="0") == "0 units"
    assert lookup_count(table, "units", "fr", 0, n="0") == "0 unité"
    assert lookup_count(table, "units", "es", 1000, n="1.000") == "1.000 unidades"
    with pytest.raises(ValueError, match="language must be one of"):
        is_singular(1, "de")
