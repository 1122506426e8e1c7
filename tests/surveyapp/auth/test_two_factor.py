"""Staff two-factor authentication (TOTP and recovery codes), sessions and the password policy."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from typing import Any

import pyotp
import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from surveyapp.extensions import db
from surveyapp.models import AuditLog, Role, User
from surveyapp.models.users import RecoveryCode, StaffSession
from surveyapp.services.users import UserError, create_user, is_breached

from ...conftest import TEST_PASSWORD


def _actions(app: Flask, user_id: int) -> list[str]:
    with app.app_context():
        return list(
            db.session.scalars(
                sa.select(AuditLog.action)
                .where(AuditLog.object_id == str(user_id))
                .order_by(AuditLog.id)
            )
        )


def _enrol(client: FlaskClient) -> tuple[str, list[str]]:
    """Turn on 2FA for the logged-in client's user: (secret, recovery codes)."""
    page = client.get("/auth/2fa/setup").get_data(as_text=True)
    match = re.search(r"data-totp-secret>([A-Z2-7]+)<", page)
    assert match is not None and "<svg" in page
    secret = match.group(1)
    done = client.post("/auth/2fa/setup", data={"code": pyotp.TOTP(secret).now()})
    codes = re.findall(r"<li><code>([A-Z0-9-]+)</code></li>", done.get_data(as_text=True))
    return secret, codes


def _password_step(client: FlaskClient, user: User) -> Any:
    return client.post("/auth/login", data={"email": user.email, "password": TEST_PASSWORD})


def _next_code(secret: str) -> str:
    """A valid code of the step after the current one (accepted for clock drift; the current
    step was used up by the enrolment)."""
    totp = pyotp.TOTP(secret)
    return totp.at(time.time() + totp.interval)


def test_enrolment_shows_a_qr_code_and_stores_recovery_codes_hashed(
    app: Flask, client: FlaskClient, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    user = make_user(Role.analyst)
    login(client, user)
    page = client.get("/auth/2fa/setup").get_data(as_text=True)
    secret = re.search(r"data-totp-secret>([A-Z2-7]+)<", page).group(1)  # type: ignore[union-attr]
    wrong = client.post("/auth/2fa/setup", data={"code": "000000"})
    assert "does not match" in wrong.get_data(as_text=True)
    done = client.post("/auth/2fa/setup", data={"code": pyotp.TOTP(secret).now()})
    codes = re.findall(r"<li><code>([A-Z0-9-]+)</code></li>", done.get_data(as_text=True))
    assert len(codes) == 10 and len(set(codes)) == 10
    with app.app_context():
        stored = db.session.scalars(
            sa.select(RecoveryCode.code_hash).where(RecoveryCode.user_id == user.id)
        ).all()
        assert len(stored) == 10 and not set(codes) & set(stored)
        assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in stored)
        assert db.session.get(User, user.id).has_two_factor  # type: ignore[union-attr]
    assert "user.2fa_enable" in _actions(app, user.id)


def test_login_asks_for_the_code_and_never_accepts_one_twice(
    app: Flask, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    user = make_user(Role.survey_manager)
    first = app.test_client()
    login(first, user)
    secret, _codes = _enrol(first)

    browser = app.test_client()
    step = _password_step(browser, user)
    assert step.status_code == 302 and step.headers["Location"] == "/auth/2fa"
    assert browser.get("/manage/").status_code == 302  # not logged in before the code
    wrong = browser.post("/auth/2fa", data={"code": "123456"})
    assert "code is wrong" in wrong.get_data(as_text=True)
    code = _next_code(secret)
    assert browser.post("/auth/2fa", data={"code": code}).status_code == 302
    assert browser.get("/manage/").status_code == 200

    replay = app.test_client()
    _password_step(replay, user)
    again = replay.post("/auth/2fa", data={"code": code})
    assert again.status_code == 200 and "already used" in again.get_data(as_text=True)
    assert replay.get("/manage/").status_code == 302
    actions = _actions(app, user.id)
    assert "user.2fa_ok" in actions and actions.count("user.2fa_failed") == 2


def test_a_recovery_code_logs_in_once(
    app: Flask, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    user = make_user(Role.analyst)
    first = app.test_client()
    login(first, user)
    _secret, codes = _enrol(first)
    browser = app.test_client()
    _password_step(browser, user)
    assert browser.post("/auth/2fa", data={"code": codes[3].lower()}).status_code == 302
    again = app.test_client()
    _password_step(again, user)
    assert again.post("/auth/2fa", data={"code": codes[3]}).status_code == 200
    assert "user.2fa_recovery_code" in _actions(app, user.id)


def test_the_second_step_expires_and_needs_the_password_first(
    app: Flask, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    user = make_user(Role.analyst)
    first = app.test_client()
    login(first, user)
    secret, _codes = _enrol(first)
    stranger = app.test_client()
    assert stranger.post("/auth/2fa", data={"code": "123456"}).headers["Location"] == "/auth/login"
    app.config["TWO_FACTOR_LOGIN_SECONDS"] = 0
    browser = app.test_client()
    _password_step(browser, user)
    time.sleep(0.01)
    late = browser.post("/auth/2fa", data={"code": pyotp.TOTP(secret).now()})
    assert late.status_code == 302 and late.headers["Location"] == "/auth/login"


def test_a_required_role_enrols_before_anything_else_and_cannot_turn_it_off(
    app: Flask, client: FlaskClient, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    app.config["TWO_FACTOR_REQUIRED_ROLES"] = ["administrator"]
    admin = make_user(Role.administrator)
    login(client, admin)
    assert client.get("/manage/users").headers["Location"] == "/auth/2fa/setup"
    _enrol(client)
    assert client.get("/manage/users").status_code == 200
    refused = client.post(
        "/auth/2fa/disable", data={"password": TEST_PASSWORD}, follow_redirects=True
    )
    assert "cannot be turned off" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, admin.id).has_two_factor  # type: ignore[union-attr]


def test_an_optional_role_turns_it_off_with_the_password(
    app: Flask, client: FlaskClient, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    user = make_user(Role.analyst)
    login(client, user)
    _enrol(client)
    wrong = client.post("/auth/2fa/disable", data={"password": "nope"}, follow_redirects=True)
    assert "stays on" in wrong.get_data(as_text=True)
    client.post("/auth/2fa/disable", data={"password": TEST_PASSWORD})
    with app.app_context():
        stored = db.session.get(User, user.id)
        assert stored is not None and not stored.has_two_factor
        assert db.session.scalars(sa.select(RecoveryCode)).all() == []
    assert "user.2fa_disable" in _actions(app, user.id)


# ---- sessions ----


def test_a_user_sees_and_ends_their_other_sessions(
    app: Flask, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    user = make_user(Role.analyst)
    laptop, phone = app.test_client(), app.test_client()
    login(laptop, user)
    login(phone, user)
    page = laptop.get("/auth/sessions").get_data(as_text=True)
    ids = [int(i) for i in re.findall(r'data-session="(\d+)"', page)]
    assert len(ids) == 2 and "(this browser)" in page
    with app.app_context():
        rows = db.session.scalars(sa.select(StaffSession).order_by(StaffSession.id)).all()
        phone_id = rows[-1].id
    assert laptop.post(f"/auth/sessions/{phone_id}/end").status_code == 302
    assert phone.get("/observatory/uploads").status_code == 302  # logged out
    assert laptop.get("/auth/sessions").status_code == 200
    other = make_user(Role.analyst)
    login(phone, other)
    refused = phone.post(f"/auth/sessions/{ids[0]}/end", follow_redirects=True)
    assert "not one of yours" in refused.get_data(as_text=True)
    assert laptop.get("/auth/sessions").status_code == 200  # not ended by someone else
    assert "user.session_end" in _actions(app, user.id)


@pytest.mark.parametrize("column", ["last_seen_at", "expires_at"])
def test_idle_and_expired_sessions_end(
    app: Flask,
    client: FlaskClient,
    make_user: Callable[..., User],
    login: Callable[..., Any],
    column: str,
) -> None:
    user = make_user(Role.analyst)
    login(client, user)
    assert client.get("/auth/sessions").status_code == 200
    with app.app_context():
        past = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=121)
        db.session.execute(sa.update(StaffSession).values({column: past}))
        db.session.commit()
    assert client.get("/auth/sessions").status_code == 302


def test_logout_and_a_password_change_end_sessions(
    app: Flask, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    user = make_user(Role.analyst)
    here, there = app.test_client(), app.test_client()
    login(here, user)
    login(there, user)
    changed = here.post(
        "/auth/password",
        data={
            "current": TEST_PASSWORD,
            "new": "a brand new passphrase",
            "confirm": "a brand new passphrase",
        },
    )
    assert changed.status_code == 302
    assert there.get("/auth/sessions").status_code == 302
    assert here.get("/auth/sessions").status_code == 200
    here.post("/auth/logout")
    with app.app_context():
        live = db.session.scalars(
            sa.select(StaffSession).where(StaffSession.ended_at.is_(None))
        ).all()
    assert live == []


def test_an_old_style_session_without_a_staff_session_is_logged_out(
    app: Flask, client: FlaskClient, make_user: Callable[..., User]
) -> None:
    user = make_user(Role.analyst)
    with client.session_transaction() as sess:
        sess["_user_id"] = user.get_id()  # id and password fingerprint, no session token
        sess["_fresh"] = True
    assert client.get("/auth/sessions").status_code == 302


# ---- password policy ----


@pytest.mark.parametrize(
    "password", ["1234567890", "qwertyuiop", "Password2024!", "PASSWORD1234", "iloveyou12345"]
)
def test_common_passwords_are_refused(app: Flask, password: str) -> None:
    assert is_breached(password)
    with app.app_context(), pytest.raises(UserError, match="common passwords"):
        create_user(
            db.session, email="x@example.org", name="X", role=Role.analyst, password=password
        )


def test_the_list_is_shipped_and_an_unusual_password_passes(app: Flask) -> None:
    assert not is_breached("correct horse battery staple")
    assert not is_breached("tangerine-lorry-5-piano")
    with app.app_context(), pytest.raises(UserError, match="at most 200"):
        create_user(
            db.session, email="y@example.org", name="Y", role=Role.analyst, password="x" * 201
        )


def test_the_command_line_resets_a_lost_second_factor(
    app: Flask, client: FlaskClient, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    user = make_user(Role.analyst)
    login(client, user)
    _enrol(client)
    result = app.test_cli_runner().invoke(args=["user", "reset-2fa", "--email", user.email])
    assert result.exit_code == 0, result.output
    assert client.get("/auth/sessions").status_code == 302  # the session ended too
    with app.app_context():
        stored = db.session.get(User, user.id)
        assert stored is not None and not stored.has_two_factor
    assert "user.2fa_disable" in _actions(app, user.id)
    unknown = app.test_cli_runner().invoke(args=["user", "reset-2fa", "--email", "no@example.org"])
    assert unknown.exit_code != 0 and "no user" in unknown.output
