"""The surveyapp CLI: init, user create, demo, db and questionnaire commands."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskCliRunner

import surveyapp.commands as commands
from surveyapp.cli import cli
from surveyapp.extensions import db
from surveyapp.models import (
    InstrumentVersion,
    InvitationCode,
    Role,
    SampleUnit,
    User,
    Wave,
    WaveStatus,
)

TINY = Path(__file__).parent / "instruments" / "tiny.yaml"


@pytest.fixture
def empty_app(app: Flask, monkeypatch: pytest.MonkeyPatch) -> Flask:
    """The app with no tables (the CLI creates them through the migrations), loading the tiny instrument."""
    with app.app_context():
        db.drop_all()
    monkeypatch.setattr(commands, "standard_instrument_paths", lambda: [TINY])
    return app


def _users(app: Flask) -> list[tuple[str, Role]]:
    with app.app_context():
        return [(u.email, u.role) for u in db.session.scalars(sa.select(User).order_by(User.id))]


def test_init_migrates_loads_and_creates_admin(empty_app: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(
        args=[
            "init",
            "--admin-email",
            "Jefa@Example.org",
            "--admin-name",
            "Jefa",
            "--admin-password",
            "a-long-password",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "Loaded: questionnaire tiny_vict 1" in result.output
    assert _users(empty_app) == [("jefa@example.org", Role.administrator)]
    # Running again changes nothing and asks for nothing.
    again = runner.invoke(args=["init"])
    assert again.exit_code == 0 and "Already loaded" in again.output
    with empty_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(InstrumentVersion.id))) == 1


def test_init_prompts_for_the_first_admin(empty_app: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(
        args=["init"], input="a@example.org\nAna\na-long-password\na-long-password\n"
    )
    assert result.exit_code == 0, result.output
    assert _users(empty_app) == [("a@example.org", Role.administrator)]


def test_init_refuses_a_weak_password_and_stores_nothing(
    empty_app: Flask, runner: FlaskCliRunner
) -> None:
    result = runner.invoke(
        args=["init", "--admin-email", "a@example.org", "--admin-password", "short"]
    )
    assert result.exit_code == 1 and "at least 10 characters" in result.output
    assert _users(empty_app) == []


def test_init_loads_the_standard_questionnaire(app: Flask, runner: FlaskCliRunner) -> None:
    with app.app_context():
        db.drop_all()
    result = runner.invoke(args=["init", "--no-admin"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        ids = set(db.session.scalars(sa.select(InstrumentVersion.instrument_id)))
    assert "vict_std" in ids


def test_user_create(app: Flask, runner: FlaskCliRunner) -> None:
    ok = runner.invoke(
        args=["user", "create", "--email", "e@example.org", "--role", "interviewer"],
        input="a-long-password\na-long-password\n",
    )
    assert ok.exit_code == 0 and "Created e@example.org (interviewer)" in ok.output
    duplicate = runner.invoke(
        args=[
            "user",
            "create",
            "--email",
            "E@example.org",
            "--role",
            "analyst",
            "--password",
            "a-long-password",
        ]
    )
    assert duplicate.exit_code == 1 and "already exists" in duplicate.output
    bad_role = runner.invoke(args=["user", "create", "--email", "f@example.org", "--role", "boss"])
    assert bad_role.exit_code == 2
    assert _users(app) == [("e@example.org", Role.interviewer)]
    listed = runner.invoke(args=["user", "list"])
    assert "e@example.org\tinterviewer\tactive" in listed.output


def test_demo(empty_app: Flask, runner: FlaskCliRunner) -> None:
    first = runner.invoke(args=["demo", "--no-serve", "--size", "tiny"])
    assert first.exit_code == 0, first.output
    assert (
        "http://127.0.0.1:5000/s/demo" in first.output
        and "http://127.0.0.1:5000/auth/login" in first.output
    )
    password_file = Path(empty_app.instance_path) / "demo-admin.txt"
    password = password_file.read_text().split()[-1]
    assert password in first.output and password_file.stat().st_mode & 0o077 == 0
    with empty_app.app_context():
        wave = db.session.scalar(sa.select(Wave).where(Wave.slug == "demo"))
        assert wave is not None and wave.status is WaveStatus.open and not wave.invitation_required
        assert (
            db.session.scalar(
                sa.select(sa.func.count(SampleUnit.id)).where(SampleUnit.wave_id == wave.id)
            )
            == 6
        )
        assert db.session.scalar(sa.select(sa.func.count(InvitationCode.id))) == 6
        admin = db.session.scalar(sa.select(User).where(User.email == "admin@example.org"))
        assert admin is not None and admin.check_password(password)
    second = runner.invoke(args=["demo", "--no-serve", "--size", "tiny"])
    assert second.exit_code == 0 and password in second.output
    with empty_app.app_context():
        # the demo wave, the two simulated waves of the observatory (tests/surveyapp/test_demo_data.py)
        # and the second country's wave, collected on the web, for the regional comparison
        assert db.session.scalar(sa.select(sa.func.count(Wave.id))) == 4
        second = db.session.scalar(sa.select(Wave).where(Wave.slug == "simulated-2-1"))
        assert second is not None and second.modes == ["web"]
    assert "/observatory/regional" in first.output


def test_db_and_questionnaire_groups_are_attached(empty_app: Flask, runner: FlaskCliRunner) -> None:
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    with empty_app.app_context():
        head = ScriptDirectory(str(Path(__file__).parents[2] / "migrations")).get_current_head()
        assert db.session.scalar(sa.text("SELECT version_num FROM alembic_version")) == head
    validated = runner.invoke(args=["questionnaire", "validate", str(TINY)])
    assert validated.exit_code == 0, validated.output


def test_console_script_lists_the_commands(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SURVEYAPP_SECRET_KEY", "k")
    monkeypatch.setenv("SURVEYAPP_DATABASE_URL", f"sqlite:///{tmp_path / 'x.sqlite'}")
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in ("init", "serve", "demo", "user", "db", "questionnaire"):
        assert f"  {name} " in result.output


def test_area_import_and_list(app: Flask, runner: FlaskCliRunner, tmp_path: Path) -> None:
    good = tmp_path / "areas.csv"
    good.write_text(
        "level,code,name,parent\ncountry,CL,Chile,\nregion,13,Metropolitana,CL\n", encoding="utf-8"
    )
    result = runner.invoke(args=["area", "import", str(good)])
    assert result.exit_code == 0 and "2 areas added." in result.output
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "level,code,name,parent\nregion,05,Valparaíso,CL\nregion,06,X,ZZ\n", encoding="utf-8"
    )
    failed = runner.invoke(args=["area", "import", str(bad)])
    assert failed.exit_code == 1 and "line 3, column parent" in failed.output
    listed = runner.invoke(args=["area", "list"]).output
    assert listed.splitlines() == ["CL\tcountry\tChile", "CL/13\tregion\tMetropolitana"]


def test_user_create_with_area(app: Flask, runner: FlaskCliRunner, tmp_path: Path) -> None:
    areas_file = tmp_path / "areas.csv"
    areas_file.write_text("level,code,name,parent\ncountry,CL,Chile,\nregion,13,Metropolitana,CL\n")
    runner.invoke(args=["area", "import", str(areas_file)])
    ok = runner.invoke(
        args=[
            "user",
            "create",
            "--email",
            "r@example.org",
            "--role",
            "analyst",
            "--password",
            "a-long-password",
            "--area",
            "CL/13",
        ]
    )
    assert ok.exit_code == 0, ok.output
    missing = runner.invoke(
        args=[
            "user",
            "create",
            "--email",
            "s@example.org",
            "--role",
            "analyst",
            "--password",
            "a-long-password",
            "--area",
            "CL/99",
        ]
    )
    assert missing.exit_code == 1 and "no area with path CL/99" in missing.output
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == "r@example.org"))
        assert user is not None and user.area is not None and user.area.code == "13"
