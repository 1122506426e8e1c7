"""Column types and constraints behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from surveyapp.models import (
    AuditLog,
    IncidentRecord,
    InstrumentVersion,
    Interview,
    Mode,
    SampleUnit,
    Wave,
)
from surveyapp.services.interviews import save_answers, start_interview


def test_timestamps_come_back_aware_and_naive_ones_are_refused(session: Session) -> None:
    when = dt.datetime(2026, 3, 1, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    entry = AuditLog(action="test", created_at=when, details={})
    session.add(entry)
    session.commit()
    session.expire_all()
    assert entry.created_at == when and entry.created_at.tzinfo is not None
    session.add(AuditLog(action="naive", created_at=dt.datetime(2026, 3, 1), details={}))
    with pytest.raises(sa.exc.StatementError, match="naive datetime"):
        session.flush()
    session.rollback()


def test_json_documents_round_trip(session: Session, wave: Wave) -> None:
    answers = {
        "rob_yn": 1,
        "texto": "Peñalolén – ñandú",
        "incident": [{"inc_crime": 11, "v": 1.5}],
        "none": None,
    }
    interview = start_interview(session, wave, mode=Mode.web, language="es")
    save_answers(session, interview, answers)
    session.commit()
    session.expire_all()
    assert interview.answers == answers


def test_foreign_keys_are_enforced(session: Session, wave: Wave) -> None:
    session.add(SampleUnit(wave_id=wave.id, external_id="X", area_id=987654))
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()


def test_uuid_and_external_id_are_unique(session: Session, wave: Wave) -> None:
    start_interview(
        session,
        wave,
        mode=Mode.web,
        language="es",
        interview_uuid="00000000-0000-4000-8000-000000000001",
    )
    session.commit()
    with pytest.raises(IntegrityError):
        start_interview(
            session,
            wave,
            mode=Mode.web,
            language="es",
            interview_uuid="00000000-0000-4000-8000-000000000001",
        )
    session.rollback()
    session.add_all(
        [SampleUnit(wave_id=wave.id, external_id="A"), SampleUnit(wave_id=wave.id, external_id="A")]
    )
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()


def test_deleting_an_interview_deletes_its_incident_rows(session: Session, wave: Wave) -> None:
    interview = start_interview(session, wave, mode=Mode.web, language="es")
    save_answers(session, interview, {"incident": [{"inc_crime": 11}, {"inc_crime": 12}]})
    session.commit()
    assert session.scalar(sa.select(sa.func.count(IncidentRecord.id))) == 2
    session.delete(interview)
    session.commit()
    assert session.scalar(sa.select(sa.func.count(IncidentRecord.id))) == 0


def test_an_instrument_in_use_cannot_be_deleted(session: Session, wave: Wave) -> None:
    version = session.get(InstrumentVersion, wave.instrument_version_id)
    assert version is not None
    with pytest.raises(IntegrityError):
        session.execute(sa.delete(InstrumentVersion).where(InstrumentVersion.id == version.id))
    session.rollback()
    assert session.scalar(sa.select(sa.func.count(Interview.id))) == 0
