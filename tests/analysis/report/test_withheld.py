"""A municipality of some 25 interviews: its report was 29 pages, most of them tables of dashes.

Tables of the area whose estimates are all withheld become one sentence with the number of
interviews and the rule; the builder warns when most of the report is withheld. The quality
rules themselves are unchanged: the estimates stay suppressed."""

from __future__ import annotations

from functools import cache

import pytest

from analysis.indicators.quality import with_minimum_cases
from analysis.report import Methodology, Report, build_report

from .html_text import section, words  # type: ignore[import-not-found]
from .test_builder import MUNICIPALITY, report_data  # type: ignore[import-not-found]

INTERVIEWS = 22


def _small_municipality() -> dict[str, object]:
    data = report_data(MUNICIPALITY)
    table = data.indicators.copy()
    here = (table["domain_type"] == "municipality") & (table["domain"] == MUNICIPALITY.code)
    table.loc[here, "n"] = INTERVIEWS
    table.loc[here, "quality"] = "insufficient"
    table.loc[here, "suppressed"] = True
    return {
        "indicators": table,
        # a first wave: an earlier wave's published figures would keep a table worth reading
        "previous_wave": None,
        "previous": None,
        "changes": None,
        "methodology": Methodology(
            sample=data.methodology.sample, quality_rules=with_minimum_cases("inegi", 30)
        ),
    }


@cache
def _report(language: str, public: bool = True) -> Report:
    return build_report(
        report_data(MUNICIPALITY, **_small_municipality()), language=language, public=public
    )


@pytest.mark.parametrize(
    ("language", "why"),
    [
        (
            "es",
            "El área tiene 22 entrevistas y los criterios exigen al menos 30 casos por estimación",
        ),
        ("en", "The area has 22 interviews, and the rules require at least 30 cases per estimate"),
        (
            "pt",
            "A área tem 22 entrevistas, e os critérios exigem pelo menos 30 casos por estimativa",
        ),
        ("fr", "La zone compte 22\u00a0entretiens, et les règles exigent au moins 30\u00a0cas"),
    ],
)
def test_a_table_of_dashes_becomes_one_sentence_with_the_interviews_and_the_rule(
    language: str, why: str
) -> None:
    page = _report(language).html
    prevalence = section(page, "prevalence")
    assert 'class="estimates indicators' not in prevalence, "the table of dashes is still there"
    assert why in words(prevalence)
    # every section's own tables of the municipality are gone, each section saying it once
    assert 'class="estimates indicators' not in page
    for ident in ("prevalence", "reporting", "perception", "trust", "avoidance", "bribery"):
        assert words(section(page, ident)).count(why) == 1, ident


def test_tables_that_hold_the_state_and_the_country_are_kept() -> None:
    page = _report("en").html
    highlights = words(section(page, "highlights"))
    assert "Comparison with the state and the country" in highlights or "Norte Alto" in highlights
    assert "estimates compare" in section(page, "highlights")


def test_the_builder_warns_when_most_of_the_report_is_withheld() -> None:
    (warning,) = _report("en").warnings
    assert warning.startswith("Most of the report is not published: ")
    assert "estimates for San Telmo fail the quality rules" in warning
    assert "22 interviews" in warning and "at least 30 cases" in warning
    (aviso,) = _report("es").warnings
    assert aviso.startswith("La mayor parte del informe no se publica")


def test_the_internal_edition_keeps_every_table_flagged_and_warns_about_the_public_one() -> None:
    report = _report("en", public=False)
    assert 'class="estimates indicators' in report.html
    assert "22 interviews" not in words(section(report.html, "prevalence"))
    # it shows every estimate: 'Most of the report is not published' was not true of it
    (warning,) = report.warnings
    assert warning.startswith("In the public edition most of the report is not published: ")
    assert "(this internal edition shows them, marked ‡)" in warning
    assert "22 interviews" in warning
    (aviso,) = _report("es", public=False).warnings
    assert aviso.startswith("En la edición pública la mayor parte del informe no se publica")


def test_a_report_with_published_estimates_has_no_warning_and_keeps_its_tables() -> None:
    report = build_report(report_data(MUNICIPALITY), language="en")
    assert report.warnings == ()
    assert 'class="estimates indicators' in section(report.html, "prevalence")


def _withheld(interviews: int | None, minimum: int | None, hidden: int = 40, total: int = 40):
    from analysis.report.data import Area
    from analysis.report.withheld import Withheld

    return Withheld(Area("municipality", "07", "San Telmo"), hidden, total, interviews, minimum)


@pytest.mark.parametrize(
    ("language", "interviews", "minimum", "said"),
    [
        ("es", 1, 30, "El área tiene 1 entrevista y los criterios exigen al menos 30 casos "),
        ("en", 1, 30, "The area has 1 interview, and the rules require at least 30 cases "),
        ("pt", 1, 30, "A área tem 1 entrevista, e os critérios exigem pelo menos 30 casos "),
        (
            "fr",
            1,
            30,
            "La zone compte 1\u00a0entretien, et les règles exigent au moins 30\u00a0cas",
        ),
        # French says 0 in the singular, Spanish and English in the plural
        ("fr", 0, 30, "La zone compte 0\u00a0entretien, "),
        ("es", 0, 1, "El área tiene 0 entrevistas y los criterios exigen al menos 1 caso por"),
        ("en", 0, 1, "The area has 0 interviews, and the rules require at least 1 case per"),
        ("en", 2, 30, "The area has 2 interviews, "),
    ],
)
def test_one_interview_and_one_case_are_said_in_the_singular(
    language: str, interviews: int, minimum: int, said: str
) -> None:
    # "El área tiene 1 entrevistas": the sentence had one plural for every count
    from analysis.report.i18n import Translator
    from analysis.report.withheld import why

    assert why(Translator(language), _withheld(interviews, minimum)).startswith(said)


def test_the_warning_about_an_area_of_one_estimate_does_not_say_1_of_the_1() -> None:
    from analysis.report.i18n import Translator
    from analysis.report.withheld import withheld_warning

    one = withheld_warning(Translator("en"), _withheld(1, 30, hidden=1, total=1))
    assert one is not None and one.startswith(
        "The report is not published: the only estimate for San Telmo fails the quality rules."
    )
    assert "1 of the 1" not in one
    many = withheld_warning(Translator("en"), _withheld(20, 30, hidden=2, total=3))
    assert many is not None and "2 of the 3 estimates for San Telmo fail" in many
