"""A new interview is written by Core statements, a new revision of a stored one by the ORM
(services/fieldwork.py ``_store_new``): both store the same interview, unit, revision and
incident rows for the same content."""

from __future__ import annotations

import json
from typing import Any

import pytest
import sqlalchemy as sa

from surveyapp.extensions import db
from surveyapp.models import IncidentRecord, Interview, InterviewRevision, SampleUnit, Wave

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


def test_a_new_interview_takes_seven_statements_and_a_duplicate_four(field: Field) -> None:
    """The token; the wave, its version, the unit, any other interviewer's interview of it and
    whether an interview has this uuid, in one query; the INSERTs of the interview, its
    revision, its incident rows (one statement for all) and the audit row; the UPDATE of the
    unit. A duplicate: the token, that query, the interview locked by uuid, its revision with
    this content. (The cost of an upload is mostly per statement: bench_sync.py,
    docs/fieldwork.md.)"""
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
    assert _statements(field, body) == ["SELECT", "SELECT", "SELECT", "SELECT"]


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
