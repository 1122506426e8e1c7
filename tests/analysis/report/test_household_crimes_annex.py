"""The methodology annex says how household crimes were weighted, in the report's language."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from analysis.i18n import LANGUAGES
from analysis.report import build_report
from analysis.report.i18n import STRINGS

from .test_builder import COUNTRY, report_data

WORDS = {
    ("es", "person"): "factor de la persona entrevistada, como en la ENVIPE",
    ("es", "household"): "factor del hogar, de modo que cada uno cuenta una vez por hogar",
    ("en", "person"): "respondent's person weight, as ENVIPE does",
    ("en", "household"): "household weight, so each counts once per household",
    ("pt", "person"): "peso da pessoa entrevistada, como na ENVIPE",
    ("pt", "household"): "peso do domicílio, de modo que cada um conta uma vez por domicílio",
    ("fr", "person"): "poids de la personne interrogée, comme l'ENVIPE",
    ("fr", "household"): "poids du ménage, si bien que chacune compte une fois par ménage",
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("mode", ["person", "household"])
def test_the_annex_states_the_weight_of_household_crimes(language: str, mode: str) -> None:
    data = report_data(COUNTRY)
    data = replace(data, methodology=replace(data.methodology, household_crimes=mode))
    html = build_report(data, language=language).html
    annex = re.search(r'<section id="methodology".*', html, re.S)
    assert annex is not None
    text = re.sub(r"\s+", " ", annex.group(0)).replace("&#39;", "'")
    assert WORDS[(language, mode)] in text
    other = "household" if mode == "person" else "person"
    assert WORDS[(language, other)] not in text
    assert STRINGS[f"household_crimes_{mode}"][language][-60:] in text
