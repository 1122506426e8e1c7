"""Issue 9 on the sync API: contact attempts, the household selection, dispositions, reassignment."""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any

import pytest
import sqlalchemy as sa

from surveyapp.extensions import db
from surveyapp.models import (
    ContactAttempt,
    Interview,
    InterviewRevision,
    SampleUnit,
    SelectionMethod,
    User,
    Wave,
)
from surveyapp.services.fieldwork import HASHED_FIELDS, assign_units, content_hash
from surveyapp.services.selection import Person, select_adult

from .conftest import UUID, Field
from .test_api import OTHER_UUID, error_code

ATTEMPT = "5b2e8c1a-0d3f-4e6a-8b7c-9d0e1f2a3b4c"
ATTEMPT_2 = "6c3f9d2b-1e4a-4f7b-9c8d-0e1f2a3b4c5d"
ROSTER: list[dict[str, Any]] = [
    {"line": 1, "initials": "AM", "sex": "f", "age": 44, "birthday": "03-10"},
    {"line": 2, "initials": "JM", "sex": "m", "age": 47, "birthday": "11-02"},
    {"line": 3, "initials": "LM", "sex": "m", "age": 19, "birthday": "07-30"},
    {"line": 4, "initials": "PM", "sex": "f", "age": 12, "birthday": "01-05"},
]


def attempt(field: Field, uuid: str = ATTEMPT, token: str | None = None, **changes: Any) -> Any:
    body = {
        "sample_unit_id": field.units["H1"],
        "attempted_at": "2025-12-05T18:40:00-05:00",
        "outcome": "no_contact",
        "note": "Nobody home",
    }
    body.update(changes)
    return field.client.put(f"/api/field/attempts/{uuid}", json=body, headers=field.auth(token))


def seed_of(field: Field, unit: str = "H1") -> int:
    with field.app.app_context():
        found = db.session.get(SampleUnit, field.units[unit])
        assert found is not None
        return found.selection_seed


def household(
    field: Field, method: str = "kish", unit: str = "H1", times: int = 1, **changes: Any
) -> dict[str, Any]:
    seed = seed_of(field, unit)
    at = "2025-12-06T10:05:00-05:00"
    people = [Person(p["line"], p["sex"], p["age"], p["birthday"]) for p in ROSTER]
    import datetime as dt

    chosen = select_adult(method=method, seed=seed, roster=people, today=dt.date(2025, 12, 6))  # type: ignore[arg-type]
    record: dict[str, Any] = {
        "method": method,
        "seed": seed,
        "roster": copy.deepcopy(ROSTER),
        "eligible_adults": 3,
        "selected_line": chosen.selected_line,
        "draws": [
            {"at": at, "selected_line": chosen.selected_line, "roster_size": 4}
            for _ in range(times)
        ],
    }
    record.update(changes)
    return record


# ---- contact attempts ------------------------------------------------------------------------------


def test_an_attempt_is_stored_once_and_the_same_body_again_is_a_no_op(field: Field) -> None:
    first = attempt(field)
    assert first.status_code == 201, first.json
    assert first.json["duplicate"] is False
    assert first.json["disposition"] == {"code": "2.20", "name": "non-contact"}
    again = attempt(field)
    assert again.status_code == 200 and again.json["duplicate"] is True
    with field.app.app_context():
        rows = db.session.scalars(sa.select(ContactAttempt)).all()
        assert len(rows) == 1
        row = rows[0]
        assert row.attempted_at_text == "2025-12-05T18:40:00-05:00"
        assert row.attempted_at.isoformat() == "2025-12-05T23:40:00+00:00"
        assert row.interviewer_id == field.interviewer.id and row.note == "Nobody home"


def test_another_body_for_the_same_attempt_is_409_changed(field: Field) -> None:
    assert attempt(field).status_code == 201
    assert error_code(attempt(field, outcome="refusal"), 409) == "changed"
    assert error_code(attempt(field, token=field.other_token), 409) == "owner"


@pytest.mark.parametrize(
    ("changes", "status", "code"),
    [
        ({"outcome": "gone fishing"}, 400, "invalid_request"),
        ({"attempted_at": "2025-12-05T18:40:00"}, 400, "invalid_request"),
        ({"sample_unit_id": "1"}, 400, "invalid_request"),
        ({"note": 5}, 400, "invalid_request"),
        ({"note": "x" * 2001}, 400, "invalid_request"),
        ({"sample_unit_id": 987654}, 404, "not_found"),
        ({"sample_unit_id": 2**63}, 404, "not_found"),
    ],
)
def test_bad_attempts_are_refused_with_the_field_named(
    field: Field, changes: dict[str, Any], status: int, code: str
) -> None:
    assert error_code(attempt(field, **changes), status) == code


def test_attempts_at_units_of_others_or_nobody_are_refused(field: Field) -> None:
    assert error_code(attempt(field, sample_unit_id=field.units["H3"]), 409) == "owner"
    assert error_code(attempt(field, sample_unit_id=field.units["H4"]), 403) == "not_assigned"
    unauthenticated = field.client.put(f"/api/field/attempts/{ATTEMPT}", json={})
    assert error_code(unauthenticated, 401) == "token_invalid"
    assert (
        error_code(
            field.client.put("/api/field/attempts/NOT-A-UUID", json={}, headers=field.auth()), 400
        )
        == "invalid_uuid"
    )


def test_the_disposition_follows_the_documented_rule(field: Field) -> None:
    assert attempt(field).json["disposition"]["code"] == "2.20"
    second = attempt(field, ATTEMPT_2, outcome="refusal", attempted_at="2025-12-06T09:00:00-05:00")
    assert second.json["disposition"] == {"code": "2.10", "name": "refusal or break-off"}
    # A refusal converted: the complete interview wins over every attempt.
    assert field.put().status_code == 201
    units = field.client.get("/api/field/assignments", headers=field.auth()).json["units"]
    h1 = next(u for u in units if u["external_id"] == "H1")
    assert h1["disposition"] == {"code": "1.1", "name": "complete"}
    assert h1["attempts"] == {
        "count": 2,
        "last_outcome": "refusal",
        "last_at": "2025-12-06T09:00:00-05:00",
        "appointment_date": None,
        "appointment_time": None,
    }


def test_assignments_give_the_seed_the_attempts_and_the_selection_method(field: Field) -> None:
    with field.app.app_context():
        wave = db.session.get(Wave, field.wave.id)
        assert wave is not None
        wave.selection_method = SelectionMethod.next_birthday
        db.session.commit()
    body = field.client.get("/api/field/assignments", headers=field.auth()).json
    assert body["waves"][0]["selection_method"] == "next_birthday"
    h2 = next(u for u in body["units"] if u["external_id"] == "H2")
    assert h2["selection_seed"] == seed_of(field, "H2") and 1 <= h2["selection_seed"] < 2**31
    assert h2["attempts"] == {
        "count": 0,
        "last_outcome": None,
        "last_at": None,
        "appointment_date": None,
        "appointment_time": None,
    }
    assert h2["disposition"] is None and h2["interviewed_elsewhere"] is False


# ---- household and selection -------------------------------------------------------------------------


def test_a_household_that_follows_the_rule_is_stored_with_its_factor(field: Field) -> None:
    record = household(field)
    response = field.put(body=field.body(household=record))
    assert response.status_code == 201, response.json
    with field.app.app_context():
        interview = db.session.scalar(sa.select(Interview))
        assert interview is not None
        assert interview.eligible_adults == 3 and interview.selection_draws == 1
        assert interview.household == record
        assert interview.sample_unit is not None and interview.sample_unit.eligible_adults == 3
        revision = db.session.scalar(sa.select(InterviewRevision))
        assert revision is not None and revision.household == record
    # The server's version a tablet downloads holds it (a tablet taking that version takes it).
    got = field.client.get(f"/api/field/interviews/{UUID}", headers=field.auth())
    assert got.status_code == 200 and got.json["household"] == record


def test_the_servers_version_of_an_interview_sent_without_a_household_says_so(
    field: Field,
) -> None:
    assert field.put().status_code == 201
    got = field.client.get(f"/api/field/interviews/{UUID}", headers=field.auth())
    assert got.status_code == 200 and got.json["household"] is None


def test_a_selection_the_rule_did_not_make_is_422(field: Field) -> None:
    record = household(field)
    wrong = next(line for line in (1, 2, 3) if line != record["selected_line"])
    record["selected_line"] = wrong
    record["draws"][-1]["selected_line"] = wrong
    response = field.put(body=field.body(household=record))
    assert error_code(response, 422) == "invalid"
    paths = [p["path"] for p in response.json["problems"]]
    assert paths == ["household.selected_line"]
    problem = response.json["problems"][0]
    assert "picks line" in problem["message"]
    # for the app to say which person and the day in the interviewer's language (the day ISO)
    assert problem["reason"] == "household_selection"
    assert problem["params"] == {
        "line": str(household(field)["selected_line"]),
        "sent": str(wrong),
        "date": "2025-12-06",
    }


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"seed": 12345}, "household.seed"),
        ({"method": "next_birthday"}, "household.method"),
        ({"eligible_adults": 1}, "household.eligible_adults"),
        ({"draws": []}, "household.draws"),
        ({"roster": [{"line": 1, "sex": "f"}]}, "household.roster[0].age"),
        (
            {"draws": [{"at": "yesterday", "selected_line": 1, "roster_size": 4}]},
            "household.draws[0].at",
        ),
    ],
)
def test_household_problems_name_the_field(
    field: Field, changes: dict[str, Any], path: str
) -> None:
    response = field.put(body=field.body(household=household(field, **changes)))
    assert error_code(response, 422) == "invalid"
    assert path in [p["path"] for p in response.json["problems"]]


def test_several_draws_are_kept_and_counted_never_taken_as_the_first(field: Field) -> None:
    record = household(field, times=1)
    other = next(line for line in (1, 2, 3) if line != record["selected_line"])
    record["draws"].insert(
        0, {"at": "2025-12-06T10:01:00-05:00", "selected_line": other, "roster_size": 3}
    )
    assert field.put(body=field.body(household=record)).status_code == 201
    with field.app.app_context():
        interview = db.session.scalar(sa.select(Interview))
        assert interview is not None and interview.selection_draws == 2
        assert interview.household is not None and len(interview.household["draws"]) == 2
    # A body whose first draw is the only one it keeps is a new revision, not the same upload.
    record["draws"] = record["draws"][1:]
    again = field.put(body=field.body(household=record, client_revision=2))
    assert again.status_code == 200 and again.json["revision"] == 2


def test_birthday_methods_count_from_the_last_draws_local_date(field: Field) -> None:
    with field.app.app_context():
        wave = db.session.get(Wave, field.wave.id)
        assert wave is not None
        wave.selection_method = SelectionMethod.next_birthday
        db.session.commit()
    record = household(field, method="next_birthday")
    # On 2025-12-06 the next birthday among 03-10, 11-02 and 07-30 is 03-10: line 1.
    assert record["selected_line"] == 1
    assert field.put(body=field.body(household=record)).status_code == 201


def test_an_upload_without_household_hashes_as_before(field: Field) -> None:
    body = field.body()
    canonical = json.dumps(
        {name: body.get(name) for name in HASHED_FIELDS},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    assert content_hash(body) == hashlib.sha256(canonical.encode()).hexdigest()
    assert content_hash({**body, "household": {"a": 1}}) != content_hash(body)


def test_quality_figures_are_stored_from_answers_and_paradata(field: Field) -> None:
    paradata = {
        "started_at": "2025-12-06T21:50:00-05:00",
        "ended_at": "2025-12-06T22:08:30-05:00",
        "questions": {"rob_yn": {"ms": 5300, "changes": 1}},
    }
    answers = {"rob_yn": -9, "n_incidents": 0, "safe_dark": 1}
    assert field.put(body=field.body(answers=answers, paradata=paradata)).status_code == 201
    with field.app.app_context():
        interview = db.session.scalar(sa.select(Interview))
        assert interview is not None
        assert (interview.local_date.isoformat() if interview.local_date else None) == "2025-12-06"
        assert interview.local_hour == 21 and interview.duration_seconds == 18 * 60 + 30
        assert (interview.items_answered, interview.items_dont_know, interview.items_refused) == (
            3,
            0,
            1,
        )
        assert (interview.screeners_asked, interview.screeners_yes) == (1, 0)


# ---- reassignment ----------------------------------------------------------------------------------


def _reassign(field: Field, unit: str, to: User) -> None:
    with field.app.app_context():
        wave = db.session.get(Wave, field.wave.id)
        person = db.session.get(User, to.id)
        assert wave is not None and person is not None
        assign_units(db.session, wave, person, by=None, external_ids=[unit], reassign=True)
        db.session.commit()


def test_an_interview_made_before_a_reassignment_is_still_accepted_and_a_second_is_refused(
    field: Field,
) -> None:
    # H2 was the interviewer's (assigned by the fixture, then through assign_units so that the
    # history knows), then passed to the other interviewer while the interview sat on the tablet.
    _reassign(field, "H2", field.interviewer)
    assert attempt(field, sample_unit_id=field.units["H2"]).status_code == 201
    _reassign(field, "H2", field.other)
    late = field.put(body=field.body("H2"))
    assert late.status_code == 201, late.json
    # The old device's late visit is accepted too.
    assert attempt(field, ATTEMPT_2, sample_unit_id=field.units["H2"]).status_code == 201
    # The new holder sees the unit, and that an interview of it is already on the server.
    units = field.client.get("/api/field/assignments", headers=field.auth(field.other_token)).json[
        "units"
    ]
    h2 = next(u for u in units if u["external_id"] == "H2")
    assert h2["interviewed_elsewhere"] is True and h2["disposition"]["code"] == "1.1"
    second = field.put(OTHER_UUID, body=field.body("H2"), token=field.other_token)
    assert error_code(second, 409) == "owner"
    assert "already has an interview" in second.json["message"]
    with field.app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Interview)) == 1


def test_a_unit_never_held_stays_refused(field: Field) -> None:
    # H3 was always the other interviewer's: no late upload from this one.
    assert error_code(field.put(body=field.body("H3")), 409) == "owner"


def test_the_first_upload_of_the_new_holder_is_accepted_when_no_interview_exists(
    field: Field,
) -> None:
    _reassign(field, "H1", field.other)
    response = field.put(OTHER_UUID, body=field.body("H1"), token=field.other_token)
    assert response.status_code == 201
    # ... and then the previous holder's interview of the same unit is the second one.
    assert error_code(field.put(UUID, body=field.body("H1")), 409) == "owner"


def test_a_break_off_before_the_selection_keeps_its_roster(field: Field) -> None:
    record = household(field, draws=[], selected_line=None, eligible_adults=None)
    body = field.body(status="abandoned", answers={"rob_yn": 2}, household=record)
    response = field.put(body=body)
    assert response.status_code == 201, response.json
    completed = field.put(
        OTHER_UUID, body=field.body("H2", household=household(field, "kish", "H2", draws=[]))
    )
    assert error_code(completed, 422) == "invalid"
    assert completed.json["problems"][0]["path"] == "household.draws"


# ---- wave settings ---------------------------------------------------------------------------------


def test_the_cli_sets_the_selection_method_until_a_household_used_it(
    field: Field, runner: Any
) -> None:
    slug = field.wave.slug
    shown = runner.invoke(args=["fieldwork", "settings", "--wave", slug])
    assert shown.exit_code == 0 and "selection kish, indicators from approved" in shown.output
    changed = runner.invoke(
        args=[
            "fieldwork",
            "settings",
            "--wave",
            slug,
            "--selection",
            "last_birthday",
            "--indicators",
            "received",
        ]
    )
    assert changed.exit_code == 0, changed.output
    assert "selection last_birthday, indicators from received" in changed.output
    assert (
        field.put(body=field.body(household=household(field, "last_birthday"))).status_code == 201
    )
    refused = runner.invoke(args=["fieldwork", "settings", "--wave", slug, "--selection", "kish"])
    assert refused.exit_code != 0 and "cannot change now" in refused.output
    bad = runner.invoke(args=["fieldwork", "settings", "--wave", slug, "--selection", "random"])
    assert bad.exit_code != 0
    with field.app.app_context():
        wave = db.session.get(Wave, field.wave.id)
        assert wave is not None and wave.selection_method is SelectionMethod.last_birthday


def test_the_cli_sets_shows_and_clears_a_support_note_with_the_services_rule(
    field: Field, runner: Any, tmp_path: Any
) -> None:
    slug = field.wave.slug
    note = tmp_path / "apoyo-es.txt"
    note.write_text("Línea 155 (gratuita, 24 horas)\r\nCentro: 800 123 4567\n", encoding="utf-8")
    shown = runner.invoke(args=["fieldwork", "support-note", "--wave", slug])
    assert shown.exit_code == 0 and f"{slug}: no support notes." in shown.output
    args = ["fieldwork", "support-note", "--wave", slug, "--lang", "es"]
    changed = runner.invoke(args=[*args, "--file", str(note)])
    assert changed.exit_code == 0, changed.output
    assert f"{slug}: support note in es set (51 characters)." in changed.output
    shown = runner.invoke(args=["fieldwork", "support-note", "--wave", slug])
    assert "es: Línea 155 (gratuita, 24 horas)\nCentro: 800 123 4567\n" in shown.output
    # the rule of the staff form: too long, a direction control, a language of no wave
    refused = runner.invoke(args=[*args, "--text", "x" * 501])
    assert refused.exit_code != 0 and "support_note_es: Shorten the support note" in refused.output
    refused = runner.invoke(args=[*args, "--text", "Línea \u202e155"])
    assert refused.exit_code != 0 and "(U+202E)" in refused.output
    refused = runner.invoke(
        args=["fieldwork", "support-note", "--wave", slug, "--lang", "fr", "--text", "Ligne 155"]
    )
    assert refused.exit_code != 0 and "not offered in fr" in refused.output
    both = runner.invoke(args=[*args, "--text", "x", "--clear"])
    assert both.exit_code != 0
    cleared = runner.invoke(args=[*args, "--clear"])
    assert cleared.exit_code == 0 and f"{slug}: support note in es removed." in cleared.output
    with field.app.app_context():
        wave = db.session.get(Wave, field.wave.id)
        assert wave is not None and wave.support_notes is None
