"""A password someone else set (an administrator, the CLI) is temporary: its holder must choose
their own at the next login before anything else, on the website and for the interviewer app."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import pyotp
import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from surveyapp.extensions import db
from surveyapp.models import ApiToken, AuditLog, Role, User, utcnow
from surveyapp.models.users import StaffSession
from surveyapp.services.users import set_password

from ...conftest import csrf_token

TEMPORARY = "handed over on paper 42"
OWN = "my very own secret phrase"


def _stored(app: Flask, user_id: int) -> User:
    with app.app_context():
        user = db.session.get(User, user_id)
        assert user is not None
        db.session.expunge(user)
        return user


def _actions(app: Flask, user_id: int) -> list[tuple[str, int | None, dict[str, Any]]]:
    """(action, acting user id, details) of the audit entries about ``user_id``, oldest first."""
    with app.app_context():
        rows = db.session.execute(
            sa.select(AuditLog.action, AuditLog.user_id, AuditLog.details)
            .where(AuditLog.object_type == "user", AuditLog.object_id == str(user_id))
            .order_by(AuditLog.id)
        ).all()
    return [(a, u, dict(d or {})) for a, u, d in rows]


def _temporary(app: Flask, user: User, password: str = TEMPORARY) -> None:
    with app.app_context():
        row = db.session.get(User, user.id)
        assert row is not None
        set_password(db.session, row, password, temporary=True)
        db.session.commit()


def _create_on_the_page(
    app: Flask, manager: Callable[..., FlaskClient], email: str, role: str = "interviewer"
) -> User:
    admin = manager(Role.administrator)
    response = admin.post(
        "/manage/users/new",
        data={
            "email": email,
            "name": "New Person",
            "role": role,
            "area": "0",
            "password": TEMPORARY,
            "confirm": TEMPORARY,
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == email))
        assert user is not None
        db.session.expunge(user)
        return user


@pytest.fixture
def manager(app: Flask, make_user: Callable[..., User], login: Callable[..., Any]) -> Any:
    def factory(role: Role = Role.administrator) -> FlaskClient:
        client = app.test_client()
        assert login(client, make_user(role)).status_code == 302
        return client

    return factory


def _change(client: FlaskClient, current: str, new: str, confirm: str | None = None) -> Any:
    return client.post(
        "/auth/password",
        data={"current": current, "new": new, "confirm": new if confirm is None else confirm},
    )


def test_a_user_an_administrator_created_must_choose_a_password_before_anything_else(
    app: Flask, manager: Callable[..., FlaskClient], login: Callable[..., Any]
) -> None:
    user = _create_on_the_page(app, manager, "nueva@example.org")
    assert _stored(app, user.id).must_change_password
    client = app.test_client()
    assert login(client, user, TEMPORARY).status_code == 302
    for path in ("/fieldwork/", "/manage/", "/auth/sessions", "/auth/2fa/setup", "/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"].startswith("/auth/password"), path
    page = html.unescape(client.get("/auth/password?lang=en").get_data(as_text=True))
    assert "Your password is temporary: choose your own to continue." in page
    assert "An administrator set your current password, so they know it too." in page

    # The password policy in force: the temporary one again, a short one, a common one.
    same = html.unescape(_change(client, TEMPORARY, TEMPORARY).get_data(as_text=True))
    assert "The new password must differ from the current one." in same
    common = html.unescape(_change(client, TEMPORARY, "Password2024!").get_data(as_text=True))
    assert "list of common passwords" in common
    assert _change(client, TEMPORARY, "short").status_code == 200
    assert _stored(app, user.id).must_change_password
    assert client.get("/fieldwork/").status_code == 302

    done = _change(client, TEMPORARY, OWN)
    assert done.status_code == 302 and done.headers["Location"] == "/"
    assert not _stored(app, user.id).must_change_password
    assert client.get("/fieldwork/").status_code == 200  # still logged in, under the new password
    actions = _actions(app, user.id)
    created = next(a for a in actions if a[0] == "user.create")
    assert created[2]["temporary_password"] is True and created[1] is not None
    assert ("user.set_password", user.id, {}) in actions  # changed by its holder


def test_logout_works_while_the_password_is_temporary(
    app: Flask, client: FlaskClient, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    user = make_user(Role.supervisor)
    _temporary(app, user)
    assert login(client, user, TEMPORARY).status_code == 302
    assert client.post("/auth/logout").status_code == 302
    assert client.get("/auth/password").status_code == 302  # to the login: logged out
    assert "/auth/login" in client.get("/fieldwork/").headers["Location"]


def test_existing_and_self_chosen_passwords_are_not_forced(
    app: Flask, client: FlaskClient, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    user = make_user(Role.supervisor)
    assert not _stored(app, user.id).must_change_password
    assert login(client, user).status_code == 302
    assert client.get("/fieldwork/").status_code == 200
    page = client.get("/auth/password?lang=en").get_data(as_text=True)
    assert "An administrator set your current password" not in page


def test_an_administrator_resets_a_password_to_a_temporary_one(
    app: Flask,
    manager: Callable[..., FlaskClient],
    make_user: Callable[..., User],
    login: Callable[..., Any],
) -> None:
    user = make_user(Role.interviewer, email="olvido@example.org")
    theirs = app.test_client()
    assert login(theirs, user).status_code == 302
    admin = manager(Role.administrator)
    users_page = admin.get("/manage/users?lang=en").get_data(as_text=True)
    assert f'href="/manage/users/{user.id}/password"' in users_page
    form = html.unescape(admin.get(f"/manage/users/{user.id}/password?lang=en").text)
    assert "Reset the password of olvido@example.org" in form
    weak = admin.post(
        f"/manage/users/{user.id}/password",
        data={"password": "password123", "confirm": "password123"},
    )
    assert weak.status_code == 200 and "list of common passwords" in html.unescape(weak.text)
    differ = admin.post(
        f"/manage/users/{user.id}/password", data={"password": TEMPORARY, "confirm": "other"}
    )
    assert differ.status_code == 200
    assert not _stored(app, user.id).must_change_password
    done = admin.post(
        f"/manage/users/{user.id}/password",
        data={"password": TEMPORARY, "confirm": TEMPORARY},
        follow_redirects=True,
    )
    assert "olvido@example.org has a temporary password" in html.unescape(done.text)
    assert "temporary password</span>" in done.text  # the tag in the list of users
    stored = _stored(app, user.id)
    assert stored.must_change_password and stored.check_password(TEMPORARY)
    # Their open session ended; they log in with the temporary password and must change it.
    assert "/auth/login" in theirs.get("/fieldwork/").headers["Location"]
    with app.app_context():
        assert not db.session.scalars(
            sa.select(StaffSession).where(
                StaffSession.user_id == user.id, StaffSession.ended_at.is_(None)
            )
        ).all()
    assert login(theirs, user, TEMPORARY).status_code == 302
    assert theirs.get("/fieldwork/").headers["Location"] == "/auth/password?next=/fieldwork/"
    actions = [(a, d) for a, by, d in _actions(app, user.id) if by != user.id]
    assert ("user.set_temporary_password", {}) in actions
    assert ("user.sessions_end_all", {"sessions": 1, "reason": "password reset"}) in actions
    audit = html.unescape(admin.get("/manage/audit?lang=es").text)
    assert "contraseña temporal fijada por otro" in audit
    assert "contraseña restablecida por un administrador" in audit


def test_an_administrator_changes_their_own_password_on_its_own_page(
    app: Flask, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    admin = make_user(Role.administrator)
    client = app.test_client()
    assert login(client, admin).status_code == 302
    assert f"/manage/users/{admin.id}/password" not in client.get("/manage/users").text
    response = client.get(f"/manage/users/{admin.id}/password")
    assert response.status_code == 302 and response.headers["Location"] == "/auth/password"
    assert not _stored(app, admin.id).must_change_password


def test_reset_page_of_nobody_is_404(manager: Callable[..., FlaskClient]) -> None:
    assert manager(Role.administrator).get("/manage/users/999999/password").status_code == 404


class TestWithCsrf:
    @pytest.fixture
    def app_config(self) -> dict[str, Any]:
        return {"WTF_CSRF_ENABLED": True}

    def test_reset_and_change_need_the_form_token(
        self, app: Flask, make_user: Callable[..., User], login: Callable[..., Any]
    ) -> None:
        user = make_user(Role.interviewer)
        admin = app.test_client()
        assert login(admin, make_user(Role.administrator)).status_code == 302
        url = f"/manage/users/{user.id}/password"
        forged = admin.post(url, data={"password": TEMPORARY, "confirm": TEMPORARY})
        assert forged.status_code == 400
        assert not _stored(app, user.id).must_change_password
        token = csrf_token(admin, url)
        ok = admin.post(
            url, data={"password": TEMPORARY, "confirm": TEMPORARY, "csrf_token": token}
        )
        assert ok.status_code == 302
        assert _stored(app, user.id).must_change_password

        theirs = app.test_client()
        assert login(theirs, user, TEMPORARY).status_code == 302
        no_token = theirs.post(
            "/auth/password", data={"current": TEMPORARY, "new": OWN, "confirm": OWN}
        )
        assert no_token.status_code == 400
        assert _stored(app, user.id).must_change_password
        token = csrf_token(theirs, "/auth/password")
        changed = theirs.post(
            "/auth/password",
            data={"current": TEMPORARY, "new": OWN, "confirm": OWN, "csrf_token": token},
        )
        assert changed.status_code == 302
        assert not _stored(app, user.id).must_change_password


class TestWithTwoFactorRequired:
    @pytest.fixture
    def app_config(self) -> dict[str, Any]:
        return {"TWO_FACTOR_REQUIRED_ROLES": ["administrator"]}

    def test_a_new_administrator_changes_the_password_then_sets_up_two_factor(
        self, app: Flask, make_user: Callable[..., User], login: Callable[..., Any]
    ) -> None:
        new_admin = make_user(Role.administrator)
        _temporary(app, new_admin)
        client = app.test_client()
        assert login(client, new_admin, TEMPORARY).status_code == 302
        # First the password (the second factor is bound to an account only its holder knows)...
        assert client.get("/manage/").headers["Location"] == "/auth/password?next=/manage/"
        assert client.get("/auth/2fa/setup").headers["Location"].startswith("/auth/password")
        assert client.get("/auth/password").status_code == 200
        assert _change(client, TEMPORARY, OWN).status_code == 302
        # ... then two-factor authentication, which the role requires.
        assert client.get("/manage/").headers["Location"] == "/auth/2fa/setup"
        assert client.get("/auth/2fa/setup").status_code == 200

    def test_with_two_factor_on_the_code_comes_first_then_the_password(
        self, app: Flask, make_user: Callable[..., User], login: Callable[..., Any]
    ) -> None:
        user = make_user(Role.supervisor)
        secret = pyotp.random_base32()
        with app.app_context():
            row = db.session.get(User, user.id)
            assert row is not None
            row.totp_secret, row.totp_enabled_at = secret, utcnow()
            db.session.commit()
        _temporary(app, user)
        client = app.test_client()
        assert login(client, user, TEMPORARY).headers["Location"] == "/auth/2fa"
        assert "/auth/login" in client.get("/fieldwork/").headers["Location"]
        code = client.post("/auth/2fa", data={"code": pyotp.TOTP(secret).now()})
        assert code.status_code == 302
        assert client.get("/fieldwork/").headers["Location"].startswith("/auth/password")
        assert _change(client, TEMPORARY, OWN).status_code == 302
        assert client.get("/fieldwork/").status_code == 200


# ---- the interviewer app (field API) -------------------------------------------------------------


def _field_login(client: FlaskClient, user: User, password: str, **extra: str) -> Any:
    body = {"email": user.email, "password": password, "device": "Tab", **extra}
    return client.post("/api/field/login", json=body)


def _tokens(app: Flask) -> int:
    with app.app_context():
        return len(db.session.scalars(sa.select(ApiToken)).all())


def test_the_app_refuses_a_temporary_password_and_says_where_to_change_it(
    app: Flask, client: FlaskClient, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    interviewer = make_user(Role.interviewer)
    _temporary(app, interviewer)
    refused = _field_login(client, interviewer, TEMPORARY)
    body = refused.get_json()
    assert refused.status_code == 403
    assert (body["code"], body["reason"]) == ("password_change", "password_change")
    assert body["message"].startswith("Your password is temporary: change it on the website")
    # where: the page that changes it, whole (the tablet is not on the website)
    assert body["params"] == {"url": "http://localhost/auth/password"}
    assert "(http://localhost/auth/password)" in body["message"]
    assert _tokens(app) == 0
    # A wrong password still says only that the credentials are wrong.
    assert _field_login(client, interviewer, "not the password").get_json()["code"] == (
        "bad_credentials"
    )
    web = app.test_client()
    assert login(web, interviewer, TEMPORARY).status_code == 302
    assert _change(web, TEMPORARY, OWN).status_code == 302
    ok = _field_login(client, interviewer, OWN)
    assert ok.status_code == 200 and ok.get_json()["token"]


def test_the_app_asks_the_code_first_when_two_factor_is_on(
    app: Flask, client: FlaskClient, make_user: Callable[..., User]
) -> None:
    supervisor = make_user(Role.supervisor)
    secret = pyotp.random_base32()
    with app.app_context():
        row = db.session.get(User, supervisor.id)
        assert row is not None
        row.totp_secret, row.totp_enabled_at = secret, utcnow()
        db.session.commit()
    _temporary(app, supervisor)
    assert _field_login(client, supervisor, TEMPORARY).get_json()["code"] == "code_required"
    refused = _field_login(client, supervisor, TEMPORARY, code=pyotp.TOTP(secret).now())
    assert (refused.status_code, refused.get_json()["code"]) == (403, "password_change")
    assert _tokens(app) == 0


def test_the_app_says_it_in_every_language() -> None:
    from pathlib import Path

    import surveyapp

    source = (Path(surveyapp.__file__).parent / "static" / "field" / "i18n.js").read_text(
        encoding="utf-8"
    )
    line = next(x for x in source.splitlines() if x.strip().startswith("srv_password_change:"))
    assert "cámbiela primero en el sitio web" in line
    assert "change it on the website first" in line
    assert "altere-a primeiro no site" in line
    assert "temporaire\\u00a0: changez-le d’abord sur le site web" in line
    assert line.count("({url})") == 4, "every language says where"


# ---- the command line ----------------------------------------------------------------------------


def test_cli_created_users_and_cli_resets_are_temporary(
    app: Flask, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    runner = app.test_cli_runner()
    created = runner.invoke(
        args=["user", "create", "--email", "cli@example.org", "--role", "interviewer"],
        input=f"{TEMPORARY}\n{TEMPORARY}\n",
    )
    assert created.exit_code == 0, created.output
    assert "temporary" in created.output
    with app.app_context():
        row = db.session.scalar(sa.select(User).where(User.email == "cli@example.org"))
        assert row is not None and row.must_change_password

    user = make_user(Role.supervisor)
    client = app.test_client()
    assert login(client, user).status_code == 302
    weak = runner.invoke(
        args=["user", "set-password", "--email", user.email, "--password", "password12345"]
    )
    assert weak.exit_code != 0 and "list of common passwords" in weak.output
    assert not _stored(app, user.id).must_change_password
    reset = runner.invoke(
        args=["user", "set-password", "--email", user.email], input=f"{TEMPORARY}\n{TEMPORARY}\n"
    )
    assert reset.exit_code == 0, reset.output
    stored = _stored(app, user.id)
    assert stored.must_change_password and stored.check_password(TEMPORARY)
    assert "/auth/login" in client.get("/fieldwork/").headers["Location"]  # session ended
    assert ("user.set_temporary_password", None, {}) in _actions(app, user.id)
    nobody = runner.invoke(args=["user", "set-password", "--email", "no@example.org"])
    assert nobody.exit_code != 0 and "no user with email" in nobody.output


def test_the_reset_and_the_change_speak_the_staff_language(
    app: Flask,
    manager: Callable[..., FlaskClient],
    make_user: Callable[..., User],
    login: Callable[..., Any],
) -> None:
    user = make_user(Role.interviewer, email="ines@example.org")
    admin = manager(Role.administrator)
    users_page = html.unescape(admin.get("/manage/users?lang=es").text)
    assert "Restablecer la contraseña" in users_page
    form = html.unescape(admin.get(f"/manage/users/{user.id}/password?lang=pt").text)
    assert "Redefinir a senha de ines@example.org" in form
    assert "Definir a senha temporária" in form
    done = admin.post(
        f"/manage/users/{user.id}/password?lang=fr",
        data={"password": TEMPORARY, "confirm": TEMPORARY},
        follow_redirects=True,
    )
    page = html.unescape(done.text)
    assert "ines@example.org a un mot de passe temporaire\u00a0: remettez-le" in page
    assert ">mot de passe temporaire</span>" in page
    theirs = app.test_client()
    assert login(theirs, user, TEMPORARY).status_code == 302
    sent = theirs.get("/fieldwork/?lang=es", follow_redirects=True)
    spanish = html.unescape(sent.text)
    assert "Su contraseña es temporal: elija una propia para continuar." in spanish
    assert "Un administrador fijó su contraseña actual" in spanish
    same = _change(theirs, TEMPORARY, TEMPORARY)
    assert "La contraseña nueva debe ser distinta de la actual." in html.unescape(same.text)


def test_after_the_change_the_page_asked_for_comes_next(
    app: Flask, client: FlaskClient, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    user = make_user(Role.supervisor)
    _temporary(app, user)
    assert login(client, user, TEMPORARY).status_code == 302
    sent = client.get("/fieldwork/review?lang=pt")
    assert sent.headers["Location"] == "/auth/password?lang=pt&next=/fieldwork/review?lang%3Dpt"
    page = client.get(sent.headers["Location"]).text
    assert 'action="/auth/password?next=/fieldwork/review?lang%3Dpt"' in page
    done = client.post(
        "/auth/password?next=/fieldwork/review?lang%3Dpt",
        data={"current": TEMPORARY, "new": OWN, "confirm": OWN},
    )
    assert done.headers["Location"] == "/fieldwork/review?lang=pt"
    # A form post is not replayed after the change; another site is never the next page.
    _temporary(app, user, TEMPORARY)
    assert login(client, user, TEMPORARY).status_code == 302
    posted = client.post("/auth/sessions/1/end")
    assert posted.headers["Location"] == "/auth/password"
    away = client.post(
        "/auth/password?next=//evil.example/",
        data={"current": TEMPORARY, "new": OWN + "!", "confirm": OWN + "!"},
    )
    assert away.headers["Location"] == "/"
