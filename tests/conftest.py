"""Shared fixtures: a fresh app and database per test, clients and factories.

The database is a temporary SQLite file, or, when SURVEYAPP_TEST_DATABASE_URL
is set (see .ci/test), a uniquely named schema on that PostgreSQL server that
is dropped after the test. Tables come from the models (``create_all``);
tests/surveyapp/test_migrations.py checks that the migrations build the same.

The ``app`` fixture pushes no application context: every request gets its own,
as in production. Factories commit and return *detached* objects whose columns
are loaded; to read fresh state use ``with app.app_context(): db.session...``,
or the ``session`` fixture in tests that make no requests.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import re
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from surveyapp import create_app
from surveyapp.extensions import db
from surveyapp.models import InstrumentVersion, Role, User, Wave, WaveStatus
from surveyapp.services.instruments import load_instrument_files
from surveyapp.services.users import create_user
from surveyapp.services.waves import create_wave

#: The password every factory-made user has.
TEST_PASSWORD = "correct horse battery staple"
TINY_INSTRUMENT = Path(__file__).parent / "surveyapp" / "instruments" / "tiny.yaml"
PG_URL_VARIABLE = "SURVEYAPP_TEST_DATABASE_URL"
_CSRF_RE = re.compile(r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"')


#: The standard questionnaire's file, for tests that load an adaptation of it.
VICT_STD = Path(__file__).parents[1] / "questionnaires" / "instruments" / "vict_std.yaml"


def vict_std_without(folder: Path, code: str, tag: str) -> Path:
    """A copy of vict_std without the item ``code`` (one no expression reads), as version
    ``1.1.1-<tag>``: a national adaptation that drops a standard item (naming.md, rule 6)."""
    text = VICT_STD.read_text(encoding="utf-8")
    found = re.search(rf"\n( +)- code: {re.escape(code)}\n", text)
    assert found is not None, code
    start = found.start() + 1
    after = re.compile(rf"\n{found.group(1)}- code: |\n {{0,{len(found.group(1)) - 1}}}\S")
    following = after.search(text, found.end() - 1)
    assert following is not None
    text = text[:start] + text[following.start() + 1 :]
    text = text.replace('\nversion: "1.1.1"\n', f'\nversion: "1.1.1-{tag}"\n', 1)
    assert f"code: {code}\n" not in text and f"1.1.1-{tag}" in text
    path = folder / f"vict_std_{tag}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def sqlite_file_or_skip(bind: sa.Engine | sa.Connection) -> str:
    """The SQLite file ``bind`` writes to; skips the test on PostgreSQL (no database-wide lock)."""
    engine = bind if isinstance(bind, sa.Engine) else bind.engine
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite only: PostgreSQL has no database-wide write lock")
    path = engine.url.database
    assert path and path != ":memory:"
    return path


def write_elsewhere(path: str) -> str:
    """What another process's page save needs: SQLite's write lock, within 0.2 s.

    "written", else SQLite's reason ("database is locked"): the tests of operations that must
    not hold the lock while they compute call it from inside a slow step.
    """
    other = sqlite3.connect(path, timeout=0.2, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("COMMIT")
        return "written"
    except sqlite3.OperationalError as exc:
        return str(exc)
    finally:
        other.close()


#: Skip reasons CI accepts: tests about SQLite itself, skipped on the PostgreSQL run.
CI_ACCEPTED_SKIPS = ("SQLite only",)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """With CI=true, a skipped test (a missing Chromium, node, R fixture input ...) fails the run.

    A skip on a developer's machine is a convenience; in CI it is a gap nobody sees.
    Runs on the controller (xdist workers have no terminal reporter).
    """
    if os.environ.get("CI", "").lower() not in ("true", "1", "yes"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    gaps = [
        report
        for report in reporter.stats.get("skipped", [])
        if not any(reason in str(report.longrepr) for reason in CI_ACCEPTED_SKIPS)
    ]
    if gaps:
        reporter.write_line("")
        reporter.write_line(f"CI=true: {len(gaps)} skipped test(s) count as failures:", red=True)
        for report in gaps:
            reporter.write_line(f"  {report.nodeid}: {report.longrepr}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap password hashes in tests (the production default, scrypt, is slow on purpose)."""
    import surveyapp.models.users as users_module

    def cheap(password: str, method: str = "pbkdf2:sha256:1000", salt_length: int = 16) -> str:
        return generate_password_hash(
            password, method="pbkdf2:sha256:1000", salt_length=salt_length
        )

    monkeypatch.setattr(users_module, "generate_password_hash", cheap)


@pytest.fixture(scope="session")
def pg_admin_engine() -> Iterator[sa.Engine | None]:
    url = os.environ.get(PG_URL_VARIABLE)
    if not url:
        yield None
        return
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    yield engine
    engine.dispose()


@contextlib.contextmanager
def fresh_database(
    directory: Path, pg_admin_engine: sa.Engine | None = None
) -> Iterator[dict[str, Any]]:
    """Settings for an empty database of its own: a SQLite file in ``directory``, or, when
    SURVEYAPP_TEST_DATABASE_URL is set, a new schema on that server, dropped afterwards.

    For fixtures wider than one test (module-scoped worlds) as well as ``database``; the
    app using it must dispose of its engine before the block ends.
    """
    url = os.environ.get(PG_URL_VARIABLE)
    if not url:
        yield {"DATABASE_URL": f"sqlite:///{directory / 'test.sqlite'}"}
        return
    engine = pg_admin_engine or sa.create_engine(url, poolclass=sa.NullPool)
    schema = f"test_{uuid.uuid4().hex[:16]}"
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield {
            "DATABASE_URL": engine.url.render_as_string(hide_password=False),
            "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"options": f"-csearch_path={schema}"}},
            "TEST_SCHEMA": schema,
        }
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        if pg_admin_engine is None:
            engine.dispose()


@pytest.fixture
def database(tmp_path: Path, pg_admin_engine: sa.Engine | None) -> Iterator[dict[str, Any]]:
    """Settings pointing at an empty database of its own."""
    with fresh_database(tmp_path, pg_admin_engine) as settings:
        yield settings


@pytest.fixture
def app_config() -> dict[str, Any]:
    """Extra settings for the ``app`` fixture; override in a test module or parametrize."""
    return {}


@pytest.fixture
def app(database: dict[str, Any], app_config: dict[str, Any], tmp_path: Path) -> Iterator[Flask]:
    """A fresh app with its tables created (CSRF off unless app_config turns it on)."""
    instance = tmp_path / "instance"
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "WTF_CSRF_ENABLED": False,
        "REQUEST_LOG": True,
        # Administrators log in with a password alone here; two-factor authentication,
        # required for them by default, has its own tests (tests/surveyapp/auth/).
        "TWO_FACTOR_REQUIRED_ROLES": [],
        **database,
        **app_config,
    }
    app = create_app(config, instance_path=str(instance))
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def session(app: Flask) -> Iterator[Session]:
    """The app's database session inside an app context, for tests that make no requests."""
    with app.app_context():
        yield db.session
        db.session.rollback()


@pytest.fixture
def instrument(app: Flask) -> InstrumentVersion:
    """The tiny test instrument (tests/surveyapp/instruments/tiny.yaml), stored."""
    with app.app_context():
        [(row, _created)] = load_instrument_files(db.session, [TINY_INSTRUMENT])
        db.session.commit()
        db.session.refresh(row)
        return row


_counter = itertools.count(1)


@pytest.fixture
def make_user(app: Flask) -> Callable[..., User]:
    """``make_user(role, email=None, password=TEST_PASSWORD, active=True)`` -> detached User."""

    def factory(
        role: Role | str = Role.survey_manager,
        email: str | None = None,
        password: str = TEST_PASSWORD,
        active: bool = True,
        name: str | None = None,
    ) -> User:
        role = Role(role)
        n = next(_counter)
        with app.app_context():
            user = create_user(
                db.session,
                email=email or f"{role.value}{n}@example.org",
                name=name or f"{role.label} {n}",
                role=role,
                password=password,
            )
            user.active = active
            db.session.commit()
            db.session.refresh(user)
            return user

    return factory


@pytest.fixture
def make_wave(app: Flask, instrument: InstrumentVersion) -> Callable[..., Wave]:
    """``make_wave(**settings)`` -> detached Wave on the tiny instrument (open, web, no code)."""

    def factory(**settings: Any) -> Wave:
        n = next(_counter)
        values: dict[str, Any] = {
            "name": f"Test wave {n}",
            "reference_start": dt.date(2025, 1, 1),
            "reference_end": dt.date(2025, 12, 31),
            "invitation_required": False,
        }
        values.update(settings)
        values.setdefault("status", "open")
        with app.app_context():
            values["status"] = WaveStatus(values["status"])
            version = db.session.get(InstrumentVersion, instrument.id)
            assert version is not None
            wave = create_wave(db.session, instrument_version=version, **values)
            db.session.commit()
            db.session.refresh(wave)
            _ = wave.instrument_version.document
            return wave

    return factory


def csrf_token(client: FlaskClient, path: str = "/auth/login") -> str:
    """The CSRF token of the form on ``path`` (for tests with CSRF turned on)."""
    page = client.get(path).get_data(as_text=True)
    match = _CSRF_RE.search(page)
    if match is None:
        raise AssertionError(f"no csrf_token field on {path}")
    return match.group(1)


@pytest.fixture
def login(app: Flask) -> Callable[..., Any]:
    """``login(client, user, password=TEST_PASSWORD)`` -> the login response."""

    def do_login(client: FlaskClient, user: User, password: str = TEST_PASSWORD) -> Any:
        data = {"email": user.email, "password": password}
        if app.config.get("WTF_CSRF_ENABLED", True):
            data["csrf_token"] = csrf_token(client)
        return client.post("/auth/login", data=data)

    return do_login


@pytest.fixture
def wave(session: Session, instrument: InstrumentVersion) -> Wave:
    """An open web wave on the tiny instrument, attached to the ``session`` fixture."""
    version = session.get(InstrumentVersion, instrument.id)
    assert version is not None
    created = create_wave(
        session,
        name="Session wave",
        instrument_version=version,
        reference_start=dt.date(2025, 1, 1),
        reference_end=dt.date(2025, 12, 31),
        invitation_required=True,
        status=WaveStatus.open,
    )
    session.commit()
    return created
