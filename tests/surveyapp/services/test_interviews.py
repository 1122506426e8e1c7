"""Interviews: saving answers rebuilds incident rows; concurrency; dispositions."""

from __future__ import annotations

import hashlib
import re
from typing import Any, cast

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from surveyapp.models import (
    Disposition,
    IncidentRecord,
    InterviewStatus,
    Mode,
    SampleUnit,
    SampleUnitStatus,
    Wave,
    WaveStatus,
)
from surveyapp.services import invitations
from surveyapp.services.interviews import (
    InterviewError,
    StaleInterview,
    abandon_interview,
    complete_interview,
    find_by_resume_code,
    new_resume_code,
    save_answers,
    start_interview,
)
from surveyapp.services.sample import import_sample_units

TWO_ROBBERIES = {
    "rob_yn": 1,
    "rob_n": 2,
    "n_incidents": 2,
    "incident": [
        {"inc_pos": 1, "inc_crime": 11, "inc_reported": 1},
        {"inc_pos": 2, "inc_crime": 11, "inc_reported": 2},
    ],
}


def _unit(session: Session, wave: Wave) -> SampleUnit:
    import_sample_units(session, wave, "external_id\nH1\n")
    unit = session.scalar(sa.select(SampleUnit).where(SampleUnit.wave_id == wave.id))
    assert unit is not None
    return unit


def _incidents(session: Session) -> list[tuple[str, int, str | None, int]]:
    rows = session.scalars(sa.select(IncidentRecord).order_by(IncidentRecord.position))
    return [(r.repeat_code, r.position, r.crime_type, r.data["inc_reported"]) for r in rows]


def test_saving_answers_rebuilds_incident_rows(session: Session, wave: Wave) -> None:
    unit = _unit(session, wave)
    interview = start_interview(session, wave, mode=Mode.web, language="es", sample_unit=unit)
    assert unit.status is SampleUnitStatus.started
    save_answers(session, interview, TWO_ROBBERIES, last_section="incidents")
    session.commit()
    assert _incidents(session) == [("incident", 1, "11", 1), ("incident", 2, "11", 2)]
    assert interview.disposition == Disposition.partial and unit.status is SampleUnitStatus.partial
    # Going back and saying it happened once leaves one row.
    one = {**TWO_ROBBERIES, "rob_n": 1, "n_incidents": 1, "incident": TWO_ROBBERIES["incident"][:1]}
    save_answers(session, interview, one)
    session.commit()
    assert _incidents(session) == [("incident", 1, "11", 1)]
    save_answers(session, interview, {"rob_yn": 2})
    session.commit()
    assert _incidents(session) == []


def test_incident_rows_are_rebuilt_only_when_the_instances_change(
    session: Session, wave: Wave
) -> None:
    interview = start_interview(session, wave, mode=Mode.web, language="es")
    save_answers(session, interview, TWO_ROBBERIES)
    session.commit()
    ids = session.scalars(sa.select(IncidentRecord.id).order_by(IncidentRecord.id)).all()
    # Another page saved (the instances as they were): the rows stay.
    save_answers(session, interview, {**TWO_ROBBERIES, "per_safe": 2})
    session.commit()
    assert session.scalars(sa.select(IncidentRecord.id).order_by(IncidentRecord.id)).all() == ids
    # A value of an instance changes: rebuilt.
    changed = [
        dict(TWO_ROBBERIES["incident"][0]),
        {**TWO_ROBBERIES["incident"][1], "inc_reported": 1},
    ]
    save_answers(session, interview, {**TWO_ROBBERIES, "incident": changed})
    session.commit()
    assert _incidents(session) == [("incident", 1, "11", 1), ("incident", 2, "11", 1)]
    # Equal in Python but stored differently (11 and 11.0): rebuilt as well.
    floats = [{**instance, "inc_crime": 11.0} for instance in changed]
    save_answers(session, interview, {**TWO_ROBBERIES, "incident": floats})
    session.commit()
    assert _incidents(session) == [("incident", 1, "11.0", 1), ("incident", 2, "11.0", 1)]
    # An instance changed in place and saved again: rebuilt (the old document cannot tell).
    answers = interview.answers
    answers["incident"][0]["inc_reported"] = 2
    save_answers(session, interview, answers)
    session.commit()
    assert _incidents(session)[0][3] == 2


def test_core_and_orm_rebuilds_of_incident_rows_agree(session: Session, wave: Wave) -> None:
    """A page save rebuilds the rows with Core statements; with ``interview.incidents``
    loaded it goes through the ORM. Both store the same rows."""

    def rows(interview_id: int) -> list[tuple[Any, ...]]:
        found = session.execute(
            sa.select(
                IncidentRecord.repeat_code,
                IncidentRecord.position,
                IncidentRecord.crime_type,
                IncidentRecord.data,
            )
            .where(IncidentRecord.interview_id == interview_id)
            .order_by(IncidentRecord.position)
        )
        return [tuple(row) for row in found]

    core = start_interview(session, wave, mode=Mode.web, language="es")
    orm = start_interview(session, wave, mode=Mode.web, language="es")
    session.commit()
    second = cast(list[dict[str, Any]], TWO_ROBBERIES["incident"])[1]
    for answers in (TWO_ROBBERIES, {**TWO_ROBBERIES, "incident": [second]}):
        assert "incidents" not in sa.inspect(core).dict
        save_answers(session, core, answers)
        _ = orm.incidents  # loaded: the ORM rebuilds them
        save_answers(session, orm, answers)
        session.commit()
        assert rows(core.id) == rows(orm.id) != []
    assert rows(core.id) == [("incident", 1, "11", second)]
    assert core.version == orm.version == 3 and core.answers == orm.answers


def test_version_counts_saves_and_stale_saves_are_refused(session: Session, wave: Wave) -> None:
    interview = start_interview(session, wave, mode=Mode.web, language="en")
    session.commit()
    assert interview.version == 1
    save_answers(session, interview, {"rob_yn": 2}, expected_version=1)
    session.commit()
    assert interview.version == 2
    with pytest.raises(StaleInterview):
        save_answers(session, interview, {"rob_yn": 1}, expected_version=1)
    assert interview.answers == {"rob_yn": 2}


def test_complete_and_abandon(session: Session, wave: Wave) -> None:
    unit = _unit(session, wave)
    done = start_interview(session, wave, mode=Mode.web, language="es", sample_unit=unit)
    save_answers(session, done, {"rob_yn": 2})
    complete_interview(session, done)
    assert done.status is InterviewStatus.completed and done.completed_at is not None
    assert unit.status is SampleUnitStatus.completed and done.disposition == 110
    with pytest.raises(InterviewError):
        save_answers(session, done, {"rob_yn": 1})
    empty = start_interview(session, wave, mode=Mode.web, language="es")
    abandon_interview(session, empty)
    assert empty.disposition == Disposition.refusal


def test_resume_codes_are_hashed(session: Session, wave: Wave) -> None:
    interview = start_interview(session, wave, mode=Mode.web, language="es")
    code = new_resume_code(interview)
    session.flush()
    assert interview.resume_code_hash is not None and code not in interview.resume_code_hash
    assert find_by_resume_code(session, wave, code) is interview
    assert find_by_resume_code(session, wave, code + "x") is None


def test_resume_codes_can_be_copied_by_hand_and_typed_on_a_phone(
    session: Session, wave: Wave
) -> None:
    """A respondent writes the code on paper and types it on a phone whose keyboard the code
    field sets to capitals: no look-alike letters, no case, spaces and hyphens optional."""
    interview = start_interview(session, wave, mode=Mode.web, language="es")
    code = new_resume_code(interview)
    session.flush()
    letters = re.escape(invitations.ALPHABET)
    assert re.fullmatch(rf"[{letters}]{{4}}-[{letters}]{{4}}-[{letters}]{{4}}", code), code
    for typed in (code.lower(), code.replace("-", " "), code.replace("-", ""), f" {code} "):
        assert find_by_resume_code(session, wave, typed) is interview, typed


def test_resume_codes_given_before_keep_working_as_shown(session: Session, wave: Wave) -> None:
    """Codes shown before the grouped form (``secrets.token_urlsafe(9)``, case counts) were
    stored as the SHA-256 of the code itself; a respondent who wrote one down still resumes."""
    interview = start_interview(session, wave, mode=Mode.web, language="es")
    interview.resume_code_hash = hashlib.sha256(b"mFIHww5S-Ftl").hexdigest()
    session.flush()
    assert find_by_resume_code(session, wave, " mFIHww5S-Ftl ") is interview
    assert find_by_resume_code(session, wave, "MFIHWW5S-FTL") is None


@pytest.mark.parametrize(
    ("change", "message"),
    [({"status": WaveStatus.closed}, "not open"), ({"modes": ["tablet"]}, "web"), ({}, "fr")],
)
def test_refused_starts(
    session: Session, wave: Wave, change: dict[str, object], message: str
) -> None:
    for key, value in change.items():
        setattr(wave, key, value)
    with pytest.raises(InterviewError, match=message):
        start_interview(session, wave, mode=Mode.web, language="fr" if not change else "es")


def test_client_uuid_is_kept(session: Session, wave: Wave) -> None:
    interview = start_interview(
        session,
        wave,
        mode=Mode.web,
        language="es",
        interview_uuid="6F9619FF-8B86-D011-B42D-00C04FC964FF",
    )
    assert interview.uuid == "6f9619ff-8b86-d011-b42d-00c04fc964ff"


def test_a_save_racing_another_in_the_database_is_refused(
    app: Any, session: Session, wave: Wave
) -> None:
    from surveyapp.extensions import db
    from surveyapp.models import Interview

    interview = start_interview(session, wave, mode=Mode.web, language="es")
    session.commit()
    with Session(db.engine) as other:
        theirs = other.get(Interview, interview.id)
        assert theirs is not None
        mine = session.get(Interview, interview.id)
        assert mine is not None and mine.version == theirs.version == 1
        save_answers(other, theirs, {"rob_yn": 1})
        other.commit()
        with pytest.raises(StaleInterview):
            save_answers(session, mine, {"rob_yn": 2})
        session.rollback()
    session.expire_all()
    assert session.get(Interview, interview.id).answers == {"rob_yn": 1}  # type: ignore[union-attr]
