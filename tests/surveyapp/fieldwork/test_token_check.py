"""The field API's token check: one query of the token's and holder's columns, no ORM
instance (services/fieldwork.py ``token_holder``), read anew on every request, so that a
revocation or an expiry written by another process counts from the next request."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from surveyapp.extensions import db
from surveyapp.models import ApiToken, AuditLog, User
from surveyapp.services.fieldwork import hash_token

from .conftest import UUID, Field

ATTEMPT = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"


def _loaded(field: Field, send: Any) -> list[str]:
    """The ApiToken and User instances the ORM loads while ``send()`` runs."""
    loaded: list[str] = []

    def seen(target: Any, context: Any) -> None:
        loaded.append(type(target).__name__)

    for model in (ApiToken, User):
        sa.event.listen(model, "load", seen)
    try:
        send()
    finally:
        for model in (ApiToken, User):
            sa.event.remove(model, "load", seen)
    return loaded


def test_an_upload_and_a_visit_load_neither_the_token_nor_its_user(field: Field) -> None:
    def upload() -> None:
        assert field.put().status_code == 201
        attempt = {
            "sample_unit_id": field.units["H2"],
            "attempted_at": "2025-12-06T10:15:00-05:00",
            "outcome": "no_contact",
        }
        response = field.client.put(
            f"/api/field/attempts/{ATTEMPT}", json=attempt, headers=field.auth()
        )
        assert response.status_code == 201, response.json

    assert _loaded(field, upload) == []
    with field.app.app_context():  # the audit rows still name the interviewer
        users = set(
            db.session.scalars(
                sa.select(AuditLog.user_id).where(
                    AuditLog.object_type.in_(("interview", "sample_unit"))
                )
            )
        )
    assert users == {field.interviewer.id}


def test_the_other_calls_load_neither_the_token_nor_its_user(field: Field) -> None:
    """Who the token's holder is (``me``), their assignments and their interview come from
    the token check's one query too; only logging out loads the token to revoke it."""
    assert field.put().status_code == 201
    calls: list[Any] = []

    def read() -> None:
        for path in ("/api/field/me", "/api/field/assignments", f"/api/field/interviews/{UUID}"):
            calls.append(field.client.get(path, headers=field.auth()))

    assert _loaded(field, read) == []
    assert [c.status_code for c in calls] == [200, 200, 200]
    assert calls[0].json["user"] == {
        "id": field.interviewer.id,
        "name": "Ana Entrevistadora",
        "email": field.interviewer.email,
        "role": "interviewer",
    }
    assert calls[0].json["device"] == "Tablet 7"


def _set_token(field: Field, **values: Any) -> None:
    """Change the token's row on a connection of its own, as another server process would."""
    with field.app.app_context():
        engine = db.engine
    with engine.begin() as other:
        other.execute(
            sa.update(ApiToken)
            .where(ApiToken.token_hash == hash_token(field.token))
            .values(**values)
        )


def test_a_revocation_or_expiry_by_another_process_counts_from_the_next_request(
    field: Field,
) -> None:
    me = "/api/field/me"
    assert field.client.get(me, headers=field.auth()).status_code == 200
    _set_token(field, revoked_at=dt.datetime.now(dt.UTC))
    assert field.client.get(me, headers=field.auth()).status_code == 401
    assert field.put().status_code == 401
    _set_token(field, revoked_at=None)
    assert field.client.get(me, headers=field.auth()).status_code == 200
    _set_token(field, expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
    assert field.put().status_code == 401
    with field.app.app_context():
        assert (
            db.session.scalar(
                sa.select(sa.func.count())
                .select_from(AuditLog)
                .where(AuditLog.action == "interview.upload")
            )
            == 0
        )
