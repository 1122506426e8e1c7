"""The media, youth, coexistence and protection sections, the youth gap, fear by victim status
and the paradox table, read back from the PDF of a simulated wave."""

from __future__ import annotations

import io
from functools import cache

import pandas as pd
import pdfplumber
import pytest

from analysis.compare import fear_by_victimization, paradox_table
from analysis.indicators import compute_indicators
from analysis.indicators.catalogue import catalogue
from analysis.report import Area, ReportData, Wave, build_report
from analysis.report.i18n import LANGUAGES, STRINGS
from analysis.simulate import simulate_country

from .pdf_layout import foreign_phrases, layout_problems  # type: ignore[import-not-found]

TOPICS = ("media", "youth", "coexistence", "participation", "protection")
COUNTRY = Area("national", "national", "República Demo")


@cache
def _wave() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    sim = simulate_country(
        3, n_states=2, municipalities_per_state=2, households=1600, blocks_per_municipality=(10, 20)
    )
    table = compute_indicators(sim.respondents, sim.incidents, sim.design_spec)
    by_status = fear_by_victimization(sim.respondents, sim.incidents, sim.design_spec)
    groups = paradox_table(sim.respondents, sim.incidents, sim.design_spec)
    return table, by_status, groups


def _data(table: pd.DataFrame, **extra: object) -> ReportData:
    return ReportData(
        wave=Wave("ENVI 2026", "2025", "2026"),
        area=COUNTRY,
        indicators=table,
        **extra,  # type: ignore[arg-type]
    )


@cache
def _pdf(language: str) -> bytes:
    table, by_status, groups = _wave()
    data = _data(table, fear_by_victim=by_status, paradox=groups)
    return build_report(data, language=language).pdf_bytes()


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return " ".join(" ".join(p.extract_text() or "" for p in document.pages).split())


def _national(ident: str) -> pd.Series:
    table = _wave()[0]
    return table[(table["domain_type"] == "national") & (table["indicator"] == ident)].iloc[0]


def test_the_new_sections_show_their_estimates() -> None:
    text = _text(_pdf("en"))
    for key in ("sec_media", "sec_youth", "sec_coexistence", "sub_disorder", "sub_protection"):
        assert STRINGS[key]["en"] in text, key
    index = _national("disorder_index")
    assert f"{index['estimate']:.2f}" in text  # a mean, two decimals
    exposure = _national("media_exposure")
    assert f"{exposure['estimate']:.1f}" in text


def test_perceived_versus_actual_states_the_youth_gap_with_its_interval() -> None:
    text = _text(_pdf("en"))
    perceived = _national("youth_share_perceived")
    # from the incidents when they are published (50 incidents at least), else the victims
    basis = "incidents" if not _national("youth_gap_incidents")["suppressed"] else "victims"
    actual = _national(f"youth_share_{basis}")
    gap = _national(f"youth_gap_{basis}")
    assert not gap["suppressed"]
    assert gap["estimate"] == pytest.approx(perceived["estimate"] - actual["estimate"])
    interval = f"(90% CI {gap['ci_low']:.1f}–{gap['ci_high']:.1f})"
    if basis == "incidents":
        sentence = (
            f"People think young people commit {perceived['estimate']:.1f}% of local crime; "
            f"victims describe young offenders in {actual['estimate']:.1f}% of crimes: a gap of "
            f"+{gap['estimate']:.1f} points {interval}."
        )
    else:
        sentence = (
            f"People think young people commit {perceived['estimate']:.1f}% of local crime; "
            f"{actual['estimate']:.1f}% of victims describe young offenders: a gap of "
            f"+{gap['estimate']:.1f} points {interval}."
        )
    assert sentence in text
    assert STRINGS["sub_youth_gap"]["en"] in text


def test_fear_by_victim_status_and_the_paradox_table_are_placed() -> None:
    text = _text(_pdf("en"))
    by_status, groups = _wave()[1], _wave()[2]
    assert STRINGS["sub_fear_by_victim"]["en"] in text and STRINGS["sub_paradox"]["en"] in text
    first = by_status.iloc[0]
    assert f"{first['victims']:.1f}" in text and f"{first['non_victims']:.1f}" in text
    women = groups[(groups["group_type"] == "sex") & (groups["group"] == "2")].iloc[0]
    assert f"{women['fear']:.1f}" in text


@pytest.mark.parametrize("language", ["es", "fr"])
def test_the_paradox_table_names_the_insecurity_and_the_victimization_it_compares(
    language: str,
) -> None:
    """Its columns read 'Inseguridad' and 'Victimización': women 50,7 there, while the groups'
    table on the page before gave women 74,6 for feeling unsafe (in the municipality; this is
    the neighbourhood), and a reader took one for an error. Its notes name both."""
    from analysis.report.context import Formatter
    from analysis.report.i18n import Translator

    from .html_text import section, words  # type: ignore[import-not-found]

    table, _by_status, groups = _wave()
    page = build_report(_data(table, paradox=groups), language=language).html
    t = Translator(language)
    fmt = Formatter(t, 0.9, public=True)
    text = words(section(page, "paradox"))
    for part, ident in (("fear", "insecure_nbhd"), ("victimization", "prev_person")):
        assert f"{t(f'col_{part}')}{t.colon}{fmt.label(ident)}." in text, text


def test_a_suppressed_comparison_cell_is_blank_in_public_and_flagged_internally() -> None:
    table, by_status, _groups = _wave()
    hidden = by_status.copy()
    hidden.loc[0, "victims"] = 97.31
    hidden.loc[0, "victims_suppressed"] = True
    public = build_report(_data(table, fear_by_victim=hidden), language="en").pdf_bytes()
    assert "97.3" not in _text(public)
    internal = build_report(_data(table, fear_by_victim=hidden), language="en", public=False)
    assert "97.3<" in internal.html and "‡" in internal.html


def test_an_older_questionnaire_gets_no_empty_sections() -> None:
    table = _wave()[0]
    ids = {i.id for i in catalogue() if i.group in TOPICS}
    html = build_report(_data(table[~table["indicator"].isin(ids)]), language="en").html
    for key in ("sec_media", "sec_youth", "sec_coexistence", "sub_youth_gap"):
        assert STRINGS[key]["en"] not in html, key
    assert STRINGS["sec_perceived_actual"]["en"] in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sections_fit_their_pages_in_one_language(language: str) -> None:
    pdf = _pdf(language)
    assert layout_problems(pdf) == []
    assert foreign_phrases(pdf, language) == []
