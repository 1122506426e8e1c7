"""Login, logout, lockout, rate limit and CSRF on the staff side."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from surveyapp.extensions import db
from surveyapp.models import AuditLog, Role, User

from ...conftest import TEST_PASSWORD, csrf_token


def test_login_page_has_labelled_fields(client: FlaskClient) -> None:
    page = client.get("/auth/login").get_data(as_text=True)
    assert 'for="email">Email address</label>' in page and 'for="password">Password</label>' in page
    assert 'autocomplete="current-password"' in page


def test_login_then_logout(
    client: FlaskClient, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    user = make_user(Role.survey_manager)
    response = login(client, user)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert client.get("/").headers["Location"] == "/manage/"
    assert client.get("/auth/logout").status_code == 405  # a link cannot log anyone out
    out = client.post("/auth/logout")
    assert out.status_code == 302
    assert client.get("/manage/").status_code == 302


def test_wrong_password_gives_one_message_for_all_causes(
    client: FlaskClient, make_user: Callable[..., User]
) -> None:
    user = make_user(Role.analyst)
    wrong = client.post("/auth/login", data={"email": user.email, "password": "nope"}).get_data(
        as_text=True
    )
    unknown = client.post(
        "/auth/login", data={"email": "x@example.org", "password": "nope"}
    ).get_data(as_text=True)
    assert "email address or password is wrong" in wrong
    assert "There is a problem" in wrong and 'href="#password"' in wrong
    assert wrong.replace(user.email, "x@example.org") == unknown


def test_lockout_after_max_failures(
    app: Flask, client: FlaskClient, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    app.config.update(LOGIN_MAX_FAILED=3, LOGIN_LOCKOUT_MINUTES=15)
    user = make_user(Role.analyst)
    for _ in range(3):
        login(client, user, password="wrong password")
    response = login(client, user)  # right password, but locked
    assert response.status_code == 200
    with app.app_context():
        stored = db.session.get(User, user.id)
        assert stored is not None and stored.is_locked()
        actions = db.session.scalars(sa.select(AuditLog.action)).all()
        assert "user.locked" in actions


def test_next_parameter_only_allows_local_paths(
    client: FlaskClient, make_user: Callable[..., User]
) -> None:
    user = make_user(Role.survey_manager)
    for target, expected in [
        ("/manage/", "/manage/"),
        ("https://evil.example/", "/"),
        ("//evil.example", "/"),
    ]:
        client.post("/auth/logout")
        response = client.post(
            "/auth/login", data={"email": user.email, "password": TEST_PASSWORD, "next": target}
        )
        assert response.headers["Location"] == expected


def test_redirect_to_login_keeps_the_page(client: FlaskClient) -> None:
    response = client.get("/manage/waves/new")
    assert response.headers["Location"] == "/auth/login?next=/manage/waves/new"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'value="/manage/waves/new"' in page


class TestWithCsrf:
    @pytest.fixture
    def app_config(self) -> dict[str, Any]:
        return {"WTF_CSRF_ENABLED": True}

    def test_login_without_token_is_refused(
        self, client: FlaskClient, make_user: Callable[..., User]
    ) -> None:
        user = make_user(Role.supervisor)
        response = client.post("/auth/login", data={"email": user.email, "password": TEST_PASSWORD})
        assert response.status_code == 400
        assert "The form had expired" in response.get_data(as_text=True)
        assert client.get("/fieldwork/").status_code == 302

    def test_wrong_token_is_refused(
        self, client: FlaskClient, make_user: Callable[..., User]
    ) -> None:
        user = make_user(Role.supervisor)
        csrf_token(client)
        response = client.post(
            "/auth/login",
            data={"email": user.email, "password": TEST_PASSWORD, "csrf_token": "forged"},
        )
        assert response.status_code == 400

    def test_with_token_works_and_logout_needs_one(
        self, client: FlaskClient, make_user: Callable[..., User], login: Callable[..., Any]
    ) -> None:
        user = make_user(Role.supervisor)
        assert login(client, user).status_code == 302
        assert client.post("/auth/logout").status_code == 400
        assert client.get("/fieldwork/").status_code == 200
        token = csrf_token(client, "/fieldwork/")
        assert client.post("/auth/logout", data={"csrf_token": token}).status_code == 302
        assert client.get("/fieldwork/").status_code == 302


class TestRateLimit:
    @pytest.fixture
    def app_config(self) -> dict[str, Any]:
        return {"RATELIMIT_ENABLED": True, "LOGIN_RATE_LIMIT": "3 per minute"}

    def test_login_posts_are_limited(self, client: FlaskClient) -> None:
        codes = [
            client.post("/auth/login", data={"email": "a@example.org", "password": "x"}).status_code
            for _ in range(4)
        ]
        assert codes == [200, 200, 200, 429]
        limited = client.post("/auth/login", data={"email": "a@example.org", "password": "x"})
        assert "Too many attempts" in limited.get_data(as_text=True)
        assert "Traceback" not in limited.get_data(as_text=True)
        assert client.get("/auth/login").status_code == 200  # reading the page is not limited


def test_staff_session_cookie_expires_and_is_httponly(
    client: FlaskClient, make_user: Callable[..., User]
) -> None:
    user = make_user(Role.analyst)
    response = client.post(
        "/auth/login", data={"email": user.email, "password": TEST_PASSWORD, "remember": "y"}
    )
    cookies = response.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith("session="))
    remember_cookie = next(c for c in cookies if c.startswith("remember_token="))
    assert (
        "Expires=" in session_cookie
        and "HttpOnly" in session_cookie
        and "SameSite=Lax" in session_cookie
    )
    assert "HttpOnly" in remember_cookie


def test_changing_the_password_ends_other_sessions(
    app: Flask, client: FlaskClient, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    from surveyapp.services.users import set_password

    user = make_user(Role.supervisor)
    login(client, user)
    assert client.get("/fieldwork/").status_code == 200
    with app.app_context():
        stored = db.session.get(User, user.id)
        assert stored is not None
        set_password(db.session, stored, "another long password")
        db.session.commit()
    assert client.get("/fieldwork/").status_code == 302


def test_change_own_password(
    app: Flask, client: FlaskClient, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    user = make_user(Role.interviewer)
    login(client, user)
    wrong = client.post(
        "/auth/password",
        data={"current": "nope", "new": "a brand new password", "confirm": "a brand new password"},
    )
    assert "The current password is wrong." in wrong.get_data(as_text=True)
    short = client.post(
        "/auth/password", data={"current": TEST_PASSWORD, "new": "short", "confirm": "short"}
    )
    assert "at least 10 characters" in short.get_data(as_text=True)
    done = client.post(
        "/auth/password",
        data={
            "current": TEST_PASSWORD,
            "new": "a brand new password",
            "confirm": "a brand new password",
        },
    )
    assert done.status_code == 302
    assert client.get("/fieldwork/").status_code == 200  # this session survives the change
    with app.app_context():
        stored = db.session.get(User, user.id)
        assert stored is not None and stored.check_password("a brand new password")
