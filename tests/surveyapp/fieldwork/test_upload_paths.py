"""A new interview and a new revision of a stored one are written by Core statements
(services/fieldwork.py ``_store_new``, ``_store_revision``): both store the same interview,
unit, revision and incident rows for the same content, the ones the ORM's rules
(``rebuild_incidents``, ``refresh_disposition``, ``interview_outcome``) give, and a revision
written over a row changed since it was read is refused (the version counter), never lost."""

from __future__ import annotations

import json
from typing import Any

import pytest
import sqlalchemy as sa

from surveyapp.extensions import db
from surveyapp.models import IncidentRecord, Interview, InterviewRevision, SampleUnit, Wave
from surveyapp.services.dispositions import interview_outcome, refresh_disposition
from surveyapp.services.interviews import rebuild_incidents

from .conftest import NOT_ROBBED, TWO_ROBBERIES, Field
from .test_supervision_api import household

NEW = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
REVISED = "5f6e7d8c-9b0a-4f1e-8d2c-3b4a5f6e7d8c"
#: Interview columns that differ between the two by nature (ids, times, revision number) or
#: are compared with what each sent (the household record holds the unit's own seed).
OWN = {
    "id",
    "uuid",
    "sample_unit_id",
    "revision",
    "version",
    "started_at",
    "updated_at",
    "completed_at",
    "household",
}
PARADATA = {
    "started_at": "2025-12-06T10:00:00-05:00",
    "ended_at": "2025-12-06T10:14:00-05:00",
    "questions": {"rob_yn": {"ms": 5300, "changes": 1}},
}


def _stored(field: Field, uuid: str) -> dict[str, Any]:
    with field.app.app_context():
        interview = db.session.scalar(sa.select(Interview).where(Interview.uuid == uuid))
        assert interview is not None
        unit = db.session.get(SampleUnit, interview.sample_unit_id)
        assert unit is not None
        revision = db.session.scalar(
            sa.select(InterviewRevision).where(
                InterviewRevision.interview_id == interview.id,
                InterviewRevision.number == interview.revision,
            )
        )
        assert revision is not None
        incidents = db.session.scalars(
            sa.select(IncidentRecord)
            .where(IncidentRecord.interview_id == interview.id)
            .order_by(IncidentRecord.repeat_code, IncidentRecord.position)
        )
        columns = {c.key for c in sa.inspect(Interview).column_attrs}
        return {
            "interview": {name: getattr(interview, name) for name in sorted(columns - OWN)},
            "completed": interview.completed_at is not None,
            "household": interview.household,
            "unit": (unit.status, unit.disposition, unit.eligible_adults),
            "revision": (
                revision.status,
                revision.language,
                revision.answers,
                revision.paradata,
                revision.submitted_by_id,
                revision.token_id,
                revision.client_saved_at,
            ),
            "revision_household": revision.household,
            "incidents": [(i.repeat_code, i.position, i.crime_type, i.data) for i in incidents],
        }


@pytest.mark.parametrize(
    ("status", "answers", "with_household"),
    [
        ("completed", TWO_ROBBERIES, True),
        ("completed", NOT_ROBBED, False),
        ("abandoned", {"rob_yn": 1}, True),  # partial
        ("abandoned", {}, False),  # a break-off before any answer
    ],
)
def test_a_new_interview_is_stored_as_a_new_revision_of_a_stored_one_would_be(
    field: Field, status: str, answers: dict[str, Any], with_household: bool
) -> None:
    def body(unit: str, **changes: Any) -> dict[str, Any]:
        extra = {"household": household(field, unit=unit)} if with_household else {}
        return field.body(
            unit, status=status, answers=answers, paradata=PARADATA, **extra, **changes
        )

    assert field.put(NEW, body("H1")).status_code == 201
    first = field.body("H2", status="abandoned", answers={"rob_yn": 2}, client_revision=1)
    assert field.put(REVISED, first).status_code == 201
    assert field.put(REVISED, body("H2", client_revision=2)).status_code == 200

    new, revised = _stored(field, NEW), _stored(field, REVISED)
    assert new["revision"] == revised["revision"]
    assert new["interview"] == revised["interview"]
    assert new["unit"] == revised["unit"]
    assert new["incidents"] == revised["incidents"]
    assert new["completed"] is revised["completed"] is (status == "completed")
    for stored, unit in ((new, "H1"), (revised, "H2")):
        sent = household(field, unit=unit) if with_household else None
        assert stored["household"] == stored["revision_household"] == sent
    assert new["interview"]["duration_seconds"] == 14 * 60  # the quality figures too
    for uuid in (NEW, REVISED):
        assert _as_the_plain_rules_leave_it(field, uuid)


def _as_the_plain_rules_leave_it(field: Field, uuid: str) -> bool:
    """Whether the ORM's rules, run again on what an upload stored, change nothing: the
    interview's outcome, its incident rows rebuilt from its answers, the unit's disposition
    and status refreshed from what is stored."""
    with field.app.app_context():
        interview = db.session.scalar(sa.select(Interview).where(Interview.uuid == uuid))
        assert interview is not None and interview.sample_unit is not None
        unit = interview.sample_unit
        before = (unit.status, unit.disposition, _incidents(interview.id))
        outcome = interview_outcome(
            completed=interview.status.value == "completed", answered=bool(interview.answers)
        )
        rebuild_incidents(db.session, interview)
        refresh_disposition(db.session, unit)
        after = (unit.status, unit.disposition, _incidents(interview.id))
        db.session.rollback()
        return before == after and (interview.status, interview.disposition) == (
            outcome[0],
            int(outcome[1]),
        )


def _incidents(interview_id: int) -> list[tuple[Any, ...]]:
    return [
        (i.repeat_code, i.position, i.crime_type, i.data)
        for i in db.session.scalars(
            sa.select(IncidentRecord)
            .where(IncidentRecord.interview_id == interview_id)
            .order_by(IncidentRecord.repeat_code, IncidentRecord.position)
        )
    ]


def _statements(field: Field, body: dict[str, Any], uuid: str = NEW) -> list[str]:
    """The SQL statements one upload runs (a commit is none)."""
    seen: list[str] = []

    def count(*args: Any) -> None:
        seen.append(args[2].split(None, 1)[0].upper())

    with field.app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        response = field.put(uuid, body)
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    assert response.status_code in (200, 201), response.json
    return seen


def test_a_new_interview_takes_seven_statements_and_a_duplicate_three(field: Field) -> None:
    """The token; the wave, its version, the unit, any other interviewer's interview of it and
    whether an interview has this uuid, in one query; the INSERTs of the interview, its
    revision, its incident rows (one statement for all) and the audit row; the UPDATE of the
    unit. A duplicate: the token, that query, the interview locked by uuid with its revision of
    this content (4 statements before). (The cost of an upload is mostly per statement:
    bench_sync.py, docs/fieldwork.md.)"""
    assert field.client.get("/api/field/me", headers=field.auth()).status_code == 200  # touched
    body = field.body()
    assert _statements(field, body) == [
        "SELECT",
        "SELECT",
        "INSERT",
        "INSERT",
        "INSERT",
        "UPDATE",
        "INSERT",
    ]
    assert _statements(field, body) == ["SELECT", "SELECT", "SELECT"]


def _loads(field: Field, send: Any) -> list[str]:
    """The Interview and InterviewRevision instances the ORM loads while ``send()`` runs."""
    loaded: list[str] = []

    def seen(target: Any, context: Any) -> None:
        loaded.append(type(target).__name__)

    for model in (Interview, InterviewRevision):
        sa.event.listen(model, "load", seen)
    try:
        send()
    finally:
        for model in (Interview, InterviewRevision):
            sa.event.remove(model, "load", seen)
    return loaded


def test_a_new_revision_takes_nine_statements_and_loads_no_interview(field: Field) -> None:
    """The token; the wave-and-unit query; the interview locked by uuid with its revision of this
    content, if any; the wave and unit again after the lock; the interview's UPDATE (at the
    version read); the INSERT of the revision; the DELETE and the INSERT of the incident rows;
    the audit row; no UPDATE of a unit that stays as it was. The ORM took 11 statements (the
    interview and the revision loaded with their answers, the incident rows loaded, then
    inserted one by one)."""
    assert field.put(NEW, field.body(answers=NOT_ROBBED)).status_code == 201
    revised = field.body(client_revision=2)
    seen: list[str] = []
    assert _loads(field, lambda: seen.extend(_statements(field, revised))) == []
    assert seen == [
        "SELECT",
        "SELECT",
        "SELECT",
        "SELECT",
        "UPDATE",
        "INSERT",
        "DELETE",
        "INSERT",
        "INSERT",
    ]
    assert field.put(NEW, revised).json["duplicate"] is True


def test_a_break_off_updates_its_unit_once(field: Field) -> None:
    """A new abandoned interview: the token, the wave-and-unit query, the INSERTs of the
    interview and revision, the disposition rule's two SELECTs (interviews, visits), one UPDATE
    of the unit and the audit row (the ORM updated the unit twice around the rule). A completed
    interview revised into a break-off: the rule also asks whether another interview completed
    the unit (13 statements; 17 by the ORM)."""
    assert field.client.get("/api/field/me", headers=field.auth()).status_code == 200  # touched
    abandoned = field.body("H2", status="abandoned", answers={"rob_yn": 2})
    assert _statements(field, abandoned, uuid=REVISED) == [
        "SELECT",
        "SELECT",
        "INSERT",
        "INSERT",
        "SELECT",
        "SELECT",
        "UPDATE",
        "INSERT",
    ]
    assert field.put(NEW, field.body()).status_code == 201
    broken_off = field.body(client_revision=2, status="abandoned")
    assert len(_statements(field, broken_off)) == 13
    assert _as_the_plain_rules_leave_it(field, NEW)
    assert _as_the_plain_rules_leave_it(field, REVISED)


def _bump_version_after_the_lock(field: Field, uuid: str) -> Any:
    """A listener that, once, right after the upload reads the stored interview under its lock,
    changes the row's version in the same transaction: as if another upload had stored a
    revision between that read and this one's UPDATE (which the lock prevents on PostgreSQL,
    not on SQLite)."""
    done: list[bool] = []

    def bump(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.startswith("SELECT interviews.id") and not done:
            done.append(True)
            other = conn.connection.dbapi_connection.cursor()
            other.execute(f"UPDATE interviews SET version = version + 1 WHERE uuid = '{uuid}'")
            other.close()

    return bump


@pytest.mark.parametrize("attempts", [1, 5])
def test_a_revision_of_a_row_changed_since_it_was_read_is_refused_never_lost(
    field: Field, attempts: int
) -> None:
    """The interview's UPDATE is made at the version read under the lock: when the row has
    another one, nothing of the upload is written (StaleDataError), the request rolls back and
    tries again; after FIELD_UPLOAD_ATTEMPTS tries, 503 ``busy`` and nothing stored."""
    assert field.put(NEW, field.body(answers=NOT_ROBBED)).status_code == 201
    field.app.config["FIELD_UPLOAD_ATTEMPTS"] = attempts
    with field.app.app_context():
        engine = db.engine
    bump = _bump_version_after_the_lock(field, NEW)
    sa.event.listen(engine, "after_cursor_execute", bump)
    try:
        response = field.put(NEW, field.body(client_revision=2))
    finally:
        sa.event.remove(engine, "after_cursor_execute", bump)
    with field.app.app_context():
        interview = db.session.scalar(sa.select(Interview).where(Interview.uuid == NEW))
        assert interview is not None
        numbers = list(
            db.session.scalars(
                sa.select(InterviewRevision.number)
                .where(InterviewRevision.interview_id == interview.id)
                .order_by(InterviewRevision.number)
            )
        )
        stored = (interview.revision, interview.version, interview.answers, numbers)
    if attempts == 1:
        assert response.status_code == 503 and response.json["code"] == "busy"
        assert stored == (1, 1, NOT_ROBBED, [1])  # the bump rolled back with the rest
    else:  # the retry reads the row again and stores the revision
        assert response.status_code == 200 and response.json["revision"] == 2
        assert stored == (2, 2, TWO_ROBBERIES, [1, 2])


def test_an_upload_body_is_parsed_once(field: Field, monkeypatch: pytest.MonkeyPatch) -> None:
    """The NUL check of every request (security.refuse_nul) and the API share one parse of the
    tablet's JSON (it was parsed twice: a few per cent of an upload's CPU)."""
    body = field.body(saved_at="2025-12-06T10:15:00.123-05:00")
    parsed: list[str] = []
    decode = json.JSONDecoder.decode

    def counting(self: json.JSONDecoder, text: str, *args: Any, **kwargs: Any) -> Any:
        if "10:15:00.123" in text:
            parsed.append(text)
        return decode(self, text, *args, **kwargs)

    monkeypatch.setattr(json.JSONDecoder, "decode", counting)
    assert field.put(NEW, body).status_code == 201
    assert len(parsed) == 1


def test_a_revision_is_checked_against_the_wave_as_it_is_once_the_interview_is_locked(
    field: Field,
) -> None:
    """The query that finds a new interview also reads the wave and unit; for a stored one they
    are read again after its row lock (what a concurrent upload holding the lock, or a manager,
    changed meanwhile counts), not taken from that first read."""
    assert field.put(NEW, field.body()).status_code == 201
    with field.app.app_context():
        engine = db.engine
    changed: list[str] = []

    def web_only_once_locking(*args: Any) -> None:
        statement = args[2]
        if statement.startswith("SELECT interviews.id") and not changed:
            with engine.begin() as other:  # another connection, committed before the lock returns
                other.execute(sa.update(Wave).where(Wave.id == field.wave.id).values(modes=["web"]))
            changed.append(statement)

    sa.event.listen(engine, "before_cursor_execute", web_only_once_locking)
    try:
        response = field.put(NEW, field.body(client_revision=2, answers=NOT_ROBBED))
    finally:
        sa.event.remove(engine, "before_cursor_execute", web_only_once_locking)
    assert changed, "the stored interview was not read by uuid"
    assert response.status_code == 409, response.json
    assert response.json["code"] == "wave_not_accepting"
