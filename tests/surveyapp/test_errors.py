"""Error pages: JSON for API clients, HTML for browsers, no traceback, nothing stored."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from surveyapp.extensions import db
from surveyapp.models import Role, SampleUnit, User, Wave


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
        ("/observatory/", "The service cannot reach its data for a moment"),
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
