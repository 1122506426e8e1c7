"""Hypothesis fuzzing of every form and upload route (every POST and PUT rule of the URL map).

For each route, as the caller who gets furthest into it (an administrator, a
respondent half-way through the survey, an anonymous visitor on public forms),
hypothesis sends bodies built from the route's own field names: random text
(NUL, surrogate-free Unicode, control characters), huge and negative numbers,
odd dates, and for file fields CSV files with the real headers and random cells
or random bytes. Never a 500 and never a traceback. CSRF is off so the bodies
reach the views (CSRF itself is checked in test_robustness.py). Runs on SQLite
and, with SURVEYAPP_TEST_DATABASE_URL, on PostgreSQL; the examples run per route
are printed with ``-s``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import tempfile
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.routing import Rule
from werkzeug.security import generate_password_hash

from surveyapp import create_app
from surveyapp.extensions import db
from surveyapp.models import Role, WaveStatus
from surveyapp.services.areas import create_area
from surveyapp.services.instruments import load_instrument_files
from surveyapp.services.users import create_user
from surveyapp.services.waves import create_wave

from ..conftest import TINY_INSTRUMENT, fresh_database

PASSWORD = "correct horse battery staple"
EXAMPLES = 30
#: Column names the CSV uploads know, so random rows get past the header check.
CSV_HEADERS = {
    "manage.upload_sample": "external_id,address,area_code,stratum,psu,selection_probability,eligible_adults",
    "manage.areas_page": "level,code,name,parent,population",
    "observatory.upload_police": "area_code,period,crime_type,count,population,source",
    "observatory.upload_census": "area_code,year,sex,age_group,population,source",
}
#: Field names of forms whose page cannot be fetched with GET (POST-only routes).
EXTRA_FIELDS = ("status", "role", "area", "code", "language", "token", "action", "file")


@dataclasses.dataclass
class World:
    app: Flask
    values: dict[str, str]
    cookies: dict[str, str]
    counts: dict[str, int]


def _login(app: Flask, email: str) -> str:
    client = app.test_client()
    assert (
        client.post("/auth/login", data={"email": email, "password": PASSWORD}).status_code == 302
    )
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


def _respondent(app: Flask, slug: str) -> str:
    client = app.test_client()
    html = client.get(f"/s/{slug}?lang=en").get_data(as_text=True)
    fields = dict(re.findall(r'name="(token|language)"[^>]*value="([^"]*)"', html))
    started = client.post(f"/s/{slug}/start", data={**fields, "language": "en"})
    assert started.status_code == 302, started.status_code
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    directory = tmp_path_factory.mktemp("fuzz")
    with fresh_database(directory) as database:
        app = create_app(
            {
                "TESTING": True,
                "PROPAGATE_EXCEPTIONS": False,  # an unhandled error is the 500 page, as in production
                "SECRET_KEY": "fuzz",
                "WTF_CSRF_ENABLED": False,
                "REPORT_WORKER": "off",
                "RATELIMIT_ENABLED": False,
                "TWO_FACTOR_REQUIRED_ROLES": [],
                **database,
            },
            instance_path=str(directory / "instance"),
        )
        with pytest.MonkeyPatch.context() as mp, app.app_context():
            import surveyapp.models.users as users_module

            mp.setattr(
                users_module,
                "generate_password_hash",
                lambda password, **_: generate_password_hash(password, method="pbkdf2:sha256:1"),
            )
            db.create_all()
            create_user(
                db.session,
                email="admin@example.org",
                name="Admin",
                role=Role.administrator,
                password=PASSWORD,
            )
            target = create_user(
                db.session, email="t@example.org", name="T", role=Role.analyst, password=PASSWORD
            )
            country = create_area(db.session, level=db_level("country"), code="MX", name="MX")
            create_area(db.session, level=db_level("region"), code="01", name="R", parent=country)
            [(version, _created)] = load_instrument_files(db.session, [TINY_INSTRUMENT])
            wave = create_wave(
                db.session,
                name="Fuzz wave",
                slug="fuzz-wave",
                instrument_version=version,
                reference_start=dt.date(2025, 1, 1),
                reference_end=dt.date(2025, 12, 31),
                invitation_required=False,
                status=WaveStatus.open,
                areas=[country],
            )
            db.session.commit()
            values = {
                "wave_id": str(wave.id),
                "user_id": str(target.id),
                "slug": wave.slug,
                "page_id": "household",
                "code": "ABCD-EFGH",
                "content_hash": "x",
                "interview_uuid": str(uuid.uuid4()),
                "session_id": "1",  # the administrator's own session: ending it is allowed
            }
            cookies = {
                "admin": _login(app, "admin@example.org"),
                "respondent": _respondent(app, wave.slug),
            }
            yield World(app, values, cookies, {})
            db.session.remove()
            db.engine.dispose()
    if world_counts := [f"{k}: {v}" for k, v in sorted(_COUNTS.items())]:
        print("\nfuzz examples per route:\n  " + "\n  ".join(world_counts))


def db_level(name: str) -> Any:
    from surveyapp.models import AreaLevel

    return AreaLevel(name)


_COUNTS: dict[str, int] = {}


def _form_rules() -> list[tuple[str, str]]:
    """(endpoint, method) of every rule taking a body, read from a throwaway app."""
    with tempfile.TemporaryDirectory() as instance:
        with_app = create_app(
            {"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": "sqlite://"},
            instance_path=instance,
        )
    found = []
    for rule in with_app.url_map.iter_rules():
        for method in sorted((rule.methods or set()) & {"POST", "PUT"}):
            found.append((rule.endpoint, method))
    return sorted(found)


def _rule(app: Flask, endpoint: str) -> Rule:
    return next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)


def _url(world: World, rule: Rule) -> str:
    path = rule.rule
    for name in rule.arguments:
        # A new route's argument gets a value of its kind (the body is what is fuzzed here).
        value = world.values.get(name) or ("1" if f"<int:{name}>" in path else str(uuid.uuid4()))
        path = re.sub(rf"<(?:[a-z]+:)?{name}>", value, path)
    return path


def _field_names(client: FlaskClient, url: str, rule: Rule) -> list[str]:
    names: set[str] = set(EXTRA_FIELDS)
    if "GET" in (rule.methods or set()):
        html = client.get(url).get_data(as_text=True)
        names |= set(re.findall(r'name="([^"]+)"', html))
    names.discard("csrf_token")
    return sorted(names)


TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
    st.sampled_from(
        [
            "",
            "\x00",
            "a\x00b",
            "99999999999999999999",
            "-1",
            "1e400",
            "NaN",
            "9999-12-31",
            "0000-00-00",
            "y",
            "on",
            "<script>",
            "' OR 1=1 --",
            "١٢",
        ]
    ),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
CELL = st.one_of(
    TEXT, st.sampled_from(["01", "MX", "MX/01", "2024", "2024-Q4", "9999-12", "1", "18-29"])
)


def _csv(header: str) -> st.SearchStrategy[bytes]:
    columns = header.split(",")
    rows = st.lists(st.lists(CELL, min_size=len(columns), max_size=len(columns)), max_size=6)
    return st.one_of(
        rows.map(
            lambda rs: (
                header + "\n" + "".join(",".join(c.replace(",", ";") for c in r) + "\n" for r in rs)
            ).encode("utf-8", "surrogatepass")
        ),
        st.binary(max_size=300),
    )


@pytest.mark.parametrize(("endpoint", "method"), _form_rules())
def test_fuzzed_forms_never_fail_with_a_server_error(
    world: World, endpoint: str, method: str
) -> None:
    app = world.app
    rule = _rule(app, endpoint)
    url = _url(world, rule)
    caller = "respondent" if endpoint.startswith("respond.") else "admin"
    probe = app.test_client()
    probe.set_cookie("session", world.cookies[caller])
    names = _field_names(probe, url, rule)
    header = CSV_HEADERS.get(endpoint)
    files = _csv(header) if header else st.binary(max_size=200)
    body = st.fixed_dictionaries({}, optional={name: TEXT for name in names})
    as_json = endpoint.startswith("field_api.")

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=body, upload=files, anonymous=st.booleans())
    def run(data: dict[str, str], upload: bytes, anonymous: bool) -> None:
        client = app.test_client()
        if not anonymous:
            client.set_cookie("session", world.cookies[caller])
        if as_json:
            response = client.open(url, method=method, json=data)
        else:
            form: dict[str, Any] = dict(data)
            if "file" in names:
                form["file"] = (io.BytesIO(upload), "upload.csv")
            response = client.open(url, method=method, data=form)
        text = response.get_data(as_text=True)
        assert response.status_code < 500, (method, url, data, response.status_code)
        assert "Traceback" not in text
        _COUNTS[f"{method} {rule.rule}"] = _COUNTS.get(f"{method} {rule.rule}", 0) + 1

    run()
