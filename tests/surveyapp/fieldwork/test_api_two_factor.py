"""A device token is a login: the field API asks for the same second factor as the web login."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyotp
import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from surveyapp.extensions import db
from surveyapp.models import ApiToken, Role, User, utcnow

from ...conftest import TEST_PASSWORD


@pytest.fixture
def app_config() -> dict[str, Any]:
    """Two-factor authentication required for administrators, as by default."""
    return {"TWO_FACTOR_REQUIRED_ROLES": ["administrator"]}


def _with_two_factor(app: Flask, user: User) -> pyotp.TOTP:
    secret = pyotp.random_base32()
    with app.app_context():
        row = db.session.get(User, user.id)
        assert row is not None
        row.totp_secret = secret
        row.totp_enabled_at = utcnow()
        db.session.commit()
    return pyotp.TOTP(secret)


def _login(client: FlaskClient, user: User, code: str | None = None) -> tuple[int, dict]:
    body = {"email": user.email, "password": TEST_PASSWORD, "device": "Tab"}
    if code is not None:
        body["code"] = code
    response = client.post("/api/field/login", json=body)
    return response.status_code, response.get_json()


def _tokens(app: Flask) -> int:
    with app.app_context():
        return len(db.session.scalars(sa.select(ApiToken)).all())


def test_an_account_with_two_factor_needs_its_code_for_a_device_token(
    app: Flask, client: FlaskClient, make_user: Callable[..., User]
) -> None:
    supervisor = make_user(Role.supervisor)
    totp = _with_two_factor(app, supervisor)
    status, body = _login(client, supervisor)
    assert (status, body["code"]) == (401, "code_required")
    status, body = _login(client, supervisor, "000000" if totp.now() != "000000" else "111111")
    assert (status, body["code"]) == (401, "bad_code")
    assert _tokens(app) == 0
    status, body = _login(client, supervisor, totp.now())
    assert status == 200 and body["token"]
    assert _tokens(app) == 1


def test_a_role_that_must_have_two_factor_sets_it_up_on_the_website_first(
    app: Flask, client: FlaskClient, make_user: Callable[..., User]
) -> None:
    admin = make_user(Role.administrator)
    status, body = _login(client, admin)
    assert (status, body["code"]) == (403, "two_factor_setup")
    assert _tokens(app) == 0


def test_interviewers_without_two_factor_log_in_with_their_password(
    app: Flask, client: FlaskClient, make_user: Callable[..., User]
) -> None:
    status, body = _login(client, make_user(Role.interviewer))
    assert status == 200 and body["token"]
