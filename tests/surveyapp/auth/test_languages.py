"""Login, two-factor and session pages in the staff language (English when nothing asks)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient

from surveyapp.models import Role, User

from ...conftest import TEST_PASSWORD

#: English words of the auth templates, their forms and messages, and the staff frame.
ENGLISH = (
    "Skip to main content",
    "Staff menu",
    "Site menu",
    ">Log in<",
    ">Log out",
    "Staff login",
    "Email address",
    ">Password<",
    "Keep me logged in",
    "There is a problem",
    "Enter your",
    "is wrong",
    "Change your password",
    "Current password",
    "New password",
    "Repeat the new password",
    "At least 10 characters",
    "do not match",
    "Where you are logged in",
    "Sessions end after",
    ">Browser<",
    "Last seen",
    "Expires",
    "(this browser)",
    ">End",
    "Two-factor authentication",
    "authenticator app",
    "recovery codes",
    "Recovery codes",
    "Turn on",
    "Turn off",
    "Turn it off",
    ">Continue<",
    "Your role requires",
    "You have logged out",
    "Please log in",
    "common passwords",
    "does not match",
)


def _english_left(page: str) -> list[str]:
    return [phrase for phrase in ENGLISH if phrase in page]


def _in(client: FlaskClient, language: str) -> FlaskClient:
    """Every request of ``client`` asks for ``language`` (as a browser set to it does)."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    return client


def test_the_login_page_is_english_when_the_browser_asks_for_nothing_else(
    client: FlaskClient,
) -> None:
    page = client.get("/auth/login").get_data(as_text=True)
    assert '<html lang="en">' in page and ">Log in<" in page and "Email address" in page
    german = client.get("/auth/login", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert '<html lang="en">' in german


def test_the_login_page_in_portuguese_and_french_keeps_its_language_through_a_failed_post(
    app: Flask, make_user: Callable[..., User]
) -> None:
    user = make_user(Role.supervisor)
    portuguese = app.test_client()
    page = portuguese.get("/auth/login?lang=pt").get_data(as_text=True)
    assert '<html lang="pt">' in page and ">Entrar<" in page and ">Senha<" in page
    assert "Manter conectado neste dispositivo" in page and _english_left(page) == []
    # The form posts to /auth/login without ?lang=: the choice was remembered.
    wrong = portuguese.post("/auth/login", data={"email": user.email, "password": "not it"})
    failed = wrong.get_data(as_text=True)
    assert '<html lang="pt">' in failed and "Há um problema" in failed
    assert "O e-mail ou a senha estão incorretos" in failed and _english_left(failed) == []
    empty = portuguese.post("/auth/login", data={"email": "", "password": ""})
    assert "Digite o seu e-mail." in empty.get_data(as_text=True)

    french = _in(app.test_client(), "fr-CA,fr;q=0.9")
    page = french.get("/auth/login").get_data(as_text=True)
    assert '<html lang="fr">' in page and ">Se connecter<" in page and "Mot de passe" in page
    assert _english_left(page) == []
    missing = french.post("/auth/login", data={"email": user.email, "password": ""})
    assert "Saisissez votre mot de passe." in missing.get_data(as_text=True)


def test_the_password_sessions_and_two_factor_pages_are_spanish(
    app: Flask, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    user = make_user(Role.supervisor)
    client = _in(app.test_client(), "es")
    assert login(client, user).status_code == 302

    def spanish(response: Any, *words: str) -> str:
        page = str(response.get_data(as_text=True))
        assert response.status_code == 200
        assert '<html lang="es">' in page, page[:200]
        assert all(word in page for word in words), [w for w in words if w not in page]
        assert _english_left(page) == []
        return page

    spanish(client.get("/auth/sessions"), "Dónde tiene la sesión iniciada", "(este navegador)")
    spanish(client.get("/auth/password"), "Cambie su contraseña", "Repita la contraseña nueva")
    mismatch = client.post(
        "/auth/password",
        data={"current": TEST_PASSWORD, "new": "abcdefghijkl", "confirm": "abcdefghijkm"},
    )
    spanish(mismatch, "Hay un problema", "Las dos contraseñas nuevas no coinciden.")

    setup = spanish(client.get("/auth/2fa/setup"), "Configurar la verificación en dos pasos")
    match = re.search(r"data-totp-secret>([A-Z2-7]+)<", setup)
    assert match is not None
    secret = match.group(1)
    codes = client.post("/auth/2fa/setup", data={"code": pyotp.TOTP(secret).now()})
    spanish(codes, "sus códigos de recuperación", "Continuar")
    spanish(client.get("/auth/2fa/setup"), "La verificación en dos pasos está activada")

    out = client.post("/auth/logout", follow_redirects=True)
    spanish(out, "Ha cerrado la sesión.", "Iniciar sesión", "Correo electrónico")
    step = client.post(
        "/auth/login",
        data={"email": user.email, "password": TEST_PASSWORD},
        follow_redirects=True,
    )
    spanish(step, "Verificación en dos pasos", "códigos de recuperación")
    wrong = client.post("/auth/2fa", data={"code": "000000"})
    spanish(wrong, "El código es incorrecto o ya se usó")


def test_a_common_password_and_a_wrong_first_code_are_refused_in_the_staff_language(
    app: Flask, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    """The password policy and the two-factor set-up (services) answer in Spanish and French."""
    user = make_user(Role.supervisor)
    client = _in(app.test_client(), "es")
    assert login(client, user).status_code == 302
    common = client.post(
        "/auth/password",
        data={"current": TEST_PASSWORD, "new": "password12345", "confirm": "password12345"},
    )
    page = common.get_data(as_text=True)
    assert '<html lang="es">' in page and _english_left(page) == []
    assert "Esta contraseña está en una lista de contraseñas comunes" in page
    assert "common passwords" not in page
    client.get("/auth/2fa/setup?lang=fr")
    wrong = client.post("/auth/2fa/setup", data={"code": "000000"})
    page = wrong.get_data(as_text=True).replace("&#39;", "'")
    assert '<html lang="fr">' in page and _english_left(page) == []
    assert "Le code ne correspond pas. Vérifiez l'heure du téléphone" in page
    assert "does not match" not in page


def test_the_login_page_a_protected_page_sends_to_keeps_that_pages_language(
    app: Flask, make_user: Callable[..., User]
) -> None:
    make_user(Role.supervisor)
    for path, language, words in (
        ("/observatory/waves/1/microdata?lang=pt", "pt", "Entre no sistema"),
        ("/observatory/uploads?lang=fr", "fr", "Connectez-vous pour voir"),
        ("/manage/?lang=pt", "pt", "Entre no sistema"),
        ("/observatory/waves/1/microdata", "es", "Inicie sesión"),
    ):
        client = _in(app.test_client(), "en")  # a browser set to English
        response = client.get(path)
        assert response.status_code == 302, path
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        assert f'<html lang="{language}">' in page, path
        assert words in page and "Please log in" not in page, path


@pytest.mark.parametrize(
    ("language", "moment", "headings"),
    [
        (
            "es",
            r"\d{1,2} de [a-z]+ de \d{4}, \d{1,2}:\d{2}",
            ["Inicio de sesión (UTC)", "Última actividad (UTC)", "Vence (UTC)"],
        ),
        (
            "fr",
            r"\d{1,2}(er)?\u00a0[a-zéû]+\u00a0\d{4}, \d{2}:\d{2}",
            ["Connexion (UTC)", "Dernière activité (UTC)", "Expire (UTC)"],
        ),
    ],
)
def test_the_sessions_page_writes_its_times_in_the_staff_language_not_iso(
    app: Flask,
    make_user: Callable[..., User],
    login: Callable[..., Any],
    language: str,
    moment: str,
    headings: list[str],
) -> None:
    # the login, last request and end of each session read "2026-12-07 22:30 UTC"; then
    # "7 de diciembre de 2026, 22:30 UTC", the zone said again in each of the three columns:
    # now once, in each time column's heading ("Vence (UTC)"), as the audit log does
    import html

    client = _in(app.test_client(), language)
    assert login(client, make_user(Role.supervisor)).status_code == 302
    page = html.unescape(client.get("/auth/sessions").get_data(as_text=True))
    row = page[page.index("<tr data-session") : page.index("</tr>", page.index("<tr data-session"))]
    cells = re.findall(r'<time datetime="[^"]+">([^<]+)</time>', row)
    assert len(cells) == 3 and all(re.fullmatch(moment, cell) for cell in cells), cells
    visible = re.sub(r"<[^>]+>", " ", row)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", visible), visible
    # the zone, for machines: each <time datetime> keeps its ISO time with +00:00
    stamps = re.findall(r'<time datetime="([^"]+)">', row)
    assert len(stamps) == 3 and all(s.endswith("+00:00") for s in stamps), stamps
    main = page[page.index("<main") :]
    assert re.findall(r"<th\b[^>]*>([^<]*UTC[^<]*)</th>", main) == headings
    visible = re.sub(r"<(style|script)\b.*?</\1>|<[^>]+>", " ", main, flags=re.S)
    assert visible.count("UTC") == 3
