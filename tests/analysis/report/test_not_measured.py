"""A status report names the standard indicators its questionnaire does not measure.

An adaptation without the personal-crime module (``pv_``) has no person prevalence, no
prevalence or incidence by personal crime, no SDG 16.1.3: the tables section says so, with
the items each needs, in the report's language. HTML only (the PDF prints the same HTML).
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache

import pytest

from analysis.indicators.catalogue import get_indicator
from analysis.indicators.coverage import Unmeasured, unmeasured_indicators
from analysis.microdata import incident_table, respondent_table, standard_instrument
from analysis.report import ReportData, build_report
from analysis.report.context import Formatter, Lookup
from analysis.report.i18n import LANGUAGES, Translator
from analysis.report.not_asked import not_asked_notes
from analysis.report.sections import SectionWriter

from .test_builder import report_data  # type: ignore[import-not-found]


@cache
def _unmeasured() -> tuple[Unmeasured, ...]:
    """What vict_std without its ``pv_`` module cannot measure."""
    standard = standard_instrument()
    respondents = [c for c in respondent_table([], standard).columns if not c.startswith("pv_")]
    return unmeasured_indicators(respondents, incident_table([], standard).columns)


@cache
def _data() -> ReportData:
    data = report_data()
    gone = {u.indicator for u in _unmeasured()}
    table = data.indicators[~data.indicators["indicator"].isin(gone)]
    return dataclasses.replace(
        data,
        indicators=table,
        previous=None,
        changes=None,
        previous_wave=None,
        unmeasured=_unmeasured(),
    )


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_tables_section_names_each_indicator_not_measured_and_its_items() -> None:
    html = build_report(_data(), language="en", public=True).html
    assert 'id="not_measured"' in html
    text = _text(html[html.index('id="not_measured"') :])
    assert "Standard indicators this questionnaire does not measure" in text
    assert "asks none of the items these standard indicators are computed from" in text
    assert "Prevalence: Robbery pv_rob_12m " in text
    assert "Items it needs" in text
    for u in _unmeasured():
        assert get_indicator(u.indicator).name["en"] in text, u.indicator
    # the section comes before the methodology annex, inside "Tables of estimates"
    tables = html.index('id="tables"')
    assert tables < html.index('id="not_measured"') < html.index('id="methodology"')


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_note_is_in_the_report_language(language: str) -> None:
    data = _data()
    t = Translator(language)
    fmt = Formatter(t, Lookup(data.indicators.head(1), True).level, True)
    section = SectionWriter(data, fmt, True).not_measured()
    assert section is not None
    assert section.title == t("sub_not_measured") and section.paragraphs == [t("not_measured_note")]
    (table,) = section.tables
    assert table.header == [t("col_indicator"), t("col_items_needed")]
    first = table.rows[0]
    assert first[0].text == get_indicator("prev_person").name[language]
    assert "pv_rob_12m" in first[1].text
    assert len(table.rows) == len(_unmeasured())


def test_a_report_of_the_standard_questionnaire_has_no_such_section() -> None:
    data = report_data()
    t = Translator("en")
    fmt = Formatter(t, Lookup(data.indicators.head(1), True).level, True)
    assert SectionWriter(data, fmt, True).not_measured() is None


def test_the_reason_for_a_missing_paradox_table_names_only_the_items_it_needs() -> None:
    for language in LANGUAGES:
        t = Translator(language)
        asked = ("dem_sex", "trust_police", "per_safe_nbhd")
        notes = not_asked_notes(t, asked, about="sub_paradox")
        assert [n for n in notes if "dem_sex" in n] and [n for n in notes if "per_safe_nbhd" in n]
        assert not [n for n in notes if "trust_police" in n]  # only the fear model reads it
        assert len(not_asked_notes(t, asked)) == 3
