"""The interviewer app, logging in with a temporary password (one an administrator set): the
tablet says in the interviewer's language to change it on the website first, not a generic
error; after the change on the website the same app logs in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from surveyapp.extensions import db
from surveyapp.models import Role, User
from surveyapp.services.users import set_password

playwright_sync = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

TEMPORARY = "handed over on paper 42"
APP = "/fieldwork/app/"


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("es-ES", "Su contraseña es temporal: cámbiela primero en el sitio web"),
        ("fr-FR", "Votre mot de passe est temporaire\u00a0: changez-le d’abord sur le site web"),
    ],
)
def test_the_app_says_to_change_a_temporary_password_on_the_website(
    app: Flask,
    live_server: str,
    browser: Any,
    make_user: Callable[..., User],
    locale: str,
    expected: str,
) -> None:
    user = make_user(Role.interviewer, email="ana@example.org")
    with app.app_context():
        row = db.session.get(User, user.id)
        assert row is not None
        set_password(db.session, row, TEMPORARY, temporary=True)
        db.session.commit()
    context = browser.new_context(locale=locale)
    context.set_default_timeout(20_000)
    try:
        page = context.new_page()
        page.goto(live_server + APP)
        page.fill("#email", "ana@example.org")
        page.fill("#password", TEMPORARY)
        page.fill("#device", "Tableta 7")
        page.locator("form button[type=submit]").click()
        error = page.locator("p.notice--error")
        error.wait_for(state="visible")
        assert error.inner_text().startswith(expected)
        assert f"({live_server}/auth/password)" in error.inner_text()  # where to change it
        assert page.locator("#sync-panel").count() == 0  # not logged in
    finally:
        context.close()
