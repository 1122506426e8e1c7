"""``surveyapp backup`` under load and ``surveyapp restore`` into an empty database.

Respondents keep completing interviews from several threads while the backup is
taken; every interview whose commit had returned before the backup started must
be in the restored copy, completed. SQLite, and PostgreSQL with
SURVEYAPP_TEST_DATABASE_URL (pg_dump/pg_restore of the server's version).
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from surveyapp import create_app
from surveyapp.extensions import db
from surveyapp.models import Interview, InterviewStatus, Mode, Wave
from surveyapp.services import interviews as interview_service


@pytest.fixture
def empty_target(
    tmp_path: Path, database: dict[str, Any], pg_admin_engine: sa.Engine | None
) -> Iterator[dict[str, Any]]:
    """Settings of a second, empty database to restore into (same schema name on PostgreSQL)."""
    if pg_admin_engine is None:
        yield {"DATABASE_URL": f"sqlite:///{tmp_path / 'restored.sqlite'}"}
        return
    name = f"restore_{uuid.uuid4().hex[:12]}"
    admin = pg_admin_engine.execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield {
        "DATABASE_URL": pg_admin_engine.url.set(database=name).render_as_string(
            hide_password=False
        ),
        # pg_dump of a test schema recreates that schema: read the restored tables there
        "SQLALCHEMY_ENGINE_OPTIONS": database["SQLALCHEMY_ENGINE_OPTIONS"],
    }
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))


def _target_app(settings: dict[str, Any], tmp_path: Path) -> Flask:
    return create_app(
        {"TESTING": True, "SECRET_KEY": "restore", **settings},
        instance_path=str(tmp_path / "restore-instance"),
    )


def test_a_backup_under_load_restores_every_acknowledged_interview(
    app: Flask,
    make_wave: Callable[..., Wave],
    empty_target: dict[str, Any],
    tmp_path: Path,
) -> None:
    wave = make_wave()
    acknowledged: list[tuple[str, float]] = []
    stop = threading.Event()
    failures: list[BaseException] = []

    def respondent() -> None:
        try:
            while not stop.is_set():
                with app.app_context():
                    current = db.session.get(Wave, wave.id)
                    assert current is not None
                    interview = interview_service.start_interview(
                        db.session, current, mode=Mode.web, language="es"
                    )
                    interview_service.complete_interview(db.session, interview)
                    db.session.commit()
                    acknowledged.append((interview.uuid, time.monotonic()))
        except BaseException as exc:  # reported by the test thread below
            failures.append(exc)

    threads = [threading.Thread(target=respondent) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        while len(acknowledged) < 40 and not failures:
            time.sleep(0.02)
        started = time.monotonic()
        output = tmp_path / "surveyapp.backup"
        result = app.test_cli_runner().invoke(args=["backup", "-o", str(output)])
        finished = time.monotonic()
        time.sleep(0.2)  # keep writing after the backup too
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    assert not failures, failures
    assert result.exit_code == 0, result.output
    assert "Backup written" in result.output and output.stat().st_mode & 0o777 == 0o600
    before = {u for u, at in acknowledged if at < started}
    during = {u for u, at in acknowledged if started <= at <= finished}
    after = {u for u, at in acknowledged if at > finished}
    assert len(before) >= 40 and after, (len(before), len(during), len(after))

    target = _target_app(empty_target, tmp_path)
    restored = target.test_cli_runner().invoke(args=["restore", str(output)])
    assert restored.exit_code == 0, restored.output
    with target.app_context():
        rows = dict(db.session.execute(sa.select(Interview.uuid, Interview.status)).all())
        db.session.remove()
        db.engine.dispose()
    assert before <= set(rows), f"{len(before - set(rows))} acknowledged interviews missing"
    assert set(rows) <= before | during  # nothing from after the backup, nothing invented
    assert set(rows.values()) == {InterviewStatus.completed}


def test_restore_refuses_a_database_that_is_not_empty_and_a_file_of_the_wrong_kind(
    app: Flask, make_wave: Callable[..., Wave], tmp_path: Path
) -> None:
    make_wave()
    runner = app.test_cli_runner()
    output = tmp_path / "b.backup"
    assert runner.invoke(args=["backup", "-o", str(output)]).exit_code == 0
    again = runner.invoke(args=["backup", "-o", str(output)])
    assert again.exit_code != 0 and "never overwrites" in again.output
    refused = runner.invoke(args=["restore", str(output)])
    assert refused.exit_code != 0 and "not empty" in refused.output
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Wave)) == 1


def test_restore_names_a_file_that_is_not_a_backup(
    tmp_path: Path, database: dict[str, Any]
) -> None:
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"hello, not a database\n")
    target = _target_app(database, tmp_path)
    result = target.test_cli_runner().invoke(args=["restore", str(junk)])
    assert result.exit_code != 0 and "is not a" in result.output and "backup" in result.output
    with target.app_context():
        assert sa.inspect(db.engine).get_table_names() == []
        db.engine.dispose()
