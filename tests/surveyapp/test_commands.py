"""The surveyapp CLI: init, user create, demo, db and questionnaire commands."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
    AttemptOutcome,
    AuditLog,
    ContactAttempt,
    InstrumentVersion,
    Interview,
    InterviewRevision,
    InvitationCode,
    Role,
    SampleUnit,
    SampleUnitStatus,
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
    assert "e@example.org\tinterviewer\tactive\t" in listed.output


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
            == 16  # D-001 to D-006, and the second demo interviewer's D-007 to D-016
        )
        assert db.session.scalar(sa.select(sa.func.count(InvitationCode.id))) == 6
        admin = db.session.scalar(sa.select(User).where(User.email == "admin@example.org"))
        assert admin is not None and admin.check_password(password)
    field_work = _demo_field_work(empty_app)
    second = runner.invoke(args=["demo", "--no-serve", "--size", "tiny"])
    assert second.exit_code == 0 and password in second.output
    # a second run adds no visit, interview, revision or review, and changes no household
    assert _demo_field_work(empty_app) == field_work
    with empty_app.app_context():
        # the demo wave, the two simulated waves of the observatory (tests/surveyapp/test_demo_data.py)
        # and the second country's wave, collected on the web, for the regional comparison
        assert db.session.scalar(sa.select(sa.func.count(Wave.id))) == 4
        second = db.session.scalar(sa.select(Wave).where(Wave.slug == "simulated-2-1"))
        assert second is not None and second.modes == ["web"]
    assert "/observatory/regional" in first.output
    # The printed codes say where they are typed: the survey's page has no box for them (an
    # open link), so a newcomer had codes and no way to use one.
    code = re.search(r"D-001  (\S+)", first.output)
    assert code is not None and "http://127.0.0.1:5000/s/code" in first.output
    assert f"http://127.0.0.1:5000/s/c/{code.group(1)}" in first.output
    # the printed codes are the web households' only: the tablet ones are worked already
    assert "D-006  " in first.output and "D-007  " not in first.output


def test_a_demo_run_again_days_later_keeps_its_field_work_and_says_how_to_get_todays_dates(
    empty_app: Flask, runner: FlaskCliRunner
) -> None:
    """The field work is dated from the run that made it: run again days later, its
    appointments were all past (shown as missed) with nothing said. A later run still adds
    and moves nothing, and says so, with how to start over with today's dates."""
    first = runner.invoke(args=["demo", "--no-serve", "--size", "tiny"])
    assert first.exit_code == 0, first.output
    assert "dates of the demo's first run" not in first.output  # the appointment is ahead
    # the first run as if made four days ago: its appointments four days earlier
    with empty_app.app_context():
        visits = db.session.scalars(
            sa.select(ContactAttempt).where(ContactAttempt.appointment_date.is_not(None))
        ).all()
        assert max(v.appointment_date for v in visits if v.appointment_date) > dt.date.today()
        for visit in visits:
            assert visit.appointment_date is not None
            visit.appointment_date -= dt.timedelta(days=4)
        last = max(v.appointment_date for v in visits if v.appointment_date)
        database = db.engine.url
        db.session.commit()
    field_work = _demo_field_work(empty_app)
    later = runner.invoke(args=["demo", "--no-serve", "--size", "tiny"])
    assert later.exit_code == 0, later.output
    assert _demo_field_work(empty_app) == field_work
    said = " ".join(later.output.split())
    assert (
        f"The field work keeps the dates of the demo's first run: its last appointment, "
        f"{last.isoformat()}, is past. For today's dates, start over on a new database:"
    ) in said
    if database.get_backend_name() == "sqlite":
        assert f"delete {database.database} and run surveyapp demo again." in said
    else:
        assert "set SURVEYAPP_DATABASE_URL to an empty database" in said


def _demo_field_work(app: Flask) -> dict[str, Any]:
    """Everything the demo's field work stored, to compare two runs."""
    with app.app_context():
        wave = db.session.scalar(sa.select(Wave).where(Wave.slug == "demo"))
        assert wave is not None

        def rows(*columns: Any) -> list[tuple[Any, ...]]:
            return [tuple(r) for r in db.session.execute(sa.select(*columns).order_by(*columns))]

        return {
            "units": rows(
                SampleUnit.external_id,
                SampleUnit.status,
                SampleUnit.disposition,
                SampleUnit.assigned_to_id,
            ),
            "interviews": rows(
                Interview.uuid, Interview.status, Interview.review_status, Interview.revision
            ),
            "revisions": rows(InterviewRevision.interview_id, InterviewRevision.number),
            "visits": rows(ContactAttempt.uuid, ContactAttempt.outcome),
            # the uploads, visits and reviews (the invitation codes are new on every run)
            "audited": [
                tuple(r)
                for r in db.session.execute(
                    sa.select(AuditLog.action, AuditLog.object_id)
                    .where(
                        AuditLog.action.like("interview.%") | (AuditLog.action == "attempt.record")
                    )
                    .order_by(AuditLog.id)
                )
            ],
        }


def test_the_demo_has_field_work_to_supervise(
    empty_app: Flask, runner: FlaskCliRunner, login: Callable[..., Any]
) -> None:
    """An evaluator logged in as the demo administrator finds interviews to review in every
    state and a quality page with flags, made through the services a tablet's sync uses; the
    first demo interviewer's households stay untouched for trying the app."""
    empty_app.config["TWO_FACTOR_REQUIRED_ROLES"] = []
    result = runner.invoke(args=["demo", "--no-serve", "--size", "tiny"])
    assert result.exit_code == 0, result.output
    with empty_app.app_context():
        wave = db.session.scalar(sa.select(Wave).where(Wave.slug == "demo"))
        assert wave is not None
        wave_id = wave.id
        first = db.session.scalar(sa.select(User).where(User.email == "interviewer@example.org"))
        second = db.session.scalar(sa.select(User).where(User.email == "interviewer2@example.org"))
        admin = db.session.scalar(sa.select(User).where(User.email == "admin@example.org"))
        assert first is not None and second is not None and admin is not None
        untouched = db.session.execute(
            sa.select(SampleUnit.external_id, SampleUnit.status, SampleUnit.disposition).where(
                SampleUnit.assigned_to_id == first.id
            )
        ).all()
        assert sorted(untouched) == [
            (f"D-00{i}", SampleUnitStatus.pending, None) for i in (1, 2, 3)
        ]
        for model in (Interview, ContactAttempt):
            assert not db.session.scalar(
                sa.select(sa.func.count())
                .select_from(model)
                .where(model.interviewer_id == first.id)
            )
        # the field work went through the sync services: the uploads and visits are audited
        actions = dict(
            db.session.execute(
                sa.select(AuditLog.action, sa.func.count())
                .where(AuditLog.user_id.in_([second.id, admin.id]))
                .group_by(AuditLog.action)
            ).all()
        )
        assert actions["attempt.record"] == 9 and actions["interview.review"] == 3
        visits = dict(
            db.session.execute(
                sa.select(ContactAttempt.outcome, sa.func.count()).group_by(ContactAttempt.outcome)
            ).all()
        )
        assert visits == {
            AttemptOutcome.no_contact: 5,
            AttemptOutcome.refusal: 2,
            AttemptOutcome.appointment: 2,
        }
        appointment = db.session.scalar(
            sa.select(ContactAttempt)
            .where(ContactAttempt.appointment_time.is_not(None))
            .order_by(ContactAttempt.attempted_at.desc())
            .limit(1)
        )
        assert appointment is not None and appointment.appointment_date is not None
    password = (Path(empty_app.instance_path) / "demo-interviewer-2.txt").read_text().split()[-1]
    assert "interviewer2@example.org" in result.output and password in result.output
    review_url = f"/fieldwork/waves/{wave_id}/review"
    quality_url = f"/fieldwork/waves/{wave_id}/quality"
    assert f"http://127.0.0.1:5000{review_url}" in result.output
    assert f"http://127.0.0.1:5000{quality_url}" in result.output

    client = empty_app.test_client()
    admin_password = (Path(empty_app.instance_path) / "demo-admin.txt").read_text().split()[-1]
    login(client, admin, admin_password)
    page = client.get(review_url + "?lang=en").get_data(as_text=True)
    listed = re.findall(r">(D-0\d\d)</a>", page)
    assert sorted(listed) == [f"D-{i:03d}" for i in range(7, 13)]
    for state, n in (("RECEIVED", 3), ("APPROVED", 1), ("REJECTED", 1), ("RESUBMITTED", 1)):
        assert len(re.findall(rf'class="tag">{state}<', page, re.IGNORECASE)) == n, state
    assert page.count("abandoned") == 1
    page = client.get(quality_url + "?lang=en").get_data(as_text=True)
    for flag in (
        "very short interviews",
        "interviews started at night",
        "selection drawn more than once",
    ):
        assert f"<strong>Demo interviewer 2</strong>: {flag}" in page
    with empty_app.app_context():
        from surveyapp.services.dashboard import dashboard

        wave = db.session.get(Wave, wave_id)
        assert wave is not None
        board = dashboard(db.session, wave, within=None)
        [row] = [r for r in board.interviewers if r.name == "Demo interviewer 2"]
        counts = row.counts
        assert (counts.complete, counts.partial, counts.refusal, counts.noncontact) == (5, 1, 2, 2)
        assert row.interviews == 6 and row.short_outliers == 1 and row.night == 1


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
    one = tmp_path / "one.csv"  # said "1 areas added."
    one.write_text("level,code,name,parent\nregion,07,Maule,CL\n", encoding="utf-8")
    result = runner.invoke(args=["area", "import", str(one)])
    assert result.exit_code == 0 and "1 area added." in result.output, result.output


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


FEATURES = Path(__file__).parents[1] / "fixtures" / "engine" / "features.yaml"


def _versions(app: Flask) -> list[str]:
    with app.app_context():
        return [v.label for v in db.session.scalars(sa.select(InstrumentVersion))]


def _renamed(tmp_path: Path, code: str, version: str) -> Path:
    """The feature instrument with its ``nickname`` item renamed ``code``, as ``version``."""
    text = FEATURES.read_text(encoding="utf-8")
    text = text.replace("- code: nickname\n", f"- code: {code}\n").replace(
        "${nickname}", f"${{{code}}}"
    )
    text = re.sub(r"(?m)^version: .*$", f'version: "{version}"', text)
    path = tmp_path / f"{code}-{version}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_questionnaire_load_stores_a_new_instrument_for_waves(
    app: Flask, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    from surveyapp.models import AuditLog
    from surveyapp.services.waves import create_wave

    result = runner.invoke(args=["questionnaire", "load", str(FEATURES)])
    assert result.exit_code == 0, result.output
    assert result.output == "Loaded: questionnaire engine_features 1\n"
    again = runner.invoke(args=["questionnaire", "load", str(FEATURES)])
    assert (
        again.exit_code == 0 and again.output == "Already loaded: questionnaire engine_features 1\n"
    )
    assert _versions(app) == ["engine_features 1"]
    with app.app_context():
        [entry] = db.session.scalars(
            sa.select(AuditLog).where(AuditLog.action == "instrument.load")
        )
        version = db.session.scalars(sa.select(InstrumentVersion)).one()
        assert entry.object_id == str(version.id) and version.source == "features.yaml"
        wave = create_wave(
            db.session,
            instrument_version=version,
            name="Adaptación",
            slug="adaptacion",
            reference_start=dt.date(2025, 1, 1),
            reference_end=dt.date(2025, 12, 31),
            invitation_required=False,
            status=WaveStatus.open,
        )
        db.session.commit()
        wave_slug = wave.slug
    # A respondent reaches the loaded questionnaire's first question.
    client = app.test_client()
    landing = client.get(f"/s/{wave_slug}?lang=en").get_data(as_text=True)
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', landing)
    assert token is not None, landing
    start = client.post(f"/s/{wave_slug}/start", data={"token": token[1], "language": "en"})
    assert start.status_code == 302, start.get_data(as_text=True)
    page = client.get(start.headers["Location"], headers={"Accept-Language": "en"})
    assert page.status_code == 200 and 'name="nickname"' in page.get_data(as_text=True)


def test_questionnaire_load_refuses_codes_the_web_pages_use_and_loads_nothing(
    app: Flask, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    good = _renamed(tmp_path, "apodo", "2")
    for code in ("data", "version", "csrf_token"):
        result = runner.invoke(
            args=["questionnaire", "load", str(good), str(_renamed(tmp_path, code, "3"))]
        )
        assert result.exit_code == 1
        assert (
            f"item {code}: the web survey's pages use this name themselves; rename it"
            in result.output
        )
    assert _versions(app) == []  # not even the good file: all or nothing


def test_questionnaire_load_refuses_changed_content_under_a_loaded_version(
    app: Flask, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    assert (
        runner.invoke(
            args=["questionnaire", "load", str(_renamed(tmp_path, "apodo", "2"))]
        ).exit_code
        == 0
    )
    changed = _renamed(tmp_path, "alias", "2")
    result = runner.invoke(
        args=["questionnaire", "load", str(_renamed(tmp_path, "mote", "4")), str(changed)]
    )
    assert result.exit_code == 1
    assert "version 2 is already loaded with different content" in result.output
    assert _versions(app) == ["engine_features 2"]  # version 4, in the same command, is not kept


def test_questionnaire_load_names_what_is_wrong_with_a_file(
    app: Flask, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    workbook = tmp_path / "form.xlsx"
    workbook.write_bytes(b"PK")
    result = runner.invoke(args=["questionnaire", "load", str(workbook)])
    assert result.exit_code == 1
    assert "import-xlsform" in result.output and "form.yaml" in result.output
    broken = tmp_path / "broken.yaml"
    broken.write_text(FEATURES.read_text(encoding="utf-8").replace("type: longtext", "type: essay"))
    result = runner.invoke(args=["questionnaire", "load", str(broken)])
    assert result.exit_code == 1 and "broken.yaml" in result.output and "essay" in result.output
    assert _versions(app) == []


def test_the_standard_questionnaires_fit_the_web_pages() -> None:
    from questionnaires.loader import load_instrument, standard_instrument_paths
    from surveyapp.respond.forms import page_name_clashes

    for path in standard_instrument_paths():
        assert page_name_clashes(load_instrument(path)) == [], path.name


def test_a_demo_wave_on_another_questionnaire_gets_no_field_work_and_says_so(
    empty_app: Flask, runner: FlaskCliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The simulated answers are the standard questionnaire's: a demo wave made on another one
    (an older demo database) is left without field work, which the output says, not a traceback."""
    from surveyapp.services import demo_fieldwork

    monkeypatch.setattr(demo_fieldwork, "INSTRUMENT", "another_questionnaire")
    result = runner.invoke(args=["demo", "--no-serve", "--size", "tiny"])
    assert result.exit_code == 0, result.output
    assert "No demo field work to supervise: the demo wave's questionnaire is not" in result.output
    assert "/review" not in result.output
    with empty_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(ContactAttempt.id))) == 0
        assert not db.session.scalar(
            sa.select(sa.func.count(Interview.id)).where(Interview.interviewer_id.is_not(None))
        )


def test_user_list_shows_whose_password_is_temporary(app: Flask, runner: FlaskCliRunner) -> None:
    # an administrator could not tell who still had to change the password they were given
    for email in ("new@example.org", "old@example.org"):
        args = ["user", "create", "--email", email, "--role", "analyst"]
        assert runner.invoke(args=[*args, "--password", "a-long-password"]).exit_code == 0
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == "old@example.org"))
        assert user is not None
        user.must_change_password = False
        db.session.commit()
    listed = runner.invoke(args=["user", "list"]).output.splitlines()
    assert "new@example.org\tanalyst\tactive\ttemporary password: must change it" in listed
    assert "old@example.org\tanalyst\tactive\tpassword set" in listed


def test_user_create_refuses_a_direction_control_in_the_name_or_email(
    app: Flask, runner: FlaskCliRunner
) -> None:
    # the users page refused it (security.direction_control); the command stored it
    for args in (
        ["--email", "ana@example.org", "--name", "Ana \u202eaniluaP"],
        ["--email", "ana\u2067@example.org"],
    ):
        refused = runner.invoke(
            args=["user", "create", "--role", "analyst", "--password", "a-long-password", *args]
        )
        assert refused.exit_code == 1, refused.output
        assert "invisible character that reorders the text (U+20" in refused.output
    assert _users(app) == []
