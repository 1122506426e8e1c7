"""The supervisors' review pages under /fieldwork: list, one interview, approve, reject, reopen."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from surveyapp.extensions import db
from surveyapp.models import Area, AreaLevel, AuditLog, Interview, Role, SampleUnit, User

from ...conftest import csrf_token
from .conftest import NOT_ROBBED, TWO_ROBBERIES, UUID, Field
from .test_supervision_api import household


@pytest.fixture
def app_config() -> dict[str, Any]:
    """CSRF on, as in production: every form posts its token."""
    return {"WTF_CSRF_ENABLED": True}


def _staff(
    field: Field,
    make_user: Callable[..., User],
    login: Callable[..., Any],
    role: Role,
    area_id: int | None = None,
) -> FlaskClient:
    client = field.app.test_client()
    person = make_user(role)
    if area_id is not None:
        with field.app.app_context():
            found = db.session.get(User, person.id)
            assert found is not None
            found.area_id = area_id
            db.session.commit()
    assert login(client, person).status_code == 302
    return client


def _review_state(field: Field) -> tuple[str | None, str | None, str | None]:
    with field.app.app_context():
        interview = db.session.scalar(sa.select(Interview).where(Interview.uuid == UUID))
        assert interview is not None
        return (
            interview.review_status.value if interview.review_status else None,
            interview.review_comment,
            interview.review_item,
        )


def _post(client: FlaskClient, url: str, page: str, **data: str) -> Any:
    return client.post(url, data={"csrf_token": csrf_token(client, page), **data})


def test_the_interview_page_shows_labels_household_paradata_and_revisions(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    paradata = {
        "started_at": "2025-12-06T10:00:00-05:00",
        "ended_at": "2025-12-06T10:12:00-05:00",
        "questions": {"rob_yn": {"ms": 5300, "changes": 2}},
    }
    assert (
        field.put(body=field.body(household=household(field), paradata=paradata)).status_code == 201
    )
    assert (
        field.put(
            body=field.body(
                client_revision=2,
                paradata=paradata,
                answers={"rob_yn": 2, "n_incidents": 0, "safe_dark": 4},
                household=household(field),
            )
        ).status_code
        == 200
    )
    client = _staff(field, make_user, login, Role.supervisor)
    listing = client.get(f"/fieldwork/waves/{field.wave.id}/review").get_data(as_text=True)
    assert (
        f'href="/fieldwork/interviews/{UUID}">H1</a>' in listing
        and "Ana Entrevistadora" in listing
        and "received" in listing
    )
    page = client.get(f"/fieldwork/interviews/{UUID}").get_data(as_text=True)
    # Labels from the instrument (Spanish, the language of the interview), codes beside them.
    assert "¿Le robaron en los últimos 12 meses?" in page and "No (2)" in page
    assert "Muy inseguro (4)" in page
    assert "3 eligible adults" in page and "(selected)" in page
    assert "12.0 minutes" in page and "rob_yn 5.3 s" in page
    # Revision 2 changed the screener, the count and the perception answer, and has neither
    # of the two incidents revision 1 had.
    assert "incident[1], incident[2], n_incidents, rob_n, rob_yn, safe_dark" in page


def test_a_changed_answer_inside_an_incident_is_named_with_its_incident(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    # The supervisor sent the interview back about whether the second incident was reported;
    # the interviewer changed that one answer. The revision history must say so, not
    # "incident" (the whole loop) as if anything in any incident could have changed.
    assert field.put(body=field.body(household=household(field))).status_code == 201
    fixed = {
        **TWO_ROBBERIES,
        "incident": [
            TWO_ROBBERIES["incident"][0],
            {**TWO_ROBBERIES["incident"][1], "inc_reported": 1},
        ],
    }
    body = field.body(client_revision=2, answers=fixed, household=household(field))
    assert field.put(body=body).status_code == 200
    client = _staff(field, make_user, login, Role.supervisor)
    page = client.get(f"/fieldwork/interviews/{UUID}").get_data(as_text=True)
    revisions = page[page.index('aria-label="Every revision received"') :]
    assert "<td>incident[2].inc_reported</td>" in revisions
    assert "<td>incident</td>" not in revisions


def test_a_supervisor_rejects_with_a_question_and_approves_and_every_step_is_audited(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    assert field.put().status_code == 201
    client = _staff(field, make_user, login, Role.supervisor)
    page = f"/fieldwork/interviews/{UUID}"
    url = f"/fieldwork/interviews/{UUID}/review"
    _post(client, url, page, reject="Reject", comment="", item="")
    assert _review_state(field) == ("received", None, None)  # a rejection needs a comment
    _post(client, url, page, reject="Reject", comment="Pregunte de nuevo", item="no_such_item")
    assert _review_state(field) == ("received", None, None)
    assert "The questionnaire has no question &#39;no_such_item&#39;" in client.get(page).get_data(
        as_text=True
    )
    _post(client, url, page, reject="Reject", comment="Pregunte de nuevo", item="safe_dark")
    assert _review_state(field) == ("rejected", "Pregunte de nuevo", "safe_dark")
    state = field.client.get("/api/field/assignments", headers=field.auth()).json["interviews"][0]
    assert (state["review_status"], state["review_item"]) == ("rejected", "safe_dark")
    assert (
        field.put(
            body=field.body(client_revision=2, answers={**field.body()["answers"], "safe_dark": 2})
        ).status_code
        == 200
    )
    assert _review_state(field)[0] == "resubmitted"
    _post(client, url, page, approve="Approve", comment="")
    assert _review_state(field)[0] == "approved"
    # An approved interview is not rejected by a supervisor: headquarters reopen it.
    _post(client, url, page, reject="Reject", comment="Otra vez")
    assert _review_state(field)[0] == "approved"
    no = _post(client, f"/fieldwork/interviews/{UUID}/reopen", page, reason="x")
    assert no.status_code == 403
    hq = _staff(field, make_user, login, Role.survey_manager)
    _post(hq, f"/fieldwork/interviews/{UUID}/reopen", page, reason="")
    assert _review_state(field)[0] == "approved"  # a reason is needed
    _post(hq, f"/fieldwork/interviews/{UUID}/reopen", page, reason="Edad inconsistente")
    assert _review_state(field)[0] == "received"
    with field.app.app_context():
        actions = list(
            db.session.scalars(
                sa.select(AuditLog.action)
                .where(AuditLog.action.in_(["interview.review", "interview.reopen"]))
                .order_by(AuditLog.id)
            )
        )
        reopen = db.session.scalar(sa.select(AuditLog).where(AuditLog.action == "interview.reopen"))
        assert reopen is not None and reopen.details["reason"] == "Edad inconsistente"
    assert actions == ["interview.review", "interview.review", "interview.reopen"]


def test_forms_without_csrf_change_nothing(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    assert field.put().status_code == 201
    client = _staff(field, make_user, login, Role.supervisor)
    response = client.post(f"/fieldwork/interviews/{UUID}/review", data={"approve": "Approve"})
    assert response.status_code in (302, 400)
    assert _review_state(field)[0] == "received"


def test_a_supervisor_of_another_area_sees_nothing(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    assert field.put().status_code == 201
    with field.app.app_context():
        north = Area(code="N", name="Norte", level=AreaLevel.municipality)
        south = Area(code="S", name="Sur", level=AreaLevel.municipality)
        db.session.add_all([north, south])
        db.session.flush()
        unit = db.session.get(SampleUnit, field.units["H1"])
        assert unit is not None
        unit.area_id = north.id
        south_id, north_id = south.id, north.id
        db.session.commit()
    elsewhere = _staff(field, make_user, login, Role.supervisor, area_id=south_id)
    assert elsewhere.get(f"/fieldwork/interviews/{UUID}").status_code == 404
    # The household's link, not the bare text "H1": a CSRF token on the page
    # can hold those two characters (CI failed once on 'axdH1Q').
    link = f'href="/fieldwork/interviews/{UUID}">H1</a>'
    listing = elsewhere.get(f"/fieldwork/waves/{field.wave.id}/review").get_data(as_text=True)
    assert link not in listing and UUID not in listing
    assert "No interview matches." in listing
    here = _staff(field, make_user, login, Role.supervisor, area_id=north_id)
    assert here.get(f"/fieldwork/interviews/{UUID}").status_code == 200
    assert link in here.get(f"/fieldwork/waves/{field.wave.id}/review").get_data(as_text=True)


def test_unknown_interviews_and_waves_are_404(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    client = _staff(field, make_user, login, Role.survey_manager)
    assert (
        client.get("/fieldwork/interviews/00000000-0000-4000-8000-000000000000").status_code == 404
    )
    assert client.get("/fieldwork/interviews/x").status_code == 404
    assert client.get("/fieldwork/waves/2147483648/review").status_code == 404
    assert (
        client.get(
            f"/fieldwork/waves/{field.wave.id}/review?status=bogus&interviewer=-1"
        ).status_code
        == 200
    )


def test_interviewers_may_not_review(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    assert field.put().status_code == 201
    client = _staff(field, make_user, login, Role.interviewer)
    assert client.get(f"/fieldwork/interviews/{UUID}").status_code == 403
    assert client.get(f"/fieldwork/waves/{field.wave.id}/quality").status_code == 403


def test_the_field_work_page_links_supervisors_to_review_and_quality(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    page = (
        _staff(field, make_user, login, Role.supervisor).get("/fieldwork/").get_data(as_text=True)
    )
    assert f"/fieldwork/waves/{field.wave.id}/review" in page
    assert f"/fieldwork/waves/{field.wave.id}/quality" in page
    mine = (
        _staff(field, make_user, login, Role.interviewer).get("/fieldwork/").get_data(as_text=True)
    )
    assert "/review" not in mine


def test_review_refusals_are_said_in_the_staff_language(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    """The review service's refusals in Spanish and Portuguese."""
    assert field.put().status_code == 201
    client = _staff(field, make_user, login, Role.supervisor)
    page = f"/fieldwork/interviews/{UUID}"
    url = f"/fieldwork/interviews/{UUID}/review"
    client.get(f"{page}?lang=es")

    def flashed(response: Any) -> str:
        return html.unescape(client.get(response.headers["Location"]).get_data(as_text=True))

    wrong = flashed(_post(client, url, page, reject="Reject", comment="Otra vez", item="nada"))
    assert "El cuestionario no tiene la pregunta 'nada'." in wrong
    assert "has no question" not in wrong
    empty = flashed(_post(client, url, page, reject="Reject", comment="", item=""))
    assert 'role="alert">Diga qué debe corregir el encuestador.' in empty
    _post(client, url, page, approve="Approve", comment="")
    again = flashed(_post(client, url, page, reject="Reject", comment="Otra vez"))
    assert "Esta entrevista está aprobada; la sede central puede reabrirla" in again
    assert "headquarters may reopen" not in again
    hq = _staff(field, make_user, login, Role.survey_manager)
    hq.get(f"{page}?lang=pt")
    reopen = _post(hq, f"/fieldwork/interviews/{UUID}/reopen", page, reason=" ")
    said = html.unescape(hq.get(reopen.headers["Location"]).get_data(as_text=True))
    assert "Diga por que a entrevista é reaberta." in said and "Say why" not in said


def test_answers_that_disagree_with_the_household_list_are_pointed_out(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    # The list sent with the interview has four people, three of them adults (ROSTER). Answers
    # saying otherwise leave the weights in doubt: hh_adults divides a household's weight.
    assert field.put(body=field.body(household=household(field))).status_code == 201
    client = _staff(field, make_user, login, Role.supervisor)

    def page_with(answers: dict[str, Any]) -> str:
        with field.app.app_context():
            interview = db.session.scalar(sa.select(Interview).where(Interview.uuid == UUID))
            assert interview is not None
            interview.answers = {**interview.answers, **answers}
            db.session.commit()
        return html.unescape(client.get(f"/fieldwork/interviews/{UUID}").get_data(as_text=True))

    agreeing = page_with({"hh_size": 4, "hh_adults": 3})
    assert 'id="roster-disagrees"' not in agreeing
    disagreeing = page_with({"hh_size": 4, "hh_adults": 1})
    assert 'id="roster-disagrees"' in disagreeing
    assert (
        "The answers say 4 people in the household and 1 aged 18 or over; "
        "the household list has 4 and 3." in disagreeing
    )
    only_size = page_with({"hh_size": 6, "hh_adults": None})
    assert "say 6 people in the household and — aged 18 or over" in only_size


def test_the_household_and_paradata_are_in_the_supervisors_language_not_codes(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    # A French supervisor read "Méthode kish", a roster of "f" / "m" and "12.0 minutes":
    # stored codes and English decimals on a French page.
    paradata = {
        "started_at": "2025-12-06T10:00:00-05:00",
        "ended_at": "2025-12-06T10:12:00-05:00",
        "questions": {"rob_yn": {"ms": 5300, "changes": 2}},
    }
    body = field.body(household=household(field), paradata=paradata)
    assert field.put(body=body).status_code == 201
    client = _staff(field, make_user, login, Role.supervisor)
    page = html.unescape(client.get(f"/fieldwork/interviews/{UUID}?lang=fr").get_data(as_text=True))
    assert "Méthode table de Kish," in page and "Méthode kish" not in page
    assert "<td>femme</td>" in page and "<td>homme</td>" in page
    assert "<td>f</td>" not in page and "<td>m</td>" not in page
    assert "12,0 minutes" in page and "rob_yn 5,3 s" in page
    english = client.get(f"/fieldwork/interviews/{UUID}?lang=en").get_data(as_text=True)
    assert "Method Kish table," in english and "<td>woman</td>" in english
    assert "12.0 minutes" in english


def test_a_comment_can_be_about_a_question_asked_not_a_computed_variable(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    # The reject form offered the instrument's computed variables (n_incidents, inc_pos, ...)
    # and the incident loop itself as "questions": the tablet shows a comment at the question
    # it is about, and these are at none, so the interviewer met it on no page.
    assert field.put(body=field.body(household=household(field))).status_code == 201
    client = _staff(field, make_user, login, Role.supervisor)
    page = client.get(f"/fieldwork/interviews/{UUID}").get_data(as_text=True)
    offered = set(re.findall(r'<option value="([^"]*)"', page))
    assert {"rob_yn", "rob_n", "inc_reported", "safe_dark"} <= offered
    assert not offered & {"n_incidents", "inc_pos", "inc_crime", "incident"}
    url = f"/fieldwork/interviews/{UUID}/review"
    refused = _post(
        client,
        url,
        f"/fieldwork/interviews/{UUID}",
        reject="Reject",
        comment="Check the count",
        item="n_incidents",
    )
    assert refused.status_code == 302
    assert _review_state(field) == ("received", None, None)


@pytest.mark.parametrize(
    ("language", "started_ended", "draw", "saved"),
    [
        (
            "es",
            "6 de diciembre de 2025, 10:00 (UTC-05:00) – 6 de diciembre de 2025, 10:12 (UTC-05:00)",
            "6 de diciembre de 2025, 10:05 (UTC-05:00) → ",
            "<td>6 de diciembre de 2025, 10:15 (UTC-05:00)</td>",
        ),
        (
            "fr",
            "6\u00a0décembre\u00a02025, 10:00 (UTC-05:00) – 6\u00a0décembre\u00a02025, 10:12 (UTC-05:00)",
            "6\u00a0décembre\u00a02025, 10:05 (UTC-05:00) → ",
            "<td>6\u00a0décembre\u00a02025, 10:15 (UTC-05:00)</td>",
        ),
        (
            "en",
            "December 6, 2025, 10:00 (UTC-05:00) – December 6, 2025, 10:12 (UTC-05:00)",
            "December 6, 2025, 10:05 (UTC-05:00) → line",
            "<td>December 6, 2025, 10:15 (UTC-05:00)</td>",
        ),
    ],
)
def test_the_tablets_times_are_written_as_people_read_them(
    field: Field,
    make_user: Callable[..., User],
    login: Callable[..., Any],
    language: str,
    started_ended: str,
    draw: str,
    saved: str,
) -> None:
    # Start, end, draws and "saved on the device" were shown as the tablet stored them,
    # "2025-12-06T10:00:00-05:00", beside the server's "2025-12-06 15:10" in the same table;
    # then as "2025-12-06 10:00 (UTC-05:00)", ISO, which no reader of the four languages
    # writes: now the staff language's date and time, on the tablet's clock.
    paradata = {
        "started_at": "2025-12-06T10:00:00-05:00",
        "ended_at": "2025-12-06T10:12:00-05:00",
    }
    body = field.body(household=household(field), paradata=paradata)
    assert field.put(body=body).status_code == 201
    client = _staff(field, make_user, login, Role.supervisor)
    url = f"/fieldwork/interviews/{UUID}?lang={language}"
    page = html.unescape(client.get(url).get_data(as_text=True))
    assert started_ended in page
    assert draw in page  # the draw
    assert saved in page  # saved on the device
    assert "T10:" not in page
    visible = re.sub(r"<(style|script)\b.*?</\1>|<[^>]+>", " ", page, flags=re.S)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", visible), re.findall(
        r".{40}\d{4}-\d{2}-\d{2}.{40}", visible
    )


def test_the_list_says_when_an_interview_was_received_not_when_it_was_reviewed(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    """A supervisor sent back an interview received in the morning: its 'last received' time
    became the time of her rejection, and it moved to the top as if the tablet had sent it."""
    import datetime as dt

    from surveyapp.models import InterviewRevision

    assert field.put().status_code == 201
    morning = dt.datetime(2026, 2, 3, 9, 15, tzinfo=dt.UTC)
    with field.app.app_context():
        db.session.execute(sa.update(InterviewRevision).values(received_at=morning))
        db.session.execute(sa.update(Interview).values(updated_at=morning))
        db.session.commit()
    client = _staff(field, make_user, login, Role.supervisor)
    _post(
        client,
        f"/fieldwork/interviews/{UUID}/review",
        f"/fieldwork/interviews/{UUID}",
        reject="Reject",
        comment="Pregunte de nuevo",
        item="",
    )
    assert _review_state(field)[0] == "rejected"
    listing = client.get(f"/fieldwork/waves/{field.wave.id}/review").get_data(as_text=True)
    # 09:15 UTC on the tablet's clock
    assert "February 3, 2026, 04:15 (UTC-05:00)" in html.unescape(listing)


def test_the_list_gives_times_on_the_tablets_clock_as_the_interview_page_does(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    """The list said '2026-02-03 15:40 UTC' while the interview's page said the tablet's
    '2026-02-03 10:38 (UTC-05:00)': a supervisor in UTC-5 read the same interview as sent in
    the afternoon. The list now gives the arrival on the tablet's clock (its offset when it
    saved the revision); an app that sent no offset keeps UTC, said so."""
    import datetime as dt

    from surveyapp.models import InterviewRevision

    arrival = dt.datetime(2026, 2, 3, 15, 40, tzinfo=dt.UTC)
    assert field.put(body=field.body(saved_at="2026-02-03T10:38:00-05:00")).status_code == 201
    with field.app.app_context():
        db.session.execute(sa.update(InterviewRevision).values(received_at=arrival))
        db.session.commit()
    client = _staff(field, make_user, login, Role.supervisor)
    url = f"/fieldwork/waves/{field.wave.id}/review?lang=es"
    listing = html.unescape(client.get(url).get_data(as_text=True))
    assert "<td>3 de febrero de 2026, 10:40 (UTC-05:00)</td>" in listing
    assert "15:40" not in listing
    page = html.unescape(client.get(f"/fieldwork/interviews/{UUID}").get_data(as_text=True))
    # saved on the device, same clock
    assert "<td>3 de febrero de 2026, 10:38 (UTC-05:00)</td>" in page
    with field.app.app_context():  # an offset of +05:30, and none at all
        db.session.execute(
            sa.update(InterviewRevision).values(client_saved_at="2026-02-03T21:08:00+05:30")
        )
        db.session.commit()
    listing = html.unescape(client.get(url).get_data(as_text=True))
    assert "<td>3 de febrero de 2026, 21:10 (UTC+05:30)</td>" in listing
    with field.app.app_context():
        db.session.execute(sa.update(InterviewRevision).values(client_saved_at=None))
        db.session.commit()
    listing = html.unescape(client.get(url).get_data(as_text=True))
    assert "<td>3 de febrero de 2026, 15:40\u00a0UTC</td>" in listing


def test_approving_says_which_household_and_the_way_back(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    """'Aprobar' approved in one click and said only 'Aprobada.' on the list: which interview,
    and that a mistake is undone by headquarters' reopen, went unsaid. It stays one click (no
    confirmation step, as the other staff decisions; pages work without JavaScript) and says
    both, before (a hint under the buttons) and after."""
    assert field.put().status_code == 201
    page = f"/fieldwork/interviews/{UUID}"
    client = _staff(field, make_user, login, Role.supervisor)
    form = html.unescape(client.get(f"{page}?lang=es").get_data(as_text=True))
    assert 'aria-describedby="approve-hint"' in form
    assert "Aprobar cierra la entrevista: el encuestador ya no podrá modificarla" in form
    done = _post(client, f"{page}/review", page, approve="Approve", comment="")
    assert done.status_code == 302 and done.location.endswith("/review")  # one POST approves
    assert _review_state(field)[0] == "approved"
    listing = html.unescape(client.get(done.location).get_data(as_text=True))
    assert (
        "Entrevista del hogar H1 aprobada: el encuestador ya no puede modificarla. Si fue un "
        "error, un responsable de encuesta (la sede) puede reabrirla" in listing
    )
    hq = _staff(field, make_user, login, Role.survey_manager)
    _post(hq, f"{page}/reopen", page, reason="Edad inconsistente")
    done = _post(hq, f"{page}/review", page, approve="Approve", comment="")
    assert "you can reopen it from the interview&#39;s page" in hq.get(done.location).get_data(
        as_text=True
    )


@pytest.mark.parametrize(
    ("language", "approved", "received", "heading"),
    [
        ("es", " el 3 de febrero de 2026", ">3 de febrero de 2026, 9:15</time>", "Recibida (UTC)"),
        (
            "fr",
            " le 3\u00a0février\u00a02026",
            ">3\u00a0février\u00a02026, 09:15</time>",
            "Reçue (UTC)",
        ),
    ],
)
def test_an_approved_interview_says_its_day_and_its_revisions_arrival_not_iso(
    field: Field,
    make_user: Callable[..., User],
    login: Callable[..., Any],
    language: str,
    approved: str,
    received: str,
    heading: str,
) -> None:
    # "Aprobada por … el 2026-02-03" and a revision "received (UTC)" at "2026-02-03 09:15";
    # then "Recibida (UTC)" over "3 de febrero de 2026, 9:15 UTC", the zone said twice: now
    # once, in the heading, as the audit log does
    import datetime as dt

    from surveyapp.models import InterviewRevision

    assert field.put().status_code == 201
    page = f"/fieldwork/interviews/{UUID}"
    client = _staff(field, make_user, login, Role.supervisor)
    assert _post(client, f"{page}/review", page, approve="Approve", comment="").status_code == 302
    morning = dt.datetime(2026, 2, 3, 9, 15, tzinfo=dt.UTC)
    with field.app.app_context():
        db.session.execute(sa.update(InterviewRevision).values(received_at=morning))
        db.session.execute(sa.update(Interview).values(reviewed_at=morning))
        db.session.commit()
    shown = html.unescape(client.get(f"{page}?lang={language}").get_data(as_text=True))
    assert approved in shown and received in shown
    assert '<time datetime="2026-02-03T09:15:00+00:00">' in shown  # ISO for machines
    revisions = shown[shown.rindex("<table", 0, shown.index(heading)) :]
    revisions = revisions[: revisions.index("</table>")]
    assert re.findall(r"<th\b[^>]*>([^<]*UTC[^<]*)</th>", revisions) == [heading]
    arrivals = re.findall(r'<time datetime="[^"]+">([^<]*)</time>', revisions)
    assert arrivals and not any("UTC" in arrival for arrival in arrivals), arrivals
    visible = re.sub(r"<(style|script)\b.*?</\1>|<[^>]+>", " ", shown, flags=re.S)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", visible)


def test_the_field_work_page_lists_only_the_waves_a_supervisors_area_opens(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    """A supervisor of Sur saw Norte's wave on her field-work page; both of its links answered
    'Page not found'."""
    from surveyapp.models import Wave

    with field.app.app_context():
        north = Area(code="N", name="Norte", level=AreaLevel.country)
        south = Area(code="S", name="Sur", level=AreaLevel.country)
        db.session.add_all([north, south])
        db.session.flush()
        wave = db.session.get(Wave, field.wave.id)
        assert wave is not None
        wave.areas = [north]
        south_id, north_id = south.id, north.id
        db.session.commit()
    elsewhere = _staff(field, make_user, login, Role.supervisor, area_id=south_id)
    page = elsewhere.get("/fieldwork/").get_data(as_text=True)
    assert f"/fieldwork/waves/{field.wave.id}/review" not in page
    assert elsewhere.get(f"/fieldwork/waves/{field.wave.id}/review").status_code == 404
    here = _staff(field, make_user, login, Role.supervisor, area_id=north_id)
    assert f"/fieldwork/waves/{field.wave.id}/review" in here.get("/fieldwork/").get_data(
        as_text=True
    )


def test_a_respondent_who_is_not_the_selected_person_is_pointed_out(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    """The list chose a woman of 45; the answers said a man of 45, or a woman of 34: someone
    else answered, and nothing on the page said so."""
    from .test_supervision_api import ROSTER

    assert field.put(body=field.body(household=household(field))).status_code == 201
    client = _staff(field, make_user, login, Role.supervisor)
    with field.app.app_context():
        interview = db.session.scalar(sa.select(Interview).where(Interview.uuid == UUID))
        assert interview is not None and interview.household is not None
        line = interview.household["selected_line"]
    chosen = next(p for p in ROSTER if p["line"] == line)
    sex = {"m": 1, "f": 2}[chosen["sex"]]

    def page_with(answers: dict[str, Any]) -> str:
        with field.app.app_context():
            interview = db.session.scalar(sa.select(Interview).where(Interview.uuid == UUID))
            assert interview is not None
            interview.answers = {**interview.answers, **answers}
            db.session.commit()
        return html.unescape(
            client.get(f"/fieldwork/interviews/{UUID}?lang=es").get_data(as_text=True)
        )

    same = page_with({"dem_sex": sex, "dem_age": chosen["age"] + 1})  # a birthday since
    assert 'id="selected-differs"' not in same
    other_sex = page_with({"dem_sex": 3 - sex, "dem_age": chosen["age"]})
    assert 'id="selected-differs"' in other_sex
    word = {"m": "hombre", "f": "mujer"}
    assert (
        f"La persona seleccionada en la lista ({chosen['initials']}, línea {line}) es "
        f"{word[chosen['sex']]} de {chosen['age']} años; las respuestas dicen "
        f"{word['f' if chosen['sex'] == 'm' else 'm']} de {chosen['age']} años." in other_sex
    )
    other_age = page_with({"dem_sex": sex, "dem_age": chosen["age"] + 11})
    assert 'id="selected-differs"' in other_age
    unknown = page_with({"dem_sex": -8, "dem_age": -9})  # refused, don't know: nothing to compare
    assert 'id="selected-differs"' not in unknown


def test_each_upload_stores_whether_the_answers_disagree_with_the_household_list(
    field: Field, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dashboard flags such interviews per interviewer from a column written at upload by
    services/households.household_mismatch (the rules of the two warnings above): false for a
    list the answers do not contradict (the test questionnaire asks none of hh_size, hh_adults,
    dem_sex, dem_age), what the rule says on a revision, none without a household list."""
    from surveyapp.services import fieldwork as fieldwork_service

    def stored(uuid: str = UUID) -> bool | None:
        with field.app.app_context():
            return db.session.scalar(
                sa.select(Interview.household_mismatch).where(Interview.uuid == uuid)
            )

    record = household(field)
    assert field.put(body=field.body(household=record)).status_code == 201
    assert stored() is False
    seen: list[tuple[Any, Any, Any]] = []

    def disagreeing(answers: Any, household_record: Any, adults: Any) -> bool:
        seen.append((answers, household_record, adults))
        return True

    monkeypatch.setattr(fieldwork_service, "household_mismatch", disagreeing)
    revision = field.body(household=record, client_revision=2, answers=NOT_ROBBED)
    assert field.put(body=revision).status_code in (200, 201)
    assert stored() is True
    assert seen == [(NOT_ROBBED, record, 3)]  # the answers, the list as sent, its adults
    other = "0b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5e"
    assert field.put(other, body=field.body("H2")).status_code == 201
    assert stored(other) is None


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"hh_size": 4, "hh_adults": 3}, False),
        ({"hh_size": 5, "hh_adults": 3}, True),
        ({"hh_adults": 2}, True),
        ({"dem_sex": 2, "dem_age": 45}, False),  # the woman of 44 selected, a birthday since
        ({"dem_sex": 1, "dem_age": 44}, True),
        ({"dem_sex": 2, "dem_age": 34}, True),
        ({"dem_sex": 8, "dem_age": 44}, False),  # "don't know" compares with nothing
        ({}, False),
    ],
)
def test_household_mismatch_is_either_warning_of_the_review_page(
    answers: dict[str, Any], expected: bool
) -> None:
    from surveyapp.services.households import household_mismatch

    from .test_supervision_api import ROSTER

    record = {"roster": ROSTER, "selected_line": 1}  # AM, a woman of 44; three adults
    assert household_mismatch(answers, record, 3) is expected
    assert household_mismatch(answers, None, 3) is None


def test_one_eligible_adult_is_said_in_the_singular(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    """'1 adultos elegibles' on the page of a household with one adult."""
    alone = household(field, roster=[{"line": 1, "initials": "AM", "sex": "f", "age": 44}])
    alone.update(eligible_adults=1, selected_line=1)
    alone["draws"] = [{**d, "selected_line": 1, "roster_size": 1} for d in alone["draws"]]
    assert field.put(body=field.body(household=alone)).status_code == 201
    client = _staff(field, make_user, login, Role.supervisor)
    page = html.unescape(client.get(f"/fieldwork/interviews/{UUID}?lang=es").get_data(as_text=True))
    assert "; 1 adulto elegible (el factor de selección)" in page


def test_the_selection_note_takes_its_singular_by_the_one_rule(
    field: Field,
    make_user: Callable[..., User],
    login: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The note's singular is chosen by analysis.i18n.is_singular (e201d09: 0 and 1 in French
    and Portuguese), not by a comparison of its own in the template, and the count is the
    interview's: with the rule saying 'one' for every count, three adults read '3 adulto'."""
    import analysis.i18n

    assert field.put(body=field.body(household=household(field))).status_code == 201
    client = _staff(field, make_user, login, Role.supervisor)
    url = f"/fieldwork/interviews/{UUID}?lang=es"
    assert "; 3 adultos elegibles (el factor" in html.unescape(
        client.get(url).get_data(as_text=True)
    )
    monkeypatch.setattr(analysis.i18n, "is_singular", lambda count, language: True)
    page = html.unescape(client.get(url).get_data(as_text=True))
    assert "; 3 adulto elegible (el factor de selección)" in page


@pytest.mark.parametrize(
    ("language", "march", "leap", "first"),
    [
        ("es", "5 de marzo", "29 de febrero", "1 de enero"),
        ("fr", "5\u00a0mars", "29\u00a0février", "1er\u00a0janvier"),
        ("en", "March 5", "February 29", "January 1"),
    ],
)
def test_the_rosters_birthdays_are_written_as_a_day_and_month_in_the_staff_language(
    field: Field,
    make_user: Callable[..., User],
    login: Callable[..., Any],
    language: str,
    march: str,
    leap: str,
    first: str,
) -> None:
    # The roster showed the stored "03-05", which a supervisor reads as the 3rd of May as
    # readily as the 5th of March. A value that is no day of the year (an older upload's, or
    # a Kish list's, where the birthday is not used) is shown as it is.
    days = {1: "03-05", 2: "02-29", 3: "01-01", 4: "5 mar"}
    roster = [{**p, "birthday": days[p["line"]]} for p in household(field)["roster"]]
    assert field.put(body=field.body(household=household(field, roster=roster))).status_code == 201
    client = _staff(field, make_user, login, Role.supervisor)
    response = client.get(f"/fieldwork/interviews/{UUID}?lang={language}")
    assert response.status_code == 200
    page = html.unescape(response.get_data(as_text=True))
    assert f'<td><time datetime="--03-05">{march}</time></td>' in page
    assert f'<td><time datetime="--02-29">{leap}</time></td>' in page
    assert f'<td><time datetime="--01-01">{first}</time></td>' in page
    assert "<td>5 mar</td>" in page
    assert not re.search(r">\d{2}-\d{2}<", page)


@pytest.mark.parametrize("stored", ["13-45", "02-30", "0305", 305, "", None])
def test_a_birthday_that_is_no_day_of_the_year_is_shown_as_it_is(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any], stored: Any
) -> None:
    assert field.put(body=field.body(household=household(field))).status_code == 201
    with field.app.app_context():
        interview = db.session.scalar(sa.select(Interview).where(Interview.uuid == UUID))
        assert interview is not None and interview.household is not None
        record = dict(interview.household)
        record["roster"] = [
            {**p, "birthday": stored} if p["line"] == 4 else p for p in record["roster"]
        ]
        interview.household = record
        db.session.commit()
    client = _staff(field, make_user, login, Role.supervisor)
    response = client.get(f"/fieldwork/interviews/{UUID}?lang=es")
    assert response.status_code == 200
    page = html.unescape(response.get_data(as_text=True))
    shown = "" if stored is None else str(stored)
    assert f'>PM</td><td>mujer</td><td class="numeric">12</td><td>{shown}</td>' in page
    assert '<time datetime="--03-10">10 de marzo</time>' in page  # the others written out
