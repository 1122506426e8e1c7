"""The app factory: configuration order, database URL, cookies, blueprints."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from surveyapp import create_app
from surveyapp.cli import cli
from surveyapp.config import SettingError, choices
from surveyapp.extensions import db


def test_defaults_then_environment_then_test_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SURVEYAPP_LOGIN_MAX_FAILED", "3")
    monkeypatch.setenv("SURVEYAPP_LOGIN_LOCKOUT_MINUTES", "7")
    app = create_app({"LOGIN_LOCKOUT_MINUTES": 9, "SECRET_KEY": "k"}, instance_path=str(tmp_path))
    assert app.config["LOGIN_MAX_FAILED"] == 3  # environment, parsed as JSON
    assert app.config["LOGIN_LOCKOUT_MINUTES"] == 9  # test_config wins
    assert app.config["RATELIMIT_STORAGE_URI"] == "memory://"  # default


def test_instance_config_file_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "config.py").write_text("LOGIN_MAX_FAILED = 11\nSECRET_KEY = 'from-file'\n")
    monkeypatch.delenv("SURVEYAPP_LOGIN_MAX_FAILED", raising=False)
    app = create_app(instance_path=str(tmp_path))
    assert app.config["LOGIN_MAX_FAILED"] == 11
    assert app.config["SECRET_KEY"] == "from-file"


def test_default_database_is_sqlite_in_instance_folder(tmp_path: Path) -> None:
    app = create_app({"SECRET_KEY": "k"}, instance_path=str(tmp_path))
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/surveyapp.sqlite"


@pytest.mark.parametrize(
    "given",
    ["postgres://u:p@db/x", "postgresql://u:p@db/x", "postgresql+psycopg://u:p@db/x"],
)
def test_postgres_urls_use_psycopg3(tmp_path: Path, given: str) -> None:
    app = create_app({"SECRET_KEY": "k", "DATABASE_URL": given}, instance_path=str(tmp_path))
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@db/x"


def test_the_instance_folder_and_a_new_sqlite_database_are_private(tmp_path: Path) -> None:
    """Every respondent's answers are in the SQLite file and its WAL: other accounts of the
    machine must not read them (SQLite alone creates the files 0644)."""
    instance = tmp_path / "instance"
    app = create_app({"SECRET_KEY": "k"}, instance_path=str(instance))
    with app.app_context():
        db.create_all()
        with db.engine.begin() as connection:  # a write: the WAL and shared-memory files appear
            connection.execute(sa.text("CREATE TABLE probe (x INTEGER)"))
            connection.execute(sa.text("INSERT INTO probe VALUES (1)"))
        files = sorted(instance.glob("surveyapp.sqlite*"))
        assert [f.name for f in files] == [
            "surveyapp.sqlite",
            "surveyapp.sqlite-shm",
            "surveyapp.sqlite-wal",
        ]
        for file in files:
            assert file.stat().st_mode & 0o077 == 0, file.name
        db.engine.dispose()
    assert instance.stat().st_mode & 0o077 == 0


def test_an_existing_sqlite_database_keeps_its_mode(tmp_path: Path) -> None:
    """An administrator who gave the file to a group keeps it so; an in-memory URL makes no file."""
    database = tmp_path / "shared.sqlite"
    database.touch(mode=0o640)
    database.chmod(0o640)
    shared = create_app(
        {"SECRET_KEY": "k", "DATABASE_URL": f"sqlite:///{database}"}, instance_path=str(tmp_path)
    )
    with shared.app_context():
        db.create_all()
        db.engine.dispose()
    assert database.stat().st_mode & 0o777 == 0o640
    memory = create_app(
        {"SECRET_KEY": "k", "DATABASE_URL": "sqlite://"}, instance_path=str(tmp_path / "i")
    )
    with memory.app_context():
        db.create_all()
    assert list((tmp_path / "i").iterdir()) == []


def test_secret_key_is_generated_once_and_private(tmp_path: Path) -> None:
    first = create_app({"DATABASE_URL": "sqlite://"}, instance_path=str(tmp_path))
    second = create_app({"DATABASE_URL": "sqlite://"}, instance_path=str(tmp_path))
    key_file = tmp_path / "secret_key"
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert len(first.config["SECRET_KEY"]) == 64
    assert key_file.stat().st_mode & 0o077 == 0


def test_create_app_creates_no_tables(tmp_path: Path) -> None:
    create_app({"SECRET_KEY": "k"}, instance_path=str(tmp_path))
    assert not (tmp_path / "surveyapp.sqlite").exists()


def test_session_cookie_flags(app: Flask) -> None:
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["MAX_CONTENT_LENGTH"] > 0


def test_blueprints_registered(app: Flask) -> None:
    assert {"main", "auth", "manage", "fieldwork", "observatory", "api", "respond"} <= set(
        app.blueprints
    )


def test_sqlite_foreign_keys_and_wal(app: Flask) -> None:
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("SQLite only")
        with db.engine.connect() as conn:
            assert conn.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"


def test_sqlite_commits_are_durable_unless_relaxed_before_writing(app: Flask) -> None:
    from surveyapp.extensions import relax_next_commit

    def level() -> int:
        return int(db.session.connection().exec_driver_sql("PRAGMA synchronous").scalar_one())

    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("SQLite only")
        assert level() == 2  # FULL
        assert relax_next_commit(db.session) and level() == 1
        db.session.execute(sa.text("CREATE TABLE relaxed (x INTEGER)"))
        db.session.commit()
        assert level() == 2  # durable again once the connection went back to the pool
        db.session.execute(sa.text("INSERT INTO relaxed VALUES (1)"))
        assert not relax_next_commit(db.session) and level() == 2  # too late: stays durable
        db.session.rollback()


def test_security_headers_and_no_store_on_staff_pages(client: FlaskClient) -> None:
    staff = client.get("/auth/login")
    assert staff.headers["X-Content-Type-Options"] == "nosniff"
    assert staff.headers["X-Frame-Options"] == "DENY"
    assert staff.headers["Cache-Control"] == "no-store"
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")


def test_trusted_proxies_make_forwarded_headers_count(tmp_path: Path) -> None:
    app = create_app(
        {"SECRET_KEY": "k", "TRUSTED_PROXIES": 1, "DATABASE_URL": "sqlite://"},
        instance_path=str(tmp_path),
    )

    @app.route("/whoami")
    def whoami() -> str:
        from flask import request

        return f"{request.remote_addr} {request.scheme}"

    answer = app.test_client().get(
        "/whoami", headers={"X-Forwarded-For": "198.51.100.7", "X-Forwarded-Proto": "https"}
    )
    assert answer.get_data(as_text=True) == "198.51.100.7 https"


@pytest.mark.parametrize("given", ["persons", "Household", "", None, 1])
def test_a_wrong_household_crimes_setting_stops_create_app_naming_it_and_its_values(
    tmp_path: Path, given: object
) -> None:
    with pytest.raises(SettingError) as stopped:
        create_app(
            {"SECRET_KEY": "k", "REPORT_HOUSEHOLD_CRIMES": given}, instance_path=str(tmp_path)
        )
    assert str(stopped.value) == (
        f"REPORT_HOUSEHOLD_CRIMES must be one of 'person', 'household', not {given!r}"
    )


def test_settings_from_the_environment_and_the_instance_file_are_checked_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SURVEYAPP_REPORT_HOUSEHOLD_CRIMES", "household")
    app = create_app({"SECRET_KEY": "k"}, instance_path=str(tmp_path))
    assert app.config["REPORT_HOUSEHOLD_CRIMES"] == "household"
    monkeypatch.setenv("SURVEYAPP_REPORT_HOUSEHOLD_CRIMES", "hogar")
    with pytest.raises(SettingError, match="REPORT_HOUSEHOLD_CRIMES must be one of"):
        create_app({"SECRET_KEY": "k"}, instance_path=str(tmp_path))
    monkeypatch.delenv("SURVEYAPP_REPORT_HOUSEHOLD_CRIMES")
    (tmp_path / "config.py").write_text("SECRET_KEY = 'k'\nREPORT_WORKER = 'inlne'\n")
    with pytest.raises(
        SettingError, match="REPORT_WORKER must be one of 'thread', 'inline', 'off'"
    ):
        create_app(instance_path=str(tmp_path))


@pytest.mark.parametrize("given", [0, -1, "30", 1.5, True, None])
def test_the_token_audit_days_must_be_a_whole_number_of_at_least_one(
    tmp_path: Path, given: object
) -> None:
    with pytest.raises(SettingError, match=r"API_TOKEN_AUDIT_DAYS must be a whole number of 1 or"):
        create_app({"SECRET_KEY": "k", "API_TOKEN_AUDIT_DAYS": given}, instance_path=str(tmp_path))


def test_the_allowed_household_weights_are_those_the_estimators_take() -> None:
    from analysis.indicators.compute import HOUSEHOLD_CRIMES

    assert choices("REPORT_HOUSEHOLD_CRIMES") == HOUSEHOLD_CRIMES


def test_the_command_line_prints_a_wrong_setting_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SURVEYAPP_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("SURVEYAPP_REPORT_HOUSEHOLD_CRIMES", "persons")
    result = CliRunner().invoke(cli, ["token", "list"])
    assert result.exit_code == 1
    assert "Error: REPORT_HOUSEHOLD_CRIMES must be one of 'person', 'household'" in result.output
    assert "Traceback" not in result.output


def test_session_cookie_follows_a_changed_secret_key(tmp_path: Path) -> None:
    """The session serializer is built once per key (surveyapp.SessionInterface): a cookie
    signed with the old key is refused after the key changes, and accepted again once the
    old key is listed in SECRET_KEY_FALLBACKS, as with Flask's own interface."""
    app = create_app({"TESTING": True, "SECRET_KEY": "one"}, instance_path=str(tmp_path))

    @app.get("/_set")
    def _set() -> str:
        from flask import session

        session["mark"] = "x"
        return "set"

    @app.get("/_get")
    def _get() -> str:
        from flask import session

        return str(session.get("mark"))

    client = app.test_client()
    client.get("/_set")
    assert client.get("/_get").get_data(as_text=True) == "x"
    app.config["SECRET_KEY"] = app.secret_key = "two"
    assert client.get("/_get").get_data(as_text=True) == "None"
    app.config["SECRET_KEY_FALLBACKS"] = ["one"]
    assert client.get("/_get").get_data(as_text=True) == "x"
