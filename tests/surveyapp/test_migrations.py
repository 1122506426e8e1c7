"""The migrations build exactly the schema the models describe."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from flask_migrate import downgrade, upgrade

from surveyapp.extensions import db
from surveyapp.models import Base


def _drop_everything(app: Flask) -> None:
    # The app fixture created the tables from the models; start from nothing.
    with app.app_context():
        db.drop_all()


def _diffs(app: Flask) -> list[Any]:
    with app.app_context(), db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def test_upgrade_on_empty_database_matches_models(app: Flask) -> None:
    _drop_everything(app)
    with app.app_context():
        upgrade()
    assert _diffs(app) == []


def test_downgrade_removes_every_table(app: Flask) -> None:
    _drop_everything(app)
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        tables = set(sa.inspect(db.engine).get_table_names())
    assert tables <= {"alembic_version"}


def test_models_have_no_unmigrated_changes_after_create_all(app: Flask) -> None:
    # create_all and the migrations agree: comparing create_all output is a no-op too.
    assert _diffs(app) == []


def _row(table: sa.Table, **given: Any) -> dict[str, Any]:
    """``given``, and a plain value for every other NOT NULL column without a default."""
    import datetime as dt

    row = dict(given)
    for column in table.columns:
        if column.name in row or column.nullable or column.server_default is not None:
            continue
        if column.primary_key and isinstance(column.type, sa.Integer):
            continue
        kind = column.type
        if isinstance(kind, sa.Boolean):
            row[column.name] = False
        elif isinstance(kind, sa.Integer):
            row[column.name] = 0
        elif isinstance(kind, sa.DateTime):
            row[column.name] = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
        elif isinstance(kind, sa.Date):
            row[column.name] = dt.date(2025, 1, 1)
        elif isinstance(kind, sa.JSON):
            row[column.name] = {}
        else:
            row[column.name] = "x"
    return row


def _insert_wave(conn: sa.Connection, tables: Any) -> None:
    """Questionnaire version 1 and wave 1 using it, in the reflected ``tables``."""
    versions, waves = tables["instrument_versions"], tables["waves"]
    conn.execute(sa.insert(versions), [_row(versions, id=1)])
    conn.execute(sa.insert(waves), [_row(waves, id=1, instrument_version_id=1, status="open")])


def test_0005_gives_existing_units_a_seed_and_remembers_their_interviewer(app: Flask) -> None:
    """Units imported before 0005 get a random selection seed each, the interviewer a unit is
    assigned to is remembered as its holder, and nothing referencing a unit is lost (no table
    is recreated: on SQLite that deletes the rows of ON DELETE CASCADE children)."""
    _drop_everything(app)
    with app.app_context():
        upgrade(revision="0004_staff_security")
        with db.engine.begin() as conn:
            meta = sa.MetaData()
            meta.reflect(
                conn,
                only=["users", "instrument_versions", "waves", "sample_units", "invitation_codes"],
            )
            tables = meta.tables
            conn.execute(
                sa.insert(tables["users"]), [_row(tables["users"], id=1, role="interviewer")]
            )
            _insert_wave(conn, tables)
            conn.execute(
                sa.insert(tables["sample_units"]),
                [
                    _row(
                        tables["sample_units"],
                        id=u,
                        wave_id=1,
                        external_id=f"U{u}",
                        status="pending",
                        assigned_to_id=holder,
                    )
                    for u, holder in ((1, 1), (2, None), (3, 1))
                ],
            )
            # A row that references a unit with ON DELETE CASCADE: it must survive (SQLite).
            codes = tables["invitation_codes"]
            conn.execute(sa.insert(codes), [_row(codes, sample_unit_id=1, code_hash="c" * 64)])
        upgrade()
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM invitation_codes").scalar() == 1
            seeds = [
                row[0] for row in conn.exec_driver_sql("SELECT selection_seed FROM sample_units")
            ]
            holders = conn.exec_driver_sql(
                "SELECT sample_unit_id, interviewer_id FROM unit_assignments ORDER BY 1"
            ).all()
            method = conn.exec_driver_sql(
                "SELECT selection_method, indicator_interviews FROM waves"
            ).one()
    assert len(seeds) == 3 and all(1 <= s < 2**31 for s in seeds) and len(set(seeds)) == 3
    assert [tuple(h) for h in holders] == [(1, 1), (3, 1)]
    assert tuple(method) == ("kish", "approved")


def test_upgrading_through_0003_keeps_every_row_that_references_a_rebuilt_table(app: Flask) -> None:
    """0003 adds foreign keys to sample_units and interviews, which SQLite does by copying each
    table and dropping the old one: invitation codes and incident rows (ON DELETE CASCADE
    children) and everything else must still be there afterwards."""
    _drop_everything(app)
    with app.app_context():
        upgrade(revision="0002_report_outputs")
        with db.engine.begin() as conn:
            meta = sa.MetaData()
            meta.reflect(conn)
            t = meta.tables
            conn.execute(sa.insert(t["users"]), [_row(t["users"], id=1, role="interviewer")])
            conn.execute(
                sa.insert(t["instrument_versions"]), [_row(t["instrument_versions"], id=1)]
            )
            conn.execute(
                sa.insert(t["waves"]),
                [_row(t["waves"], id=1, instrument_version_id=1, status="open")],
            )
            conn.execute(
                sa.insert(t["sample_units"]),
                [_row(t["sample_units"], id=1, wave_id=1, external_id="U1", status="pending")],
            )
            conn.execute(
                sa.insert(t["invitation_codes"]),
                [_row(t["invitation_codes"], sample_unit_id=1, code_hash="c" * 64)],
            )
            conn.execute(
                sa.insert(t["interviews"]),
                [
                    _row(
                        t["interviews"],
                        id=1,
                        uuid="0" * 36,
                        wave_id=1,
                        sample_unit_id=1,
                        instrument_version_id=1,
                        mode="tablet",
                        status="completed",
                        interviewer_id=1,
                    )
                ],
            )
            conn.execute(
                sa.insert(t["incident_records"]),
                [_row(t["incident_records"], interview_id=1, repeat_code="inc", position=1)],
            )
        upgrade()
        with db.engine.connect() as conn:
            counts = {
                name: conn.exec_driver_sql(f"SELECT count(*) FROM {name}").scalar()
                for name in ("sample_units", "invitation_codes", "interviews", "incident_records")
            }
            enforced = (
                conn.exec_driver_sql("PRAGMA foreign_keys").scalar()
                if conn.dialect.name == "sqlite"
                else 1
            )
    assert counts == {
        "sample_units": 1,
        "invitation_codes": 1,
        "interviews": 1,
        "incident_records": 1,
    }
    assert enforced == 1  # foreign keys are enforced again after migrating


def test_0010_marks_stored_interviews_whose_answers_disagree_with_their_household_list(
    app: Flask,
) -> None:
    """Interviews stored before 0010 get household_mismatch from their answers and list: the
    dashboard's flag covers field work done before the upgrade too (NULL without a list)."""
    roster = [
        {"line": 1, "initials": "AM", "sex": "f", "age": 44},
        {"line": 2, "initials": "JM", "sex": "m", "age": 47},
        {"line": 3, "initials": "PM", "sex": "f", "age": 12},
    ]
    stored = {
        1: ({"hh_size": 3, "hh_adults": 2, "dem_sex": 2, "dem_age": 44}, 2),  # agrees
        2: ({"hh_size": 3, "hh_adults": 1}, 2),  # one adult said, two listed
        3: ({"dem_sex": 1, "dem_age": 44}, 2),  # a man answered for the woman selected
        4: ({"dem_sex": 2, "dem_age": 31}, 2),  # a woman of 31 for the one of 44
        5: ({"hh_size": 9}, None),  # no household list
    }
    _drop_everything(app)
    with app.app_context():
        upgrade(revision="0009_regional_outputs")
        with db.engine.begin() as conn:
            meta = sa.MetaData()
            meta.reflect(conn, only=["users", "instrument_versions", "waves", "interviews"])
            tables = meta.tables
            _insert_wave(conn, tables)
            conn.execute(
                sa.insert(tables["interviews"]),
                [
                    _row(
                        tables["interviews"],
                        id=i,
                        uuid=f"00000000-0000-4000-8000-00000000000{i}",
                        wave_id=1,
                        instrument_version_id=1,
                        status="completed",
                        answers=answers,
                        household=(
                            {"roster": roster, "selected_line": 1} if adults is not None else None
                        ),
                        eligible_adults=adults,
                    )
                    for i, (answers, adults) in stored.items()
                ],
            )
        upgrade()
        with db.engine.connect() as conn:
            found = dict(
                conn.exec_driver_sql("SELECT id, household_mismatch FROM interviews").all()
            )
    assert {i: (None if v is None else bool(v)) for i, v in found.items()} == {
        1: False,
        2: True,
        3: True,
        4: True,
        5: None,
    }


def test_0012_forces_no_existing_user_to_change_their_password(app: Flask) -> None:
    """Accounts made before 0012 keep their passwords without being sent to change them
    (must_change_password false), and nothing that references a user is lost (on SQLite a
    recreated users table would delete their sessions: ON DELETE CASCADE). Down again, the
    column goes and the rows stay."""
    _drop_everything(app)
    with app.app_context():
        upgrade(revision="0011_device_ids")
        with db.engine.begin() as conn:
            meta = sa.MetaData()
            meta.reflect(conn, only=["users", "staff_sessions"])
            users, sessions = meta.tables["users"], meta.tables["staff_sessions"]
            conn.execute(
                sa.insert(users),
                [
                    _row(users, id=1, email="a@example.org", role="administrator", active=True),
                    _row(users, id=2, email="i@example.org", role="interviewer", active=True),
                ],
            )
            conn.execute(sa.insert(sessions), [_row(sessions, user_id=2, token_hash="t" * 64)])
        upgrade(revision="0012_temporary_passwords")
        with db.engine.connect() as conn:
            flags = dict(conn.exec_driver_sql("SELECT id, must_change_password FROM users").all())
            kept = conn.exec_driver_sql("SELECT count(*) FROM staff_sessions").scalar()
        downgrade(revision="0011_device_ids")
        columns = {c["name"] for c in sa.inspect(db.engine).get_columns("users")}
        with db.engine.connect() as conn:
            after = conn.exec_driver_sql("SELECT count(*) FROM staff_sessions").scalar()
    assert {k: bool(v) for k, v in flags.items()} == {1: False, 2: False}
    assert kept == 1 and after == 1
    assert "must_change_password" not in columns and "email" in columns


def test_0013_leaves_earlier_visits_without_an_appointment_and_goes_down_keeping_them(
    app: Flask,
) -> None:
    """Visits stored before 0013 keep every field and have no appointment (NULL: the app did
    not ask); one stored with an appointment afterwards reads back as stored. Down again, the
    two columns go and the visits stay."""
    import datetime as dt

    _drop_everything(app)
    with app.app_context():
        upgrade(revision="0012_temporary_passwords")
        with db.engine.begin() as conn:
            meta = sa.MetaData()
            meta.reflect(
                conn,
                only=["users", "instrument_versions", "waves", "sample_units", "contact_attempts"],
            )
            tables = meta.tables
            _insert_wave(conn, tables)
            units, attempts = tables["sample_units"], tables["contact_attempts"]
            conn.execute(
                sa.insert(units), [_row(units, id=1, wave_id=1, external_id="U1", status="pending")]
            )
            conn.execute(
                sa.insert(attempts),
                [
                    _row(
                        attempts,
                        id=1,
                        uuid="00000000-0000-4000-8000-000000000001",
                        sample_unit_id=1,
                        wave_id=1,
                        outcome="appointment",
                        attempted_at_text="2025-12-05T18:40:00-05:00",
                        note="Back on Tuesday",
                    )
                ],
            )
        upgrade(revision="0013_visit_appointments")
        with db.engine.begin() as conn:
            before = conn.exec_driver_sql(
                "SELECT outcome, note, appointment_date, appointment_time FROM contact_attempts"
            ).one()
            meta = sa.MetaData()
            meta.reflect(conn, only=["contact_attempts"])
            attempts = meta.tables["contact_attempts"]
            conn.execute(
                sa.insert(attempts),
                [
                    _row(
                        attempts,
                        id=2,
                        uuid="00000000-0000-4000-8000-000000000002",
                        sample_unit_id=1,
                        wave_id=1,
                        outcome="appointment",
                        appointment_date=dt.date(2025, 12, 9),
                        appointment_time=dt.time(15, 0),
                    )
                ],
            )
            after = conn.execute(
                sa.select(attempts.c.appointment_date, attempts.c.appointment_time).where(
                    attempts.c.id == 2
                )
            ).one()
        downgrade(revision="0012_temporary_passwords")
        columns = {c["name"] for c in sa.inspect(db.engine).get_columns("contact_attempts")}
        with db.engine.connect() as conn:
            kept = conn.exec_driver_sql("SELECT count(*) FROM contact_attempts").scalar()
    assert tuple(before) == ("appointment", "Back on Tuesday", None, None)
    assert tuple(after) == (dt.date(2025, 12, 9), dt.time(15, 0))
    assert kept == 2
    assert not columns & {"appointment_date", "appointment_time"} and "note" in columns


def test_0014_leaves_earlier_waves_without_support_notes_and_goes_down_keeping_them(
    app: Flask,
) -> None:
    """A wave stored before 0014 has no support note (NULL: respondents see the questionnaire's
    own sentence); a note stored afterwards reads back as stored, line break and accents
    included. Down again, the column goes and the wave stays."""
    _drop_everything(app)
    with app.app_context():
        upgrade(revision="0013_visit_appointments")
        with db.engine.begin() as conn:
            meta = sa.MetaData()
            meta.reflect(conn, only=["users", "instrument_versions", "waves"])
            _insert_wave(conn, meta.tables)
        upgrade(revision="0014_wave_support_notes")
        with db.engine.begin() as conn:
            meta = sa.MetaData()
            meta.reflect(conn, only=["waves"])
            waves = meta.tables["waves"]
            before = conn.execute(sa.select(waves.c.support_notes)).scalar_one()
            note = {"es": "Línea 155 (gratuita, 24 horas)\nCentro: 800 123 4567"}
            conn.execute(sa.update(waves).values(support_notes=note))
            after = conn.execute(sa.select(waves.c.support_notes)).scalar_one()
        downgrade(revision="0013_visit_appointments")
        columns = {c["name"] for c in sa.inspect(db.engine).get_columns("waves")}
        with db.engine.connect() as conn:
            kept = conn.exec_driver_sql("SELECT count(*) FROM waves").scalar()
    assert before is None and after == note
    assert kept == 1 and "support_notes" not in columns and "slug" in columns
