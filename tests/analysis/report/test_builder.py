"""Status reports: build them from indicator tables and read the PDF back.

The indicator tables are constructed here with known values (the layout of
``analysis.indicators.compute_indicators``), so the tests can look for
exact figures as the tables print them. ``test_builder_simulated.py`` builds
a report from a simulated wave end to end.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable

import numpy as np
import pandas as pd
import pdfplumber
import pytest

from analysis.indicators.catalogue import catalogue
from analysis.indicators.quality import assess_quality
from analysis.report import Area, Methodology, Report, ReportData, Wave, build_report
from analysis.report.context import Formatter, Lookup
from analysis.report.highlights import highlights, significant_changes
from analysis.report.i18n import LANGUAGES, STRINGS, Translator

from .pdf_layout import layout_problems  # type: ignore[import-not-found]

STATES = {"01": "Norte Alto", "02": "Valle Sur", "03": "Costa Azul"}
MUNICIPALITIES = {"01001": "San Telmo", "01002": "Villa Rica"}
GROUPS = [("sex", "1"), ("sex", "2"), ("youth", "18-29"), ("youth", "30+")]
COUNTRY = Area("national", "national", "República Demo")
STATE = Area("state", "01", "Norte Alto")
MUNICIPALITY = Area("municipality", "01001", "San Telmo")

#: values placed on purpose (domain_type, domain, indicator) -> (estimate, cv)
KNOWN = {
    ("national", "national", "prev_person"): (24.14, 0.03),
    ("national", "national", "insecure_state"): (63.27, 0.04),
    ("national", "national", "trust_army"): (41.26, 0.22),  # moderate
    ("national", "national", "avoid_weapon"): (6.43, 0.41),  # low
    ("municipality", "01001", "prev_person"): (31.62, 0.12),
    ("state", "01", "prev_person"): (27.81, 0.06),
}
#: suppressed in every table: shown only in internal reports
SUPPRESSED = ("national", "national", "prev_rob")
SUPPRESSED_VALUE = 91.73  # printed "91.7", interval 84.2–99.3; no other percentage reaches 80


def _domains() -> list[tuple[str, str]]:
    return (
        [("national", "national")]
        + [("state", c) for c in STATES]
        + [("municipality", c) for c in MUNICIPALITIES]
        + GROUPS
    )


def indicator_table(seed: int = 1, shift: float = 0.0) -> pd.DataFrame:
    """Every catalogue indicator for the nation, 3 states, 2 municipalities and 4 groups."""
    rng = np.random.default_rng(seed)
    ranges = {
        "percent": (5, 60),
        "per_100000": (15_000, 40_000),
        "per_1000": (100, 400),
        "ratio": (1.2, 1.8),
        "mean": (1.2, 4.0),
        "points": (2.0, 25.0),
    }
    rows = []
    for ind in catalogue():
        for kind, domain in _domains():
            est = float(rng.uniform(*ranges[ind.unit])) + shift
            cv = float(rng.uniform(0.02, 0.12))
            est, cv = KNOWN.get((kind, domain, ind.id), (est, cv))
            if (kind, domain, ind.id) == SUPPRESSED:
                est, cv = SUPPRESSED_VALUE, 0.05
            se = est * cv
            rows.append(
                {
                    "indicator": ind.id,
                    "domain_type": kind,
                    "domain": domain,
                    "estimate": est,
                    "se": se,
                    "ci_low": est - 1.645 * se,
                    "ci_high": est + 1.645 * se,
                    "level": 0.90,
                    "cv": cv,
                    "n": int(rng.integers(200, 3000)),
                    "df": 60.0,
                    "unit": ind.unit,
                }
            )
    table = pd.DataFrame(rows)
    table = pd.concat([table, assess_quality(table, "inegi")], axis=1)
    hidden = (table["domain_type"] == SUPPRESSED[0]) & (table["indicator"] == SUPPRESSED[2])
    table.loc[hidden, "quality"] = "insufficient"
    table.loc[hidden, "suppressed"] = True
    return table


def changes_table(current: pd.DataFrame) -> pd.DataFrame:
    out = current[["indicator", "domain_type", "domain"]].copy()
    out["difference"] = 1.5
    out["significant"] = False
    up = (out["indicator"] == "prev_person") & (out["domain_type"] == "national")
    out.loc[up, "significant"] = True
    return out


def report_data(area: Area = COUNTRY, **extra: object) -> ReportData:
    current = indicator_table(1)
    parents: dict[str, object] = {}
    if area.level == "municipality":
        parents = {"state": STATE, "country": COUNTRY}
    police = pd.DataFrame(
        {
            "domain_type": ["national", "state", "state", "state", "municipality"],
            "domain": ["national", "01", "02", "03", "01001"],
            "recorded": [81_234, 30_000, 25_000, 26_234, 4_321],
            "population": [9_000_000, 3_000_000, 3_000_000, 3_000_000, 400_000],
        }
    )
    odds = pd.DataFrame(
        {
            "term": ["Intercept", "victim", "C(sex)[T.2]", "C(area)[T.02]"],
            "odds_ratio": [0.5, 2.31, 1.47, 0.9],
            "or_ci_low": [0.4, 1.9, 1.2, 0.7],
            "or_ci_high": [0.6, 2.8, 1.8, 1.1],
            "p": [0.01, 1e-6, 0.002, 0.4],
            "level": 0.95,
        }
    )
    values: dict[str, object] = {
        "wave": Wave("ENVI 2026", "2025", "marzo-abril 2026"),
        "area": area,
        "indicators": current,
        "previous_wave": Wave("ENVI 2025", "2024", "2025"),
        "previous": indicator_table(2),
        "changes": changes_table(current),
        "police": police,
        "police_period": "2025",
        "fear_drivers": odds,
        "methodology": Methodology(
            sample=pd.DataFrame(
                {
                    "area": list(STATES.values()),
                    "completed": [812, 790, 805],
                    "response_rate": [0.71, 0.68, 0.74],
                }
            ),
        ),
        "area_names": {**STATES, **MUNICIPALITIES},
        **parents,
        **extra,
    }
    return ReportData(**values)  # type: ignore[arg-type]


class PdfText:
    """Text and drawing objects of every page of a PDF."""

    def __init__(self, pdf: bytes) -> None:
        with pdfplumber.open(io.BytesIO(pdf)) as doc:
            self.pages = [page.extract_text() or "" for page in doc.pages]
            self.drawings = [
                (len(page.rects), len(page.curves), len(page.lines)) for page in doc.pages
            ]
        self.text = "\n".join(self.pages)
        self.flat = re.sub(r"\s+", " ", self.text)
        # text drawn inside the SVG charts comes out without spaces
        self.compact = re.sub(r"\s+", "", self.text)

    def page_with(self, words: str) -> int:
        """The first page after the cover and the contents with ``words``."""
        for k, page in enumerate(self.pages[2:], start=2):
            if words in re.sub(r"\s+", " ", page):
                return k
        raise AssertionError(f"{words!r} is on no page")


def has_number(text: str, number: str) -> bool:
    """``number`` appears as a whole number (not inside 191.7 or 91.75)."""
    return re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d])", text) is not None


@pytest.fixture(scope="module")
def build() -> Callable[..., tuple[Report, PdfText]]:
    cache: dict[tuple[str, str, bool], tuple[Report, PdfText]] = {}

    def make(
        area: Area = COUNTRY, language: str = "es", public: bool = True
    ) -> tuple[Report, PdfText]:
        key = (area.level, language, public)
        if key not in cache:
            report = build_report(report_data(area), language=language, public=public)
            cache[key] = (report, PdfText(report.pdf_bytes()))
        return cache[key]

    return make


def test_public_report_prints_the_figures_area_and_spanish_headings(build):
    _, pdf = build()
    assert "República Demo" in pdf.pages[0]
    for heading in (
        "Principales resultados",
        "Prevalencia e incidencia delictiva",
        "Denuncia y cifra negra",
        "Inseguridad percibida frente a victimización",
        "Soborno (ODS 16.5.1)",
        "Anexo metodológico",
    ):
        assert heading in pdf.flat
    # prevalence 24.14 with its 90% interval, as the tables print them (Spanish: decimal comma)
    assert has_number(pdf.flat, "24,1")
    assert "22,9–25,3" in pdf.flat
    assert "IC 90%" in pdf.flat
    # police records and the odds ratio table
    assert "81.234" in pdf.flat
    assert has_number(pdf.flat, "2,31")
    # p-values with the decimal comma, the smallest too (was "<0.001" in every language)
    assert has_number(pdf.flat, "0,002") and "<0,001" in pdf.flat
    assert "0.001" not in pdf.flat


def test_highlights_call_only_significant_changes_changes(build):
    _, pdf = build()
    page = re.sub(r"\s+", " ", pdf.pages[pdf.page_with("Principales resultados")])
    assert "Aumento estadísticamente significativo respecto del levantamiento anterior" in page
    assert "Sin cambio significativo respecto del levantamiento anterior" in page
    assert page.count("estadísticamente significativ") == 1 + 1  # the one change + the note
    # the earlier wave is named once, in the note: every bullet read "respecto de Encuesta de
    # victimización simulada 2025 (semilla 1) (32,1%)", eleven times on the first page read
    assert page.count("ENVI 2025") == 1 and "Levantamiento anterior: ENVI 2025." in page


def test_charts_are_embedded_as_vector_graphics(build):
    _, pdf = build()
    k = pdf.page_with("Prevalencia por tipo de delito")
    rects, curves, lines = pdf.drawings[k]
    assert rects + curves >= 15  # one bar per crime type at least
    chart_pages = [
        pdf.page_with(title)
        for title in (
            "Delitos no denunciados según razón",
            "Confianza, desempeño y corrupción percibida",
            "Inseguridad percibida y prevalencia de victimización por estados",
            "Factores asociados al temor",
        )
    ]
    for k in chart_pages:
        assert sum(pdf.drawings[k]) > 20
    # axis labels with units and the source line are text
    assert "Porcentaje(%)" in pdf.compact
    assert "Fuente:Encuestadevictimización" in pdf.compact


def test_the_pdf_is_tagged_and_every_chart_has_its_words(build):
    # A statistics office publishing the report must give screen-reader users its structure
    # (headings, tables with header cells, reading order), its language, and words for each
    # chart. The PDF was untagged: to a screen reader, text in drawing order and no figures.
    report, _ = build()
    with pdfplumber.open(io.BytesIO(report.pdf_bytes())) as pdf:
        assert pdf.doc.catalog["MarkInfo"]["Marked"] is True
        assert pdf.doc.catalog["Lang"] == b"es"
        kinds: dict[str, list[object]] = {}

        def walk(node: dict[str, object]) -> None:
            kinds.setdefault(str(node.get("type")), []).append(node.get("alt_text"))
            for child in node.get("children", []):  # type: ignore[attr-defined]
                walk(child)

        for node in pdf.structure_tree:
            walk(node)
    for kind in ("H1", "H2", "Table", "TH", "TD", "P", "Figure"):
        assert kind in kinds, kind
    figures = kinds["Figure"]
    assert len(figures) == report.html.count('<figure class="chart">')
    assert all(isinstance(alt, str) and alt for alt in figures)
    # the prevalence chart's words give its estimate and interval as the table prints them
    prevalence = next(alt for alt in figures if str(alt).startswith("Prevalencia por tipo"))
    assert "Porcentaje (%)" in str(prevalence) and re.search(
        r"\d,\d \(\d+,\d–\d+,\d\)", str(prevalence)
    )


def test_quality_flags_are_marked_in_words_and_symbols(build):
    report, pdf = build()
    assert has_number(pdf.flat, "41,3*") or "41,3*" in pdf.flat  # moderate
    assert "6,4**" in pdf.flat  # low
    assert "Moderada" in pdf.flat and "Baja" in pdf.flat
    assert "** = baja" in pdf.flat
    assert 'class="num q-moderate"' in report.html and 'class="num q-low"' in report.html


def test_a_suppressed_estimate_never_appears_in_a_public_report(build):
    report, pdf = build(public=True)
    for number in ("91,7", "84,2", "99,3"):
        assert not has_number(pdf.flat, number), number
        assert not has_number(pdf.compact, number), number
        assert not has_number(report.html, number), number
    assert "USO INTERNO" not in pdf.flat
    assert "— = no se publica" in pdf.flat  # the quality legend says what the dash means
    assert ">no publicada</text>" in report.html  # in the chart, where the bar would be


def test_an_internal_report_shows_the_suppressed_estimate_flagged(build):
    report, pdf = build(public=False)
    assert "91,7‡" in pdf.flat and "84,2–99,3" in pdf.flat
    assert "91,7‡" in pdf.compact  # in the chart too
    assert all("USO INTERNO" in page for page in pdf.pages)  # cover, then every page header
    assert "se muestra solo en la edición interna" in pdf.flat


def test_municipal_report_compares_with_its_state_and_the_country_in_english(build):
    _, pdf = build(MUNICIPALITY, "en")
    assert "San Telmo" in pdf.pages[0]
    assert "Norte Alto" in pdf.flat and "República Demo" in pdf.flat
    assert "Comparison with the state and the country" in pdf.flat
    for value in ("31.6", "27.8", "24.1"):  # municipality, state, country prevalence
        assert has_number(pdf.flat, value)
    assert "San Telmo (Municipality)" in pdf.flat and "Norte Alto (State)" in pdf.flat


def test_spanish_and_english_headings_differ(build):
    _, es = build()
    _, en = build(MUNICIPALITY, "en")
    for spanish, english in (
        ("Principales resultados", "Highlights"),
        ("Anexo metodológico", "Methodology annex"),
        ("Denuncia y cifra negra", "Reporting to the authorities and the dark figure"),
    ):
        assert spanish in es.flat and spanish not in en.flat
        assert english in en.flat and english not in es.flat


def test_perceived_versus_actual_says_likelihood_and_prevalence_are_not_divided(build):
    _, pdf = build(MUNICIPALITY, "en")
    assert "are not divided by each other" in pdf.flat
    # the perceived trend next to the measured one (the municipality's change is not significant)
    assert "the prevalence measured by the survey did not change significantly from ENVI 2025" in (
        pdf.flat
    )
    k = pdf.page_with("are not divided by each other")
    chart = re.sub(r"\s+", "", pdf.pages[k])
    assert "Youngpeople(18–29)" in chart and "Women" in chart and "Feelunsafe" in chart


def test_the_fear_model_names_its_own_interval_level_and_only_the_references_it_has(build):
    _, pdf = build(MUNICIPALITY, "en")
    k = pdf.page_with("Factors associated with fear")
    page = re.sub(r"\s+", " ", pdf.pages[k])
    # the forest chart (its text comes out without spaces), by its axis
    [chart] = [p for p in (re.sub(r"\s+", "", p) for p in pdf.pages) if "Oddsratio(logscale)" in p]
    # the report's intervals are at 90%, the model's (its "level" column) at 95%: the chart says so
    source = chart[chart.index("Source:") :]
    assert source.startswith("Source:") and "95%confidenceintervals" in source
    assert "90%confidenceintervals" not in source
    # the model has sex and area terms, no age or trust terms: only their references are named
    assert "Reference: men, not a victim." in page
    assert "The model also adjusts for area" in page


def test_methodology_lists_rules_sample_and_definitions(build):
    _, pdf = build()
    k = pdf.page_with("Anexo metodológico")
    annex = re.sub(r"\s+", " ", " ".join(pdf.pages[k:]))
    assert (
        "del INEGI (ENVIPE)" in annex
        and "inegi" not in annex
        and "CV < 15%" in annex
        and "CV ≥ 30%" in annex
    )
    assert "71,0%" in annex  # response rate
    assert "Definiciones" in annex and "Prevalencia delictiva en personas" in annex


def test_french_percentages_keep_a_no_break_space_in_text_tables_and_charts(build):
    # CLDR fr "90,0\u00a0%": number and sign never part at a line end; the PDF reads the same
    report, pdf = build(language="fr")
    visible = re.sub(r"<[^>]+>", " ", re.sub(r"<style\b.*?</style>", "", report.html, flags=re.S))
    visible = html.unescape(visible)
    found = re.findall(r"\d[ \u00a0\u202f]?%", visible)
    assert len(found) > 40  # highlights, tables, the methodology's rules, the charts' sources
    assert {f[1:] for f in found} == {"\u00a0%"}
    assert "24,1\u00a0%" in visible and "CV < 15\u00a0%" in visible and "IC 90\u00a0%" in visible
    assert has_number(pdf.flat, "24,1") and "24,1 %" in pdf.flat  # extraction: a plain space
    assert layout_problems(report.pdf_bytes()) == []


def test_to_pdf_writes_a_path_and_a_file_object(tmp_path):
    table = indicator_table(1)
    few = table[(table["domain_type"] == "national") & table["indicator"].str.startswith("prev_p")]
    data = report_data(
        indicators=few,
        previous=None,
        previous_wave=None,
        changes=None,
        police=None,
        fear_drivers=None,
    )
    steps: list[tuple[str, float]] = []
    report = build_report(data, language="pt", progress=lambda s, f: steps.append((s, f)))
    target = tmp_path / "relatorio.pdf"
    report.to_pdf(target)
    buffer = io.BytesIO()
    report.to_pdf(buffer)
    assert target.read_bytes()[:5] == b"%PDF-" == buffer.getvalue()[:5]
    fractions = [f for _, f in steps]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert "Principais resultados" in report.html


def test_highlights_sentences_follow_the_comparison_table():
    t = Translator("en")
    current, previous = indicator_table(1), indicator_table(2)
    changes = changes_table(current)
    down = (changes["indicator"] == "incidence") & (changes["domain_type"] == "national")
    changes.loc[down, "significant"] = True
    changes.loc[down, "difference"] = -900.0
    now, before = Lookup(current, True), Lookup(previous, True)
    fmt = Formatter(t, 0.90, True)
    sentences = highlights(
        fmt, COUNTRY, now, before, significant_changes(changes, now, before), "Wave 1"
    )
    text = " ".join(sentences)
    assert (
        "Person prevalence: 24.1% (90% CI 22.9 to 25.3). A statistically significant increase"
        in text
    )
    assert "A statistically significant decrease from the previous wave" in text
    assert text.count("significant increase") == 1 and text.count("significant decrease") == 1
    assert "No significant change from the previous wave" in text


def test_highlights_do_not_quote_a_suppressed_estimate_or_compare_with_one():
    t = Translator("en")
    current, previous = indicator_table(1), indicator_table(2)
    key = (previous["domain_type"] == "national") & (previous["indicator"] == "prev_person")
    previous.loc[key, "suppressed"] = True
    hidden = (current["domain_type"] == "national") & (current["indicator"] == "incidence")
    current.loc[hidden, "suppressed"] = True
    now, before = Lookup(current, True), Lookup(previous, True)
    sentences = highlights(
        Formatter(t, 0.9, True),
        COUNTRY,
        now,
        before,
        significant_changes(changes_table(current), now, before),
        "Wave 1",
    )
    text = " ".join(sentences)
    assert "No comparison with Wave 1: the earlier estimate was not published." in text
    assert "the estimate is not published" in text
    assert "significant increase" not in text


def test_every_report_string_exists_in_all_four_languages():
    for key, texts in STRINGS.items():
        assert set(texts) == set(LANGUAGES), key
        assert all(texts.values()), key
    # CLDR's conventions (Babel): a narrow no-break space in French, a point in Spanish
    assert Translator("fr").number(12345.67, 1) == "12\u202f345,7"
    assert Translator("es").number(12345.67, 1) == "12.345,7"
    assert Translator("pt").number(63542.4, 0) == "63.542"
    assert Translator("en").number(-0.04, 1) == "0.0"
    with pytest.raises(ValueError, match="language"):
        Translator("de")


def test_report_data_names_what_is_missing():
    with pytest.raises(ValueError, match="state"):
        ReportData(Wave("w", "2025", "2026"), MUNICIPALITY, indicator_table(1), country=COUNTRY)
    with pytest.raises(ValueError, match="lacks column"):
        ReportData(Wave("w", "2025", "2026"), COUNTRY, indicator_table(1).drop(columns="cv"))
    with pytest.raises(ValueError, match="Area.level"):
        Area("county", "1", "x")


def test_areas_with_nothing_published_are_named_in_a_sentence_not_rows_of_dashes() -> None:
    data = report_data(STATE, subareas=["01002", "01001"], country=COUNTRY)
    table = data.indicators
    villa = (table["domain_type"] == "municipality") & (table["domain"] == "01002")
    table.loc[villa, "suppressed"] = True
    table.loc[villa, "quality"] = "insufficient"
    html = build_report(data, language="es", public=True).html
    municipal = html[html.index('id="subareas_municipality"') :]
    municipal = municipal[: municipal.index("</section>")]
    assert "San Telmo" in municipal and "<th" in municipal
    assert "Villa Rica</td>" not in municipal and ">Villa Rica<" not in municipal
    assert "publicable en esta tabla (muy pocos casos): Villa Rica." in municipal


def test_the_highlights_explain_the_mark_of_an_estimate_only_the_internal_edition_shows():
    """A first wave's internal report opened with 'Person prevalence: 25.0%‡' and nothing on
    that page said what ‡ means (the tables' pages did)."""
    data = report_data(previous_wave=None, previous=None, changes=None)
    table = data.indicators
    national = (table["domain_type"] == "national") & (table["indicator"] == "prev_person")
    table.loc[national, "suppressed"] = True
    html = build_report(data, language="en", public=False).html
    start = html.index('<section id="highlights"')
    section = html[start : html.index("<section", start + 1)]
    assert "‡" in section
    assert "shown in the internal edition only" in section
