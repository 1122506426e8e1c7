"""Numbers written inside the words of the report (a rate "per 100 000 inhabitants"), read
back from its HTML: a reviewer found the Spanish table's row 'Tasa de prevalencia delictiva por
cada 100' with '000 habitantes' on the next line, and the axis 'Por 100 000 habitantes' under
ticks '20.000 40.000' (2026-12-07)."""

from __future__ import annotations

import html
import re
from functools import cache

import pytest

from analysis.i18n import LANGUAGES, format_number
from analysis.indicators import catalogue_table
from analysis.report import build_report
from analysis.report.i18n import STRINGS

from .test_builder import report_data  # type: ignore[import-not-found]

#: a group of three digits after a space a line may break at: "100 000"
BREAKABLE = re.compile(r"\d \d{3}(?!\d)")
#: a number of thousands written inside words, in any of the four languages' ways
GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[ .,\u00a0\u202f]\d{3})+(?![\d.,]\d)")


@cache
def _html(language: str) -> str:
    return build_report(report_data(), language=language, public=True).html


def _text_nodes(page: str) -> list[str]:
    """Each run of text between two tags that the page prints (charts' SVG text included; a
    chart's <title>, its words for a screen reader, is not printed)."""
    body = re.sub(r"<title>.*?</title>", "", page[page.index("<body") :], flags=re.S)
    return [html.unescape(node) for node in re.findall(r">([^<]+)<", body) if node.strip()]


def _grouped_numbers(text: str) -> list[tuple[str, float]]:
    """The numbers of thousands in ``text`` (not a decimal such as 0,001) and their values."""
    found = []
    for match in GROUPED.finditer(text):
        digits = re.sub(r"[ .,\u00a0\u202f]", "", match.group(0))
        if not digits.startswith("0"):
            found.append((match.group(0), float(digits)))
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_number_in_the_report_can_break_at_a_space(language: str) -> None:
    """A line broke in 'por cada 100 | 000 habitantes': the names wrote the multiplier with an
    ordinary space. Every number of thousands is written as the report's numbers are."""
    broken = [node for node in _text_nodes(_html(language)) if BREAKABLE.search(node)]
    assert not broken, broken[:5]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_rate_is_named_with_the_thousands_written_as_the_tables_write_them(
    language: str,
) -> None:
    """Spanish and Portuguese tables print 63.542 and named the rate 'por cada 100 000'."""
    own = format_number(100_000, language, 0)
    nodes = _text_nodes(_html(language))
    named = [n for n in nodes if own in n and not any(c.isdigit() for c in n.replace(own, ""))]
    assert named, f"no words with {own!r}"
    for node in nodes:
        for number, value in _grouped_numbers(node):
            assert number == format_number(value, language, 0), (number, node)


@pytest.mark.parametrize("language", LANGUAGES)
def test_indicator_names_and_definitions_write_thousands_as_the_language_writes_numbers(
    language: str,
) -> None:
    """The catalogue's names are the report's row labels and the observatory's; the report's
    own words (column heads, axes, units) too."""
    table = catalogue_table(language)
    texts = [*table["name"], *table["definition"]]
    texts += [words[language] for words in STRINGS.values()]
    for text in texts:
        for number, value in _grouped_numbers(text):
            assert number == format_number(value, language, 0), (number, text)


def _bare_names(language: str) -> set[str]:
    """Names of the catalogue's percentages and rates that do not say their unit."""
    from analysis.report.context import says_unit

    table = catalogue_table(language)
    rated = table[table["unit"].isin(["percent", "per_100000", "per_1000"])]
    return {n for n, u in zip(rated["name"], rated["unit"], strict=True) if not says_unit(n, u)}


@pytest.mark.parametrize("language", ["es", "fr"])
def test_every_table_says_the_unit_of_the_indicators_it_names(language: str) -> None:
    """The areas' tables ('Resultados por área': 'Prevalencia delictiva en personas', 'Cifra
    negra'), the comparison with the state and the country, the groups' table and fear among
    victims named percentages with no unit, where the sections' tables say '(%)'."""
    from .test_builder import COUNTRY, STATE  # type: ignore[import-not-found]

    data = report_data(STATE, subareas=["01002", "01001"], country=COUNTRY)
    page = build_report(data, language=language, public=True).html
    body = page[: page.index('id="methodology"')]  # the annex's definitions name them bare
    heads = re.findall(r"<th[^>]*>(.*?)</th>", body, re.S)
    labels = re.findall(r'<td class="label[^"]*"[^>]*>(.*?)</td>', body, re.S)
    texts = {" ".join(html.unescape(re.sub(r"<[^>]+>", " ", t)).split()) for t in heads + labels}
    bare = _bare_names(language)
    assert 'id="subareas_municipality"' in page and "<th" in page
    assert not texts & bare, sorted(texts & bare)


def test_a_table_explains_the_dash_once() -> None:
    """Under each table with a suppressed estimate the legend said '— = no se publica: muy pocos
    casos o delitos, o sin varianza estimable' and the next note '— Estimación no publicada: no
    cumple los criterios de calidad (bandas del coeficiente de variación del INEGI (ENVIPE))': two
    explanations of one mark, the second naming the CV bands for a municipality of 22
    interviews."""
    from .test_builder import COUNTRY, MUNICIPALITY  # type: ignore[import-not-found]

    data = report_data(MUNICIPALITY, country=COUNTRY)
    table = data.indicators
    data.indicators.loc[table["domain"] == MUNICIPALITY.domain, "suppressed"] = True
    page = build_report(data, language="es", public=True).html
    blocks = re.findall(r'<div class="table-notes">(.*?)</div>', page, re.S)
    assert any("— = no se publica" in b for b in blocks)
    for block in blocks:
        text = html.unescape(re.sub(r"<[^>]+>", " ", block))
        assert len(re.findall(r"(?:^|\s)— ", text)) <= 1, text
