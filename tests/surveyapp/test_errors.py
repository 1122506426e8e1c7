"""Error pages: JSON for API clients, HTML for browsers, no traceback, nothing stored."""

from __future__ import annotations

import html
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError

from surveyapp.extensions import db
from surveyapp.models import Role, SampleUnit, User, Wave

from ..conftest import csrf_token


def test_404_html_and_json(client: FlaskClient) -> None:
    html = client.get("/nowhere", headers={"Accept": "text/html"})
    assert html.status_code == 404 and html.mimetype == "text/html"
    assert "This page does not exist" in html.get_data(as_text=True)
    api = client.get("/api/nowhere")
    assert api.status_code == 404 and api.json == {
        "error": "Page not found",
        "message": api.json["message"],
        "status": 404,
    }
    asked = client.get("/nowhere", headers={"Accept": "application/json"})
    assert asked.status_code == 404 and asked.is_json


def test_405_keeps_allow_header(client: FlaskClient) -> None:
    response = client.post("/api/ping")
    assert response.status_code == 405 and response.is_json
    assert "GET" in response.headers["Allow"]


def test_413_for_oversized_body(
    app: Flask,
    client: FlaskClient,
    make_user: Callable[..., User],
    make_wave: Callable[..., Wave],
    login: Callable[..., Any],
) -> None:
    wave = make_wave()
    app.config["MAX_CONTENT_LENGTH"] = 1000
    login(client, make_user(Role.survey_manager))
    response = client.post("/manage/waves/new", data={"name": "x" * 5000})
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)
    upload = client.post(
        f"/manage/waves/{wave.id}/sample",
        content_type="multipart/form-data",
        data={"file": (io.BytesIO(b"external_id\n" + b"H\n" * 2000), "big.csv")},
    )
    assert upload.status_code == 413
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Wave.id))) == 1
        assert db.session.scalar(sa.select(sa.func.count(SampleUnit.id))) == 0


def test_500_shows_no_traceback(app: Flask) -> None:
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.route("/boom")
    def boom() -> str:
        raise RuntimeError("secret internals")

    client = app.test_client()
    html = client.get("/boom")
    assert html.status_code == 500
    body = html.get_data(as_text=True)
    assert "secret internals" not in body and "Traceback" not in body
    assert "Something went wrong" in body
    api = client.get("/boom", headers={"Accept": "application/json"})
    assert api.status_code == 500 and api.json["status"] == 500


@pytest.mark.parametrize("path", ["/api/health", "/api/ping"])
def test_api_endpoints(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200 and response.is_json


def test_a_database_outage_is_a_503_to_retry_in_the_users_language(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The database cannot be reached (down, restarting, a wrong address): every page says
    so with 503 and Retry-After, respondents in their language; no traceback, no 500."""
    from surveyapp import create_app

    app = create_app(
        {
            "SECRET_KEY": "k",
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp_path}/gone/db.sqlite",
        },
        instance_path=str(tmp_path / "instance"),
    )
    client = app.test_client()
    cases = [
        ("/s/encuesta?lang=es", "La encuesta no está disponible por un momento"),
        ("/s/encuesta?lang=pt", "A pesquisa está indisponível por um momento"),
        ("/s/c/SECRETCODE1", "The survey is unavailable for a moment"),
        ("/observatory/?lang=en", "The service cannot reach its data for a moment"),
        # the observatory in its default language when the link names none (DEFAULT_LANGUAGE)
        ("/observatory/", "El servicio no puede acceder a sus datos por un momento"),
    ]
    for path, message in cases:
        response = client.get(path, headers={"Accept-Language": "en"})
        assert response.status_code == 503, path
        assert response.headers["Retry-After"] == "60", path
        assert message in response.get_data(as_text=True), path
    api = client.get("/api/waves")
    assert api.status_code == 503 and api.json["status"] == 503
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "database unavailable on GET /s/c/<code>" in logged
    assert "SECRETCODE1" not in logged  # an invitation code never reaches the log
    with app.app_context():
        db.engine.dispose()


def _page(response: Any, code: int, language: str, *words: str) -> str:
    """The error page: ``code``, ``<html lang=language>``, the message in a ``lang`` block."""
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == code, page[:300]
    assert page.startswith(f'<!doctype html>\n<html lang="{language}">'), page[:80]
    assert f'<div lang="{language}">' in page
    assert [w for w in words if w not in page] == []
    return page


def test_a_staff_pages_other_errors_are_in_its_language(
    app: Flask,
    client: FlaskClient,
    make_user: Callable[..., User],
    make_wave: Callable[..., Wave],
    login: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """400 (a NUL character), 405, 409, 413, 500 and 503 on /manage in Spanish, Portuguese
    and French; the same pages stay English when nothing asks for another language."""
    wave = make_wave()
    login(client, make_user(Role.survey_manager))
    # 405 and a path no route answers: routing refused them before any view ran.
    page = _page(
        client.get(f"/manage/waves/{wave.id}/status?lang=es"),
        405,
        "es",
        "<title>Método no permitido",
        "Esta página no se puede usar de esa manera.",
        "Ir a la página de inicio",
    )
    assert "cannot be used that way" not in page
    assert client.get(f"/manage/waves/{wave.id}/status").headers["Allow"]
    _page(client.get("/manage/nowhere?lang=fr"), 404, "fr", "Cette page n'existe pas.")
    nul = client.post("/manage/waves/new", data={"name": "a\x00b"})
    page = _page(nul, 400, "fr", "Requête incorrecte", "caractère NUL")
    assert "NUL character" not in page
    app.config["MAX_CONTENT_LENGTH"] = 1000
    big = client.post("/manage/waves/new?lang=pt", data={"name": "x" * 5000})
    _page(big, 413, "pt", "Solicitação grande demais", "O que você enviou é grande demais.")
    app.config["MAX_CONTENT_LENGTH"] = None
    app.config["PROPAGATE_EXCEPTIONS"] = False
    from surveyapp.manage import routes

    failures: list[Exception] = [
        RuntimeError("secret internals"),
        StaleDataError("raced"),
        OperationalError("SELECT 1", {}, Exception("server closed the connection")),
    ]

    def fail(*args: object, **kwargs: object) -> None:
        raise failures.pop(0)

    monkeypatch.setattr(routes.response, "response_by_area", fail)
    page = _page(
        client.get(f"/manage/waves/{wave.id}?lang=es"),
        500,
        "es",
        "<title>Error del servidor",
        "Algo salió mal de nuestro lado.",
    )
    assert "secret internals" not in page and "Something went wrong" not in page
    _page(client.get(f"/manage/waves/{wave.id}"), 409, "es", "Otra persona cambió esto")
    outage = client.get(f"/manage/waves/{wave.id}?lang=fr")
    _page(outage, 503, "fr", "Le service ne peut pas accéder à ses données")
    assert outage.headers["Retry-After"] == "60"
    english = client.get(f"/manage/waves/{wave.id}/status?lang=en")
    _page(english, 405, "en", "This page cannot be used that way.", "Go to the home page")


def test_the_observatorys_errors_are_in_the_visitors_language(
    app: Flask,
    client: FlaskClient,
    make_user: Callable[..., User],
    make_wave: Callable[..., Wave],
    login: Callable[..., Any],
) -> None:
    """The observatory is read in ?lang= (else DEFAULT_LANGUAGE); its error pages said
    'Page not found' and 'Forbidden' in English to every visitor."""
    page = _page(
        client.get("/observatory/waves/987654?lang=pt"),
        404,
        "pt",
        "<title>Página não encontrada",
        "Esta página não existe. Verifique o endereço.",
        "Observatório",  # the observatory's frame, in the same language
    )
    assert "Page not found" not in page and "does not exist" not in page
    draft = make_wave(status="draft", public_report=True)
    _page(client.get(f"/observatory/waves/{draft.id}?lang=fr"), 404, "fr", "Page introuvable")
    # a path no route answers, and no ?lang=: the observatory's default language (es)
    _page(client.get("/observatory/nowhere"), 404, "es", "Página no encontrada")
    _page(client.post("/observatory/?lang=fr"), 405, "fr", "Méthode non autorisée")
    empty = make_wave(public_report=True)  # no interview yet: no report to download
    for download in ("report.pdf", "indicators.csv"):
        _page(
            client.get(f"/observatory/waves/{empty.id}/{download}?lang=es"),
            404,
            "es",
            "Este levantamiento aún no tiene entrevistas completas.",
        )
    private = make_wave(public_report=False)
    login(client, make_user(Role.interviewer))
    page = _page(
        client.get(f"/observatory/waves/{private.id}?lang=es"),
        403,
        "es",
        "<title>Acceso denegado",
        "No tiene permiso para ver esta página.",
    )
    assert "Forbidden" not in page
    _page(client.get(f"/observatory/waves/{private.id}?lang=en"), 403, "en", "Forbidden")


class TestStaffErrorsWithCsrfAndRateLimit:
    @pytest.fixture
    def app_config(self) -> dict[str, Any]:
        return {
            "WTF_CSRF_ENABLED": True,
            "RATELIMIT_ENABLED": True,
            "LOGIN_RATE_LIMIT": "2 per minute",
        }

    def test_an_expired_form_and_too_many_logins_are_refused_in_the_staff_language(
        self, client: FlaskClient
    ) -> None:
        expired = client.post("/auth/login?lang=es", data={"email": "a@example.org"})
        page = _page(expired, 400, "es", "El formulario había caducado o no se envió")
        assert "The form had expired" not in page
        data = {"email": "a@example.org", "password": "x", "csrf_token": csrf_token(client)}
        codes = [client.post("/auth/login?lang=pt", data=data).status_code for _ in range(2)]
        assert codes == [200, 200]
        limited = client.post("/auth/login?lang=pt", data=data)
        _page(limited, 429, "pt", "Tentativas demais. Aguarde alguns minutos")
        # An API client keeps the English JSON.
        api = client.post("/auth/login", data=data, headers={"Accept": "application/json"})
        assert api.status_code == 429 and api.json["message"].startswith("Too many attempts")
