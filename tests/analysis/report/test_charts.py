"""Report charts: SVG with text as text, intervals, Okabe-Ito colours, nothing drawn for a hidden value."""

from __future__ import annotations

import itertools
import math
import re

import numpy as np

from analysis.report import charts
from analysis.report.charts import ChartText, Series

TEXT = ChartText("Prevalence by crime type", "Percent (%)", "Source: test survey", "not published")


def test_bar_chart_writes_values_intervals_and_leaves_a_hidden_value_out():
    series = Series("Area", [12.34, math.nan, 40.0], [10.0, math.nan, 35.0], [14.5, math.nan, 45.0])
    svg = charts.bar_chart(["Robbery", "Theft", "Assault"], [series], TEXT, salt="t1")
    assert svg.startswith("<svg")
    for words in (
        "Prevalence by crime type",
        "Percent (%)",
        "Source: test survey",
        "Robbery",
        "12.3",
        "40.0",
        "not published",
    ):
        assert f">{words}<" in svg, words
    assert charts.OKABE_ITO[0].lower() in svg.lower()
    # two bars drawn (the hidden value has none): bar patches carry the series colour as fill
    assert len(re.findall(r"fill: #0072b2", svg, flags=re.I)) == 2


def test_ids_are_unique_across_charts_and_only_kept_when_referenced():
    series = Series("A", [1.0, 2.0], [0.5, 1.5], [1.5, 2.5])
    first = charts.dot_chart(["x", "y"], [series], TEXT, salt="a")
    second = charts.dot_chart(["x", "y"], [series], TEXT, salt="b")
    ids_first = set(re.findall(r' id="([^"]+)"', first))
    ids_second = set(re.findall(r' id="([^"]+)"', second))
    assert not ids_first & ids_second
    for svg, ids in ((first, ids_first), (second, ids_second)):
        for ident in ids:
            assert f"#{ident}" in svg  # every id left is used


def test_flagged_estimates_are_marked_and_decimal_comma_is_used():
    text = ChartText("T", "Porcentagem (%)", "Fonte", "não publicada", language="pt")
    series = Series("A", [12.34], [10.0], [14.0], flagged=[True])
    svg = charts.bar_chart(["Roubo"], [series], text, salt="f")
    assert ">12,3 ‡<" in svg


def test_forest_chart_uses_plain_numbers_on_a_log_axis():
    text = ChartText("Odds", "Odds ratio (log scale)", "Source", decimals=2)
    svg = charts.forest_chart(["Women", "Victim"], [1.4, 2.3], [1.2, 1.9], [1.7, 2.8], text, "o")
    assert ">Women<" in svg
    assert re.search(r">\s*2\.30<", svg)
    assert "10^" not in svg and "$" not in svg


def test_scatter_names_the_outlying_points_without_overlapping_names() -> None:
    rng = np.random.default_rng(3)
    n = 300
    x = rng.uniform(5, 40, n)
    y = x * 1.2 + rng.normal(0, 8, n)
    names = [f"Municipio {i}" for i in range(n)]
    text = ChartText("T", "Se sienten inseguros (%)", "Fuente", language="es")
    svg = charts.scatter_chart(
        Series("x", x, x - 2, x + 2), Series("y", y, y - 3, y + 3), text, "Víctimas (%)", "s", names
    )
    assert ">Víctimas (%)<" in svg and ">Se sienten inseguros (%)<" in svg  # both axes labelled
    placed = re.findall(
        r'<text style="font-size: 6px;[^"]*text-anchor: (\w+)" x="([\d.]+)" y="([\d.]+)"[^>]*>'
        r"(Municipio \d+)</text>",
        svg,
    )
    assert 10 <= len(placed) <= charts.MAX_POINT_LABELS
    boxes = []
    for anchor, px, py, name in placed:
        width = charts.text_width_pt(name, 6.0)
        left = float(px) - (width if anchor == "end" else 0.0)
        boxes.append((left, float(py) - 6.0, left + width, float(py)))
    for a, b in itertools.combinations(boxes, 2):
        assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    # the most extreme point (lowest perceived) is among those named
    assert f"Municipio {int(np.argmin(y))}<" in svg


def test_not_published_is_written_once_per_row_when_several_series_lack_it() -> None:
    nan = float("nan")
    both = Series("a", [nan, 10.0, nan], [nan, 8.0, nan], [nan, 12.0, nan])
    other = Series("b", [nan, nan, 5.0], [nan, nan, 4.0], [nan, nan, 6.0])
    svg = charts.dot_chart(["x", "y", "z"], [both, other], TEXT, salt="m")
    # row x lacks both (one label), rows y and z one series each
    assert svg.count(">not published<") + svg.count("> not published<") == 3


def test_a_series_without_any_point_says_so_in_its_legend_not_on_every_row() -> None:
    """A municipality whose every estimate is suppressed (report sweep, adapted wave, pt):
    "não publicada" was written on every row at its series' offset, over the state's and the
    country's points and intervals."""
    nan = float("nan")
    area = Series("Cerro Fresnos", [nan] * 3, [nan] * 3, [nan] * 3)
    state = Series("Playa Victoria", [1.0, 2.0, 3.0], [0.5, 1.5, 2.5], [1.5, 2.5, 3.5])
    svg = charts.dot_chart(["x", "y", "z"], [area, state], TEXT, salt="e")
    drawing = re.sub(r"<title>.*?</title>", "", svg, flags=re.S)  # the words a screen reader says
    assert drawing.count("not published") == 1 and ">Cerro Fresnos (not published)<" in drawing
    # said once too, not on every row
    assert re.search(r"<title>[^<]*</title>", svg).group(0) == (
        "<title>Prevalence by crime type. Percent (%). x: Playa Victoria 1.0 (0.5–1.5); "
        "y: Playa Victoria 2.0 (1.5–2.5); z: Playa Victoria 3.0 (2.5–3.5). "
        "Cerro Fresnos (not published).</title>"
    )


def test_rows_of_two_line_labels_keep_their_height_under_a_long_legend_and_source(monkeypatch):
    """A municipality's chart of two indicators (Portuguese labels of two lines), three areas
    in the legend and a source of two lines: its axes once got 0.27 in for the two rows, the
    labels drawn over each other (tests/surveyapp/test_adapted_reports_layout.py)."""
    figures = []
    monkeypatch.setattr(
        charts, "render", lambda fig, salt, description="": figures.append(fig) or ""
    )
    labels = [
        "Domicílios que adotaram medidas de\nproteção",
        "Domicílios que contrataram segurança\nprivada",
    ]
    series = [
        Series(name, [math.nan, 4.0], [math.nan, 2.0], [math.nan, 6.5])
        for name in ("Cerro Hidalgo", "Monte Nogales", "República Simulada 1")
    ]
    source = "Fonte: Pesquisa de vitimização e percepção de segurança, " * 3
    text = ChartText("T", "Porcentagem (%)", source, "não publicada", language="pt")
    assert len(charts.source_lines(text)) >= 2
    for chart in (charts.dot_chart, charts.bar_chart, charts.forest_chart):
        if chart is charts.forest_chart:
            chart(labels, [1.2, 1.5], [1.0, 1.1], [1.4, 2.0], text, "r")
        else:
            chart(labels, series, text, salt="r")
    for fig in figures:
        axes_in = fig.axes[0].get_position().height * fig.get_size_inches()[1]
        assert axes_in >= 2 * charts._label_row_in(labels) - 1e-9, axes_in


def test_a_chart_source_line_never_breaks_at_a_no_break_space() -> None:
    # French "90\u00a0%": the width leaves room for "... à 90" but not for "%" too
    source = "Source : Enquête 2026. Intervalles de confiance à 90\u00a0%."
    width = charts.text_width_pt("Source : Enquête 2026. Intervalles de confiance à 90", 7) + 1
    lines = charts.wrap(source, 7, width)
    assert lines == ["Source : Enquête 2026. Intervalles de confiance à", "90\u00a0%."]


def test_a_chart_says_in_words_what_it_shows_for_screen_readers():
    # The charts were drawings without a name: a screen reader met loose words (ticks, labels)
    # in the browser and nothing in the tagged PDF. The SVG's <title> now describes the chart:
    # title, value axis, each row's estimates with their intervals, what is not published.
    import xml.etree.ElementTree as ET

    text = ChartText(
        "Prevalencia", "Porcentaje (%)", "Fuente: prueba", "no publicada", language="es"
    )
    survey = Series("Encuesta", [12.34, math.nan], [10.0, math.nan], [14.5, math.nan])
    police = Series("Policía", [9.0, 3.25], [math.nan, math.nan], [math.nan, math.nan])
    police = Series(police.name, police.estimate, police.low, police.high, flagged=[False, True])
    svg = charts.bar_chart(["Robo\na casa", "Hurto"], [survey, police], text, salt="d")
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    first = root[0]
    assert first.tag == "{http://www.w3.org/2000/svg}title"
    assert first.text == (
        "Prevalencia. Porcentaje (%). Robo a casa: Encuesta 12,3 (10,0–14,5), Policía 9,0; "
        "Hurto: Encuesta no publicada, Policía 3,2 ‡."
    )
    # one series: the values alone; a forest chart's odds ratios the same way
    one = charts.dot_chart(["x", "y"], [survey], TEXT, salt="e")
    assert ET.fromstring(one)[0].text == (
        "Prevalence by crime type. Percent (%). x: 12.3 (10.0–14.5); y: not published."
    )
    odds = charts.forest_chart(["Mujer"], [1.5], [1.2], [1.9], TEXT, salt="f")
    assert (
        ET.fromstring(odds)[0].text
        == "Prevalence by crime type. Percent (%). Mujer: 1.5 (1.2–1.9)."
    )


def test_the_words_of_a_french_chart_keep_the_no_break_spaces_of_its_numbers_and_colons():
    # the description's line ends were joined with str.split(), which also splits at the no-break
    # spaces of French numbers: "20 472" read as two numbers
    import xml.etree.ElementTree as ET

    text = ChartText("Délits", "Pour 100\u202f000 habitants", "Source", "non publié", language="fr")
    svg = charts.bar_chart(
        ["Vol de\nvéhicule"], [Series("Enquête", [20472.0], [19000.0], [21944.0])], text, "g"
    )
    assert ET.fromstring(svg)[0].text == (
        "Délits. Pour 100\u202f000 habitants. Vol de véhicule\u00a0: "
        "20\u202f472,0 (19\u202f000,0–21\u202f944,0)."
    )
