"""The plain-language statement of a difference in differences, in the four languages."""

from __future__ import annotations

from typing import Any

import pytest

from analysis.report.i18n import LANGUAGES, Translator
from analysis.report.statements import did_statement, pattern_label, signed

ROW: dict[str, Any] = {
    "unit": "percent",
    "level": 0.95,
    "programme_before": 33.24,
    "programme_after": 24.38,
    "change_programme": -8.86,
    "rest_before": 23.44,
    "rest_after": 22.72,
    "change_rest": -0.72,
    "did": -8.14,
    "ci_low": -14.51,
    "ci_high": -1.74,
    "significant": True,
    "small_sample": False,
    "suppressed": False,
    "n_min": 1035,
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_statement_says_what_it_shows_and_what_it_does_not(language: str) -> None:
    t = Translator(language)
    sentences = did_statement(ROW, "X", language)
    assert len(sentences) == 3
    result, significance, caveat = sentences
    for value in (33.24, 24.38, 23.44, 22.72, -14.51, -1.74):
        assert t.number(value) in result
    assert t.number(-8.14) in result and t("unit_points") in result
    assert significance == t("did_significant", alpha=t.number(5, 0))
    assert caveat == t("did_assumption")


def test_the_caveat_names_parallel_trends_and_no_proof_of_cause() -> None:
    caveat = did_statement(ROW, "Prevalence", "en")[-1]
    assert "parallel trends" in caveat and "not proof of cause" in caveat
    assert "tendencias paralelas" in did_statement(ROW, "Prevalencia", "es")[-1]


def test_not_significant_small_and_suppressed_rows() -> None:
    row = {**ROW, "significant": False, "small_sample": True, "n_min": 42}
    sentences = did_statement(row, "Prevalence", "en")
    assert "not statistically significant" in sentences[1]
    assert "42 cases" in sentences[2]
    hidden = did_statement({**ROW, "suppressed": True}, "Prevalence", "fr")
    assert hidden[0].startswith("Prevalence\u00a0: non publié\u00a0; ")
    assert len(hidden) == 2 and hidden[1] == Translator("fr")("did_assumption")
    flagged = did_statement({**ROW, "suppressed": True}, "Prevalence", "en", public=False)
    assert flagged[0].startswith("Prevalence: in the programme areas it went from 33.2")
    assert Translator("en")("suppressed_internal_note") in flagged


def test_rates_are_written_without_decimals_in_their_unit() -> None:
    row = {**ROW, "unit": "per_100000", "did": -19708.07, "ci_low": -35051.2, "ci_high": -4365.0}
    text = did_statement(row, "Incidence", "en")[0]
    assert "\u221219,708 per 100,000" in text  # the minus sign, not a hyphen


def test_signed_numbers_and_pattern_labels() -> None:
    t = Translator("es")
    assert signed(t, 2.46) == "+2,5"
    assert signed(t, -1.0) == "\u22121,0"
    assert signed(t, 0.01) == "0,0"
    assert pattern_label("less_fear_more_victimization", "pt").startswith("menos medo")
    with pytest.raises(KeyError):
        pattern_label("unheard_of", "en")


def test_a_smallest_group_of_one_case_is_said_in_the_singular() -> None:
    row = {**ROW, "small_sample": True, "n_min": 1}
    assert "the smallest of the four groups has 1 case;" in did_statement(row, "P", "en")[2]
    assert "tiene 1 caso;" in did_statement(row, "P", "es")[2]
    assert "tem 1 caso;" in did_statement(row, "P", "pt")[2]
    two = {**ROW, "small_sample": True, "n_min": 2}
    assert "has 2 cases;" in did_statement(two, "P", "en")[2]
