"""The annex speaks the report's language: sample and weighting headings, the rule set's name."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.indicators import QualityRules, with_minimum_cases
from analysis.report.i18n import Translator
from analysis.report.methodology import _plain_table, quality_section, rules_source

SAMPLE = pd.DataFrame(
    {
        "area": ["Norte"],
        "sample_units": [120],
        "completed": [90],
        "response_rate": [0.75],
        "RR3 rate": [0.7],
    }
)
WEIGHTING = pd.DataFrame({"step": ["base"], "n": [90], "cv": [0.4], "deff_kish": [1.2]})


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es", ["Área", "Unidades de muestra", "Completas", "Tasa de respuesta", "Tasa RR3"]),
        ("fr", ["Zone", "Unités d'échantillon", "Complètes", "Taux de réponse", "Taux RR3"]),
    ],
)
def test_sample_table_headings_are_translated(language: str, expected: list[str]) -> None:
    table = _plain_table(Translator(language), "x", SAMPLE)
    assert table.header == expected
    assert _plain_table(Translator(language), "x", WEIGHTING).header[2] != "cv"


def test_an_unknown_column_keeps_its_name() -> None:
    table = _plain_table(Translator("es"), "x", pd.DataFrame({"my_column": [1]}))
    assert table.header == ["my column"]


def test_the_rule_set_is_named_in_the_language_and_custom_sets_as_written() -> None:
    spanish = rules_source(Translator("es"), with_minimum_cases("inegi", 30))
    assert spanish == "bandas del coeficiente de variación del INEGI (ENVIPE)"
    custom = QualityRules(
        "inegi", "my own bands", ((1.0, "high", True),), (), frozenset({"insufficient"})
    )
    assert rules_source(Translator("es"), custom) == "my own bands"


@pytest.mark.parametrize("language", ["es", "en", "pt", "fr"])
def test_each_rule_row_names_the_case_that_gets_its_quality(language: str) -> None:
    """Every row of the annex's rule table reads "condition -> quality" ("CV < 15% -> high");
    the minimums read "sample cases ≥ 30 -> not published", the opposite of the rule."""
    t = Translator(language)
    section = quality_section(t, with_minimum_cases("inegi", 30))
    rows = [[cell.text for cell in row] for row in section.blocks[0].rows]
    minimums = [
        rule for rule, quality in rows if quality == t("quality_suppressed") and "≥" in rule
    ]
    assert not minimums, minimums
    cases = next(rule for rule, _ in rows if t.number(30, 0) in rule)
    assert "< 30" in cases, cases


def test_a_built_in_rule_set_is_named_by_its_source_not_its_id() -> None:
    for name in ("inegi", "ine_cl"):
        section = quality_section(Translator("es"), with_minimum_cases(name, 30))
        assert f"{name} —" not in section.paragraphs[0], section.paragraphs[0]
    spanish = quality_section(Translator("es"), with_minimum_cases("inegi", 30))
    assert "del INEGI (ENVIPE)" in spanish.paragraphs[0]
    custom = QualityRules(
        "mis_reglas", "my own bands", ((1.0, "high", True),), (), frozenset({"insufficient"})
    )
    assert "mis_reglas — my own bands" in quality_section(Translator("es"), custom).paragraphs[0]
