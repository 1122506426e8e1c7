"""The field work sync API (/api/field): tokens, assignments, instruments, uploads, errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa

from surveyapp.extensions import db
from surveyapp.models import (
    ApiToken,
    AuditLog,
    IncidentRecord,
    Interview,
    InterviewRevision,
    InterviewStatus,
    Mode,
    Role,
    SampleUnit,
    SampleUnitStatus,
    User,
    Wave,
    WaveStatus,
)
from surveyapp.services.fieldwork import content_hash, hash_token, review_interview
from surveyapp.services.waves import set_support_notes

from ...conftest import TEST_PASSWORD
from .conftest import NOT_ROBBED, TWO_ROBBERIES, UUID, Field, api_login

OTHER_UUID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"


def error_code(response: Any, status: int) -> str:
    """The response's error code, after checking the error shape of the contract."""
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True))
    body = response.json
    assert body["status"] == status and body["error"] and body["message"], body
    # which case of the code, and what the message names: the app words it (test_api_messages)
    assert isinstance(body["reason"], str) and body["reason"], body
    assert isinstance(body["params"], dict), body
    return str(body["code"])


# ---- login, logout, tokens -------------------------------------------------------------------------


def test_login_issues_a_token_stored_hashed_with_expiry(field: Field) -> None:
    response = field.client.post(
        "/api/field/login",
        json={"email": field.interviewer.email, "password": TEST_PASSWORD, "device": "Tab A"},
    )
    assert response.status_code == 200
    body = response.json
    assert body["user"] == {
        "id": field.interviewer.id,
        "name": "Ana Entrevistadora",
        "email": field.interviewer.email,
        "role": "interviewer",
    }
    expires = dt.datetime.fromisoformat(body["expires_at"].replace("Z", "+00:00"))
    assert dt.timedelta(days=89) < expires - dt.datetime.now(dt.UTC) <= dt.timedelta(days=90)
    with field.app.app_context():
        row = db.session.scalar(sa.select(ApiToken).where(ApiToken.label == "Tab A"))
        assert row is not None and row.token_hash == hash_token(body["token"])
        assert body["token"] not in repr(db.session.execute(sa.select(ApiToken.__table__)).all())
        actions = set(db.session.scalars(sa.select(AuditLog.action)))
        assert "token.issue" in actions


def test_me_names_the_user_and_device(field: Field) -> None:
    response = field.client.get("/api/field/me", headers=field.auth())
    assert response.status_code == 200
    assert response.json["user"]["email"] == field.interviewer.email
    assert response.json["device"] == "Tablet 7" and response.json["expires_at"].endswith("Z")
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "body",
    [
        {"email": "nobody@example.org", "password": TEST_PASSWORD, "device": "x"},
        {"password": "wrong password!", "device": "x"},
    ],
)
def test_wrong_or_unknown_credentials_get_the_same_401(field: Field, body: dict[str, Any]) -> None:
    body.setdefault("email", field.interviewer.email)
    response = field.client.post("/api/field/login", json=body)
    assert error_code(response, 401) == "bad_credentials"


def test_a_locked_account_gets_the_same_words(field: Field) -> None:
    bad = {"email": field.other.email, "password": "wrong password!", "device": "x"}
    answers = [field.client.post("/api/field/login", json=bad) for _ in range(5)]
    good = {**bad, "password": TEST_PASSWORD}
    locked = field.client.post("/api/field/login", json=good)
    assert error_code(locked, 401) == "bad_credentials"
    assert locked.json["message"] == answers[0].json["message"]


def test_roles_without_field_work_cannot_log_in(
    field: Field, make_user: Callable[..., User]
) -> None:
    analyst = make_user(Role.analyst)
    body = {"email": analyst.email, "password": TEST_PASSWORD, "device": "x"}
    response = field.client.post("/api/field/login", json=body)
    assert error_code(response, 403) == "role_not_allowed"
    for role in (Role.supervisor, Role.survey_manager, Role.administrator):
        api_login(field.client, make_user(role))


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (b"{not json", "application/json"),
        (b'["a list"]', "application/json"),
        (b'{"email": 5, "password": "x", "device": "x"}', "application/json"),
        (b'{"email": "a@b", "password": "x", "device": "\\u0000"}', "application/json"),
        (b'{"email": "a@b\\ud800", "password": "x", "device": "x"}', "application/json"),
        (b"email=a&password=b", "application/x-www-form-urlencoded"),
        (b"\xff\xfe", "application/json"),
    ],
)
def test_a_bad_login_body_is_400(field: Field, data: bytes, content_type: str) -> None:
    response = field.client.post("/api/field/login", data=data, content_type=content_type)
    assert error_code(response, 400) == "invalid_request"


@pytest.mark.parametrize(
    "header",
    [
        None,
        "Bearer",
        "Bearer nonsense",
        "Basic dXNlcjpwYXNz",
        "Bearer " + "x" * 5000,
        "Bearer \x00",
    ],
)
def test_missing_or_unknown_tokens_get_401(field: Field, header: str | None) -> None:
    headers = {"Authorization": header} if header is not None else {}
    response = field.client.get("/api/field/assignments", headers=headers)
    assert error_code(response, 401) == "token_invalid"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_logout_revokes_the_token(field: Field) -> None:
    assert field.client.post("/api/field/logout", headers=field.auth()).status_code == 204
    response = field.client.get("/api/field/me", headers=field.auth())
    assert error_code(response, 401) == "token_invalid"
    with field.app.app_context():
        row = db.session.scalar(
            sa.select(ApiToken).where(ApiToken.token_hash == hash_token(field.token))
        )
        assert row is not None and row.revoked_by_id == field.interviewer.id
        assert (
            db.session.scalar(sa.select(AuditLog).where(AuditLog.action == "token.revoke"))
            is not None
        )
    # The other interviewer's device is not affected.
    assert (
        field.client.get("/api/field/me", headers=field.auth(field.other_token)).status_code == 200
    )


def test_expired_token_and_deactivated_user_get_401(field: Field) -> None:
    with field.app.app_context():
        row = db.session.scalar(
            sa.select(ApiToken).where(ApiToken.token_hash == hash_token(field.token))
        )
        assert row is not None
        row.expires_at = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
        other = db.session.get(User, field.other.id)
        assert other is not None
        other.active = False
        db.session.commit()
    for token in (field.token, field.other_token):
        response = field.client.get("/api/field/me", headers=field.auth(token))
        assert error_code(response, 401) == "token_invalid"


def test_a_role_changed_after_login_gets_403(field: Field) -> None:
    with field.app.app_context():
        user = db.session.get(User, field.interviewer.id)
        assert user is not None
        user.role = Role.analyst
        db.session.commit()
    response = field.client.get("/api/field/me", headers=field.auth())
    assert error_code(response, 403) == "role_not_allowed"


def test_last_used_is_written_at_most_once_a_minute(field: Field) -> None:
    def last_used() -> dt.datetime | None:
        with field.app.app_context():
            return db.session.scalar(
                sa.select(ApiToken.last_used_at).where(
                    ApiToken.token_hash == hash_token(field.token)
                )
            )

    field.client.get("/api/field/me", headers=field.auth())
    first = last_used()
    assert first is not None
    field.client.get("/api/field/me", headers=field.auth())
    assert last_used() == first
    with field.app.app_context():
        db.session.execute(
            sa.update(ApiToken)
            .where(ApiToken.token_hash == hash_token(field.token))
            .values(last_used_at=first - dt.timedelta(minutes=2))
        )
        db.session.commit()
    field.client.get("/api/field/me", headers=field.auth())
    later = last_used()
    assert later is not None and later >= first


# ---- assignments and instruments -----------------------------------------------------------------


def test_assignments_list_only_this_interviewers_units_and_interviews(
    field: Field, make_wave: Callable[..., Wave]
) -> None:
    make_wave(modes=[Mode.tablet])  # a tablet wave without units for anyone: not listed
    assert field.put().status_code == 201
    assert field.put(OTHER_UUID, field.body("H3"), token=field.other_token).status_code == 201
    response = field.client.get("/api/field/assignments", headers=field.auth())
    assert response.status_code == 200
    body = response.json
    assert body["server_time"].endswith("Z")
    [wave] = body["waves"]
    assert wave["id"] == field.wave.id and wave["languages"] == ["en", "es"]
    assert wave["default_language"] == "es" and wave["status"] == "open"
    assert wave["reference_start"] == "2025-01-01" and wave["reference_end"] == "2025-12-31"
    assert wave["support_notes"] == {}  # none set: the app shows nothing
    assert wave["instrument"] == {
        "hash": field.instrument_hash,
        "id": "tiny_vict",
        "version": "1",
        "url": f"/api/field/instruments/{field.instrument_hash}",
    }
    assert [(u["external_id"], u["address"], u["area"]) for u in body["units"]] == [
        ("H1", "Calle 1", None),
        ("H2", None, None),
    ]
    assert body["units"][0]["status"] == "completed"
    [interview] = body["interviews"]
    assert interview["uuid"] == UUID and interview["revision"] == 1
    assert interview["review_status"] == "received" and interview["status"] == "completed"
    assert interview["sample_unit_id"] == field.units["H1"] and interview["received_at"]


def test_assignments_carry_the_waves_support_contacts_per_language(field: Field) -> None:
    """The app shows the note of the interview's language at the end of the interview; a
    change of the notes changes the list's ETag, so devices fetch it again."""
    first = field.client.get("/api/field/assignments", headers=field.auth())
    with field.app.app_context():
        wave = db.session.get(Wave, field.wave.id)
        assert wave is not None
        set_support_notes(db.session, wave, {"es": "Línea 155\nCentro: 800 123 4567"})
        db.session.commit()
    again = field.client.get(
        "/api/field/assignments", headers={**field.auth(), "If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 200
    [wave_json] = again.json["waves"]
    assert wave_json["support_notes"] == {"es": "Línea 155\nCentro: 800 123 4567"}


def test_assignments_skip_draft_and_web_only_waves(
    field: Field, make_wave: Callable[..., Wave]
) -> None:
    draft = make_wave(modes=[Mode.tablet], status="draft")
    web = make_wave(modes=[Mode.web])
    with field.app.app_context():
        for wave in (draft, web):
            current = db.session.get(Wave, wave.id)
            assert current is not None
            db.session.add(
                SampleUnit(wave_id=wave.id, external_id="X", assigned_to_id=field.interviewer.id)
            )
        db.session.commit()
    body = field.client.get("/api/field/assignments", headers=field.auth()).json
    assert [w["id"] for w in body["waves"]] == [field.wave.id]
    assert {u["wave_id"] for u in body["units"]} == {field.wave.id}


def test_assignments_answer_304_while_nothing_changed(field: Field) -> None:
    first = field.client.get("/api/field/assignments", headers=field.auth())
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "private, no-cache"
    again = field.client.get(
        "/api/field/assignments", headers={**field.auth(), "If-None-Match": etag}
    )
    assert again.status_code == 304 and again.headers["ETag"] == etag and not again.data
    assert field.put().status_code == 201
    changed = field.client.get(
        "/api/field/assignments", headers={**field.auth(), "If-None-Match": etag}
    )
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_instruments_are_served_only_for_the_users_waves(
    field: Field, make_user: Callable[..., User]
) -> None:
    url = f"/api/field/instruments/{field.instrument_hash}"
    response = field.client.get(url, headers=field.auth())
    assert response.status_code == 200
    assert response.json["id"] == "tiny_vict" and response.json["languages"] == ["en", "es"]
    assert response.headers["Cache-Control"] == "private, max-age=31536000, immutable"
    stranger = api_login(field.client, make_user(Role.interviewer))
    assert error_code(field.client.get(url, headers=field.auth(stranger)), 404) == "not_found"
    unknown = field.client.get("/api/field/instruments/" + "0" * 64, headers=field.auth())
    assert error_code(unknown, 404) == "not_found"


# ---- uploads -------------------------------------------------------------------------------------


def _stored(field: Field) -> tuple[list[Interview], list[InterviewRevision]]:
    with field.app.app_context():
        interviews = list(db.session.scalars(sa.select(Interview)))
        revisions = list(
            db.session.scalars(sa.select(InterviewRevision).order_by(InterviewRevision.number))
        )
        db.session.expunge_all()
        return interviews, revisions


def test_a_new_interview_is_stored_with_its_incidents(field: Field) -> None:
    response = field.put()
    assert response.status_code == 201
    body = response.json
    assert body == {
        "uuid": UUID,
        "revision": 1,
        "content_hash": content_hash(field.body()),
        "duplicate": False,
        "status": "completed",
        "review_status": "received",
        "received_at": body["received_at"],
    }
    with field.app.app_context():
        interview = db.session.scalar(sa.select(Interview))
        assert interview is not None
        assert interview.mode is Mode.tablet and interview.interviewer_id == field.interviewer.id
        assert interview.status is InterviewStatus.completed and interview.disposition == 110
        assert interview.answers == TWO_ROBBERIES and interview.language == "es"
        assert interview.paradata == {"rob_yn": {"ms": 5300, "changes": 1}}
        assert interview.sample_unit is not None
        assert interview.sample_unit.status is SampleUnitStatus.completed
        rows = db.session.scalars(sa.select(IncidentRecord).order_by(IncidentRecord.position))
        assert [(r.position, r.crime_type, r.data["inc_reported"]) for r in rows] == [
            (1, "11", 1),
            (2, "11", 2),
        ]
        [entry] = db.session.scalars(
            sa.select(AuditLog).where(AuditLog.action == "interview.upload")
        )
        assert entry.details == {"revision": 1, "created": True, "status": "completed"}
        assert entry.user_id == field.interviewer.id


def test_the_same_body_again_is_a_no_op(field: Field) -> None:
    first = field.put()
    again = field.put()
    assert again.status_code == 200
    assert again.json == {**first.json, "duplicate": True}
    interviews, revisions = _stored(field)
    assert len(interviews) == 1 and len(revisions) == 1


def test_changed_content_is_a_new_revision_and_history_is_kept(field: Field) -> None:
    assert field.put().status_code == 201
    second = field.body(answers=NOT_ROBBED, client_revision=2)
    response = field.put(body=second)
    assert response.status_code == 200
    assert response.json["revision"] == 2 and response.json["duplicate"] is False
    interviews, revisions = _stored(field)
    assert [r.number for r in revisions] == [1, 2]
    assert revisions[0].answers == TWO_ROBBERIES and revisions[1].answers == NOT_ROBBED
    assert interviews[0].answers == NOT_ROBBED and interviews[0].revision == 2
    with field.app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(IncidentRecord.id))) == 0
    got = field.client.get(f"/api/field/interviews/{UUID}", headers=field.auth())
    assert got.status_code == 200
    assert got.json["revision"] == 2 and got.json["answers"] == NOT_ROBBED
    assert got.json["paradata"] == second["paradata"] and got.json["language"] == "es"
    assert got.json["content_hash"] == content_hash(second) and got.json["review_comment"] is None
    assert got.json["instrument_hash"] == field.instrument_hash
    assert got.json["wave_id"] == field.wave.id and got.json["sample_unit_id"] == field.units["H1"]
    assert got.json["saved_at"] == second["saved_at"] and got.json["status"] == "completed"


def test_a_late_older_revision_does_not_overwrite_the_newer_one(field: Field) -> None:
    first = field.body()
    assert field.put(body=first).status_code == 201
    assert field.put(body=field.body(answers=NOT_ROBBED, client_revision=2)).status_code == 200
    late = field.put(body=first)
    assert late.status_code == 200
    assert late.json["duplicate"] is True and late.json["revision"] == 1
    interviews, revisions = _stored(field)
    assert interviews[0].answers == NOT_ROBBED and interviews[0].revision == 2
    assert len(revisions) == 2


def test_an_abandoned_interview_may_miss_required_answers(field: Field) -> None:
    broken_off = field.body(status="abandoned", answers={"safe_dark": 1})
    response = field.put(body=broken_off)
    assert response.status_code == 201 and response.json["status"] == "abandoned"
    with field.app.app_context():
        unit = db.session.get(SampleUnit, field.units["H1"])
        assert unit is not None and unit.status is SampleUnitStatus.partial
        interview = db.session.scalar(sa.select(Interview))
        assert interview is not None and interview.disposition == 120
    nothing = field.put(OTHER_UUID, field.body("H2", status="abandoned", answers={}))
    assert nothing.status_code == 201
    with field.app.app_context():
        unit = db.session.get(SampleUnit, field.units["H2"])
        assert unit is not None and unit.status is SampleUnitStatus.refused


def test_a_completed_interview_must_answer_what_is_required(field: Field) -> None:
    response = field.put(body=field.body(answers={"safe_dark": 1}))
    assert error_code(response, 422) == "invalid"
    assert response.json["problems"] == [
        {
            "path": "rob_yn",
            "message": "required but not answered",
            "reason": "required",
            "params": {},
        }
    ]
    assert _stored(field) == ([], [])


def test_invalid_answers_are_refused_even_when_abandoned(field: Field) -> None:
    body = field.body(
        status="abandoned",
        answers={"rob_yn": 7, "rob_n": "two", "nosuch": 1},
        paradata=[1, 2],
        language="fr",
    )
    response = field.put(body=body)
    assert error_code(response, 422) == "invalid"
    problems = {p["path"]: p["message"] for p in response.json["problems"]}
    assert {"rob_yn", "nosuch", "paradata", "language"} <= set(problems)
    # reason and params let the app say each in the interviewer's language (message: English)
    worded = {p["path"]: (p["reason"], p["params"]) for p in response.json["problems"]}
    assert worded["rob_yn"] == ("value", {"check": "choice"})
    assert worded["rob_n"] == ("skipped", {})  # rob_yn has no valid answer
    assert worded["nosuch"] == ("unknown_item", {})
    assert worded["paradata"] == ("paradata", {})
    assert worded["language"][0] == "language"
    assert worded["language"][1]["language"] == "fr"
    assert _stored(field) == ([], [])


@pytest.mark.parametrize("app_config", [{"FIELD_MAX_PARADATA_BYTES": 100}])
def test_paradata_above_the_limit_is_refused(field: Field) -> None:
    response = field.put(body=field.body(paradata={"notes": "x" * 200}))
    assert error_code(response, 422) == "invalid"
    [problem] = response.json["problems"]
    assert problem["path"] == "paradata" and "at most 100" in problem["message"]
    assert problem["reason"] == "paradata_size" and problem["params"]["max"] == "100"


def test_the_reference_period_and_saved_date_come_from_the_wave_and_device(field: Field) -> None:
    # A month answer outside the reference period is checked like on the web; nothing of the
    # tiny instrument takes a month, so the check here is that saved_at's date is used without
    # error for a device far from UTC.
    body = field.body(saved_at="2025-12-31T23:30:00-11:00")
    assert field.put(body=body).status_code == 201


def test_a_closed_wave_still_takes_uploads_of_assigned_units(field: Field) -> None:
    with field.app.app_context():
        wave = db.session.get(Wave, field.wave.id)
        assert wave is not None
        wave.status = WaveStatus.closed
        db.session.commit()
    assert field.put().status_code == 201


@pytest.mark.parametrize(
    ("status", "modes"), [(WaveStatus.draft, ["web", "tablet"]), (WaveStatus.open, ["web"])]
)
def test_a_draft_or_web_only_wave_refuses_uploads(
    field: Field, status: WaveStatus, modes: list[str]
) -> None:
    with field.app.app_context():
        wave = db.session.get(Wave, field.wave.id)
        assert wave is not None
        wave.status, wave.modes = status, modes
        db.session.commit()
    assert error_code(field.put(), 409) == "wave_not_accepting"


def test_units_of_others_or_nobody_are_refused(field: Field) -> None:
    other = field.put(body=field.body("H3"))
    assert error_code(other, 409) == "owner"
    assert (other.json["reason"], other.json["params"]) == ("unit_reassigned", {"household": "H3"})
    nobody = field.put(body=field.body("H4"))
    assert error_code(nobody, 403) == "not_assigned"
    assert (nobody.json["reason"], nobody.json["params"]) == ("not_assigned", {"household": "H4"})
    assert _stored(field) == ([], [])


def test_another_interviewers_interview_is_refused(field: Field) -> None:
    assert field.put().status_code == 201
    # The unit passed to the other interviewer; the uuid is still the first one's interview.
    with field.app.app_context():
        unit = db.session.get(SampleUnit, field.units["H1"])
        assert unit is not None
        unit.assigned_to_id = field.other.id
        db.session.commit()
    taken = field.put(body=field.body(client_revision=2), token=field.other_token)
    assert error_code(taken, 409) == "owner"
    assert (taken.json["reason"], taken.json["params"]) == ("interview_owner", {})
    # The first interviewer's own interview still takes revisions (issue 9: the unit's interview
    # is theirs; the new holder's second interview of the unit is what is refused).
    mine = field.put(body=field.body(client_revision=2))
    assert mine.status_code == 200 and mine.json["revision"] == 2
    second = field.put(OTHER_UUID, body=field.body(client_revision=1), token=field.other_token)
    assert error_code(second, 409) == "owner"
    assert "Ana Entrevistadora" in second.json["message"]
    assert second.json["reason"] == "unit_interviewed_by"
    assert second.json["params"] == {"household": "H1", "who": "Ana Entrevistadora"}
    hidden = field.client.get(
        f"/api/field/interviews/{UUID}", headers=field.auth(field.other_token)
    )
    assert error_code(hidden, 404) == "not_found"


def test_another_instrument_is_refused(field: Field) -> None:
    response = field.put(body=field.body(instrument_hash="f" * 64))
    assert error_code(response, 409) == "instrument"


@pytest.mark.parametrize(
    "changes",
    [
        {"wave_id": 987654},
        {"sample_unit_id": 987654},
        {"wave_id": 2**63},
        {"sample_unit_id": 2**70},
        {"wave_id": 0},
    ],
)
def test_unknown_waves_and_units_are_404(field: Field, changes: dict[str, Any]) -> None:
    assert error_code(field.put(body=field.body(**changes)), 404) == "not_found"


def test_after_approval_changes_get_409_and_the_same_body_still_succeeds(field: Field) -> None:
    assert field.put().status_code == 201
    with field.app.app_context():
        supervisor = db.session.scalar(sa.select(User).where(User.id == field.other.id))
        assert supervisor is not None
        supervisor.role = Role.supervisor
        supervisor.name = "Sara Supervisora"
        interview = db.session.scalar(sa.select(Interview))
        assert interview is not None
        review_interview(db.session, interview, by=supervisor, approve=True)
        db.session.commit()
    refused = field.put(body=field.body(answers=NOT_ROBBED, client_revision=2))
    assert error_code(refused, 409) == "approved"
    assert "Sara Supervisora" in refused.json["message"] and "reopen" in refused.json["message"]
    assert refused.json["reason"] == "approved"
    assert refused.json["params"]["reviewer"] == "Sara Supervisora"
    assert refused.json["params"]["date"] in refused.json["message"]
    again = field.put()
    assert again.status_code == 200 and again.json["duplicate"] is True
    assert again.json["review_status"] == "approved"
    _interviews, revisions = _stored(field)
    assert len(revisions) == 1


def test_a_rejected_interview_sent_again_is_resubmitted(field: Field) -> None:
    assert field.put().status_code == 201
    with field.app.app_context():
        supervisor = db.session.get(User, field.other.id)
        assert supervisor is not None
        supervisor.role = Role.supervisor
        interview = db.session.scalar(sa.select(Interview))
        assert interview is not None
        review_interview(
            db.session,
            interview,
            by=supervisor,
            approve=False,
            comment="Ask again about the second incident.",
            item="inc_reported",
        )
        db.session.commit()
    listed = field.client.get("/api/field/assignments", headers=field.auth()).json
    [state] = listed["interviews"]
    assert state["review_status"] == "rejected" and state["review_item"] == "inc_reported"
    assert state["review_comment"] == "Ask again about the second incident."
    assert state["reviewed_at"].endswith("Z")
    response = field.put(body=field.body(client_revision=2, paradata={"note": "asked again"}))
    assert response.status_code == 200 and response.json["review_status"] == "resubmitted"


@pytest.mark.parametrize(
    "uuid",
    [
        "3F1C2B9E-8D4A-4C51-9A6E-1B2C3D4E5F60",
        "3f1c2b9e8d4a4c519a6e1b2c3d4e5f60",
        "{3f1c2b9e-8d4a-4c51-9a6e-1b2c3d4e5f60}",
        "not-a-uuid",
    ],
)
def test_non_canonical_uuids_are_400(field: Field, uuid: str) -> None:
    assert error_code(field.put(uuid), 400) == "invalid_uuid"
    got = field.client.get(f"/api/field/interviews/{uuid}", headers=field.auth())
    assert error_code(got, 400) == "invalid_uuid"


def test_a_nul_in_the_path_is_400_with_a_code(field: Field) -> None:
    response = field.put("3f1c2b9e-8d4a-4c51-9a6e-1b2c3d4e5f6%00")
    assert error_code(response, 400) in ("invalid_request", "invalid_uuid")


@pytest.mark.parametrize(
    "raw",
    [
        b"{",
        b"[]",
        b'{"wave_id": 1}',
        b'{"wave_id": NaN}',
        b'{"wave_id": 1e400}',
        b"\xff\xfe{}",
        pytest.param(
            b'{"paradata": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", id="nested-100000-deep"
        ),
    ],
)
def test_malformed_bodies_are_400(field: Field, raw: bytes) -> None:
    response = field.client.put(
        f"/api/field/interviews/{UUID}",
        data=raw,
        content_type="application/json",
        headers=field.auth(),
    )
    assert error_code(response, 400) == "invalid_request"


@pytest.mark.parametrize(
    "changes",
    [
        {"wave_id": "1"},
        {"wave_id": True},
        {"sample_unit_id": 1.5},
        {"client_revision": -1},
        {"status": "in_progress"},
        {"answers": [1]},
        {"saved_at": "yesterday"},
        {"saved_at": "2025-12-06T10:15:00"},
        {"language": None},
        {"answers": {"rob_yn": "\x00"}},
        {"answers": {"rob\x00yn": 1}},
        {"answers": {"rob_yn": "\ud800"}},
        {"language": "es\ud800"},
        {"status": 5},
    ],
)
def test_wrong_types_are_400_naming_the_field(field: Field, changes: dict[str, Any]) -> None:
    response = field.put(body=field.body(**changes))
    assert error_code(response, 400) == "invalid_request"
    assert _stored(field) == ([], [])


def test_huge_numbers_in_answers_are_422_not_500(field: Field) -> None:
    response = field.put(body=field.body(answers={"rob_yn": 9**40, "safe_dark": -(10**30)}))
    assert error_code(response, 422) == "invalid"


def test_a_body_above_the_size_limit_is_413(field: Field) -> None:
    limit = int(field.app.config["MAX_CONTENT_LENGTH"])
    response = field.client.put(
        f"/api/field/interviews/{UUID}",
        data=b'{"answers": "' + b"x" * limit + b'"}',
        content_type="application/json",
        headers=field.auth(),
    )
    assert error_code(response, 413) == "too_large"


def test_get_interview_is_404_for_unknown_ids(field: Field) -> None:
    response = field.client.get(f"/api/field/interviews/{OTHER_UUID}", headers=field.auth())
    assert error_code(response, 404) == "not_found"


def test_paradata_and_answers_are_not_in_the_audit_log(field: Field) -> None:
    body = field.body(paradata={"sentinel": "Sentinel-Paradata-77"})
    assert field.put(body=body).status_code == 201
    with field.app.app_context():
        details = repr(list(db.session.scalars(sa.select(AuditLog.details))))
    assert "Sentinel-Paradata-77" not in details and "inc_reported" not in details


def test_a_failed_constraint_is_worded_in_the_interviews_language(
    app: Any, client: Any, make_user: Callable[..., User], tmp_path: Any
) -> None:
    # The tiny instrument's default language is Spanish; an interview run in English whose
    # answer fails a constraint got the constraint's Spanish message to show on the tablet.
    from surveyapp.services.instruments import load_instrument_files
    from surveyapp.services.sample import import_sample_units
    from surveyapp.services.waves import create_wave

    from ...conftest import TINY_INSTRUMENT

    source = TINY_INSTRUMENT.read_text(encoding="utf-8")
    checked = source.replace('version: "1"', 'version: "1-checked"').replace(
        "        max: 5\n",
        "        max: 5\n"
        '        constraint: ". <= 3"\n'
        "        constraint_message:\n"
        '          en: "At most 3 times in this survey."\n'
        '          es: "A lo sumo 3 veces en esta encuesta."\n',
    )
    assert checked.count("constraint_message") == 1
    path = tmp_path / "tiny_checked.yaml"
    path.write_text(checked, encoding="utf-8")
    interviewer = make_user(Role.interviewer)
    with app.app_context():
        [(version, _created)] = load_instrument_files(db.session, [path])
        wave = create_wave(
            db.session,
            name="Checked wave",
            instrument_version=version,
            reference_start=dt.date(2025, 1, 1),
            reference_end=dt.date(2025, 12, 31),
            languages=["es", "en"],
            modes=[Mode.tablet],
            invitation_required=False,
            status=WaveStatus.open,
        )
        import_sample_units(db.session, wave, "external_id\nH1\n")
        unit = db.session.scalar(sa.select(SampleUnit).where(SampleUnit.wave_id == wave.id))
        assert unit is not None
        unit.assigned_to_id = interviewer.id
        body = {
            "wave_id": wave.id,
            "sample_unit_id": unit.id,
            "instrument_hash": version.content_hash,
            "status": "completed",
            "answers": {**TWO_ROBBERIES, "rob_n": 4},
            "paradata": {},
            "client_revision": 1,
            "saved_at": "2025-12-06T10:15:00-05:00",
        }
        db.session.commit()
    token = api_login(client, interviewer)
    details = {}
    for language in ("en", "es"):
        response = client.put(
            f"/api/field/interviews/{UUID}",
            json={**body, "language": language},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert error_code(response, 422) == "invalid"
        [problem] = [p for p in response.json["problems"] if p["path"] == "rob_n"]
        assert problem["reason"] == "constraint"
        details[language] = problem["params"]["detail"]
    assert details == {
        "en": "At most 3 times in this survey.",
        "es": "A lo sumo 3 veces en esta encuesta.",
    }


def test_a_device_name_with_a_direction_control_is_refused(field: Field) -> None:
    # the devices page shows the name staff read; the web forms refuse these characters
    body = {"email": field.interviewer.email, "password": TEST_PASSWORD, "device": "Tab \u202e7"}
    response = field.client.post("/api/field/login", json=body)
    assert error_code(response, 400) == "invalid_request"
    assert response.json["reason"] == "direction_control"
    assert response.json["params"] == {"field": "device", "char": "U+202E"}
    with field.app.app_context():
        assert (
            db.session.scalar(sa.select(ApiToken).where(ApiToken.label.contains("\u202e"))) is None
        )
