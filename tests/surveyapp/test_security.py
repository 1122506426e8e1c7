"""One rule for every request: no NUL character in the path, the query, a form or a JSON body.

PostgreSQL refuses NUL in text ("cannot contain NUL"), which was a 500, and SQLite
stores it silently; both databases now get a 400 naming the problem before any
view runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from surveyapp.extensions import db
from surveyapp.models import AuditLog, Role, User, Wave


def _refused(response: Any) -> None:
    assert response.status_code == 400, response.status_code
    assert "NUL" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("GET", "/s/%00", None),
        ("GET", "/s/%00/resume", None),
        ("POST", "/s/%00/resume", {"code": "ABCD-EFGH"}),
        ("POST", "/s/%00/start", {}),
        ("GET", "/s/c/AB%00CD", None),
        ("POST", "/s/code", {"code": "AB\x00CD"}),
        ("GET", "/s/demo?lang=e%00s", None),
        ("POST", "/auth/login", {"email": "a\x00b@example.org", "password": "x"}),
        ("POST", "/auth/login", {"email": "a@example.org", "password": "x\x00"}),
        ("GET", "/observatory/?wave=1%00", None),
        ("GET", "/manage/%00", None),
    ],
)
def test_a_nul_character_anywhere_a_person_types_is_a_clear_400(
    client: FlaskClient, make_wave: Callable[..., Wave], method: str, path: str, data: Any
) -> None:
    make_wave(slug="demo")
    _refused(client.open(path, method=method, data=data))


def test_a_nul_in_a_form_field_name_or_json_body_is_refused_too(client: FlaskClient) -> None:
    _refused(client.post("/auth/login", data={"e\x00mail": "a@example.org"}))
    response = client.put(
        "/api/field/interviews/00000000-0000-0000-0000-000000000000",
        json={"answers": {"q1": ["ok", {"note": "b\x00d"}]}},
    )
    assert response.status_code == 400 and response.is_json
    assert "NUL" in response.get_json()["message"]


@pytest.mark.parametrize(
    ("body", "nul"),
    [
        (b'{"answers": {"q1": "b\\u0000d"}}', True),  # the escape JSON writes NUL as
        ('{"answers": {"q1": "b\\u0000d"}}'.encode("utf-16"), True),  # NUL bytes everywhere
        (b'{"answers": {"q1": "b\\\\u0000d"}}', False),  # a backslash, then "u0000"
        (b'{"answers": {"q1": "b\\u0001d"}}', False),
    ],
)
def test_a_json_body_is_refused_exactly_when_a_value_holds_nul(
    client: FlaskClient, body: bytes, nul: bool
) -> None:
    response = client.put(
        "/api/field/interviews/00000000-0000-0000-0000-000000000000",
        data=body,
        content_type="application/json",
    )
    message = response.get_json()["message"] if response.is_json else ""
    assert ("NUL" in message) is nul, (response.status_code, message)


def test_a_staff_form_with_a_nul_changes_nothing(
    app: Flask,
    client: FlaskClient,
    make_user: Callable[..., User],
    login: Callable[..., Any],
) -> None:
    admin = make_user(Role.administrator)
    assert login(client, admin).status_code == 302
    with app.app_context():
        before = db.session.scalar(sa.select(sa.func.count()).select_from(User))
        audits = db.session.scalar(sa.select(sa.func.count()).select_from(AuditLog))
    response = client.post(
        "/manage/users/new",
        data={
            "email": "new@example.org",
            "name": "N\x00ew",
            "role": "analyst",
            "password": "x" * 20,
        },
    )
    _refused(response)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == before
        assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditLog)) == audits


def test_text_without_nul_is_untouched(client: FlaskClient, make_wave: Callable[..., Wave]) -> None:
    make_wave(slug="demo")
    assert client.get("/s/demo?lang=es").status_code == 200
    assert (
        client.post("/auth/login", data={"email": "ñ@example.org", "password": "x"}).status_code
        == 200
    )


def test_a_json_body_nested_too_deeply_for_the_parser_is_a_clear_400(client: FlaskClient) -> None:
    deep = b'{"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    for path in ("/auth/login", "/api/health", "/api/field/login"):
        response = client.post(path, data=deep, content_type="application/json")
        assert response.status_code == 400, path
        if path.startswith("/api/"):
            assert "nested too deeply" in response.get_json()["message"]
