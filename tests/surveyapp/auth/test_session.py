"""The user loader: a session cookie whose user number names nobody is an anonymous visitor."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from surveyapp.models import Role, User
from surveyapp.models.base import parse_id


@pytest.mark.parametrize(
    "number",
    [
        "²",  # a digit to str.isdigit(), refused by int()
        "9" * 5000,  # beyond int()'s 4,300 digits
        "2147483648",  # beyond PostgreSQL's integer
        "0",
        "٣x",
    ],
)
def test_a_crafted_user_number_in_the_session_is_a_login_not_a_500(
    client: FlaskClient,
    make_user: Callable[..., User],
    login: Callable[..., Any],
    number: str,
) -> None:
    user = make_user(Role.survey_manager)
    login(client, user)
    assert client.get("/manage/").status_code == 200
    with client.session_transaction() as sess:
        _, fingerprint, token = str(sess["_user_id"]).split("-", 2)
        sess["_user_id"] = f"{number}-{fingerprint}-{token}"  # the session is signed: a key leak

    page = client.get("/manage/")
    assert page.status_code == 302 and page.headers["Location"].startswith("/auth/login")
    api = client.get("/manage/", headers={"Accept": "application/json"})
    assert api.status_code == 401 and api.is_json


def test_parse_id_takes_only_the_ids_an_integer_column_holds() -> None:
    assert parse_id("1") == 1 and parse_id("2147483647") == 2147483647
    assert parse_id("٣") == 3  # a decimal digit in another script: int() reads it
    for text in (
        "",
        "0",
        "-1",
        "+1",
        " 1",
        "1.0",
        "²",
        "¹²",
        "9" * 5000,
        "2147483648",
        "99999999999",
    ):
        assert parse_id(text) is None, text
