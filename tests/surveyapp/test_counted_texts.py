"""Staff texts about a count take their singular by the one rule, analysis.i18n.is_singular
(CLDR: 1 in English and Spanish, 0 and 1 in French and Portuguese), through staff_counted;
six templates once chose it by a comparison of their own with 1, so French '0' read
'0 problèmes' where the rule says '0 problème'."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, g

from surveyapp.models import Role, User, Wave
from surveyapp.staff_texts import staff_counted

TEMPLATES = Path(__file__).parents[2] / "surveyapp" / "templates"

#: The count texts of those templates and the noun each says in the singular and the plural.
NOUNS = {
    "boundary_file_problems": {"en": ("problem", "problems"), "fr": ("problème", "problèmes")},
    "police_file_problems": {"en": ("problem", "problems"), "fr": ("problème", "problèmes")},
    "census_file_problems": {"en": ("problem", "problems"), "fr": ("problème", "problèmes")},
    "file_problems": {"en": ("problem", "problems"), "fr": ("problème", "problèmes")},
    "area_problems_none_added": {
        "en": ("problem", "problems"),
        "fr": ("problème", "problèmes"),
    },
    "gaps_indicators": {
        "en": ("standard indicator", "standard indicators"),
        "fr": ("indicateur standard", "indicateurs standard"),
    },
    "n_interviews": {"en": ("interview", "interviews"), "fr": ("entretien", "entretiens")},
    # the messages of imports and uploads ('1 sample units imported' until they went through
    # staff_counted)
    "units_imported": {
        "en": ("sample unit", "sample units"),
        "fr": ("unité de l'échantillon importée", "unités de l'échantillon importées"),
    },
    "rows_imported": {
        "en": ("correct row was", "correct rows were"),
        "fr": ("ligne correcte a", "lignes correctes ont"),
    },
    "police_records_stored": {
        "en": ("police record", "police records"),
        "fr": ("donnée de la police enregistrée", "données de la police enregistrées"),
    },
    "population_totals_stored": {
        "en": ("population total", "population totals"),
        "fr": ("total de population enregistré", "totaux de population enregistrés"),
    },
    "boundaries_stored": {
        "en": ("boundary", "boundaries"),
        "fr": ("limite enregistrée", "limites enregistrées"),
    },
}
#: Which counts each language says in the singular.
SINGULAR = {"en": {1}, "fr": {0, 1}}


@pytest.mark.parametrize("key", sorted(NOUNS))
@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("count", [0, 1, 2])
def test_a_count_text_is_singular_where_the_language_says_so(
    app: Flask, key: str, language: str, count: int
) -> None:
    singular, plural = NOUNS[key][language]
    with app.test_request_context("/"):
        g.staff_page_language = language
        said = staff_counted(key, count, replaced=0)
    noun = singular if count in SINGULAR[language] else plural
    assert re.search(rf"\b{count} {noun}(?![a-zè])", said), said


def test_french_says_no_problem_and_one_interview_in_the_singular(app: Flask) -> None:
    with app.test_request_context("/"):
        g.staff_page_language = "fr"
        assert staff_counted("file_problems", 0) == "Le fichier a 0 problème"
        assert staff_counted("n_interviews", 1) == "1 entretien"
        assert staff_counted("n_interviews", 2) == "2 entretiens"
        g.staff_page_language = "en"
        assert staff_counted("file_problems", 0) == "The file has 0 problems"


#: A template choosing between texts by comparing a count with 0 or 1 itself.
OWN_RULE = re.compile(r"\bif\b[^%}]*?(?:==|!=)\s*[01]\b[^%}]*\belse\b")


def test_no_template_decides_singular_or_plural_by_a_comparison_of_its_own() -> None:
    found = [
        f"{path.relative_to(TEMPLATES)}:{number}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OWN_RULE.search(line)
    ]
    assert found == []


def test_importing_one_sample_unit_says_one_unit(
    app: Flask,
    make_wave: Callable[..., Wave],
    make_user: Callable[..., User],
    login: Callable[..., Any],
) -> None:
    # The flash read '1 sample units imported.' (st with n, no singular)
    wave = make_wave()
    browser = app.test_client()
    assert login(browser, make_user(Role.survey_manager)).status_code == 302
    page = browser.post(
        f"/manage/waves/{wave.id}/sample",
        data={"file": (io.BytesIO(b"external_id\nH1\n"), "sample.csv")},
        content_type="multipart/form-data",
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "1 sample unit imported." in page, page
