"""Faults a page-by-page reading of the status reports found (2026-12-08), read back from the
report's HTML (and the PDF where the drawing matters): negative numbers written with a
hyphen; a chart of several answers per crime adding up to 130 % without saying so; a
municipal report's fear-driver model, the national sample's, presented as if it were the
municipality's; a map of feeling unsafe that did not say where; the regional comparison's
tables explaining the dash twice; counts set by a rule ("fewer than {n} cases") always plural."""

from __future__ import annotations

import dataclasses
import io
import re
from functools import cache

import pandas as pd
import pdfplumber
import pytest
import shapely

from analysis.geo import synthetic_boundaries
from analysis.i18n import format_number, format_percent
from analysis.indicators.quality import QUALITY_RULES, Requirement
from analysis.indicators.reasons import Reason, reason_text
from analysis.report import Area, Methodology, build_report
from analysis.report.charts import _tick_text
from analysis.report.layout import REASONS
from analysis.report.maps import Shading
from analysis.report.regional import build_regional_report

from .html_text import section, words  # type: ignore[import-not-found]
from .test_builder import (  # type: ignore[import-not-found]
    COUNTRY,
    MUNICIPALITY,
    STATE,
    STATES,
    report_data,
)
from .test_regional_report import _data as regional_data  # type: ignore[import-not-found]

LANGUAGES = ("es", "en", "pt", "fr")
MINUS = "\u2212"


def fear_by_victim() -> pd.DataFrame:
    """Fear among victims and non-victims (the columns of
    ``analysis.compare.fear_by_victimization``): non-victims fear more, a negative difference."""
    row = {
        "indicator": "insecure_nbhd",
        "unit": "percent",
        "victims": 41.2,
        "victims_ci_low": 38.0,
        "victims_ci_high": 44.4,
        "victims_n": 800,
        "non_victims": 44.93,
        "non_victims_ci_low": 43.0,
        "non_victims_ci_high": 46.9,
        "non_victims_n": 2400,
        "difference": -3.73,
        "p": 0.01,
        "level": 0.95,
    }
    return pd.DataFrame([row])


@cache
def _html(language: str) -> str:
    data = report_data(fear_by_victim=fear_by_victim())
    return build_report(data, language=language, public=True).html


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_negative_difference_is_written_with_the_minus_sign(language: str) -> None:
    """The fear-by-victimization table printed "-3,7": a hyphen, shorter than the plus sign
    of "+2,5" and lower. It is now the minus sign U+2212, in every language."""
    table = words(section(_html(language), "fear_by_victim"))
    expected = {"es": "−3,7", "en": "−3.7", "pt": "−3,7", "fr": "−3,7"}[language]
    assert expected + "†" in table, table
    assert not re.search(r"(?<![\w])-\d", words(_html(language))), "a hyphen before a number"


@pytest.mark.parametrize("language", LANGUAGES)
def test_numbers_percentages_chart_ticks_and_map_classes_share_the_minus_sign(
    language: str,
) -> None:
    decimal = "." if language == "en" else ","
    assert format_number(-3.66, language) == f"{MINUS}3{decimal}7"
    assert format_percent(-3.66, language).startswith(f"{MINUS}3{decimal}7")
    assert format_number(-0.04, language) == f"0{decimal}0"  # rounds to zero: no sign
    assert format_number(3.66, language) == f"3{decimal}7"
    assert _tick_text(-5.0, language) == f"{MINUS}5"
    labels = Shading((-10.0, -5.0, 0.0, 5.0), ("#a", "#b", "#c")).labels(language)
    assert labels[0] == f"{MINUS}10 – {MINUS}5"


MULTIPLE_ANSWERS = {
    "es": "Se podía dar más de una respuesta, por lo que los porcentajes suman más de 100.",
    "en": "More than one answer was allowed, so the percentages add up to more than 100.",
    "pt": "Era possível dar mais de uma resposta, por isso as porcentagens somam mais de 100.",
    "fr": "Plusieurs réponses étaient possibles, si bien que les pourcentages totalisent plus "
    "de 100.",
}


def _reasons(page: str) -> str:
    """The words of the reasons chart's caption (the reporting section's last figure)."""
    reporting = section(page, "reporting")
    return words(reporting[reporting.rindex("<figure") :])


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_reasons_chart_says_its_percentages_add_up_to_more_than_100(language: str) -> None:
    """Several reasons can be given for one unreported crime: the bars added up to about
    130 % and nothing said why."""
    data = report_data()
    reasons = data.indicators[data.indicators["indicator"].isin(REASONS)]
    national = reasons[reasons["domain_type"] == "national"]
    assert national["estimate"].sum() > 100  # the test data's reasons, as in a real survey
    assert MULTIPLE_ANSWERS[language] in _reasons(_html(language))


@pytest.mark.parametrize("area", [COUNTRY, MUNICIPALITY], ids=["national", "municipal"])
def test_reasons_that_add_up_to_100_or_less_have_no_such_note(area: Area) -> None:
    data = report_data(area)
    table = data.indicators
    table.loc[table["indicator"].isin(REASONS), "estimate"] = 90 / len(REASONS)
    page = build_report(data, language="es", public=True).html
    caption = _reasons(page)
    assert "más de una respuesta" not in caption, caption


NATIONAL_SAMPLE = {
    "es": "El modelo se estima con la muestra nacional, no solo con la de San Telmo: describe "
    "los factores asociados al temor en todo el país.",
    "en": "The model is estimated on the national sample, not on the sample of San Telmo alone: "
    "it describes what goes with fear across the country.",
    "pt": "O modelo é estimado com a amostra nacional, não só com a de San Telmo: descreve os "
    "fatores associados ao medo em todo o país.",
    "fr": "Le modèle est estimé sur l'échantillon national, et non sur le seul échantillon de "
    "San Telmo\u00a0: il décrit les facteurs associés à la peur dans l'ensemble du pays.",
}


@cache
def _area_html(area: Area, language: str) -> str:
    return build_report(report_data(area), language=language, public=True).html


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_municipal_report_says_its_fear_model_is_the_national_samples(language: str) -> None:
    """The municipal report presented the odds ratios of feeling unsafe (one model of the
    whole wave) under the municipality's name, as if fitted on its 400 interviews."""
    drivers = words(section(_area_html(MUNICIPALITY, language), "fear_drivers"))
    assert NATIONAL_SAMPLE[language] in drivers, drivers


def test_a_state_report_says_it_too_and_the_national_report_does_not() -> None:
    page = build_report(report_data(STATE, country=COUNTRY), language="en", public=True).html
    state = words(section(page, "fear_drivers"))
    assert "estimated on the national sample, not on the sample of Norte Alto alone" in state
    national = words(section(_area_html(COUNTRY, "en"), "fear_drivers"))
    assert "national sample" not in national, national


PERCEIVED_MAP = {
    ("state", "es"): "Se sienten inseguros en su estado\u00a0(%)",
    ("state", "en"): "Feel unsafe in their state\u00a0(%)",
    ("state", "pt"): "Sentem-se inseguros em seu estado\u00a0(%)",
    ("state", "fr"): "Se sentent en insécurité dans leur État ou région\u00a0(%)",
    ("municipality", "es"): "Se sienten inseguros en su municipio\u00a0(%)",
    ("municipality", "en"): "Feel unsafe in their municipality\u00a0(%)",
    ("municipality", "pt"): "Sentem-se inseguros em seu município\u00a0(%)",
    ("municipality", "fr"): "Se sentent en insécurité dans leur commune\u00a0(%)",
}


def _boundaries(level: str) -> dict[str, dict[str, shapely.Geometry]]:
    _country, states, munis = synthetic_boundaries("DEMO", {c: ["001", "002"] for c in STATES})
    if level == "state":
        return {"state": states}
    return {"municipality": {state + code: shape for (state, code), shape in munis.items()}}


@cache
def _mapped(level: str, language: str) -> tuple[str, bytes]:
    area = COUNTRY if level == "state" else STATE
    extra: dict[str, object] = {"boundaries": _boundaries(level)}
    if level == "municipality":
        extra.update(country=COUNTRY, subareas=["01001", "01002"])
    report = build_report(report_data(area, **extra), language=language, public=True)
    return report.html, report.pdf_bytes()


@pytest.mark.parametrize("level", ["state", "municipality"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_map_of_feeling_unsafe_names_the_area_it_asks_about(level: str, language: str) -> None:
    """The middle map was titled "Se sienten inseguros (%)": unsafe where, in the
    neighbourhood, the municipality, the state? It maps the question about the level mapped."""
    page, _pdf = _mapped(level, language)
    maps = section(page, "maps")
    description = re.search(r"<title>([^<]*)</title>", maps)
    assert description is not None
    assert PERCEIVED_MAP[level, language] in words(description.group(1)), description.group(1)


@pytest.mark.parametrize("level", ["state", "municipality"])
def test_the_longer_map_titles_wrap_within_their_map(level: str) -> None:
    """French names the level in the longest title ("Se sentent en insécurité dans leur État
    ou région (%)"), wider than its map: it is drawn on two lines, no letter of it over the next
    map's title (read back from the PDF)."""
    _page, pdf = _mapped(level, "fr")
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = next(  # the maps' page: the first map's title, drawn in the chart
            p for p in doc.pages if "Victimes(%)" in re.sub(r"\s+", "", p.extract_text() or "")
        )
        chars = [c for c in page.chars if c["text"].strip()]
    lines: dict[int, list[dict[str, float]]] = {}
    for c in chars:
        lines.setdefault(round(c["top"]), []).append(c)
    overlaps = []  # letters drawn over others (more than kerning's 1 pt: "Fa")
    for key, line in lines.items():
        ordered = sorted(line, key=lambda c: c["x0"])
        overlaps += [
            (a["text"], b["text"], key)
            for a, b in zip(ordered, ordered[1:], strict=False)
            if b["x0"] < a["x1"] - 2
        ]
    assert not overlaps, overlaps
    text = re.sub(r"\s+", "", page.extract_text() or "")
    expected = re.sub(r"\s+", "", PERCEIVED_MAP[level, "fr"])
    assert expected not in text  # not on one line: wrapped


#: what the quality legend says the dash means, and the other note that said it again
DASH = {
    "es": ("— = no se publica", "— Estimación no publicada"),
    "en": ("— = not published", "— Estimate not published"),
    "pt": ("— = não publicada", "— Estimativa não publicada"),
    "fr": ("— = non publiée", "— Estimation non publiée"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_regional_table_explains_the_dash_once(language: str) -> None:
    """The regional comparison's table with the suppressed bribery estimate said what the dash
    means in its quality legend and again in a second note, as the status report's tables did
    before a8089a3; its chart, which has no legend, still says it."""
    page = build_regional_report(regional_data(), language=language, public=True).html
    legend, again = DASH[language]
    blocks = [words(b) for b in re.findall(r'<div class="table-notes">(.*?)</div>', page, re.S)]
    assert any(legend in b for b in blocks), blocks
    for block in blocks:
        assert again not in block, block
        assert len(re.findall(r"(?:^| )— ", block)) <= 1, block


#: the map legend's suppressed entry under a rule whose minimum is one case
ONE_CASE = {
    "es": "Suprimida: menos de 1 caso u otra regla de calidad",
    "en": "Suppressed: fewer than 1 case or another quality rule",
    "pt": "Suprimida: menos de 1 caso ou outra regra de qualidade",
    "fr": "Supprimée\u00a0: moins de 1 cas ou autre règle de qualité",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_rule_minimum_of_one_case_is_said_in_the_singular(language: str) -> None:
    """The rules' minimums are settings: a rule set of one case wrote "menos de 1 casos" under
    the maps. The legend now asks the one plural rule (Translator.count)."""
    rules = dataclasses.replace(
        QUALITY_RULES["bjs"], requirements=(Requirement("n", 1, "low", "few_cases"),)
    )
    data = report_data(
        COUNTRY, boundaries=_boundaries("state"), methodology=Methodology(quality_rules=rules)
    )
    maps = section(build_report(data, language=language, public=True).html, "maps")
    assert ONE_CASE[language] in words(maps), words(maps)
    plural = dataclasses.replace(rules, requirements=(Requirement("n", 2, "low", "few_cases"),))
    data = dataclasses.replace(data, methodology=Methodology(quality_rules=plural))
    maps = section(build_report(data, language=language, public=True).html, "maps")
    many = {"es": "menos de 2 casos", "en": "fewer than 2 cases", "pt": "menos de 2 casos"}
    assert many.get(language, "moins de 2 cas") in words(maps), words(maps)


@pytest.mark.parametrize(
    ("reason", "language", "said"),
    [
        (Reason("few_cases", 1), "es", "menos de 1 caso"),
        (Reason("few_cases", 1), "en", "fewer than 1 case"),
        (Reason("few_cases", 2), "en", "fewer than 2 cases"),
        (Reason("few_df", 1), "pt", "menos de 1 grau de liberdade"),
        (Reason("few_df", 1), "fr", "moins de 1 degré de liberté"),
        (Reason("few_incidents", 1), "es", "menos de 1 incidente"),
        (Reason("few_sample_cases", 2), "es", "1 caso muestral o menos"),
        (Reason("few_sample_cases", 2), "en", "1 sample case or fewer"),
        (Reason("few_sample_cases", 1), "pt", "0 caso amostral ou menos"),  # 0 is singular
        (Reason("few_sample_cases", 11), "es", "10 casos muestrales o menos"),
    ],
)
def test_a_reason_with_a_rule_minimum_of_one_says_it_in_the_singular(
    reason: Reason, language: str, said: str
) -> None:
    assert reason_text([reason], language) == said
