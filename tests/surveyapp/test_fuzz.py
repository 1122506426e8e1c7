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

The GeoJSON boundary upload gets GeoJSON-shaped files (malformed JSON, huge and
non-finite coordinates, wrong types, deep nesting, NUL bytes, numbers too long to
read). GET forms whose answer depends on the query string (the observatory's
evaluation, regional comparison and perception pages, every read API route with a
read token) get query strings built from their own parameter names, on a public
wave with simulated interviews.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import re
import tempfile
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
import sqlalchemy as sa
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
#: Routes fuzzed longer: the GeoJSON parser has more ways to fail than a form.
MORE_EXAMPLES = {"observatory.upload_boundaries": 150}
#: Column names the CSV uploads know, so random rows get past the header check.
CSV_HEADERS = {
    "manage.upload_sample": "external_id,address,area_code,stratum,psu,selection_probability,eligible_adults",
    "manage.areas_page": "level,code,name,parent,population",
    "observatory.upload_police": "area_code,period,crime_type,count,population,source",
    "observatory.upload_census": "area_code,year,sex,age_group,population,source",
}
#: Field names of forms whose page cannot be fetched with GET (POST-only routes).
EXTRA_FIELDS = ("status", "role", "area", "code", "language", "token", "action", "file")
#: Values that get a field past its first check (a select's choice), mixed with random text.
FIELD_VALUES = {
    "level": ["region", "municipality", "country", "neighbourhood"],
    "scope": ["public", "internal"],
    "microdata": ["y", ""],
    "name": ["Observatory site"],
    "areas": ["1", "2", "3"],  # area ids (the token form's choices)
}


@dataclasses.dataclass
class World:
    app: Flask
    values: dict[str, str]
    cookies: dict[str, str]
    counts: dict[str, int]
    #: A public wave with simulated interviews and areas (the query fuzz reads it).
    data_wave_id: int = 0
    #: Its area codes and keys, as query values.
    area_values: list[str] = dataclasses.field(default_factory=list)
    #: Plain read tokens: "internal" (every area, microdata) and "public".
    read_tokens: dict[str, str] = dataclasses.field(default_factory=dict)


def _login(app: Flask, email: str) -> str:
    client = app.test_client()
    response = client.post("/auth/login", data={"email": email, "password": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
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
        with pytest.MonkeyPatch.context() as mp:
            # Built in an app context that ends before the tests: each request then has its
            # own (flask-login and the read API keep the caller in g, which must not leak).
            with app.app_context():
                import surveyapp.models.users as users_module

                mp.setattr(
                    users_module,
                    "generate_password_hash",
                    lambda password, **_: generate_password_hash(
                        password, method="pbkdf2:sha256:1"
                    ),
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
                    db.session,
                    email="t@example.org",
                    name="T",
                    role=Role.analyst,
                    password=PASSWORD,
                )
                country = create_area(db.session, level=db_level("country"), code="MX", name="MX")
                create_area(
                    db.session, level=db_level("region"), code="01", name="R", parent=country
                )
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
                from surveyapp.models import Area, TokenScope
                from surveyapp.services.demo_data import load_simulated_wave
                from surveyapp.services.read_tokens import create_token

                data_wave_id = load_simulated_wave(
                    db.session, seed=7, size="tiny", public=True
                ).wave_id
                area_values = ["national", "MX", "01"] + [
                    value
                    for area in db.session.scalars(sa.select(Area).limit(6))
                    for value in (area.code, str(area.id))
                ]
                read_tokens = {
                    scope.value: create_token(
                        db.session,
                        name=f"fuzz {scope.value}",
                        scope=scope,
                        may_download_microdata=True,
                        by=None,
                    )[1]
                    for scope in TokenScope
                }
                # the token the revoke form acts on (not one the query fuzz uses)
                to_revoke, _plain = create_token(
                    db.session, name="fuzz revoked", scope=TokenScope.public, by=None
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
                    "token_id": str(to_revoke.id),
                }
                cookies = {
                    "admin": _login(app, "admin@example.org"),
                    "respondent": _respondent(app, wave.slug),
                }
                world = World(app, values, cookies, {}, data_wave_id, area_values, read_tokens)
            yield world
            with app.app_context():
                db.session.remove()
                db.engine.dispose()
    if world_counts := [
        f"{k}: {sum(v.values())} ({', '.join(f'{s}x{n}' for s, n in sorted(v.items()))})"
        for k, v in sorted(_COUNTS.items())
    ]:
        print("\nfuzz examples per route (answers by status):\n  " + "\n  ".join(world_counts))


def db_level(name: str) -> Any:
    from surveyapp.models import AreaLevel

    return AreaLevel(name)


#: "METHOD rule" -> status -> examples answered with it.
_COUNTS: dict[str, dict[int, int]] = {}


def _count(key: str, status: int) -> None:
    by_status = _COUNTS.setdefault(key, {})
    by_status[status] = by_status.get(status, 0) + 1


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


#: Routes that end the caller's session or interview when the body is right.
SESSION_ENDING = {"auth.logout", "auth.end_session", "respond.leave"}


def fresh_session(world: World, caller: str) -> None:
    """A new session cookie for the caller: the administrator logs in again, the respondent
    starts a new interview on the fuzz wave."""
    if caller == "admin":
        world.cookies[caller] = _login(world.app, "admin@example.org")
    else:
        world.cookies[caller] = _respondent(world.app, world.values["slug"])


def _field(name: str) -> st.SearchStrategy[str]:
    known = FIELD_VALUES.get(name)
    return st.one_of(st.sampled_from(known), TEXT) if known else TEXT


#: Upload file names: the usual, and names with paths, NUL bytes and odd characters (the
#: boundary upload keeps the name as the boundaries' source).
FILENAME = st.one_of(
    st.just("upload.csv"),
    st.just("areas.geojson"),
    st.sampled_from(["../../etc/passwd", "a\x00b.geojson", "x" * 300 + ".json", "ñ✓.geojson"]),
    st.text(max_size=30),
)

# --- GeoJSON -------------------------------------------------------------------------------------

#: Any JSON value (for a field of the wrong type).
JSON_ANY = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=10)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
NUMBER = st.one_of(
    st.floats(min_value=-200, max_value=200),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(2**200), max_value=2**200),
    st.sampled_from([0, 1, 180.0, 90.0, -180.0, 1e308, -1e308, 5e-324]),
    st.none(),
    st.booleans(),
    st.text(max_size=5),
)
SQUARE = [[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]]
RING = st.one_of(st.lists(st.lists(NUMBER, max_size=4), max_size=6), st.just(SQUARE[0]))
POLYGON = st.one_of(st.just(SQUARE), st.lists(RING, max_size=3))
GEOMETRY = st.fixed_dictionaries(
    {
        "type": st.one_of(
            st.sampled_from(["Polygon", "MultiPolygon", "Point", "GeometryCollection"]), JSON_ANY
        ),
        "coordinates": st.one_of(POLYGON, st.lists(POLYGON, max_size=2), JSON_ANY),
    }
)
FEATURE = st.fixed_dictionaries(
    {
        "type": st.one_of(st.just("Feature"), JSON_ANY),
        "properties": st.one_of(
            st.fixed_dictionaries(
                {"code": st.one_of(st.sampled_from(["01", "MX", "02"]), TEXT, JSON_ANY)},
                optional={"parent_code": st.one_of(st.just("MX"), TEXT, JSON_ANY)},
            ),
            JSON_ANY,
        ),
        "geometry": st.one_of(GEOMETRY, JSON_ANY),
    }
)
DOCUMENT = st.fixed_dictionaries(
    {
        "type": st.one_of(st.just("FeatureCollection"), JSON_ANY),
        "features": st.one_of(st.lists(FEATURE, max_size=4), JSON_ANY),
    },
    optional={"crs": JSON_ANY},
)
#: Texts no JSON encoder writes: numbers too long to read, nesting deeper than the parser goes.
RAW_GEOJSON = [
    b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"01"},'
    b'"geometry":{"type":"Polygon","coordinates":[[['
    + b"9" * 5000
    + b",0],[1,0],[1,1],[0,0]]]}}]}",
    b'{"type":"FeatureCollection","features":[' + b"[" * 100_000 + b"]" * 100_000 + b"]}",
    b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"01"},'
    b'"geometry":{"type":"Polygon","coordinates":' + b"[" * 3000 + b"]" * 3000 + b"}}]}",
    b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"0\\u00001"},'
    b'"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}',
    b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"01"},'
    b'"geometry":{"type":"Polygon","coordinates":[[[1e400,0],[1,0],[-1e400,1],[0,0]]]}}]}',
    b"\xef\xbb\xbf" + json.dumps({"type": "FeatureCollection", "features": []}).encode(),
    json.dumps({"type": "FeatureCollection", "features": []}).encode("utf-16"),
]


def _mangle(data: bytes, cut: int, nul: int, mode: int) -> bytes:
    """The document truncated, with a NUL byte inside, or as it is."""
    if mode == 1:
        return data[: cut % (len(data) + 1)]
    if mode == 2:
        at = nul % (len(data) + 1)
        return data[:at] + b"\x00" + data[at:]
    return data


GEOJSON_FILE = st.one_of(
    st.builds(
        _mangle,
        DOCUMENT.map(lambda d: json.dumps(d, allow_nan=True).encode("utf-8", "surrogatepass")),
        st.integers(min_value=0),
        st.integers(min_value=0),
        st.sampled_from([0, 0, 1, 2]),
    ),
    st.sampled_from(RAW_GEOJSON),
    st.binary(max_size=200),
)


@pytest.mark.parametrize(("endpoint", "method"), _form_rules())
def test_fuzzed_forms_never_fail_with_a_server_error(
    world: World, endpoint: str, method: str
) -> None:
    app = world.app
    rule = _rule(app, endpoint)
    url = _url(world, rule)
    caller = "respondent" if endpoint.startswith("respond.") else "admin"
    # A live session for each route: an earlier route's examples may have ended the last one
    # (logout, /auth/sessions/<id>/end, /s/leave), which would leave only login redirects here.
    fresh_session(world, caller)
    probe = app.test_client()
    probe.set_cookie("session", world.cookies[caller])
    names = _field_names(probe, url, rule)
    header = CSV_HEADERS.get(endpoint)
    files = (
        _csv(header)
        if header
        else GEOJSON_FILE
        if endpoint == "observatory.upload_boundaries"
        else st.binary(max_size=200)
    )
    body = st.fixed_dictionaries({}, optional={name: _field(name) for name in names})
    as_json = endpoint.startswith("field_api.")

    @settings(
        max_examples=MORE_EXAMPLES.get(endpoint, EXAMPLES),
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=body, upload=files, filename=FILENAME, anonymous=st.booleans())
    def run(data: dict[str, str], upload: bytes, filename: str, anonymous: bool) -> None:
        client = app.test_client()
        if endpoint in SESSION_ENDING and not anonymous:
            fresh_session(world, caller)  # the previous example may have ended it
        if not anonymous:
            client.set_cookie("session", world.cookies[caller])
        if as_json:
            response = client.open(url, method=method, json=data)
        else:
            form: dict[str, Any] = dict(data)
            if "file" in names:
                form["file"] = (io.BytesIO(upload), filename)
            response = client.open(url, method=method, data=form)
        text = response.get_data(as_text=True)
        assert response.status_code < 500, (method, url, data, response.status_code)
        assert "Traceback" not in text
        _count(f"{method} {rule.rule}", response.status_code)

    run()


# --- GET forms: query strings --------------------------------------------------------------------

#: GET routes whose answer depends on their query string -> the parameters they read. The read
#: API's are called with a read token; the observatory's as an administrator or anonymously.
QUERY_ROUTES: dict[str, tuple[str, ...]] = {
    "observatory.evaluation": (
        "before",
        "after",
        "level",
        "areas",
        "indicators",
        "run",
        "audience",
        "lang",
    ),
    "observatory.regional": ("waves", "audience", "lang"),
    "observatory.regional_pdf": ("waves", "audience", "lang"),
    "observatory.perception": ("audience", "lang"),
    "api_v1.waves": ("limit", "cursor"),
    "api_v1.wave": ("lang",),
    "api_v1.areas": ("limit", "cursor"),
    "api_v1.catalogue": ("lang", "limit", "cursor"),
    "api_v1.indicators": (
        "area",
        "lang",
        "edition",
        "limit",
        "cursor",
        "indicator",
        "group",
        "domain_type",
        "domain",
    ),
    "api_v1.microdata": ("limit", "cursor"),
}
#: Values that mean something to one of those parameters (the rest is random text).
QUERY_WORDS = [
    "es",
    "en",
    "pt",
    "fr",
    "zz",
    "public",
    "internal",
    "state",
    "municipality",
    "region",
    "prev_person",
    "insecure_nbhd",
    "victimization",
    "sex",
    "age_group",
    "total",
    "1",
    "y",
    "0",
    "1000",
    "1001",
    "999999999",
    "9999999999",
    "-1",
    "1,2",
    ",",
    "²",  # a digit to str.isdigit(), not to int()
    "٣",  # an Arabic-Indic three: int() reads it
]


def _query_values(world: World, name: str) -> st.SearchStrategy[list[str]]:
    """Mostly one value the parameter takes (so that examples get past the first check and
    reach the others), else one to three words or junk."""
    wave_ids = [str(world.data_wave_id), world.values["wave_id"], f"{world.data_wave_id},1"]
    good = {
        "lang": ["es", "en", "pt", "fr"],
        "limit": ["1", "2", "1000"],
        "cursor": ["0", "1", "3"],
        "edition": ["public", "internal"],
        "audience": ["public", "internal"],
        "area": world.area_values,
        "areas": world.area_values,
        "before": wave_ids,
        "after": wave_ids,
        "waves": wave_ids,
        "level": ["state", "municipality"],
        "indicators": ["prev_person", "insecure_nbhd"],
        "indicator": ["prev_person", "insecure_nbhd"],
        "run": ["1"],
    }.get(name, QUERY_WORDS)
    word = st.one_of(st.sampled_from(QUERY_WORDS + wave_ids + world.area_values), TEXT)
    one_good = st.sampled_from(good).map(lambda value: [value])
    return st.one_of(one_good, one_good, one_good, st.lists(word, min_size=1, max_size=3))


def _query_url(world: World, endpoint: str) -> str:
    rule = _rule(world.app, endpoint)
    path = rule.rule
    for name in rule.arguments:
        path = re.sub(rf"<(?:[a-z]+:)?{name}>", str(world.data_wave_id), path)
    return path


@pytest.mark.parametrize("endpoint", sorted(QUERY_ROUTES))
def test_fuzzed_queries_never_fail_with_a_server_error(world: World, endpoint: str) -> None:
    """Query strings from the route's own parameters (several values each, junk and real wave
    ids, areas, languages, page sizes and cursors): never a 500; the read API answers JSON,
    and a 400 names what is wrong."""
    app = world.app
    url = _query_url(world, endpoint)
    api = endpoint.startswith("api_v1.")
    names = QUERY_ROUTES[endpoint]
    query = st.fixed_dictionaries({}, optional={name: _query_values(world, name) for name in names})
    # Indicator tables are built in the request, once per wave (then cached): the fuzz reaches
    # the rows, not the 202 "being prepared" answer.
    app.config["REPORT_WORKER"] = "inline"
    callers = ["internal", "public"] if api else ["admin", "anonymous"]
    examples = EXAMPLES // 3 if endpoint == "observatory.regional_pdf" else EXAMPLES

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(params=query, caller=st.sampled_from(callers))
    def run(params: dict[str, list[str]], caller: str) -> None:
        client = app.test_client()
        headers = {}
        if api:
            headers["Authorization"] = f"Bearer {world.read_tokens[caller]}"
        elif caller != "anonymous":
            client.set_cookie("session", world.cookies[caller])
        full = url + "?" + urlencode(params, doseq=True, encoding="utf-8", errors="surrogatepass")
        response = client.get(full, headers=headers)
        binary = not ((response.mimetype or "").startswith("text/") or response.is_json)  # a PDF
        text = "" if binary else response.get_data(as_text=True)
        response.close()
        assert response.status_code < 500, (full, caller, response.status_code)
        assert "Traceback" not in text
        if api:
            assert response.is_json, (full, response.mimetype)
            if response.status_code == 400:
                assert response.json is not None and response.json["detail"], full
            if caller == "public" and params.get("edition", [""])[0] == "internal":
                # a public token never gets the internal edition (a 400 may come first: lang)
                assert response.status_code in (400, 403), (full, response.status_code)
        _count(f"GET {_rule(app, endpoint).rule}?", response.status_code)

    try:
        run()
    finally:
        app.config["REPORT_WORKER"] = "off"


def _boundary_rows(world: World) -> list[tuple[Any, ...]]:
    from surveyapp.models import AreaBoundary

    with world.app.app_context():
        return [
            tuple(row)
            for row in db.session.execute(
                sa.select(AreaBoundary.area_id, AreaBoundary.geometry, AreaBoundary.source)
            )
        ]


def _post_boundaries(world: World, content: bytes, filename: str = "areas.geojson") -> Any:
    client = world.app.test_client()
    # A new session: the form fuzz above may have logged the module's one out.
    client.set_cookie("session", _login(world.app, "admin@example.org"))
    response = client.post(
        "/observatory/uploads/boundaries",
        data={"level": "region", "file": (io.BytesIO(content), filename)},
        content_type="multipart/form-data",
    )
    response.get_data()
    response.close()
    return response


@pytest.mark.parametrize("case", range(len(RAW_GEOJSON)))
def test_hostile_geojson_is_refused_with_the_problem_named(world: World, case: int) -> None:
    """Each GeoJSON no encoder writes (a 5,000-digit number, nesting deeper than the parser
    goes, a NUL in a code, coordinates beyond floats, a BOM, UTF-16): 400 with the problem
    listed on the page, and nothing stored."""
    before = _boundary_rows(world)
    response = _post_boundaries(world, RAW_GEOJSON[case])
    text = response.get_data(as_text=True)
    assert response.status_code == 400, response.status_code
    assert 'id="boundary-errors"' in text and "Traceback" not in text
    assert _boundary_rows(world) == before


@pytest.mark.parametrize("filename", ["../../etc/passwd", "x" * 300 + ".geojson", "ñ✓.geojson"])
def test_a_good_boundary_file_is_stored_whatever_its_name(world: World, filename: str) -> None:
    """The control of the test above: a valid square for region 01 is stored, its file name
    (a path, too long, accented) kept as its source, cut to 200 characters."""
    square = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": "01", "parent_code": "MX"},
                "geometry": {"type": "Polygon", "coordinates": SQUARE},
            }
        ],
    }
    response = _post_boundaries(world, json.dumps(square).encode(), filename)
    assert response.status_code == 302, response.status_code
    from surveyapp.models import Area

    with world.app.app_context():
        country = sa.select(Area.id).where(Area.code == "MX", Area.parent_id.is_(None))
        region = db.session.scalar(
            sa.select(Area.id).where(Area.code == "01", Area.parent_id.in_(country))
        )
    [stored] = [row for row in _boundary_rows(world) if row[0] == region]
    assert json.loads(stored[1])["type"] == "Polygon" and stored[2] == filename[:200]


def test_a_nul_in_the_file_name_is_refused(world: World) -> None:
    before = _boundary_rows(world)
    response = _post_boundaries(world, b'{"type":"FeatureCollection"}', "a\x00b.geojson")
    assert response.status_code == 400 and "NUL" in response.get_data(as_text=True)
    assert _boundary_rows(world) == before
