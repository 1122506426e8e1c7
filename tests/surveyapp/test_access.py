"""The role matrix: for every route, who gets in, who gets 403, who is sent to log in.

Every rule in the app's URL map must appear in ACCESS (or PUBLIC); a new route
without an entry fails test_every_route_is_in_the_matrix.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from surveyapp.models import Role, User, Wave

ADMIN = frozenset({Role.administrator})
MANAGERS = frozenset({Role.administrator, Role.survey_manager})
FIELD = frozenset({Role.administrator, Role.survey_manager, Role.supervisor, Role.interviewer})
OBSERVATORY = frozenset({Role.administrator, Role.survey_manager, Role.analyst})
REVIEWERS = MANAGERS | {Role.supervisor}

#: endpoint -> (method, roles allowed)
ACCESS: dict[str, tuple[str, frozenset[Role]]] = {
    "manage.index": ("GET", MANAGERS),
    "manage.new_wave": ("GET", MANAGERS),
    "manage.wave": ("GET", MANAGERS),
    "manage.wave_status": ("POST", MANAGERS),
    "manage.support_notes": ("GET", MANAGERS),
    "manage.upload_sample": ("GET", MANAGERS),
    "manage.codes": ("GET", MANAGERS),
    "manage.areas_page": ("GET", MANAGERS),
    "manage.users_list": ("GET", ADMIN),
    "manage.audit_log": ("GET", ADMIN),
    "manage.tokens": ("GET", ADMIN),
    "manage.revoke_token": ("POST", ADMIN),
    "auth.change_password": ("GET", frozenset(Role)),
    "auth.two_factor_setup": ("GET", frozenset(Role)),
    "auth.new_recovery_codes": ("POST", frozenset(Role)),
    "auth.disable_two_factor": ("POST", frozenset(Role)),
    "auth.sessions": ("GET", frozenset(Role)),
    "auth.end_session": ("POST", frozenset(Role)),
    "manage.new_user": ("GET", ADMIN),
    "manage.user_role": ("POST", ADMIN),
    "manage.user_active": ("POST", ADMIN),
    "manage.user_area": ("POST", ADMIN),
    "manage.user_password": ("GET", ADMIN),
    "fieldwork.index": ("GET", FIELD),
    "manage.field_assign": ("GET", MANAGERS),
    "manage.field_reassign": ("POST", MANAGERS),
    "manage.user_devices": ("GET", MANAGERS),
    "manage.revoke_device": ("POST", MANAGERS),
    "fieldwork.review_list": ("GET", REVIEWERS),
    "fieldwork.review_interview": ("GET", REVIEWERS),
    "fieldwork.review_decide": ("POST", REVIEWERS),
    "fieldwork.review_reopen": ("POST", MANAGERS),
    "fieldwork.dashboard": ("GET", REVIEWERS),
    "fieldwork.appointments": ("GET", REVIEWERS),
}
#: The tablet interview the review routes are opened on (see _url).
REVIEWED_UUID = "4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d"
#: The observatory's routes (observatory.*, observatory_api.*) depend on the wave's public flag
#: too; their matrix is in tests/surveyapp/test_observatory_access.py. The field API and the read
#: API (api_v1) authenticate with bearer tokens: their matrices are below.
OWN_MATRIX = ("respond.", "observatory.", "observatory_api.", "field_api.", "api_v1.")
#: Routes anyone may use (the respondent survey's own routes are tested by its owner).
PUBLIC = {
    "static",
    "main.index",
    "auth.login",
    "auth.logout",
    "auth.two_factor",  # the login's second step: only after a correct password
    "api.health",
    "api.ping",
    # The interviewer app's files: the same for everyone, the app logs in through the field API.
    "fieldwork.app_shell",
    "fieldwork.app_service_worker",
    "fieldwork.app_manifest",
    "fieldwork.questionnaire_script",
}


def _url(app: Flask, endpoint: str, wave: Wave, target: User) -> str:
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    values: dict[str, Any] = {}
    if "wave_id" in rule.arguments:
        values["wave_id"] = wave.id
    if "user_id" in rule.arguments:
        values["user_id"] = target.id
    if "interview_uuid" in rule.arguments:
        values["interview_uuid"] = _reviewed_interview(app, wave)
    if "session_id" in rule.arguments:
        values["session_id"] = 999_999  # no session of the caller's: refused, back to the list
    if "token_id" in rule.arguments:
        values["token_id"] = 999_999  # no such read token: refused, back to the list
    with app.test_request_context():
        from flask import url_for

        return url_for(endpoint, **values)


def _reviewed_interview(app: Flask, wave: Wave) -> str:
    """A tablet interview of ``wave`` as a sync leaves it (revision 1, received), made once."""
    import sqlalchemy as sa

    from surveyapp.extensions import db
    from surveyapp.models import Interview, InterviewStatus, Mode, ReviewStatus

    with app.app_context():
        if db.session.scalar(sa.select(Interview.id).where(Interview.uuid == REVIEWED_UUID)):
            return REVIEWED_UUID
        stored = db.session.get(Wave, wave.id)
        assert stored is not None
        db.session.add(
            Interview(
                uuid=REVIEWED_UUID,
                wave_id=stored.id,
                instrument_version_id=stored.instrument_version_id,
                mode=Mode.tablet,
                status=InterviewStatus.completed,
                language="es",
                answers={"rob_yn": 2, "n_incidents": 0},
                paradata={},
                revision=1,
                review_status=ReviewStatus.received,
            )
        )
        db.session.commit()
    return REVIEWED_UUID


def test_every_route_is_in_the_matrix(app: Flask) -> None:
    endpoints = {
        r.endpoint for r in app.url_map.iter_rules() if not r.endpoint.startswith(OWN_MATRIX)
    }
    assert endpoints - PUBLIC == set(ACCESS)


@pytest.mark.parametrize("endpoint", sorted(ACCESS))
def test_role_matrix(
    app: Flask,
    endpoint: str,
    make_user: Callable[..., User],
    make_wave: Callable[..., Wave],
    login: Callable[..., Any],
) -> None:
    method, allowed = ACCESS[endpoint]
    wave = make_wave()
    target = make_user(Role.analyst)
    url = _url(app, endpoint, wave, target)

    anonymous = app.test_client().open(url, method=method)
    assert anonymous.status_code == 302 and "/auth/login" in anonymous.headers["Location"]

    for role in Role:
        client = app.test_client()
        assert login(client, make_user(role)).status_code == 302
        response = client.open(
            url,
            method=method,
            data={"status": "open", f"u{target.id}-role": "analyst", f"s{target.id}-area": "0"},
        )
        if role in allowed:
            expected = 200 if method == "GET" else 302
            assert response.status_code == expected, (role, response.status_code)
            if method == "POST":
                assert "/auth/login" not in response.headers["Location"]
        else:
            assert response.status_code == 403, (role, response.status_code)


def test_api_clients_get_401_json_not_a_redirect(client: Any) -> None:
    response = client.get("/manage/", headers={"Accept": "application/json"})
    assert response.status_code == 401 and response.json["status"] == 401


def test_deactivated_user_loses_the_session(
    app: Flask, client: Any, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    from surveyapp.extensions import db

    manager = make_user(Role.survey_manager)
    login(client, manager)
    assert client.get("/manage/").status_code == 200
    with app.app_context():
        user = db.session.get(User, manager.id)
        assert user is not None
        user.active = False
        db.session.commit()
    assert client.get("/manage/").status_code == 302


@pytest.mark.parametrize(
    "endpoint",
    sorted(
        e
        for e in ACCESS
        if e.startswith(("manage.", "fieldwork.review", "fieldwork.dash", "fieldwork.appoint"))
    ),
)
def test_area_scope_matrix(
    app: Flask,
    endpoint: str,
    make_user: Callable[..., User],
    make_wave: Callable[..., Wave],
    login: Callable[..., Any],
) -> None:
    """A manager limited to one area: a wave of another area is 404 on every wave route; the
    pages without a wave still open (scoped lists: tests/surveyapp/manage/test_scope.py)."""
    from surveyapp.extensions import db
    from surveyapp.models import AreaLevel
    from surveyapp.services.areas import create_area

    method, allowed = ACCESS[endpoint]
    wave = make_wave()
    with app.app_context():
        country = create_area(db.session, level=AreaLevel.country, code="XX", name="X")
        mine, other = (
            create_area(db.session, level=AreaLevel.region, code=c, name=c, parent=country)
            for c in ("01", "02")
        )
        stored = db.session.get(Wave, wave.id)
        assert stored is not None
        stored.areas = [other]
        db.session.commit()
        mine_id = mine.id
    manager = make_user(Role.survey_manager)
    with app.app_context():
        user = db.session.get(User, manager.id)
        assert user is not None
        user.area_id = mine_id
        db.session.commit()
    client = app.test_client()
    assert login(client, manager).status_code == 302
    url = _url(app, endpoint, wave, make_user(Role.analyst))
    response = client.open(url, method=method, data={"status": "closed"})
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    if "wave_id" in rule.arguments or "interview_uuid" in rule.arguments:
        # (the interview's unit lies in no area of the manager's)
        assert response.status_code == 404, response.status_code
    elif Role.survey_manager in allowed:
        assert response.status_code == (200 if method == "GET" else 302)
    else:
        assert response.status_code == 403


#: The interviewer app's API (bearer tokens, no session): endpoint -> (method, roles allowed).
#: Its login is public; everything else needs a token of a role that does field work.
FIELD_API: dict[str, tuple[str, frozenset[Role]]] = {
    "field_api.logout": ("POST", FIELD),
    "field_api.me": ("GET", FIELD),
    "field_api.assignments": ("GET", FIELD),
    "field_api.instrument": ("GET", FIELD),
    "field_api.interview": ("PUT", FIELD),
    "field_api.put_attempt": ("PUT", FIELD),
}
FIELD_API_PUBLIC = {"field_api.login"}
FIELD_API_VALUES = {
    "attempt_uuid": "5b2e8c1a-0d3f-4e6a-8b7c-9d0e1f2a3b4c",
    "content_hash": "0" * 64,
    "interview_uuid": "3f1c2b9e-8d4a-4c51-9a6e-1b2c3d4e5f60",
}


def test_every_field_api_route_is_in_its_matrix(app: Flask) -> None:
    endpoints = {
        r.endpoint for r in app.url_map.iter_rules() if r.endpoint.startswith("field_api.")
    }
    assert endpoints - FIELD_API_PUBLIC == set(FIELD_API)


@pytest.mark.parametrize("endpoint", sorted(FIELD_API))
def test_field_api_role_matrix(
    app: Flask, endpoint: str, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    """No token or a session cookie instead: 401; a token of a role without field work (one
    issued before the role changed): 403; the field roles get past the check (a 4xx of the
    route's own, never 401 or 403)."""
    from flask import url_for

    from surveyapp.extensions import db
    from surveyapp.services.fieldwork import issue_token

    method, allowed = FIELD_API[endpoint]
    with app.test_request_context():
        url = url_for(
            endpoint, **{k: v for k, v in FIELD_API_VALUES.items() if k in _args(app, endpoint)}
        )
    assert app.test_client().open(url, method=method).status_code == 401
    for role in Role:
        user = make_user(role)
        with_cookie = app.test_client()
        assert login(with_cookie, user).status_code == 302
        assert with_cookie.open(url, method=method).status_code == 401, role
        with app.app_context():
            holder = db.session.get(User, user.id)
            assert holder is not None
            holder.role = Role.interviewer
            _token, plain = issue_token(db.session, holder, device="matrix", days=1)
            holder.role = role
            db.session.commit()
        response = app.test_client().open(
            url, method=method, headers={"Authorization": f"Bearer {plain}"}, json={}
        )
        if role in allowed:
            assert response.status_code not in (401, 403), (role, response.status_code)
        else:
            assert response.status_code == 403 and response.json["code"] == "role_not_allowed"


#: The read API (bearer read tokens, no session): endpoint -> (public token, internal token,
#: microdata needed). A public token sees public waves only (another wave is 404 to it); a token
#: without microdata gets 403 on the microdata routes. The description needs no token.
READ_API: dict[str, tuple[bool, bool, bool]] = {
    "api_v1.waves": (True, True, False),
    "api_v1.wave": (True, True, False),
    "api_v1.areas": (True, True, False),
    "api_v1.catalogue": (True, True, False),
    "api_v1.indicators": (True, True, False),
    "api_v1.microdata": (True, True, True),
    "api_v1.microdata_release": (True, True, True),
}
READ_API_PUBLIC = {"api_v1.openapi"}


def test_every_read_api_route_is_in_its_matrix(app: Flask) -> None:
    endpoints = {r.endpoint for r in app.url_map.iter_rules() if r.endpoint.startswith("api_v1.")}
    assert endpoints - READ_API_PUBLIC == set(READ_API)


@pytest.mark.parametrize("endpoint", sorted(READ_API))
def test_read_api_token_matrix(
    app: Flask,
    endpoint: str,
    make_user: Callable[..., User],
    make_wave: Callable[..., Wave],
    login: Callable[..., Any],
) -> None:
    """No token, or a staff session cookie of any role instead: 401. A public token on a wave
    not marked public: 404; on a public wave, and an internal token on either: past the check
    (microdata routes: 403 without the microdata permission)."""
    from flask import url_for

    from surveyapp.extensions import db
    from surveyapp.models import TokenScope
    from surveyapp.services.read_tokens import create_token

    public_ok, internal_ok, microdata = READ_API[endpoint]
    app.config["REPORT_WORKER"] = "off"
    shown, hidden = make_wave(public_report=True), make_wave(public_report=False)

    def url(wave: Wave) -> str:
        with app.test_request_context():
            values = {"wave_id": wave.id, "edition": "public", "format_": "csv"}
            return url_for(
                endpoint, **{k: v for k, v in values.items() if k in _args(app, endpoint)}
            )

    assert app.test_client().get(url(shown)).status_code == 401
    for role in Role:
        with_cookie = app.test_client()
        assert login(with_cookie, make_user(role)).status_code == 302
        assert with_cookie.get(url(shown)).status_code == 401, role
    with app.app_context():
        tokens = {
            (scope, allowed): create_token(
                db.session, name="matrix", scope=scope, may_download_microdata=allowed, by=None
            )[1]
            for scope in TokenScope
            for allowed in (False, True)
        }
        db.session.commit()
    for (scope, allowed), plain in tokens.items():
        for wave in (shown, hidden):
            status = (
                app.test_client()
                .get(url(wave), headers={"Authorization": f"Bearer {plain}"})
                .status_code
            )
            ok = internal_ok if scope is TokenScope.internal else public_ok
            if "wave_id" in _args(app, endpoint) and scope is TokenScope.public and wave is hidden:
                assert status == 404, (scope, allowed, status)
            elif not ok or (microdata and not allowed):
                assert status == 403, (scope, allowed, status)
            else:
                assert status not in (401, 403), (scope, allowed, status)


def _args(app: Flask, endpoint: str) -> set[str]:
    return set(next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint).arguments)


@pytest.mark.parametrize("endpoint", sorted(ACCESS))
def test_roles_that_require_two_factor_reach_only_its_set_up_without_it(
    app: Flask,
    endpoint: str,
    make_user: Callable[..., User],
    make_wave: Callable[..., Wave],
    login: Callable[..., Any],
) -> None:
    """With TWO_FACTOR_REQUIRED_ROLES on, every staff page sends an administrator without
    two-factor authentication to its set-up (the account's own /auth/ pages excepted)."""
    app.config["TWO_FACTOR_REQUIRED_ROLES"] = ["administrator"]
    method, _allowed = ACCESS[endpoint]
    url = _url(app, endpoint, make_wave(), make_user(Role.analyst))
    client = app.test_client()
    assert login(client, make_user(Role.administrator)).status_code == 302
    response = client.open(url, method=method, data={"status": "open"})
    if endpoint.startswith("auth."):
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert "/auth/login" not in response.headers["Location"]
    else:
        assert response.status_code == 302, response.status_code
        assert response.headers["Location"].endswith("/auth/2fa/setup")


@pytest.mark.parametrize("endpoint", sorted(ACCESS))
def test_a_temporary_password_reaches_only_its_change(
    app: Flask,
    endpoint: str,
    make_user: Callable[..., User],
    make_wave: Callable[..., Wave],
    login: Callable[..., Any],
) -> None:
    """An administrator whose password someone else set is sent from every staff page to
    change it (its own page answers; nothing is done on the way)."""
    from surveyapp.extensions import db

    method, _allowed = ACCESS[endpoint]
    url = _url(app, endpoint, make_wave(), make_user(Role.analyst))
    admin = make_user(Role.administrator)
    with app.app_context():
        stored = db.session.get(User, admin.id)
        assert stored is not None
        stored.must_change_password = True
        db.session.commit()
    client = app.test_client()
    assert login(client, admin).status_code == 302
    response = client.open(url, method=method, data={"status": "open"})
    if endpoint == "auth.change_password":
        assert response.status_code == 200
    else:
        assert response.status_code == 302, response.status_code
        assert response.headers["Location"].startswith("/auth/password")
