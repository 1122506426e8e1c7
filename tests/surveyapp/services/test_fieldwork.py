"""Field work services: the content hash, tokens, review rules, assignment rules."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from surveyapp.models import ApiToken, Mode, Role, SampleUnit, User, Wave
from surveyapp.services.fieldwork import (
    AssignmentError,
    FieldworkError,
    assign_units,
    check_uuid,
    content_hash,
    issue_token,
    parse_upload,
    review_interview,
    token_holder,
)
from surveyapp.services.interviews import start_interview
from surveyapp.services.sample import import_sample_units
from surveyapp.services.users import UserError, create_user

from ...conftest import sqlite_file_or_skip, write_elsewhere

BODY = {
    "wave_id": 1,
    "sample_unit_id": 12,
    "instrument_hash": "ab",
    "language": "es",
    "status": "completed",
    "answers": {"safe_dark": 1, "rob_yn": 2, "nota": "señal débil"},
    "paradata": {},
    "client_revision": 3,
    "saved_at": "2026-12-06T10:15:00-05:00",
}
#: BODY's canonical JSON written out by hand (sorted keys, no spaces, UTF-8 not escaped).
CANONICAL = (
    '{"answers":{"nota":"señal débil","rob_yn":2,"safe_dark":1},"client_revision":3,'
    '"instrument_hash":"ab","language":"es","paradata":{},"sample_unit_id":12,'
    '"saved_at":"2026-12-06T10:15:00-05:00","status":"completed","wave_id":1}'
)


def _user(session: Session, role: Role, email: str) -> User:
    return create_user(session, email=email, name=email, role=role, password="x" * 12)


def test_the_content_hash_is_sha256_of_the_canonical_json() -> None:
    assert content_hash(BODY) == hashlib.sha256(CANONICAL.encode("utf-8")).hexdigest()
    reordered = dict(reversed(list(BODY.items())))
    assert content_hash({**reordered, "extra": "ignored"}) == content_hash(BODY)
    assert content_hash({**BODY, "client_revision": 4}) != content_hash(BODY)
    assert parse_upload(BODY).content_hash == content_hash(BODY)


def test_saved_at_keeps_its_offset_and_needs_one() -> None:
    assert parse_upload(BODY).saved_at_time.utcoffset() == dt.timedelta(hours=-5)
    with pytest.raises(FieldworkError, match="UTC offset"):
        parse_upload({**BODY, "saved_at": "2026-12-06T10:15:00"})


@pytest.mark.parametrize("value", ["A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", "x", "", "a" * 36])
def test_uuids_must_be_canonical(value: str) -> None:
    with pytest.raises(FieldworkError) as caught:
        check_uuid(value)
    assert caught.value.code == "invalid_uuid"


def test_tokens_are_refused_to_roles_without_field_work(session: Session) -> None:
    analyst = _user(session, Role.analyst, "a@example.org")
    with pytest.raises(FieldworkError) as caught:
        issue_token(session, analyst, device="x", days=90)
    assert caught.value.code == "role_not_allowed"


def test_a_token_expires_and_is_touched_once_per_interval(session: Session) -> None:
    user = _user(session, Role.interviewer, "i@example.org")
    start = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    token, plain = issue_token(session, user, device="  ", days=2, now=start)
    assert token.label == "Unnamed device" and token.expires_at == start + dt.timedelta(days=2)
    minute = dt.timedelta(minutes=1)
    assert token_holder(session, plain, touch_after=minute, now=start)[1] is True
    assert token_holder(session, plain, touch_after=minute, now=start + 0.5 * minute)[1] is False
    assert token_holder(session, plain, touch_after=minute, now=start + 2 * minute)[1] is True
    with pytest.raises(FieldworkError) as caught:
        token_holder(session, plain, touch_after=minute, now=start + dt.timedelta(days=2))
    assert caught.value.code == "token_invalid"
    assert (
        session.scalar(sa.select(ApiToken.token_hash)) == hashlib.sha256(plain.encode()).hexdigest()
    )


def test_only_supervisors_review_and_a_rejection_needs_a_comment(
    session: Session, wave: Wave
) -> None:
    wave.modes = [Mode.web.value, Mode.tablet.value]
    interviewer = _user(session, Role.interviewer, "i@example.org")
    supervisor = _user(session, Role.supervisor, "s@example.org")
    interview = start_interview(session, wave, mode=Mode.tablet, language="es")
    with pytest.raises(UserError, match="sent from a tablet"):
        review_interview(session, interview, by=supervisor, approve=True)
    interview.revision = 1
    with pytest.raises(UserError, match="Only supervisors"):
        review_interview(session, interview, by=interviewer, approve=True)
    with pytest.raises(UserError) as caught:
        review_interview(session, interview, by=supervisor, approve=False, comment="  ")
    assert caught.value.field == "comment"
    review_interview(session, interview, by=supervisor, approve=False, comment="Check Q3")
    assert interview.review_status is not None and interview.review_status.value == "rejected"
    review_interview(session, interview, by=supervisor, approve=True)
    assert interview.review_status.value == "approved" and interview.review_comment is None
    # Sending an approved interview back (reopening it) is headquarters' decision (issue 9).
    with pytest.raises(UserError, match="only headquarters"):
        review_interview(session, interview, by=supervisor, approve=False, comment="Again")
    manager = _user(session, Role.survey_manager, "m@example.org")
    review_interview(session, interview, by=manager, approve=False, comment="Again")
    assert interview.review_status.value == "rejected"


def test_assigning_needs_a_tablet_wave_and_a_field_role(session: Session, wave: Wave) -> None:
    import_sample_units(session, wave, "external_id\nA\nB\n")
    interviewer = _user(session, Role.interviewer, "i@example.org")
    with pytest.raises(AssignmentError, match="tablet"):
        assign_units(session, wave, interviewer, by=None)
    wave.modes = [Mode.tablet.value]
    analyst = _user(session, Role.analyst, "a@example.org")
    with pytest.raises(AssignmentError, match="field work"):
        assign_units(session, wave, analyst, by=None)
    done = assign_units(session, wave, interviewer, by=None)
    assert sorted(u.external_id for u in done) == ["A", "B"]
    assert assign_units(session, wave, interviewer, by=None) == []  # nothing left to assign
    units = session.scalars(sa.select(SampleUnit.assigned_to_id)).all()
    assert set(units) == {interviewer.id}


def test_assigning_reads_everything_before_it_takes_the_write_lock(
    session: Session, wave: Wave
) -> None:
    """On SQLite one writer at a time: assigning a big wave changed every unit (flushed, so the
    write lock taken) and then looked up their assignment history, one query per 5,000 units,
    holding the lock (1.9 s for 50,000 units, docs/server.md). Now the reads come first."""
    path = sqlite_file_or_skip(session.get_bind())
    import_sample_units(session, wave, "external_id\nA\nB\n")
    wave.modes = [Mode.tablet.value]
    interviewer = _user(session, Role.interviewer, "i@example.org")
    session.commit()
    writes: list[str] = []

    def reading_history(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if "FROM unit_assignments" not in statement:
            return
        writes.append(write_elsewhere(path))

    engine = session.get_bind()
    sa.event.listen(engine, "before_cursor_execute", reading_history)
    try:
        done = assign_units(session, wave, interviewer, by=None)
    finally:
        sa.event.remove(engine, "before_cursor_execute", reading_history)
    session.commit()
    assert sorted(u.external_id for u in done) == ["A", "B"]
    assert writes and set(writes) == {"written"}
    assert {u.assigned_to_id for u in done} == {interviewer.id}
    assert set(session.scalars(sa.select(SampleUnit.assigned_to_id))) == {interviewer.id}
