"""Highlight sentences: the quality marker after the unit, the unit never said twice."""

from __future__ import annotations

import pytest

from analysis.report.context import Formatter, Value
from analysis.report.data import Area
from analysis.report.highlights import _change_sentence, _value_sentence, highlights
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
    head = sentence.rsplit(" (", 1)[0]  # before the interval; the name may hold brackets
    assert head.count("100") == 1, sentence
    assert "**" in head


def test_every_estimate_a_highlight_quotes_carries_its_quality_marker() -> None:
    """A state report's highlights said 'Tasa de denuncia: 16,5%* ... (9,5%)' and '26,1%
    fue víctima' where its tables print '9,5 *' and '26,1 *': the earlier wave's estimate and
    the closing sentences quoted a moderate or low estimate without its marker."""
    fmt = Formatter(Translator("es"), 0.9, public=True)
    now = _value("reporting_rate", 16.5, "percent", "moderate")
    before = _value("reporting_rate", 9.5, "percent", "low")
    sentence = _change_sentence(fmt, now, before, 0, "ENVI 2025")
    assert "(9,5%**)" in sentence, sentence

    class _Lookup:
        def __init__(self, values: dict[str, Value]) -> None:
            self.values = values

        def area(self, _area: Area, ident: str) -> Value | None:
            return self.values.get(ident)

    values = {
        "insecure_state": _value("insecure_state", 77.5, "percent", "high"),
        "prev_person": _value("prev_person", 26.1, "percent", "moderate"),
        "dark_figure": _value("dark_figure", 85.1, "percent", "low"),
    }
    sentences = highlights(
        fmt, Area("state", "01", "Norte"), _Lookup(values), None, {}, "", indicators=()
    )  # type: ignore[arg-type]
    gap, dark = sentences
    assert "26,1%*" in gap and "77,5%" in gap, gap
    assert "85,1%**" in dark, dark


@pytest.mark.parametrize("language", ["es", "en", "pt", "fr"])
def test_a_table_row_whose_name_says_its_rate_does_not_add_the_unit_again(language: str) -> None:
    """Tables read 'Tasa de incidencia delictiva por cada 100 000 habitantes de 18 años y más
    (×100 000)' (pt 'Incidência: crimes por 100 000 pessoas … (×100 000)'), the unit said
    twice and the second time as a multiplication."""
    from analysis.report.context import Lookup, unit_suffix

    from .test_builder import COUNTRY, report_data  # type: ignore[import-not-found,misc]

    fmt = Formatter(Translator(language), 0.9, public=True)
    current = Lookup(report_data(COUNTRY).indicators, True)
    ids = ["incidence", "incidence_personal_1000", "prev_person", "incidence_car"]
    table = fmt.indicator_table("T", ids, current, COUNTRY)
    incidence, per_1000, prevalence, car = (row[0].text for row in table.rows)
    for label in (incidence, per_1000, car):
        assert "×" not in label, label
    assert prevalence.endswith("(%)"), prevalence
    own = {"es": "100.000", "en": "100,000", "pt": "100.000", "fr": "100\u202f000"}[language]
    assert unit_suffix("per_100000", "Tasa", language) == f" (×{own})"  # a name without its unit


def test_an_area_with_no_key_estimate_published_says_so_once() -> None:
    """The sweep's first municipality (25 interviews): its public report opened with eleven
    bullets each saying 'la estimación no se publica'; it now says it once, naming the area."""
    fmt = Formatter(Translator("es"), 0.9, public=True)

    def hidden(ident: str) -> Value:
        return Value(ident, float("nan"), float("nan"), float("nan"), float("nan"), 25,
                     "insufficient", True, False, "percent")  # fmt: skip

    class _Lookup:
        def area(self, _area: Area, ident: str) -> Value | None:
            return hidden(ident)

    area = Area("municipality", "01001", "Cerro Hidalgo")
    sentences = highlights(fmt, area, _Lookup(), None, {}, "")  # type: ignore[arg-type]
    assert len(sentences) == 1, sentences
    assert "Cerro Hidalgo" in sentences[0] and "Ninguna" in sentences[0]
    # one published estimate among them: every indicator keeps its own sentence
    shown = _value("prev_person", 26.1, "percent", "moderate")

    class _One(_Lookup):
        def area(self, _area: Area, ident: str) -> Value | None:
            return shown if ident == "prev_person" else hidden(ident)

    assert len(highlights(fmt, area, _One(), None, {}, "")) > 5  # type: ignore[arg-type]
