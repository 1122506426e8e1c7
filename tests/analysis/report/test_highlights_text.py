"""Highlight sentences: the quality marker after the unit, the unit never said twice."""

from __future__ import annotations

import pytest

from analysis.report.context import Formatter, Value
from analysis.report.highlights import _value_sentence
from analysis.report.i18n import Translator


def _value(indicator: str, estimate: float, unit: str, quality: str) -> Value:
    return Value(
        indicator, estimate, estimate * 0.8, estimate * 1.2, 0.2, 400, quality, False, True, unit
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [("es", "Prevalencia delictiva en personas: 26,1%*"), ("en", "Person prevalence: 26.1%*")],
)
def test_the_marker_follows_the_unit_not_the_number(language: str, expected: str) -> None:
    fmt = Formatter(Translator(language), 0.9, public=True)
    sentence = _value_sentence(fmt, _value("prev_person", 26.1, "percent", "moderate"))
    assert sentence.startswith(expected + " ("), sentence
    assert "*%" not in sentence


def test_a_french_percentage_keeps_a_no_break_space_before_its_sign() -> None:
    fmt = Formatter(Translator("fr"), 0.9, public=True)
    sentence = _value_sentence(fmt, _value("prev_person", 26.1, "percent", "moderate"))
    assert "\u00a0: 26,1\u00a0%* (IC 90\u00a0%\u00a0: " in sentence, sentence


@pytest.mark.parametrize("language", ["es", "en", "pt", "fr"])
def test_a_rate_whose_name_says_per_100000_does_not_say_it_again(language: str) -> None:
    fmt = Formatter(Translator(language), 0.9, public=True)
    sentence = _value_sentence(fmt, _value("incidence", 63542.0, "per_100000", "low"))
    head = sentence.split("(")[0]
    assert head.count("100") == 1, sentence
    assert "**" in head
