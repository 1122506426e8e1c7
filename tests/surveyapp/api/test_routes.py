"""The JSON API's health and ping endpoints."""

from __future__ import annotations

from pathlib import Path

from flask.testing import FlaskClient

from surveyapp import create_app


def test_health_and_ping(client: FlaskClient) -> None:
    health = client.get("/api/health")
    assert health.status_code == 200 and health.json == {"status": "ok", "database": "ok"}
    ping = client.get("/api/ping")
    assert ping.status_code == 200 and ping.json == {"pong": True}
    assert "Set-Cookie" not in ping.headers


def test_health_says_503_when_the_database_is_unreachable(tmp_path: Path) -> None:
    app = create_app(
        {
            "SECRET_KEY": "k",
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp_path}/missing/dir/db.sqlite",
        },
        instance_path=str(tmp_path / "instance"),
    )
    response = app.test_client().get("/api/health")
    assert response.status_code == 503 and response.json["database"] == "unavailable"
    with app.app_context():
        from surveyapp.extensions import db

        db.engine.dispose()
