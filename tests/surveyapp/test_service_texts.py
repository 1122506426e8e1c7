"""The services' refusals as keys: every key in the staff table in es, en, pt and fr, and
said in the page's language (English, marked, when a service gives a plain sentence)."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from flask import Flask

from analysis.i18n import LANGUAGES
from surveyapp.extensions import db
from surveyapp.models import TokenScope
from surveyapp.service_texts import SERVICE_TEXTS, Problem
from surveyapp.services import read_tokens
from surveyapp.services.sample import RowError, whole_number
from surveyapp.services.users import UserError, check_password_strength
from surveyapp.staff_texts import TEXTS, service_message

SERVICES = Path(__file__).resolve().parents[2] / "surveyapp" / "services"
#: The literal keys of ``Problem("key", ...)`` in the services' code.
USED = sorted(
    {
        key
        for path in SERVICES.rglob("*.py")
        for key in re.findall(r'Problem\(\s*"(\w+)"', path.read_text(encoding="utf-8"))
    }
)


def _names(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_services_use_keys_of_the_staff_table() -> None:
    assert len(USED) >= 20, USED
    assert [key for key in USED if key not in TEXTS] == []


@pytest.mark.parametrize("key", sorted({*USED, *SERVICE_TEXTS}))
def test_every_key_a_service_uses_is_said_in_four_languages_with_the_same_values(
    key: str,
) -> None:
    texts = TEXTS[key]
    assert sorted(texts) == sorted(LANGUAGES)
    assert all(texts[language].strip() for language in LANGUAGES)
    assert {language: _names(texts[language]) for language in LANGUAGES} == {
        language: _names(texts["en"]) for language in LANGUAGES
    }


def test_a_problem_is_its_english_sentence_and_a_wrong_key_fails_where_it_is_written() -> None:
    problem = Problem("password_too_short", n=10)
    assert str(problem) == "The password must have at least 10 characters."
    assert problem.text("pt") == "A senha deve ter pelo menos 10 caracteres."
    error = UserError("password", problem)
    assert str(error) == error.message == str(problem) and error.problem == problem
    with pytest.raises(KeyError, match="no service text"):
        Problem("password_is_short")
    assert set(SERVICE_TEXTS) <= set(TEXTS)


def test_a_number_out_of_range_is_grouped_as_the_language_writes_it() -> None:
    value, problem = whole_number("99999999999", Problem("word_people"))
    assert value is None and problem is not None
    assert str(problem) == ("99999999999 is out of range: people must be from 0 to 2,147,483,647")
    assert problem.text("es") == (
        "99999999999 está fuera del intervalo: el número de personas debe estar entre 0 "
        "y 2.147.483.647"
    )


def test_a_share_and_a_statistic_are_written_with_the_language_decimal_mark() -> None:
    compared = Problem("flag_compare", share=0.9, n=1200, rest=0.244, z=4.75)
    # the interviewer's count grouped by thousands (a flag named "12345 interviews" before)
    assert str(compared) == "90.0% of 1,200 against 24.4% in the rest of the wave (z = 4.8)"
    assert compared.text("es") == (
        "90,0% de 1.200 frente a 24,4% en el resto del levantamiento (z = 4,8)"
    )
    assert compared.text("fr").startswith("90,0\u00a0% sur 1\u202f200 ")  # no-break spaces
    assert ", 24,4\u00a0% dans" in compared.text("fr").replace(" contre", ",")
    night = Problem("flag_night_figures", n=2, start=22, end=7)
    assert night.text("fr") == "2 entre 22 h et 7 h"
    assert (
        Problem("flag_short_figures", n=12345).text("pt")
        == "12.345 abaixo da faixa do levantamento"
    )
    assert Problem("flag_redrawn_figures", n=12345).text("en") == "households: 12,345"
    # one household: the quality page of the demo said "1 households"
    assert Problem("flag_redrawn_figures", n=1).text("en") == "households: 1"
    assert Problem("not_whole_number", raw="1.5", what="x").text("es") == (
        '"1.5" no es un número entero de x'  # a value without a format is left as it is
    )


def test_a_file_problem_keeps_its_english_message_and_compares_without_its_problem() -> None:
    problem = Problem("sample_id_repeated", id="H1", first=2)
    row = RowError.of(4, "external_id", problem)
    assert row == RowError(4, "external_id", '"H1" is repeated (first on line 2)')
    assert (
        row.problem == problem
        and str(row) == 'line 4, column external_id: "H1" is repeated (first on line 2)'
    )


def test_the_password_policy_gives_its_problem(app: Flask) -> None:
    with pytest.raises(UserError) as caught:
        check_password_strength("x" * 201)
    assert caught.value.problem == Problem("password_too_long", n=200)
    assert caught.value.message == "The password must have at most 200 characters."


def test_a_read_token_refusal_is_said_in_spanish_on_a_staff_page(app: Flask) -> None:
    with app.test_request_context("/manage/tokens?lang=es"):
        with pytest.raises(read_tokens.ReadTokenError) as caught:
            read_tokens.create_token(db.session, name="x" * 201, scope=TokenScope.public, by=None)
        assert caught.value.message == "The name may have at most 200 characters."
        assert service_message(caught.value) == "El nombre puede tener como máximo 200 caracteres."
    with app.test_request_context("/manage/tokens?lang=fr"):
        with pytest.raises(read_tokens.ReadTokenError) as caught:
            read_tokens.create_token(db.session, name=" ", scope=TokenScope.public, by=None)
        assert service_message(caught.value) == "Donnez au jeton un nom qui dise qui le détient."


def test_a_plain_english_refusal_stays_english_and_is_marked_so(app: Flask) -> None:
    with app.test_request_context("/manage/?lang=es"):
        said = service_message(
            UserError("review", "Only interviews sent from a tablet are reviewed.")
        )
        assert said == '<span lang="en">Only interviews sent from a tablet are reviewed.</span>'
    with app.test_request_context("/manage/?lang=en"):
        assert service_message(UserError("x", Problem("wave_name_missing"))) == (
            "Enter a name for the wave."
        )
