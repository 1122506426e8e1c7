"""Identical uploads racing each other store one interview and one revision, and all succeed.

Threads send through the live app (each request its own application context and database
connection, as several gunicorn workers would), released together by a barrier. Runs on
SQLite and, with SURVEYAPP_TEST_DATABASE_URL, on PostgreSQL.
"""

from __future__ import annotations

import threading
import uuid as uuid_module
from typing import Any

import pytest
import sqlalchemy as sa

from surveyapp.extensions import db
from surveyapp.models import IncidentRecord, Interview, InterviewRevision

from .conftest import NOT_ROBBED, Field

THREADS = 6
ROUNDS = 4


def _race(field: Field, uuid: str, body: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    barrier = threading.Barrier(THREADS)
    results: list[tuple[int, dict[str, Any]]] = []
    lock = threading.Lock()

    def send() -> None:
        client = field.app.test_client()
        barrier.wait()
        response = client.put(f"/api/field/interviews/{uuid}", json=body, headers=field.auth())
        with lock:
            results.append((response.status_code, response.json))

    threads = [threading.Thread(target=send) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(results) == THREADS
    return results


def _counts(field: Field, uuid: str) -> tuple[int, list[int], int]:
    with field.app.app_context():
        interviews = db.session.scalar(
            sa.select(sa.func.count(Interview.id)).where(Interview.uuid == uuid)
        )
        numbers = list(
            db.session.scalars(
                sa.select(InterviewRevision.number)
                .join(Interview)
                .where(Interview.uuid == uuid)
                .order_by(InterviewRevision.number)
            )
        )
        incidents = db.session.scalar(
            sa.select(sa.func.count(IncidentRecord.id))
            .join(Interview)
            .where(Interview.uuid == uuid)
        )
        return interviews or 0, numbers, incidents or 0


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_identical_new_uploads_at_once_store_one_interview(field: Field, round_: int) -> None:
    uuid = str(uuid_module.uuid4())
    results = _race(field, uuid, field.body())
    statuses = sorted(status for status, _ in results)
    assert statuses == [200] * (THREADS - 1) + [201], results
    assert {body["revision"] for _, body in results} == {1}
    assert sum(not body["duplicate"] for _, body in results) == 1
    assert len({body["content_hash"] for _, body in results}) == 1
    assert _counts(field, uuid) == (1, [1], 2)


def test_identical_new_revisions_at_once_store_one_revision(field: Field) -> None:
    uuid = str(uuid_module.uuid4())
    assert field.put(uuid).status_code == 201
    for client_revision in (2, 3):
        answers = NOT_ROBBED if client_revision == 2 else field.body()["answers"]
        body = field.body(answers=answers, client_revision=client_revision)
        results = _race(field, uuid, body)
        assert {status for status, _ in results} == {200}, results
        assert {body["revision"] for _, body in results} == {client_revision}
        assert sum(not body["duplicate"] for _, body in results) == 1
    assert _counts(field, uuid) == (1, [1, 2, 3], 2)


def test_different_revisions_at_once_are_all_kept_in_order(field: Field) -> None:
    """Two or more tablets of one interviewer sending changed copies of one interview at once:
    each upload becomes its own revision (none lost, none overwriting another's number), and the
    interview holds the content of the last one stored, at a version counted once per revision
    (the version check of the revision's UPDATE, or PostgreSQL's row lock, makes the losers of
    a race start again)."""
    field.app.config["FIELD_UPLOAD_ATTEMPTS"] = 50  # SQLite's one writer: more races to lose
    uuid = str(uuid_module.uuid4())
    assert field.put(uuid).status_code == 201
    barrier = threading.Barrier(THREADS)
    results: list[tuple[int, dict[str, Any]]] = []
    lock = threading.Lock()

    def send(client_revision: int) -> None:
        answers = NOT_ROBBED if client_revision % 2 else field.body()["answers"]
        body = field.body(answers=answers, client_revision=client_revision)
        client = field.app.test_client()
        barrier.wait()
        response = client.put(f"/api/field/interviews/{uuid}", json=body, headers=field.auth())
        with lock:
            results.append((response.status_code, response.json))

    threads = [threading.Thread(target=send, args=(n,)) for n in range(2, 2 + THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(status for status, _ in results) == [200] * THREADS, results
    assert sorted(body["revision"] for _, body in results) == list(range(2, 2 + THREADS))
    assert not any(body["duplicate"] for _, body in results)
    with field.app.app_context():
        interview = db.session.scalar(sa.select(Interview).where(Interview.uuid == uuid))
        assert interview is not None
        last = db.session.scalar(
            sa.select(InterviewRevision).where(
                InterviewRevision.interview_id == interview.id,
                InterviewRevision.number == 1 + THREADS,
            )
        )
        assert last is not None
        assert (interview.revision, interview.version) == (1 + THREADS, 1 + THREADS)
        assert interview.answers == last.answers
        incidents = db.session.scalar(
            sa.select(sa.func.count(IncidentRecord.id)).where(
                IncidentRecord.interview_id == interview.id
            )
        )
        assert incidents == len(last.answers.get("incident", []))
    assert _counts(field, uuid)[1] == list(range(1, 2 + THREADS))
