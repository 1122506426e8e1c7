"""What readers of the status reports found wrong in the words (2026-12-07), read back from
the report's HTML: a double colon in the trust rows, ISO dates on the cover."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

import pytest

from analysis.i18n import format_date
from analysis.report import Wave, build_report
from analysis.report.statements import did_statement

from .html_text import section, words  # type: ignore[import-not-found]
from .test_builder import report_data  # type: ignore[import-not-found]

GENERATED = dt.date(2026, 11, 30)


@cache
def _html(language: str) -> str:
    data = report_data(
        wave=Wave(
            "ENVI 2026",
            (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
            (dt.date(2026, 3, 2), dt.date(2026, 4, 30)),
        ),
        police_period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    )
    return build_report(data, language=language, public=True, generated=GENERATED).html


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es", "Confianza en Policía: "),
        ("en", "Trust in Police: "),
        ("pt", "Confiança em Polícia: "),
        ("fr", "Confiance envers Police\u00a0: "),
    ],
)
def test_the_trust_highlight_has_one_colon_between_name_and_value(
    language: str, expected: str
) -> None:
    """The highlights read "Confianza en: Policía: 43,4%": the indicator's name has its own
    colon, and the sentence added a second."""
    text = words(section(_html(language), "highlights"))
    assert expected in text, text
    assert not re.search(r":[^:().]*: \d", text.replace("\u00a0", " ")), text


def test_a_name_with_a_colon_that_no_preposition_ends_goes_in_brackets() -> None:
    text = words(section(_html("es"), "highlights"))
    assert "ODS 16.5.1 (soborno): " in text, text


def test_a_difference_in_differences_sentence_has_one_colon_before_its_figures() -> None:
    row = {
        "level": 0.95,
        "suppressed": True,
        "unit": "percent",
    }
    sentence = did_statement(row, "Confiance envers\u00a0: Police", "fr", public=True)[0]
    assert sentence.startswith("Confiance envers Police\u00a0: non publié"), sentence


@pytest.mark.parametrize(
    ("language", "generated", "period"),
    [
        ("es", "30 de noviembre de 2026", "1 de enero de 2025 – 31 de diciembre de 2025"),
        ("en", "November 30, 2026", "January 1, 2025 – December 31, 2025"),
        ("pt", "30 de novembro de 2026", "1 de janeiro de 2025 – 31 de dezembro de 2025"),
        (
            "fr",
            "30\u00a0novembre\u00a02026",
            "1er\u00a0janvier\u00a02025 – 31\u00a0décembre\u00a02025",
        ),
    ],
)
def test_the_cover_and_the_police_source_write_dates_as_the_language_does(
    language: str, generated: str, period: str
) -> None:
    """Covers printed 2026-11-30 and 2025-01-01 – 2025-12-31 in every language."""
    page = _html(language)
    cover = words(page[page.index('class="cover"') : page.index("</section>")])
    assert generated in cover and period in cover, cover
    assert not re.search(r"\d{4}-\d\d-\d\d", cover), cover
    assert period in words(page), "the police records' period on the source line"
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", words(page))


def test_french_dates_write_the_first_of_the_month_as_1er() -> None:
    assert format_date(dt.date(2026, 12, 1), "fr") == "1er\u00a0décembre\u00a02026"
    assert format_date(dt.date(2026, 12, 1), "en") == "December 1, 2026"
    with pytest.raises(ValueError, match="language"):
        format_date(dt.date(2026, 12, 1), "de")


#: Words that address the reader, per language (Spanish and Portuguese "su"/"seu" also mean
#: "their", the third person the definitions use, so they are not listed)
SECOND_PERSON = {
    "es": r"\b(usted|ustedes|tú|tu|tus|te|ti)\b",
    "en": r"\b(you|your|yours|yourself)\b",
    "pt": r"\b(você|vocês|teu|tua|te|ti)\b",
    "fr": r"\b(vous|votre|vos|tu|ton|ta|tes|toi)\b",
}


@pytest.mark.parametrize("language", ["es", "en", "pt", "fr"])
def test_the_annex_defines_indicators_impersonally(language: str) -> None:
    """The English annex read "Persons who, for fear of crime, did change your usual routes"
    and the French "ont porté une arme pour vous protéger": the definitions were built from
    the questionnaire's labels, which speak to the respondent."""
    annex = words(section(_html(language), "definitions"))
    assert not re.findall(SECOND_PERSON[language], annex, flags=re.IGNORECASE), annex
    expected = {
        "es": "Personas que, por temor a la delincuencia, cambiaron sus rutas",
        "en": "Persons who, for fear of crime, changed their usual routes",
        "pt": "Pessoas que, por medo do crime, mudaram seus trajetos habituais",
        "fr": "ont porté une arme pour se protéger",
    }[language]
    assert expected in annex, annex


def test_no_indicator_name_or_definition_addresses_the_reader() -> None:
    from analysis.indicators.catalogue import catalogue

    found = [
        (ind.id, language, text)
        for ind in catalogue()
        for language, pattern in SECOND_PERSON.items()
        for text in (ind.name[language], ind.definition[language])
        if re.search(pattern, text, flags=re.IGNORECASE)
    ]
    assert not found, found


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es", "se calculan con las estimaciones sin redondear"),
        ("en", "are computed from the unrounded estimates"),
        ("pt", "são calculadas com as estimativas sem arredondamento"),
        ("fr", "sont calculés à partir des estimations non arrondies"),
    ],
)
def test_the_annex_says_differences_come_from_unrounded_estimates(
    language: str, expected: str
) -> None:
    """A change printed 2,1 next to 23,4 and 21,2 looked like an error: the annex now says
    differences are computed before rounding, with that example in the language's numbers."""
    design = words(section(_html(language), "design"))
    assert expected in design, design
    example = {"es": "23,4 − 21,2", "en": "23.4 − 21.2", "pt": "23,4 − 21,2", "fr": "23,4 − 21,2"}
    assert example[language] in design
