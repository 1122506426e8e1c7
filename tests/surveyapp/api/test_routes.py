"""The JSON API's health and ping endpoints."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from surveyapp import create_app


def test_health_and_ping(client: FlaskClient) -> None:
    health = client.get("/api/health")
    assert health.status_code == 200
    # the test tables come from create_all, not the migrations
    assert health.json == {"status": "ok", "database": "ok", "schema": "unversioned"}
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


def test_health_says_whether_the_schema_is_the_one_the_code_expects(
    app: Flask, runner: FlaskCliRunner
) -> None:
    """A load balancer keeps traffic off a server whose database was not migrated: none yet
    (``surveyapp init`` not run), or older (``surveyapp db upgrade`` forgotten after an
    upgrade), or of a version this code does not know."""
    from surveyapp.api.routes import schema_head
    from surveyapp.extensions import db

    client = app.test_client()
    with app.app_context():
        db.drop_all()
    missing = client.get("/api/health")
    assert missing.status_code == 503 and missing.json["schema"] == "missing"

    from alembic.script import ScriptDirectory

    from surveyapp import migrations_directory

    previous = (
        ScriptDirectory(str(migrations_directory())).get_revision(schema_head()).down_revision
    )
    assert isinstance(previous, str)
    assert runner.invoke(args=["db", "upgrade", previous]).exit_code == 0
    behind = client.get("/api/health")
    assert behind.status_code == 503
    assert behind.json == {"status": "error", "database": "ok", "schema": "behind"}

    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    current = client.get("/api/health")
    assert current.status_code == 200 and current.json["schema"] == "current"
    newest = sorted((Path(__file__).parents[3] / "migrations" / "versions").glob("0*.py"))[-1]
    assert newest.stem == schema_head()

    with app.app_context():
        db.session.execute(sa.text("UPDATE alembic_version SET version_num = '9999_future'"))
        db.session.commit()
    other = client.get("/api/health")
    assert other.status_code == 503 and other.json["schema"] == "other"
