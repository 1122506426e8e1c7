"""Who may use each observatory route, for a wave not marked public and for a public one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask, url_for

from surveyapp.extensions import db
from surveyapp.models import Role, User, Wave

from ..conftest import TinyWave  # type: ignore[import-not-found]

STAFF = frozenset({Role.administrator, Role.survey_manager, Role.analyst})
MANAGERS = frozenset({Role.administrator, Role.survey_manager})
EVERYBODY = frozenset(Role)

#: endpoint -> (method, roles allowed on a private wave, roles allowed on a public wave, anonymous on public)
ACCESS: dict[str, tuple[str, frozenset[Role], frozenset[Role], bool]] = {
    "observatory.index": ("GET", EVERYBODY, EVERYBODY, True),
    "observatory.wave": ("GET", STAFF, EVERYBODY, True),
    "observatory.indicators_csv": ("GET", STAFF, EVERYBODY, True),
    "observatory.indicators_xlsx": ("GET", STAFF, EVERYBODY, True),
    "observatory.report_pdf": ("GET", STAFF, EVERYBODY, True),
    "observatory.regional": ("GET", STAFF, EVERYBODY, True),
    "observatory.regional_pdf": ("GET", STAFF, EVERYBODY, True),
    "observatory.evaluation": ("GET", STAFF, EVERYBODY, True),
    "observatory.perception": ("GET", STAFF, EVERYBODY, True),
    "observatory_api.api_waves": ("GET", EVERYBODY, EVERYBODY, True),
    "observatory_api.api_indicators": ("GET", STAFF, EVERYBODY, True),
    "observatory.uploads_page": ("GET", STAFF, STAFF, False),
    "observatory.microdata": ("GET", STAFF, STAFF, False),
    "observatory.microdata_release": ("GET", STAFF, STAFF, False),
    "observatory.upload_police": ("POST", MANAGERS, MANAGERS, False),
    "observatory.upload_census": ("POST", MANAGERS, MANAGERS, False),
    "observatory.boundaries_page": ("GET", STAFF, STAFF, False),
    "observatory.upload_boundaries": ("POST", MANAGERS, MANAGERS, False),
}
#: Routes anyone may use whatever the wave (they list only what the caller may see).
OPEN = {"observatory.index", "observatory_api.api_waves"}


@pytest.fixture
def app_config() -> dict[str, Any]:
    # Nothing is built: allowed callers get 202 "being prepared", which is enough here.
    return {"REPORT_WORKER": "off"}


def test_every_observatory_route_is_in_the_matrix(app: Flask) -> None:
    endpoints = {
        r.endpoint for r in app.url_map.iter_rules() if r.endpoint.startswith("observatory")
    }
    assert endpoints == set(ACCESS)


def _url(app: Flask, endpoint: str, wave_id: int, area: str) -> str:
    with app.test_request_context():
        rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
        values: dict[str, Any] = {"wave_id": wave_id} if "wave_id" in rule.arguments else {}
        if endpoint.startswith("observatory.regional"):  # the waves compared, here the one
            values["waves"] = wave_id
        if endpoint == "observatory.evaluation":  # a wave chosen: its access rules apply
            values["before"] = wave_id
        if "format_" in rule.arguments:  # a microdata release (the internal one: no disclosure run)
            values.update(edition="internal", format_="csv")
        if "wave_id" in rule.arguments:
            values["area"] = area
        return url_for(endpoint, **values)


def _ok(method: str, status: int) -> bool:
    return status in ((200, 202) if method == "GET" else (302, 400))


@pytest.mark.parametrize("public", [False, True], ids=["private-wave", "public-wave"])
@pytest.mark.parametrize("endpoint", sorted(ACCESS))
def test_role_matrix(
    app: Flask,
    tiny_wave: Callable[..., TinyWave],
    endpoint: str,
    public: bool,
    make_user: Callable[..., User],
    login: Callable[..., Any],
) -> None:
    method, private_roles, public_roles, anonymous_public = ACCESS[endpoint]
    loaded = tiny_wave(public=public)
    url = _url(app, endpoint, loaded.id, loaded.muni.key)
    allowed = public_roles if public else private_roles

    anonymous = app.test_client().open(url, method=method)
    if endpoint in OPEN or (public and anonymous_public):
        assert _ok(method, anonymous.status_code), anonymous.status_code
    elif endpoint.startswith("observatory_api."):
        assert (
            anonymous.status_code == 401
            and anonymous.json is not None
            and anonymous.json["status"] == 401
        )
    else:
        assert anonymous.status_code == 302 and "/auth/login" in anonymous.headers["Location"]

    for role in Role:
        client = app.test_client()
        assert login(client, make_user(role)).status_code == 302
        response = client.open(url, method=method)
        if role in allowed:
            assert _ok(method, response.status_code), (role, response.status_code)
        else:
            assert response.status_code == 403, (role, response.status_code)


def test_staff_limited_to_an_area_see_only_its_internal_results(
    app: Flask,
    make_user: Callable[..., User],
    login: Callable[..., Any],
    tiny_wave: Callable[..., TinyWave],
) -> None:
    loaded = tiny_wave(public=False)
    state = loaded.state
    inside = loaded.first("municipality", state=state)
    outside = loaded.first("municipality", state=state, inside=False)
    with app.app_context():
        analyst = make_user(Role.analyst)
        user = db.session.get(User, analyst.id)
        assert user is not None
        user.area_id = state.id
        db.session.commit()
    client = app.test_client()
    login(client, analyst)
    assert client.get(f"/observatory/waves/{loaded.id}?area={inside.key}").status_code == 202
    assert client.get(f"/observatory/waves/{loaded.id}?area={state.key}").status_code == 202
    assert client.get(f"/observatory/waves/{loaded.id}?area={outside.key}").status_code == 403
    assert client.get(f"/observatory/waves/{loaded.id}").status_code == 403, (
        "the nation is outside the state"
    )


def test_draft_waves_are_hidden_from_the_public(app: Flask, make_wave: Callable[..., Wave]) -> None:
    draft = make_wave(status="draft", public_report=True)
    assert app.test_client().get(f"/observatory/waves/{draft.id}").status_code == 404
    assert app.test_client().get(f"/api/waves/{draft.id}/indicators").json["status"] == 404
