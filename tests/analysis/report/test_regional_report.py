"""The regional comparison report, read back from the PDF: figures, notes, suppression, layout."""

from __future__ import annotations

import datetime as dt
import io
import re
from functools import cache

import pandas as pd
import pdfplumber
import pytest

from analysis.compare.regional import RegionalWave
from analysis.report.i18n import LANGUAGES
from analysis.report.regional import RegionalData, build_regional_report

from .pdf_layout import foreign_phrases, layout_problems  # type: ignore[import-not-found]

#: (estimate, se, suppressed) of the national rows
NORTE = {
    "prev_person": (24.14, 1.0, False),
    "sdg_16_1_4": (46.52, 2.0, False),
    "sdg_16_5_1": (17.38, 1.5, False),
    "trust_police": (40.07, 2.0, False),
    "dark_figure": (92.61, 1.0, False),
}
SUR = {
    "prev_person": (31.77, 1.2, False),
    "sdg_16_1_4": (47.03, 2.0, False),
    "sdg_16_5_1": (88.88, 3.0, True),  # suppressed: never in a public report
    "dark_figure": (93.02, 1.0, False),
}


def _table(values: dict[str, tuple[float, float, bool]]) -> pd.DataFrame:
    rows = []
    for ident, (estimate, se, hidden) in values.items():
        rows.append(
            {
                "indicator": ident,
                "domain_type": "national",
                "domain": "national",
                "estimate": estimate,
                "se": se,
                "ci_low": estimate - 1.684 * se,
                "ci_high": estimate + 1.684 * se,
                "level": 0.90,
                "cv": se / estimate,
                "n": 800,
                "df": 40.0,
                "quality": "insufficient" if hidden else "high",
                "suppressed": hidden,
            }
        )
    return pd.DataFrame(rows)


def _data() -> RegionalData:
    return RegionalData(
        [
            RegionalWave(
                "norte-2025",
                "República del Norte",
                "Encuesta Norte 2025",
                _table(NORTE),
                (dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
                {"tablet": 1.0},
                "vict_std",
                "1.0",
                (dt.date(2025, 2, 1), dt.date(2025, 3, 31)),
            ),
            RegionalWave(
                "sur-2024",
                "República del Sur",
                "Encuesta Sur 2024",
                _table(SUR),
                (dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
                {"web": 0.7, "tablet": 0.3},
                "vict_std",
                "1.1",
            ),
        ]
    )


@cache
def _pdf(language: str, public: bool = True) -> bytes:
    return build_regional_report(_data(), language=language, public=public).pdf_bytes()


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def test_each_estimate_is_printed_with_its_interval_and_the_wave_facts() -> None:
    text = " ".join(_text(_pdf("en")).split())
    assert "Regional comparison of standardized indicators" in text
    for figure in ("24.1", "31.8", "46.5", "47.0", "40.1", "92.6"):
        assert figure in text
    assert "22.5–25.8" in text  # 24.14 -/+ 1.684 x 1.0, one decimal
    assert "January 1, 2024 – December 31, 2024" in text
    assert "January 1, 2023 – December 31, 2023" in text
    assert "face-to-face interview" in text and "web + face-to-face interview" in text
    assert "vict_std 1.0" in text and "vict_std 1.1" in text


def test_comparability_notes_name_version_period_mode_and_missing_indicators() -> None:
    text = " ".join(_text(_pdf("en")).split())
    assert "Different versions of the questionnaire" in text
    assert "The reference periods do not overlap" in text
    assert "Different collection modes" in text
    assert "no estimate for República del Sur" in text  # trust in the police was not asked
    assert "not available" in text


def test_only_significant_published_differences_are_reported() -> None:
    text = " ".join(_text(_pdf("en")).split())
    # 31.77 - 24.14 = 7.63, se 1.56 on 80 df: significant; 16.1.4 (+0.5) is not
    assert "República del Sur differs significantly from República del Norte in:" in text
    assert "(+7.6 pp)" in text
    assert "16.1.4: feeling safe walking alone after dark (+" not in text


def test_a_suppressed_estimate_is_never_in_the_public_report_and_flagged_internally() -> None:
    public = _text(_pdf("en"))
    # the table's dash, said once in its quality legend
    assert "88.9" not in public and "— = not published" in public
    internal = _text(_pdf("en", public=False))
    assert "88.9‡" in internal.replace(" ", "")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_regional_report_fits_its_pages_in_one_language(language: str) -> None:
    pdf = _pdf(language)
    assert layout_problems(pdf) == []
    assert foreign_phrases(pdf, language) == []


def test_the_chart_calls_an_indicator_a_wave_does_not_have_not_available_not_unpublished() -> None:
    """República del Sur's questionnaire does not ask trust in the police: the table says "not
    available"; the chart once said "not published", as if a suppressed estimate. The
    suppressed bribery estimate stays "not published"."""
    html = build_regional_report(_data(), language="en").html
    svg = html[html.index("<svg") : html.index("</svg>")]
    title = re.search(r"<title>([^<]*)</title>", svg)
    chart = svg.replace(title.group(0), "") if title else svg  # what is drawn
    assert chart.count("not available") == 1  # trust in the police
    assert chart.count("not published") == 1  # bribery
    # and the chart's words for screen readers say the same
    assert title is not None and title.group(1).count("not available") == 1


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "Regional comparison · 1 survey wave"),
        ("es", "Comparación regional · 1 levantamiento"),
        ("pt", "Comparação regional · 1 levantamento"),
        ("fr", "Comparaison régionale · 1 vague d'enquête"),
    ],
)
def test_a_comparison_of_one_wave_says_one_wave(language: str, said: str) -> None:
    # the observatory compares one wave when one alone covers an area: '1 survey waves'
    one = RegionalData(_data().waves[:1])
    html = build_regional_report(one, language=language).html
    assert said in html
    assert " 1 survey waves" not in html and "1 levantamientos" not in html
    assert "1 levantamentos" not in html and "1 vagues" not in html
    if language == "en":
        assert (
            "Regional comparison · 2 survey waves"
            in build_regional_report(_data(), language="en").html
        )
