"""Number and percentage formats of the reports and pages, against CLDR (Babel)."""

from __future__ import annotations

import pytest
from babel import Locale

from analysis.i18n import LANGUAGES, PERCENT_SIGNS, format_number, format_percent

#: The CLDR locale whose percent pattern each language follows: Spanish as Latin America
#: writes it (CLDR's es, Spain's, puts a space before the sign).
CLDR_PERCENT_LOCALE = {"es": "es_419", "en": "en", "pt": "pt", "fr": "fr"}


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
