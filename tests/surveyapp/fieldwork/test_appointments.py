"""Visit appointments on the sync API: the day (and time) a household asked the interviewer to
come back, checked, stored, and given back with the assignments."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

import surveyapp
from surveyapp.extensions import db
from surveyapp.models import ContactAttempt, Role, User
from surveyapp.services.attempts import MAX_APPOINTMENT_DAYS

from .conftest import UUID, Field
from .test_api import error_code
from .test_supervision_api import ATTEMPT, ATTEMPT_2, attempt

#: The interviewer app's texts (srv_<reason> words a refusal in the interviewer's language).
I18N = (Path(surveyapp.__file__).parent / "static" / "field" / "i18n.js").read_text(
    encoding="utf-8"
)
#: The visit of test_supervision_api.attempt is on 2025-12-05 at the household (UTC-5).
VISIT_DAY = dt.date(2025, 12, 5)


def appointment(field: Field, uuid: str = ATTEMPT, **changes: Any) -> Any:
    body: dict[str, Any] = {
        "outcome": "appointment",
        "note": "Back on Tuesday",
        "appointment_date": "2025-12-09",
        "appointment_time": "15:00",
    }
    body.update(changes)
    return attempt(field, uuid, **body)


def stored(field: Field) -> list[ContactAttempt]:
    with field.app.app_context():
        return list(db.session.scalars(sa.select(ContactAttempt)))


def h1_attempts(field: Field) -> dict[str, Any]:
    units = field.client.get("/api/field/assignments", headers=field.auth()).json["units"]
    found: dict[str, Any] = next(u for u in units if u["external_id"] == "H1")["attempts"]
    return found


def test_an_appointment_is_stored_as_the_households_wall_clock_and_given_back(
    field: Field,
) -> None:
    response = appointment(field)
    assert response.status_code == 201, response.json
    assert response.json["appointment_date"] == "2025-12-09"
    assert response.json["appointment_time"] == "15:00"
    (row,) = stored(field)
    assert row.appointment_date == dt.date(2025, 12, 9)
    assert row.appointment_time == dt.time(15, 0)
    assert h1_attempts(field) == {
        "count": 1,
        "last_outcome": "appointment",
        "last_at": "2025-12-05T18:40:00-05:00",
        "appointment_date": "2025-12-09",
        "appointment_time": "15:00",
    }
    # The same body again is the same visit; another appointment for it is another visit.
    assert appointment(field).json["duplicate"] is True
    assert error_code(appointment(field, appointment_time="16:00"), 409) == "changed"


def test_the_time_is_optional_and_a_later_visit_ends_the_appointment(field: Field) -> None:
    assert appointment(field, appointment_time=None).status_code == 201
    assert stored(field)[0].appointment_time is None
    assert h1_attempts(field)["appointment_date"] == "2025-12-09"
    assert h1_attempts(field)["appointment_time"] is None
    later = attempt(field, ATTEMPT_2, attempted_at="2025-12-09T15:10:00-05:00")
    assert later.status_code == 201, later.json
    assert h1_attempts(field)["last_outcome"] == "no_contact"
    assert h1_attempts(field)["appointment_date"] is None


def test_the_visits_own_day_and_the_last_allowed_day_are_accepted(field: Field) -> None:
    assert appointment(field, appointment_date="2025-12-05").status_code == 201
    last = (VISIT_DAY + dt.timedelta(days=MAX_APPOINTMENT_DAYS)).isoformat()
    assert appointment(field, ATTEMPT_2, appointment_date=last).status_code == 201


def test_the_range_is_the_visits_local_day_not_the_servers(field: Field) -> None:
    """At 23:30 in UTC-5 it is already the next day in UTC: the appointment "today" at the
    household is the visit's day, and is accepted."""
    response = appointment(
        field, attempted_at="2025-12-05T23:30:00-05:00", appointment_date="2025-12-05"
    )
    assert response.status_code == 201, response.json


def test_an_old_app_without_the_fields_still_sends_and_hashes_as_before(field: Field) -> None:
    body = {
        "sample_unit_id": field.units["H1"],
        "attempted_at": "2025-12-05T18:40:00-05:00",
        "outcome": "appointment",
        "note": "Nobody home",
    }
    response = field.client.put(f"/api/field/attempts/{ATTEMPT}", json=body, headers=field.auth())
    assert response.status_code == 201, response.json
    assert response.json["appointment_date"] is None
    (row,) = stored(field)
    assert row.appointment_date is None and row.appointment_time is None
    # The hash an older server stored for this body: a retry after the upgrade is a duplicate.
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert row.content_hash == hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    explicit_nulls = {**body, "appointment_date": None, "appointment_time": None}
    again = field.client.put(
        f"/api/field/attempts/{ATTEMPT}", json=explicit_nulls, headers=field.auth()
    )
    assert again.status_code == 200 and again.json["duplicate"] is True


@pytest.mark.parametrize(
    ("changes", "field_named", "reason"),
    [
        ({"appointment_date": "9/12/2025"}, "appointment_date", "appointment_date"),
        ({"appointment_date": "2025-02-30"}, "appointment_date", "appointment_date"),
        ({"appointment_date": "2025-12-09T15:00"}, "appointment_date", "appointment_date"),
        ({"appointment_date": "２０２５-１２-０９"}, "appointment_date", "appointment_date"),
        ({"appointment_date": 20251209}, "appointment_date", "appointment_date"),
        ({"appointment_date": ["2025-12-09"]}, "appointment_date", "appointment_date"),
        (
            {"appointment_date": "2025-12-04"},
            "appointment_date",
            "appointment_range",
        ),  # the day before
        (
            {"appointment_date": "2026-02-04"},
            "appointment_date",
            "appointment_range",
        ),  # 61 days after
        ({"appointment_date": "9999-12-31"}, "appointment_date", "appointment_range"),
        ({"appointment_time": "25:00"}, "appointment_time", "appointment_time"),
        ({"appointment_time": "3pm"}, "appointment_time", "appointment_time"),
        ({"appointment_time": "15:00:00"}, "appointment_time", "appointment_time"),
        ({"appointment_time": 1500}, "appointment_time", "appointment_time"),
        ({"appointment_date": None}, "appointment_time", "appointment_no_date"),  # no day
        ({"outcome": "no_contact"}, "appointment_date", "appointment_outcome"),
        (
            {"outcome": "refusal", "appointment_date": None},
            "appointment_time",
            "appointment_outcome",
        ),
    ],
)
def test_a_bad_appointment_is_400_naming_the_field_and_nothing_is_stored(
    field: Field, changes: dict[str, Any], field_named: str, reason: str
) -> None:
    response = appointment(field, **changes)
    assert error_code(response, 400) == "invalid_request"
    assert field_named in response.json["message"]
    # the reason the interviewer app words in the interviewer's language (srv_<reason>)
    assert response.json["reason"] == reason
    assert f"  srv_{reason}: [" in I18N
    assert stored(field) == []


def test_an_appointment_far_ahead_says_which_days_are_allowed(field: Field) -> None:
    response = appointment(field, appointment_date="2026-03-01")
    assert error_code(response, 400) == "invalid_request"
    assert "2025-12-05" in response.json["message"] and "2026-02-03" in response.json["message"]
    assert str(MAX_APPOINTMENT_DAYS) in response.json["message"]
    assert response.json["reason"] == "appointment_range"
    assert response.json["params"] == {
        "first": "2025-12-05",
        "last": "2026-02-03",
        "day": "2026-03-01",
        "n": MAX_APPOINTMENT_DAYS,
    }


def test_the_supervisors_interview_page_lists_the_households_visits_with_the_appointment(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    assert attempt(field, ATTEMPT_2, attempted_at="2025-12-04T10:00:00-05:00").status_code == 201
    assert appointment(field).status_code == 201
    assert field.put().status_code == 201  # the interview done at the appointment
    client = field.app.test_client()
    assert login(client, make_user(Role.supervisor)).status_code == 302
    page = client.get(f"/fieldwork/interviews/{UUID}?lang=es").get_data(as_text=True)
    visits = page[page.index('id="visits"') : page.index("</table>", page.index('id="visits"'))]
    rows = re.findall(r"<tr><td>(.*?)</td></tr>", visits)
    assert [row.split("</td><td>") for row in rows] == [
        [
            "4 de diciembre de 2025, 10:00 (UTC-05:00)<br>Ana Entrevistadora",
            "sin contacto<br>Nobody home",
        ],
        [
            "5 de diciembre de 2025, 18:40 (UTC-05:00)<br>Ana Entrevistadora",
            'cita para volver<br><strong data-appointment="2025-12-09">Cita para volver: '
            '<time datetime="2025-12-09">9 de diciembre de 2025</time> 15:00</strong>'
            "<br>Back on Tuesday",
        ],
    ]


def test_an_appointment_without_a_time_says_so_and_a_household_without_visits_too(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    assert field.put().status_code == 201
    client = field.app.test_client()
    assert login(client, make_user(Role.supervisor)).status_code == 302
    page = client.get(f"/fieldwork/interviews/{UUID}?lang=fr").get_data(as_text=True)
    assert "Aucune visite enregistrée." in page
    assert appointment(field, appointment_time=None).status_code == 201
    page = client.get(f"/fieldwork/interviews/{UUID}?lang=fr").get_data(as_text=True)
    assert (
        '<strong data-appointment="2025-12-09">Rendez-vous pour revenir\u00a0: '
        '<time datetime="2025-12-09">9\u00a0décembre\u00a02025</time> (sans heure)</strong>' in page
    )


def _appointment_rows(page: str) -> list[list[str]]:
    table = page[page.index("data-appointments") : page.index("</table>")]
    rows = re.findall(r'<tr data-due="(\w+)"><td>(.*?)</td></tr>', table)
    return [[due, *re.split(r"</td><td[^>]*>", cells)] for due, cells in rows]


def test_the_waves_appointments_page_lists_those_still_to_keep_the_earliest_first(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    assert appointment(field).status_code == 201  # H1, 9 December at 15:00
    h2 = {"sample_unit_id": field.units["H2"], "appointment_time": None}
    assert appointment(field, ATTEMPT_2, **h2).status_code == 201
    # H2's appointment was ended by a later visit (nobody home); H3's was agreed by the other
    # interviewer, for the 8th, without a time.
    later = "2025-12-09T11:00:00-05:00"
    ended = attempt(field, "7d4a0e3c-2f5b-4a9d-8e0f-1a2b3c4d5e6f", attempted_at=later, **h2)
    assert ended.status_code == 201
    h3 = {
        "sample_unit_id": field.units["H3"],
        "appointment_date": "2025-12-08",
        "appointment_time": None,
    }
    other = appointment(
        field, "8e5b1f4d-3a6c-4b0e-9f1a-2b3c4d5e6f70", token=field.other_token, **h3, note=None
    )
    assert other.status_code == 201, other.json
    client = field.app.test_client()
    assert login(client, make_user(Role.supervisor)).status_code == 302
    url = f"/fieldwork/waves/{field.wave.id}/appointments?lang=es"
    page = client.get(url).get_data(as_text=True)
    assert _appointment_rows(page) == [
        [
            "overdue",
            '<span class="nowrap"><time datetime="2025-12-08">8 de diciembre de 2025</time>'
            '</span> (sin hora) <strong class="tag">pasada</strong>',
            "H3",
            "—",
            field.other.name,
            '<time datetime="2025-12-05T18:40:00-05:00">'
            "5 de diciembre de 2025, 18:40 (UTC-05:00)</time>",
            "",
        ],
        [
            "overdue",
            '<span class="nowrap"><time datetime="2025-12-09">9 de diciembre de 2025</time>'
            '</span> 15:00 <strong class="tag">pasada</strong>',
            "H1",
            "—",
            "Ana Entrevistadora",
            '<time datetime="2025-12-05T18:40:00-05:00">'
            "5 de diciembre de 2025, 18:40 (UTC-05:00)</time>",
            "Back on Tuesday",
        ],
    ]
    # The interview done at the appointment: H1 leaves the list.
    assert field.put().status_code == 201
    page = client.get(url).get_data(as_text=True)
    assert [row[2] for row in _appointment_rows(page)] == ["H3"]
    index = client.get("/fieldwork/?lang=es").get_data(as_text=True)
    assert f'href="/fieldwork/waves/{field.wave.id}/appointments"' in index


@pytest.mark.parametrize(
    ("language", "day", "visited"),
    [
        ("es", "9 de diciembre de 2025</time></span> 15:00", "5 de diciembre de 2025, 18:40"),
        (
            "fr",
            "9\u00a0décembre\u00a02025</time></span> 15:00",
            "5\u00a0décembre\u00a02025, 18:40 (UTC-05:00)",
        ),
        ("en", "December 9, 2025</time></span> 15:00", "December 5, 2025, 18:40"),
    ],
)
def test_the_appointments_page_writes_days_and_times_as_the_staff_language_not_iso(
    field: Field,
    make_user: Callable[..., User],
    login: Callable[..., Any],
    language: str,
    day: str,
    visited: str,
) -> None:
    # the page read "2025-12-09 15:00" and "2025-12-05 18:40 (UTC-05:00)": ISO, which no
    # supervisor reading the four languages writes
    assert appointment(field).status_code == 201  # H1, 9 December at 15:00
    client = field.app.test_client()
    assert login(client, make_user(Role.supervisor)).status_code == 302
    url = f"/fieldwork/waves/{field.wave.id}/appointments?lang={language}"
    page = html.unescape(client.get(url).get_data(as_text=True))
    table = page[page.index("data-appointments") : page.index("</table>")]
    assert day in table and visited in table
    assert '<time datetime="2025-12-09">' in table  # the machine-readable day stays ISO
    visible = re.sub(r"<[^>]+>", " ", table)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", visible), visible


def test_an_appointment_is_due_by_the_households_date_not_the_servers(field: Field) -> None:
    from surveyapp.services.attempts import appointment_due

    visit = ContactAttempt(
        attempted_at_text="2025-12-05T18:40:00-05:00", appointment_date=dt.date(2025, 12, 9)
    )
    # 03:00 UTC on the 10th is still the 9th at the household (UTC-5): today, not missed.
    assert appointment_due(visit, dt.datetime(2025, 12, 10, 3, 0, tzinfo=dt.UTC)) == "today"
    assert appointment_due(visit, dt.datetime(2025, 12, 10, 6, 0, tzinfo=dt.UTC)) == "overdue"
    assert appointment_due(visit, dt.datetime(2025, 12, 9, 4, 0, tzinfo=dt.UTC)) == "later"


def test_on_one_day_an_appointment_without_a_time_comes_before_the_times(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    assert appointment(field).status_code == 201  # H1, 9 December at 15:00
    h2 = {"sample_unit_id": field.units["H2"], "appointment_time": None}
    assert appointment(field, ATTEMPT_2, **h2).status_code == 201  # H2, the 9th, no time
    client = field.app.test_client()
    assert login(client, make_user(Role.supervisor)).status_code == 302
    page = client.get(f"/fieldwork/waves/{field.wave.id}/appointments").get_data(as_text=True)
    assert [row[2] for row in _appointment_rows(page)] == ["H2", "H1"]
