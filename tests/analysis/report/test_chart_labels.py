"""Chart rows a reader can tell apart, and chart axes in the report's number format.

Found reading the sweep's Spanish national report page by page (2026-12-07): the trust chart's
rows read "Policía 43,4" and "los policías 62,9", one figure of trust and one of perceived
corruption, the words that said which was which cut off; the fear-driver chart's log axis
said "1.0" with a decimal point in a Spanish report, its only labelled tick; the police
chart's axis "20000 40000", where the table under it writes "63.542".
"""

from __future__ import annotations

import re

from analysis.report import build_report
from analysis.report.charts import ChartText, Series, bar_chart, dot_chart, forest_chart
from analysis.report.context import indicator_info
from analysis.report.i18n import Translator

from .test_builder import report_data  # type: ignore[import-not-found,misc]


def _chart(html: str, title: str) -> str:
    """The SVG of the chart titled ``title``."""
    start = html.index(f">{title}<")
    start = html.rindex("<svg", 0, start)
    return html[start : html.index("</svg>", start)]


def _texts(svg: str) -> list[str]:
    return [t.strip() for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


def test_trust_chart_says_which_rows_are_trust_and_which_corruption() -> None:
    for language in ("es", "en"):
        t = Translator(language)
        html = build_report(report_data(), language=language).html
        words = " ".join(_texts(_chart(html, t("chart_trust_title"))))
        corruption = t.pick(indicator_info("corruption_police").name).split(": ")[0]
        trust = t.pick(indicator_info("trust_police").name).split(": ")[0]
        assert corruption in words, (language, words)
        assert trust in words, (language, words)


def _ticks(svg: str) -> list[str]:
    """The numbers written on the chart (tick labels and values)."""
    return [t for t in _texts(svg) if re.fullmatch(r"[\d.,\u00a0\u202f ]+", t)]


def test_value_axes_write_numbers_as_the_report_does() -> None:
    text = ChartText("T", "Por 100 000 habitantes", "Fuente", language="es")
    big = Series("Encuesta", [63542.0, 81234.0], [58000.0, 70000.0], [69000.0, 92000.0])
    ticks = _ticks(dot_chart(["A", "B"], [big], text, salt="d"))
    assert "20.000" in ticks and "20000" not in ticks
    small = Series("A", [0.4, 1.2], [0.2, 0.9], [0.7, 1.6])
    ticks = _ticks(bar_chart(["A", "B"], [small], text, salt="b"))
    assert "0,5" in ticks and "0.5" not in ticks


def test_fear_driver_axis_has_several_ticks_in_the_report_language() -> None:
    text = ChartText("Odds", "Razón de momios (escala logarítmica)", "Fuente", decimals=2)
    text = ChartText(text.title, text.axis, text.source, decimals=2, language="es")
    svg = forest_chart(
        ["Mujeres", "Víctima", "No sabe"],
        [1.19, 2.68, 0.64],
        [0.95, 2.02, 0.39],
        [1.51, 3.55, 1.05],
        text,
        "o",
    )
    ticks = _ticks(svg)
    assert "1.0" not in ticks and "0.5" not in ticks
    axis = [t for t in ticks if t in {"0,5", "1", "2", "4", "5"}]
    assert len(axis) >= 3, ticks


def test_a_first_row_without_a_bar_says_not_published_inside_the_chart() -> None:
    """A municipal report's police chart: the municipality's survey bar is not published, so
    the first row had only the police bar; the axes were scaled to the bars drawn and its
    'no publicada' was written over the legend's 'Encuesta'."""
    text = ChartText("T", "Por 100 000 habitantes", "Fuente", "no publicada", language="es")
    nan = float("nan")
    survey = Series("Encuesta", [nan, 95710.0], [nan, 77882.0], [nan, 113538.0])
    police = Series("Policía", [10843.0, 10918.0], [nan, nan], [nan, nan])
    svg = bar_chart(["Cerro Hidalgo", "Monte Nogales"], [survey, police], text, salt="p")
    ys = {label: float(y) for y, label in re.findall(r'y="([\d.]+)"[^>]*>([^<]*)</text>', svg)}
    row = ys["Cerro Hidalgo"]
    # the words sit in their row (with the row's label), well below the legend
    assert ys["no publicada"] - ys["Encuesta"] > 8, ys
    assert abs(ys["no publicada"] - row) < 12, ys
