"""Robustness and security sweep of the whole server.

Routes come from ``app.url_map`` at collection time, so a new route is crawled
without anyone editing this file: every route and method, anonymous and with
each role (never a 500, never a traceback, the right 302/401/403, the security
headers), every state-changing route with CSRF on (no token or a forged one:
400 and nothing written), hostile path values, query strings and bodies, and
what the server keeps about people (hashed passwords, no address or browser of
respondents in the database or the logs).

The crawl uses one app per module (a module-scoped database: SQLite, or a
schema of its own when the suite runs on PostgreSQL), built by ``create_app``
like the ``app`` fixture, so the sweep stays fast. Known
failures in code owned by other areas are ``xfail(strict=True)``: fixing the
bug flips the case to a failure that says to remove the mark.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import io
import json
import logging
import re
import tempfile
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.security import generate_password_hash
from werkzeug.test import TestResponse

from surveyapp import create_app
from surveyapp.extensions import csrf, db
from surveyapp.models import Role, User, WaveStatus
from surveyapp.services.instruments import load_instrument_files
from surveyapp.services.users import create_user
from surveyapp.services.waves import create_wave

from ..conftest import fresh_database

TINY_INSTRUMENT = Path(__file__).parent / "instruments" / "tiny.yaml"
PASSWORD = "correct horse battery staple"
STATE_CHANGING = ("POST", "PUT", "PATCH", "DELETE")
CRAWL_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "TRACE")
#: Methods answered for every rule by Flask itself; only checked for sanity.
AUTOMATIC_METHODS = ("HEAD", "OPTIONS")
#: Anonymous first, then every staff role.
ROLES: tuple[Role | None, ...] = (None, *Role)
CSP = "default-src 'self'; frame-ancestors 'none'"
#: A browser in the middle of the crawl wave's survey (a pseudo-role for the hostile-input tests).
RESPONDENT = "respondent"


# --- the routes, read from a throwaway app at collection time -------------------------------------


@dataclasses.dataclass(frozen=True)
class Route:
    endpoint: str
    rule: str
    methods: frozenset[str]
    #: argument name -> converter class name (IntegerConverter, UnicodeConverter, PathConverter ...)
    converters: tuple[tuple[str, str], ...]
    csrf_exempt: bool


def _read_routes() -> list[Route]:
    with tempfile.TemporaryDirectory() as instance:
        app = create_app(
            {"TESTING": True, "SECRET_KEY": "collect", "DATABASE_URL": "sqlite://"},
            instance_path=instance,
        )
        routes = []
        for rule in app.url_map.iter_rules():
            view = app.view_functions[rule.endpoint]
            blueprint = rule.endpoint.rpartition(".")[0]
            # Flask-WTF keeps its exemptions in these two sets (blueprints, view locations).
            exempt = (
                any(b.name == blueprint for b in csrf._exempt_blueprints)
                or f"{view.__module__}.{view.__name__}" in csrf._exempt_views
            )
            routes.append(
                Route(
                    endpoint=rule.endpoint,
                    rule=rule.rule,
                    methods=frozenset(rule.methods or ()) - {"HEAD", "OPTIONS"},
                    converters=tuple(
                        sorted(
                            (name, type(conv).__name__) for name, conv in rule._converters.items()
                        )
                    ),
                    csrf_exempt=exempt,
                )
            )
        return sorted(routes, key=lambda r: (r.rule, r.endpoint))


ROUTES = _read_routes()
ROUTE_IDS = [r.endpoint for r in ROUTES]
WRITE_ROUTES = [
    (r, m) for r in ROUTES for m in sorted(r.methods & set(STATE_CHANGING)) if not r.csrf_exempt
]
ARGUMENT_ROUTES = [r for r in ROUTES if r.converters]
#: rule -> every method some route serves on it (a page's GET and its form's POST may be two
#: routes of one path, e.g. /observatory/uploads/boundaries).
METHODS_OF_RULE: dict[str, frozenset[str]] = {
    rule: frozenset().union(*(r.methods for r in ROUTES if r.rule == rule))
    for rule in {r.rule for r in ROUTES}
}


# --- who may use what -----------------------------------------------------------------------------

STAFF = frozenset({Role.administrator, Role.survey_manager, Role.analyst})
EVERY_ROLE = frozenset(Role)


@dataclasses.dataclass(frozen=True)
class Policy:
    roles: frozenset[Role]
    anonymous: bool
    #: The route reads a bearer read token (/api/v1) and never the session: every session
    #: identity gets 401, and the crawl also calls it with each kind of token (READ_TOKENS).
    bearer: bool = False


PUBLIC = Policy(EVERY_ROLE, anonymous=True)
#: The read API: no session role gets in, a read token does (what it sees depends on the token).
READ_API = Policy(frozenset(), anonymous=False, bearer=True)
#: Routes whose check is not a ``role_required`` decorator (which the crawl reads from the view).
#: Observatory wave routes are checked here on a wave *not* marked public (staff only); the
#: public-wave half of their matrix is in test_observatory_access.py.
EXPLICIT: dict[str, Policy] = {
    "static": PUBLIC,
    "main.index": PUBLIC,
    "auth.login": PUBLIC,
    "auth.logout": PUBLIC,
    "auth.change_password": Policy(EVERY_ROLE, anonymous=False),
    "auth.two_factor": PUBLIC,  # the login's second step (sends back to the login without one)
    "auth.two_factor_setup": Policy(EVERY_ROLE, anonymous=False),
    "auth.new_recovery_codes": Policy(EVERY_ROLE, anonymous=False),
    "auth.disable_two_factor": Policy(EVERY_ROLE, anonymous=False),
    "auth.sessions": Policy(EVERY_ROLE, anonymous=False),
    "auth.end_session": Policy(EVERY_ROLE, anonymous=False),
    "api.health": PUBLIC,
    "fieldwork.app_shell": PUBLIC,  # the interviewer app's files (it logs in by token)
    "fieldwork.app_service_worker": PUBLIC,
    "fieldwork.app_manifest": PUBLIC,
    "fieldwork.questionnaire_script": PUBLIC,
    "api.ping": PUBLIC,
    "field_api.login": PUBLIC,
    "observatory.index": PUBLIC,
    "observatory_api.api_waves": PUBLIC,
    "observatory.wave": Policy(STAFF, anonymous=False),
    "observatory.indicators_csv": Policy(STAFF, anonymous=False),
    "observatory.indicators_xlsx": Policy(STAFF, anonymous=False),
    "observatory.report_pdf": Policy(STAFF, anonymous=False),
    "observatory_api.api_indicators": Policy(STAFF, anonymous=False),
    "observatory.perception": Policy(STAFF, anonymous=False),
    # Comparisons whose waves come from the query string: without one they list (and compare)
    # only what the caller may see; a private wave asked for is refused to the public
    # (tests/surveyapp/observatory/test_routes_access.py, and the queries crawled below).
    "observatory.evaluation": PUBLIC,
    "observatory.regional": PUBLIC,
    "observatory.regional_pdf": PUBLIC,
    "api_v1.openapi": PUBLIC,  # the API's description needs no token
}
#: The respondent survey is public by design (an invitation code or an open link).
PUBLIC_PREFIXES = ("respond.",)
#: Routes that authenticate with a read token (surveyapp/api/v1.py), not a session.
BEARER_PREFIXES = ("api_v1.",)


def policy(app: Flask, endpoint: str) -> Policy | None:
    required = getattr(app.view_functions[endpoint], "required_roles", None)
    if required is not None:
        return Policy(frozenset(required), anonymous=False)
    if endpoint.startswith(PUBLIC_PREFIXES):
        return PUBLIC
    if endpoint.startswith(BEARER_PREFIXES) and endpoint not in EXPLICIT:
        return READ_API
    return EXPLICIT.get(endpoint)


# --- the read API's identities: read tokens, not sessions ---------------------------------------

#: Pseudo-identities of the crawl that send ``Authorization: Bearer`` to /api/v1 (World.client).
#: Stored ones are made in build_world; "unknown" and "malformed" are never stored.
STORED_TOKENS = ("public", "internal", "internal-microdata", "area-microdata", "revoked")
READ_TOKENS = tuple(f"token:{kind}" for kind in (*STORED_TOKENS, "unknown", "malformed"))
#: The tokens that must be refused with 401 whatever the route.
REFUSED_TOKENS = ("token:revoked", "token:unknown", "token:malformed")
#: The token that gets furthest into the read API (internal, every area, microdata).
API_CALLER = "token:internal-microdata"


# --- known failures in code owned by others -------------------------------------------------------

#: (endpoint, test) -> reason. Each is xfail(strict=True): the fix turns it into a failure to clean up.
KNOWN: dict[tuple[str, str], str] = {}


def _params(routes: list[Any], test: str, ids: list[str]) -> list[Any]:
    out = []
    for item, case_id in zip(routes, ids, strict=True):
        endpoint = item[0].endpoint if isinstance(item, tuple) else item.endpoint
        reason = KNOWN.get((endpoint, test))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        values = item if isinstance(item, tuple) else (item,)
        out.append(pytest.param(*values, id=case_id, marks=marks))
    return out


# --- one app for the module -----------------------------------------------------------------------


@dataclasses.dataclass
class World:
    app: Flask
    users: dict[Role, User]
    target_id: int
    wave_id: int
    slug: str
    #: A closed public wave with simulated interviews, areas and police records (crawl app only).
    data_wave_id: int | None
    cookies: dict[Role | str, str]
    log: list[logging.LogRecord]
    #: A device token per role for the interviewer app's API (/api/field/), see field_token.
    tokens: dict[Role, str] = dataclasses.field(default_factory=dict)
    #: Plain read tokens of the read API by pseudo-identity ("token:public" ...), see READ_TOKENS.
    read_tokens: dict[str, str] = dataclasses.field(default_factory=dict)

    def client(self, who: Role | str | None) -> FlaskClient:
        client = self.app.test_client()
        if isinstance(who, str) and who.startswith("token:"):
            # fetch() sends it to /api/v1/ URLs; no session cookie at all.
            client.read_token = self.read_tokens[who]  # type: ignore[attr-defined]
            return client
        if isinstance(who, Role):
            self._live_session(who)
        if who is not None:
            client.set_cookie("session", self.cookies[who])
        if isinstance(who, Role):
            # fetch() sends it to /api/field/ URLs: the API reads a bearer token, never the cookie.
            client.field_token = lambda: self.field_token(who)  # type: ignore[attr-defined]
        return client

    def _live_session(self, role: Role) -> None:
        """A new staff session for the role's cookie after the crawl ended its last one (logout,
        /auth/sessions/<id>/end): logging out really ends a session on the server."""
        from surveyapp.models.users import StaffSession
        from surveyapp.services import staff_sessions

        with self.app.app_context():
            cookie_client = self.app.test_client()
            cookie_client.set_cookie("session", self.cookies[role])
            with cookie_client.session_transaction() as sess:
                # "<id>-<password fingerprint>-<token>"; the token itself may contain "-"
                token = (str(sess.get("_user_id", "")).split("-", 2) + ["", ""])[2]
            row = db.session.scalar(
                sa.select(StaffSession).where(
                    StaffSession.token_hash == staff_sessions.hash_token(token)
                )
            )
            if row is not None and row.ended_at is None:
                return
            user = db.session.get(User, self.users[role].id)
            assert user is not None
            _row, token = staff_sessions.start(db.session, user, lifetime=dt.timedelta(days=1))
            db.session.commit()
            user.bind_session(token)
            with cookie_client.session_transaction() as sess:
                sess["_user_id"] = user.get_id()
                sess["_fresh"] = True
            cookie = cookie_client.get_cookie("session")
            assert cookie is not None
            self.cookies[role] = cookie.value

    def field_token(self, role: Role) -> str:
        """The role's device token, a new one after the crawl logged the last one out. Stored
        directly (analysts cannot log in to the app: their token stands for one issued before a
        role change). Used within FIELD_TOKEN_TOUCH_SECONDS, so requests write nothing."""
        from surveyapp.models import ApiToken, TokenPurpose, utcnow
        from surveyapp.services.fieldwork import hash_token

        with self.app.app_context():
            plain = self.tokens.get(role)
            if plain is not None and db.session.scalar(
                sa.select(ApiToken.id).where(
                    ApiToken.token_hash == hash_token(plain), ApiToken.revoked_at.is_(None)
                )
            ):
                return plain
            plain = f"crawl-{role.value}-{len(self.tokens)}-{dt.datetime.now().timestamp()}"
            db.session.add(
                ApiToken(
                    user_id=self.users[role].id,
                    token_hash=hash_token(plain),
                    purpose=TokenPurpose.field,
                    label="crawl",
                    last_used_at=utcnow(),
                )
            )
            db.session.commit()
            self.tokens[role] = plain
            return plain


class _Collect(logging.Handler):
    def __init__(self, into: list[logging.LogRecord]) -> None:
        super().__init__(logging.DEBUG)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append(record)


def build_world(directory: Path, with_data: bool, **config: Any) -> Iterator[World]:
    """An app with one user per role, an analyst to act on, an open private wave on tiny.yaml and,
    ``with_data``, a public simulated wave and a respondent half-way through the tiny survey."""
    settings = {
        "TESTING": True,
        # Unhandled errors become the 500 page (as in production), so the crawl sees them as 500s.
        "PROPAGATE_EXCEPTIONS": False,
        "SECRET_KEY": "robustness-secret",
        "WTF_CSRF_ENABLED": False,
        "DATABASE_URL": f"sqlite:///{directory / 'crawl.sqlite'}",
        "REPORT_WORKER": "off",
        "CONTENT_SECURITY_POLICY": CSP,
        "FIELD_TOKEN_TOUCH_SECONDS": 10**9,
        "TWO_FACTOR_REQUIRED_ROLES": [],  # the 2FA routes are crawled; the roles log in by password
        "STAFF_SESSION_TOUCH_SECONDS": 10**9,  # requests write nothing (snapshots compare tables)
        **config,
    }
    app = create_app(settings, instance_path=str(directory / "instance"))
    log: list[logging.LogRecord] = []
    handler = _Collect(log)
    app.logger.addHandler(handler)
    with pytest.MonkeyPatch.context() as mp, app.app_context():
        import surveyapp.models.users as users_module

        mp.setattr(
            users_module,
            "generate_password_hash",
            lambda password, **_: generate_password_hash(password, method="pbkdf2:sha256:1000"),
        )
        db.create_all()
        users = {}
        for role in Role:
            users[role] = create_user(
                db.session,
                email=f"{role.value}@example.org",
                name=role.label,
                role=role,
                password=PASSWORD,
            )
        target = create_user(
            db.session,
            email="target@example.org",
            name="Target",
            role=Role.analyst,
            password=PASSWORD,
        )
        [(version, _created)] = load_instrument_files(db.session, [TINY_INSTRUMENT])
        wave = create_wave(
            db.session,
            name="Crawl wave",
            slug="crawl-wave",
            instrument_version=version,
            reference_start=dt.date(2025, 1, 1),
            reference_end=dt.date(2025, 12, 31),
            invitation_required=False,
            status=WaveStatus.open,
        )
        data_wave_id = None
        if with_data:
            from surveyapp.services.demo_data import load_simulated_wave

            data_wave_id = load_simulated_wave(db.session, seed=5, size="tiny", public=True).wave_id
        db.session.commit()
        for user in (*users.values(), target):
            db.session.refresh(user)
        world = World(app, users, target.id, wave.id, wave.slug, data_wave_id, {}, log)
        db.session.expunge_all()
    for role, user in users.items():
        client = app.test_client()
        data = {"email": user.email, "password": PASSWORD}
        if settings["WTF_CSRF_ENABLED"]:
            data["csrf_token"] = _token(client)
        assert client.post("/auth/login", data=data).status_code == 302, role
        cookie = client.get_cookie("session")
        assert cookie is not None
        world.cookies[role] = cookie.value
    for role in Role:
        world.field_token(role)
    world.read_tokens = make_read_tokens(app)
    if with_data:
        world.cookies[RESPONDENT] = _start_survey(app.test_client(), world.slug)
    yield world
    app.logger.removeHandler(handler)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def make_read_tokens(app: Flask) -> dict[str, str]:
    """One read token of each kind (STORED_TOKENS), plus never-stored ones: an unknown token of
    the right shape and a malformed one."""
    from surveyapp.models import Area, ReadToken, TokenScope, utcnow
    from surveyapp.services.read_tokens import TOKEN_MARK, create_token

    kinds: dict[str, tuple[TokenScope, bool, bool]] = {  # scope, microdata, limited to an area
        "public": (TokenScope.public, False, False),
        "internal": (TokenScope.internal, False, False),
        "internal-microdata": (TokenScope.internal, True, False),
        "area-microdata": (TokenScope.internal, True, True),
        "revoked": (TokenScope.internal, True, False),
    }
    plain: dict[str, str] = {}
    with app.app_context():
        area = db.session.scalar(sa.select(Area).order_by(Area.id.desc()).limit(1))
        for kind, (scope, microdata, limited) in kinds.items():
            token, plain[f"token:{kind}"] = create_token(
                db.session,
                name=f"crawl {kind}",
                scope=scope,
                areas=[area] if limited and area is not None else [],
                may_download_microdata=microdata,
                by=None,
            )
            if kind == "revoked":
                db.session.flush()
                db.session.get(ReadToken, token.id).revoked_at = utcnow()  # type: ignore[union-attr]
        db.session.commit()
    plain["token:unknown"] = TOKEN_MARK + "x" * 43
    plain["token:malformed"] = "not-a-token-" + "y" * 300
    return plain


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    directory = tmp_path_factory.mktemp("crawl")
    with fresh_database(directory) as database:  # PostgreSQL too, in CI's second stage
        yield from build_world(directory, with_data=True, **database)


@pytest.fixture(scope="module")
def csrf_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    directory = tmp_path_factory.mktemp("csrf")
    with fresh_database(directory) as database:
        yield from build_world(directory, with_data=False, WTF_CSRF_ENABLED=True, **database)


def _start_survey(client: FlaskClient, slug: str) -> str:
    """Start an interview on the tiny wave (CSRF off) and return the respondent's session cookie."""
    html = client.get(f"/s/{slug}?lang=en").get_data(as_text=True)
    fields = dict(re.findall(r'name="(token|language)"[^>]*value="([^"]*)"', html))
    started = client.post(f"/s/{slug}/start", data={**fields, "language": "en"})
    assert started.status_code == 302 and "/s/p/" in started.headers["Location"], (
        started.status_code
    )
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def _token(client: FlaskClient, path: str = "/auth/login") -> str:
    match = _TOKEN.search(client.get(path).get_data(as_text=True))
    assert match is not None, path
    return match.group(1)


# --- building URLs and judging answers -------------------------------------------------------------


def good_values(world: World, route: Route) -> dict[str, str]:
    """Values for the route's arguments that name things that exist."""
    by_name = {
        "wave_id": str(world.wave_id),
        "user_id": str(world.target_id),
        "slug": world.slug,
        "code": "ABCD-EFGH",
        "page_id": "screener",
        "filename": "respond.css",
        "interview_uuid": "3f1c2b9e-8d4a-4c51-9a6e-1b2c3d4e5f60",
        "content_hash": "0" * 64,
        "session_id": "999999",  # nobody's session: refused with a message, nothing ended
        "token_id": "999999",  # no such read token: refused with a message, nothing revoked
        "edition": "public",  # a microdata release (observatory and read API)
        "format_": "csv",
    }
    if route.endpoint == "static":
        by_name["filename"] = "css/" + next(
            p.name for p in (Path(world.app.static_folder or "") / "css").iterdir()
        )
    fallback = {
        "IntegerConverter": "1",
        "FloatConverter": "1.0",
        "UUIDConverter": "00000000-0000-0000-0000-000000000000",
    }
    return {name: by_name.get(name, fallback.get(conv, "x")) for name, conv in route.converters}


def url_for_values(route: Route, values: dict[str, str]) -> str:
    """The rule with each ``<converter:name>`` replaced by a raw (already quoted) value."""
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", lambda m: values[m.group(1)], route.rule)


_TRACEBACK_MARKERS = (
    "Traceback (most recent call last)",
    'File "',
    "werkzeug.debug",
    "__debugger__",
    "Werkzeug Debugger",
    "sqlalchemy.exc",
    "OperationalError",
    "IntegrityError",
)


def last_error(world: World) -> str:
    """The first and last line of the most recent logged traceback, to explain a 500."""
    for record in reversed(world.log):
        if record.exc_info and record.exc_info[1] is not None:
            return (
                f"{record.getMessage()}: {type(record.exc_info[1]).__name__}: {record.exc_info[1]}"[
                    :300
                ]
            )
    return "(nothing logged)"


def check_sane(world: World, response: TestResponse, what: str) -> None:
    """No 500, no traceback or debugger in the body, no server banner."""
    assert response.status_code < 500 or response.status_code == 503, (
        f"{what}: {response.status_code} {last_error(world)}"
    )
    if (response.mimetype or "").startswith("text/") or response.is_json:
        body = response.get_data(as_text=True)
        for marker in _TRACEBACK_MARKERS:
            assert marker not in body, f"{what}: {marker!r} in the body"
    assert "Server" not in response.headers and "X-Powered-By" not in response.headers, what


def check_headers(response: TestResponse, path: str, what: str) -> None:
    """What security.py promises on every response, and a CSP on every HTML page."""
    headers = response.headers
    assert headers.get("X-Content-Type-Options") == "nosniff", what
    assert headers.get("X-Frame-Options") == "DENY", what
    assert headers.get("Referrer-Policy") in ("same-origin", "no-referrer"), what
    if path.startswith(("/manage", "/fieldwork", "/observatory", "/auth")):
        assert headers.get("Cache-Control") == "no-store", what
    if response.mimetype == "text/html":
        assert headers.get("Content-Security-Policy"), what
    if path.startswith("/s/") and response.mimetype == "text/html":
        # Respondent pages (docs/respond.md): kept by no cache, and the survey address sent to no one.
        assert headers.get("Cache-Control") == "no-store", what
        assert headers.get("Referrer-Policy") == "no-referrer", what


def fetch(client: FlaskClient, url: str, **options: Any) -> TestResponse:
    """One request, its body read and the response closed (file responses hold an open file).
    A role's client sends its device token to the interviewer app's API."""
    field_token = getattr(client, "field_token", None)
    if field_token is not None and url.startswith("/api/field/"):
        options["headers"] = {
            "Authorization": f"Bearer {field_token()}",
            **options.get("headers", {}),
        }
    read_token = getattr(client, "read_token", None)
    if read_token is not None and url.startswith("/api/v1/"):
        options["headers"] = {"Authorization": f"Bearer {read_token}", **options.get("headers", {})}
    response = client.open(url, **options)
    if (
        field_token is not None
        and url.startswith("/api/field/logout")
        and response.status_code == 204
    ):
        field_token()  # a new token now, so that no later request writes one
    response.get_data()
    response.close()
    return response


def login_redirect(response: TestResponse) -> bool:
    return response.status_code == 302 and "/auth/login" in response.headers.get("Location", "")


# --- 1. every route, method and role ---------------------------------------------------------------


def test_every_route_has_an_access_policy(world: World) -> None:
    """A new route needs role_required, a PUBLIC prefix or an EXPLICIT entry here."""
    missing = [r.endpoint for r in ROUTES if policy(world.app, r.endpoint) is None]
    assert missing == []


def test_the_crawl_sees_the_live_url_map(world: World) -> None:
    assert sorted(r.endpoint for r in world.app.url_map.iter_rules()) == sorted(ROUTE_IDS)


@pytest.mark.parametrize("route", _params(ROUTES, "crawl", ROUTE_IDS))
def test_every_method_and_role(world: World, route: Route) -> None:
    rules = policy(world.app, route.endpoint)
    assert rules is not None
    url = url_for_values(route, good_values(world, route))
    for role in ROLES:
        # A method the rule lacks is refused before any view runs: two callers are enough for it.
        methods = CRAWL_METHODS if role in (None, Role.administrator) else sorted(route.methods)
        for method in AUTOMATIC_METHODS if role in (None, Role.administrator) else ():
            check_sane(
                world, fetch(world.client(role), url, method=method), f"{method} {url} as {role}"
            )
        for method in methods:
            if method not in route.methods and method in METHODS_OF_RULE[route.rule]:
                continue  # another route of the same path serves it, and is crawled itself
            client = world.client(role)
            response = fetch(client, url, method=method)
            what = f"{method} {url} as {role.value if role else 'anonymous'}"
            check_sane(world, response, what)
            check_headers(response, url, what)
            if method not in route.methods:
                # 404 when a catch-all rule takes the path for that method (GET /s/leave is the wave "leave").
                assert response.status_code in (404, 405), what
                continue
            if rules.bearer:
                # A session (any role's) is no read token: 401 with a problem document.
                assert response.status_code == 401 and response.is_json, what
                assert response.headers.get("WWW-Authenticate", "").startswith("Bearer"), what
                continue
            if role is None and not rules.anonymous:
                assert login_redirect(response) or response.status_code == 401, what
            elif role is not None and role not in rules.roles:
                assert response.status_code == 403, what
            else:
                assert response.status_code not in (401, 403), f"{what}: {response.status_code}"
                # Public routes may send anyone to the login page (logout does); protected ones may not.
                assert rules.anonymous or not login_redirect(response), what
    if rules.bearer:
        check_read_tokens(world, route, url)


def check_read_tokens(world: World, route: Route, url: str) -> None:
    """Every kind of read token on a read API route (on the crawl's wave, not marked public):
    revoked, unknown and malformed ones 401; a public token does not see the wave (404); a token
    without the microdata permission gets 403 on the microdata routes; the rest get past the
    check. A method the route lacks is 405 whoever asks."""
    arguments = {name for name, _conv in route.converters}
    for who in READ_TOKENS:
        for method in ("GET", "POST", "DELETE"):
            response = fetch(world.client(who), url, method=method)
            what = f"{method} {url} with {who}"
            check_sane(world, response, what)
            check_headers(response, url, what)
            status = response.status_code
            assert response.is_json, what  # problem documents too, never an HTML page
            if method not in route.methods:
                assert status == 405, f"{what}: {status}"
            elif who in REFUSED_TOKENS:
                assert status == 401, f"{what}: {status}"
            elif who == "token:public" and "wave_id" in arguments:
                assert status == 404, f"{what}: {status}"
            elif who == "token:internal" and route.endpoint.startswith("api_v1.microdata"):
                assert status == 403, f"{what}: {status}"
            elif who == "token:area-microdata":
                assert status != 401, f"{what}: {status}"  # what an area sees: test_v1.py
            else:
                assert status not in (401, 403), f"{what}: {status}"


NEXT_TARGETS = (
    "//evil.example/x",
    "https://evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    "/%2F%2Fevil.example",
    "javascript:alert(1)",
    "http:evil.example",
    " //evil.example",
    "/\t/evil.example",
    "%0d%0aLocation:%20https://evil.example",
    "/" + "x" * 5000,
)


def test_login_never_redirects_off_site(world: World) -> None:
    user = world.users[Role.interviewer]
    for target in NEXT_TARGETS:
        client = world.app.test_client()
        page = fetch(client, "/auth/login?next=" + quote(target, safe="%/:"))
        check_sane(world, page, f"login page with next={target[:40]}")
        response = fetch(
            client,
            "/auth/login",
            method="POST",
            data={"email": user.email, "password": PASSWORD, "next": target},
        )
        location = response.headers.get("Location", "")
        assert (
            response.status_code == 302
            and location.startswith("/")
            and not location.startswith("//")
        ), (target[:40], location[:80])
        parts = urlsplit(location)
        assert not parts.scheme and not parts.netloc and "\\" not in location, (target, location)


def test_api_clients_get_json_errors_not_login_pages(world: World) -> None:
    for route in ROUTES:
        rules = policy(world.app, route.endpoint)
        if rules is None or rules.anonymous or "GET" not in route.methods:
            continue
        url = url_for_values(route, good_values(world, route))
        response = fetch(world.client(None), url, headers={"Accept": "application/json"})
        assert response.status_code == 401 and response.is_json, url
        assert response.json is not None and response.json["status"] == 401


# --- 2. CSRF ---------------------------------------------------------------------------------------


def _snapshot(world: World) -> dict[str, list[str]]:
    for role in world.users:  # a session the crawl ended is renewed now, not between snapshots
        world._live_session(role)
    with world.app.app_context():
        return {
            table.name: sorted(repr(tuple(row)) for row in db.session.execute(sa.select(table)))
            for table in db.metadata.sorted_tables
        }


def _forgery_payload(world: World) -> dict[str, str]:
    """Form fields that would change something if a route accepted them."""
    target = world.target_id
    admin = world.users[Role.administrator]
    return {
        "status": "closed",
        f"u{target}-role": "administrator",
        f"s{target}-area": "0",
        "email": admin.email,
        "password": PASSWORD,
        "current": PASSWORD,
        "new": "forged password 123",
        "confirm": "forged password 123",
        "name": "Forged",
        "role": "administrator",
        "language": "en",
        "code": "ABCD-EFGH",
        "expires_days": "3",
        "replace": "y",
        "action": "next",
    }


#: CSRF-exempt routes that change state: the interviewer app's API reads a bearer token and
#: never the session cookie (tests/surveyapp/test_access.py: a cookie alone gets 401), and its
#: login takes a JSON body only (a cross-site form cannot send one).
TOKEN_API = "field_api."


def test_csrf_exemptions_are_read_only_json_apis() -> None:
    for route in ROUTES:
        if route.csrf_exempt:
            assert route.rule.startswith("/api/"), route.rule
            if not route.endpoint.startswith(TOKEN_API):
                assert route.methods <= {"GET"}, (route.rule, route.methods)


@pytest.mark.parametrize(
    ("route", "method"),
    _params(WRITE_ROUTES, "csrf", [f"{r.endpoint}-{m}" for r, m in WRITE_ROUTES]),
)
def test_state_changes_need_a_csrf_token(csrf_world: World, route: Route, method: str) -> None:
    world = csrf_world
    url = url_for_values(route, good_values(world, route))
    # A real token, but from someone else's session: the classic cross-site forgery.
    stolen = _token(world.app.test_client())
    before = _snapshot(world)
    # The check runs before any view or login check: nobody, the all-powerful and a bystander.
    for role in (None, Role.administrator, Role.interviewer):
        for token in (None, "forged", "IjAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAi.Zz.forged", stolen):
            for in_header in (False, True):
                if token is None and in_header:
                    continue
                client = world.client(role)
                data = _forgery_payload(world)
                headers = {}
                if token is not None and in_header:
                    headers["X-CSRFToken"] = token
                elif token is not None:
                    data["csrf_token"] = token
                response = fetch(client, url, method=method, data=data, headers=headers)
                what = (
                    f"{method} {url} as {role.value if role else 'anonymous'} with token {token!r}"
                )
                check_sane(world, response, what)
                assert response.status_code == 400, f"{what}: {response.status_code}"
    assert _snapshot(world) == before
    # The control: the same route with the session's own token passes the check (so the 400s
    # above are the CSRF check, not a route that refuses everything).
    client = world.client(Role.administrator)
    refused = fetch(client, url, method=method, data={})
    accepted = fetch(
        client, url, method=method, data={"csrf_token": _token(client, "/auth/password")}
    )
    assert (accepted.status_code, accepted.data) != (refused.status_code, refused.data), (
        f"{method} {url}"
    )


# --- 3. hostile input -------------------------------------------------------------------------------

#: Raw path segments (already URL-quoted where a browser would quote them).
HOSTILE_SEGMENTS = (
    "0",
    "-1",
    "2147483648",  # one more than PostgreSQL's integer holds (every id column)
    "9223372036854775807",
    "9223372036854775808",
    "99999999999999999999999999",
    "1e400",
    "abc",
    "..%2f..%2f..%2fetc%2fpasswd",
    "%00",
    "%C3%28",
    quote("ñandú✓ 🙂"),
    quote("<script>alert(1)</script>"),
    quote("' OR 1=1 --"),
    "x" * 4000,
)
#: Extra segments for path converters, which accept slashes.
HOSTILE_PATHS = ("../../../../etc/passwd", "a/" * 200 + "b", "..", ".", "%2e%2e/%2e%2e/secret_key")
GARBAGE_QUERY = (
    "?area=%FF%FE&area=nation&lang=%00&lang=zz&audience=%3Cx%3E&next=//evil.example/"
    "&wave=-1&page=99999999999999999999&format=../../x&id=9223372036854775808"
    f"&q={'x' * 3000}&%C3%28=%C3%28&&=&a[]=1&a[b]=2"
)


def hostile_callers(world: World, route: Route) -> tuple[Role | str | None, ...]:
    """Nobody, and the caller who gets furthest into the route's code."""
    if route.endpoint.startswith("respond."):
        return (None, RESPONDENT)
    rules = policy(world.app, route.endpoint)
    if rules is not None and rules.bearer:
        return (None, API_CALLER)
    if (
        route.endpoint.startswith("observatory")
        and rules is not None
        and Role.analyst in rules.roles
    ):
        return (None, Role.analyst)  # analysts are scoped by area, which administrators are not
    return (None, Role.administrator)


@pytest.mark.parametrize(
    "route", _params(ARGUMENT_ROUTES, "path", [r.endpoint for r in ARGUMENT_ROUTES])
)
def test_hostile_path_values(world: World, route: Route) -> None:
    for name, conv in route.converters:
        segments = HOSTILE_SEGMENTS + (HOSTILE_PATHS if conv == "PathConverter" else ())
        for segment in segments:
            values = {**good_values(world, route), name: segment}
            url = url_for_values(route, values)
            for role in hostile_callers(world, route):
                for method in sorted(route.methods):
                    response = fetch(world.client(role), url, method=method, data={"x": "1"})
                    check_sane(world, response, f"{method} {url[:120]} as {role}")


@pytest.mark.parametrize("route", _params(ROUTES, "query", ROUTE_IDS))
def test_garbage_query_strings(world: World, route: Route) -> None:
    url = url_for_values(route, good_values(world, route)) + GARBAGE_QUERY
    for role in hostile_callers(world, route):
        for method in sorted(route.methods):
            response = fetch(world.client(role), url, method=method)
            check_sane(world, response, f"{method} {route.rule}?garbage as {role}")
            if route.endpoint == "auth.login" and response.status_code == 302:
                assert "evil.example" not in response.headers["Location"]


#: One query parameter at a time, so that no earlier check (a bad ``lang``, a NUL) answers first.
#: Digits that str.isdigit() accepts and int() does not, numbers beyond every column, junk.
HOSTILE_QUERY_VALUES = (
    quote("²"),
    quote("٣"),
    quote("1,²,3"),
    "2147483648",  # one more than PostgreSQL's integer holds
    "9" * 25,
    "9" * 5000,  # more digits than int() reads
    "-1",
    "1e400",
    "",
    "x" * 3000,
    "%C3%28",
    quote("ñ✓<x>"),
)
#: request.args.get("x"), request.args.getlist("x"), and helpers such as _int_arg("x").
_ARGS = re.compile(r"""(?:args\.get(?:list)?|\b_\w*arg)\(\s*["']([A-Za-z_]+)["']""")


def query_names(world: World, route: Route) -> list[str]:
    """The query parameters the route's module reads (request.args.get/getlist or an ``_*arg``
    helper with a literal name), the language, and the read API's row filters (read through a
    variable)."""
    import inspect
    import sys

    from surveyapp.api.v1 import ROW_FILTERS

    module = sys.modules[world.app.view_functions[route.endpoint].__module__]
    names = set(_ARGS.findall(inspect.getsource(module))) | {"lang"}
    if route.endpoint.startswith("api_v1."):
        names |= set(ROW_FILTERS)
    return sorted(names)


QUERY_ROUTES = [r for r in ROUTES if "GET" in r.methods and r.endpoint != "static"]


@pytest.mark.parametrize(
    "route", _params(QUERY_ROUTES, "one-query", [r.endpoint for r in QUERY_ROUTES])
)
def test_each_query_parameter_alone(world: World, route: Route) -> None:
    """Every parameter the route reads, alone, with each hostile value (and on the public wave
    with data for wave routes): never a 500."""
    urls = [url_for_values(route, good_values(world, route))]
    if "wave_id" in dict(route.converters) and world.data_wave_id is not None:
        values = {**good_values(world, route), "wave_id": str(world.data_wave_id)}
        urls.append(url_for_values(route, values))
    callers = hostile_callers(world, route)
    for name in query_names(world, route):
        for value in HOSTILE_QUERY_VALUES:
            for url in urls:
                for role in callers:
                    response = fetch(world.client(role), f"{url}?{name}={value}")
                    check_sane(world, response, f"GET {url}?{name}={value[:30]} as {role}")


HOSTILE_HEADERS: tuple[dict[str, str], ...] = (
    {"Accept": "application/json"},
    {"Accept": "*/*;q=abc, application/json;q=1e400, text/html;q=-1, ,,;"},
    {"Accept-Language": "zz;q=abc, *;q=1e400, ,,,;q=, es-" + "x" * 500},
    {"Accept-Language": "\u00f1", "Accept-Charset": "utf-7"},
    {"If-None-Match": '"x", W/"", *, ' + "a" * 300, "If-Modified-Since": "not a date"},
    {"Range": "bytes=99999999999999999999-, -0, 5-1", "If-Range": "garbage"},
    {"Cookie": "session=; session=x; remember_token=1|" + "a" * 200},
)


@pytest.mark.parametrize("route", _params(ROUTES, "headers", ROUTE_IDS))
def test_hostile_headers(world: World, route: Route) -> None:
    url = url_for_values(route, good_values(world, route))
    for headers in HOSTILE_HEADERS:
        for role in hostile_callers(world, route):
            for method in sorted(route.methods & {"GET", "POST"}):
                response = fetch(world.client(role), url, method=method, headers=headers)
                check_sane(world, response, f"{method} {url} as {role} with {str(headers)[:60]}")


OBSERVATORY_WAVE_ROUTES = [
    r
    for r in ROUTES
    if r.endpoint.startswith(("observatory", "api_v1.")) and "wave_id" in dict(r.converters)
]
AREA_KEYS = (
    "0",
    "-1",
    "99999999999999999999999",
    "%00",
    "..%2F..%2Fx",
    "%C3%28",
    quote("ñ✓"),
    "x" * 2000,
    "",
)


@pytest.mark.parametrize(
    "route",
    _params(OBSERVATORY_WAVE_ROUTES, "data-query", [r.endpoint for r in OBSERVATORY_WAVE_ROUTES]),
)
def test_observatory_queries_on_a_wave_with_data(world: World, route: Route) -> None:
    """Area, language and audience from the query string, on a public wave with areas and interviews."""
    assert world.data_wave_id is not None
    base = url_for_values(route, {**good_values(world, route), "wave_id": str(world.data_wave_id)})
    queries = [f"?area={key}" for key in AREA_KEYS]
    queries += [
        "?lang=zz",
        "?lang=%FF",
        "?lang=en&lang=es",
        "?audience=internal",
        "?audience=%00&area=national",
        "?area=national&area=1&format=pdf",
    ]
    for query in queries:
        callers: tuple[Role | str | None, ...] = (None, Role.analyst)
        if route.endpoint.startswith("api_v1."):  # the read API: a public and an internal token
            callers = ("token:public", API_CALLER)
        for role in callers:
            response = fetch(world.client(role), base + query)
            check_sane(world, response, f"GET {base}{query[:60]} as {role}")


def _bodies() -> list[tuple[str, dict[str, Any]]]:
    """Bodies to send where a form is expected (fresh objects on every call: files get closed)."""
    multipart = b'--XX\r\nContent-Disposition: form-data; name="file"; filename="../../x.csv"\r\n\r\n\xff\xfe\x00'
    return [
        (
            "invalid-utf8-form",
            {
                "data": b"a=%FF%FE&%C3%28=%C3%28&status=\xff\xfe&email=\xc3\x28",
                "content_type": "application/x-www-form-urlencoded",
            },
        ),
        (
            "json-to-form",
            {
                "data": json.dumps({"status": "closed", "csrf_token": "x", "a": [1, {"b": None}]}),
                "content_type": "application/json",
            },
        ),
        ("broken-json", {"data": b'{"a": [1, 2', "content_type": "application/json"}),
        ("form-as-json", {"data": "status=closed&email=a%40b", "content_type": "application/json"}),
        ("text-plain", {"data": "\x00\x01 hello", "content_type": "text/plain"}),
        ("no-content-type", {"data": b"\x00\xff" * 100}),
        (
            "broken-multipart",
            {"data": multipart, "content_type": "multipart/form-data; boundary=XX"},
        ),
        ("no-boundary", {"data": b"--\r\n", "content_type": "multipart/form-data"}),
        (
            "binary-file",
            {
                "data": {
                    "file": (io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\xff" * 50), "../../etc/passwd"),
                    "status": ["open", "closed"],
                    "expires_days": "-99999999999999999999",
                    "name": "x" * 20000,
                },
                "content_type": "multipart/form-data",
            },
        ),
        (
            "many-fields",
            {
                "data": "&".join(f"f{i}=v" for i in range(5000)),
                "content_type": "application/x-www-form-urlencoded",
            },
        ),
        (
            "huge-numbers",
            {
                "data": {
                    "expires_days": "9" * 400,
                    "status": "1e400",
                    "version": "9" * 50,
                    "rob_yn": "99999999999999999999999",
                    "rob_n": "-1e309",
                }
            },
        ),
    ]


POST_ROUTES = [r for r in ROUTES if r.methods & set(STATE_CHANGING)]


@pytest.mark.parametrize("route", _params(POST_ROUTES, "body", [r.endpoint for r in POST_ROUTES]))
def test_hostile_bodies(world: World, route: Route) -> None:
    url = url_for_values(route, good_values(world, route))
    for role in hostile_callers(world, route):
        for method in sorted(route.methods & set(STATE_CHANGING)):
            for name, body in _bodies():
                if name != "broken-multipart":
                    response = fetch(world.client(role), url, method=method, **body)
                    check_sane(world, response, f"{method} {url} {name} as {role}")
                    continue
                with warnings.catch_warnings():
                    # Werkzeug's parser leaves the temporary file of a truncated multipart part to the
                    # garbage collector (a harmless ResourceWarning): collect it here, not in a later test.
                    warnings.simplefilter("ignore", ResourceWarning)
                    response = fetch(world.client(role), url, method=method, **body)
                    gc.collect(1)  # the file was just made: a young-generation pass finds it
                check_sane(world, response, f"{method} {url} {name} as {role}")


#: Cell values that parsers of numbers, dates, codes and text have to survive.
HOSTILE_CELLS = (
    "",
    "-1",
    "0",
    "1e400",
    "nan",
    "-inf",
    "9" * 40,
    "1,5",
    " 12 ",
    "2025-13",
    "2025-02-30",
    '=HYPERLINK("http://evil.example")',
    "\x00",
    "ñandú✓",
    "x" * 3000,
    "../../etc/passwd",
    "None",
)
#: Header rows of every CSV upload the server knows (sample, areas, police records, census totals).
CSV_HEADERS = (
    (
        "external_id",
        "address",
        "area_code",
        "stratum",
        "psu",
        "selection_probability",
        "eligible_adults",
    ),
    ("level", "code", "name", "parent", "population"),
    ("area_code", "period", "crime_type", "count", "population", "source"),
    ("area_code", "year", "sex", "age_group", "population", "source"),
)


def hostile_csv_files(area_code: str) -> list[bytes]:
    """Files with the right header and hostile cells (one real area code, so rows get that far)."""
    files = [
        b"",
        b"\r\n\r\n",
        b"\xff\xfe\x00a\x00,\x00b",
        b'a,b\n"unclosed,1\n',
        ",".join(f"c{i}" for i in range(3000)).encode(),
        "\ufeffa;b;c\n1;2;3\n".encode("utf-16"),
    ]
    for header in CSV_HEADERS:
        rows = [",".join(header)]
        for cell in HOSTILE_CELLS:
            quoted = '"' + cell.replace('"', '""') + '"'
            rows.append(",".join(area_code if name == "area_code" else quoted for name in header))
            rows.append(",".join([quoted] * len(header)))
        rows.append(",".join(header[:2]))  # too few cells
        rows.append(",".join(["1"] * (len(header) + 3)))  # too many
        files.append("\r\n".join(rows).encode("utf-8"))
        files.append(("\n".join(rows[:3]) + "\n").encode("latin-1", "replace"))
    return files


FILE_ROUTES = [r for r in POST_ROUTES if not r.endpoint.startswith(("respond.", "auth."))]


@pytest.mark.parametrize("route", _params(FILE_ROUTES, "csv", [r.endpoint for r in FILE_ROUTES]))
def test_hostile_csv_uploads(world: World, route: Route) -> None:
    with world.app.app_context():
        from surveyapp.models import Area

        area_code = db.session.scalar(sa.select(Area.code).order_by(Area.id.desc()).limit(1)) or "X"
    url = url_for_values(route, good_values(world, route))
    caller = hostile_callers(world, route)[-1]
    for content in hostile_csv_files(area_code):
        for extra in ({}, {"allow_partial": "y"}):
            data = {"file": (io.BytesIO(content), "upload.csv"), **extra}
            response = fetch(
                world.client(caller),
                url,
                method="POST",
                data=data,
                content_type="multipart/form-data",
            )
            check_sane(world, response, f"POST {url} with {content[:40]!r} {extra}")


@pytest.mark.parametrize(
    "route", _params(POST_ROUTES, "oversize", [r.endpoint for r in POST_ROUTES])
)
def test_oversized_bodies_get_413(world: World, route: Route) -> None:
    url = url_for_values(route, good_values(world, route))
    rules = policy(world.app, route.endpoint)
    assert rules is not None
    role = None if rules.anonymous else Role.administrator
    limit = int(world.app.config["MAX_CONTENT_LENGTH"])
    for method in sorted(route.methods & set(STATE_CHANGING)):
        for body in (
            {"data": b"a=" + b"x" * limit, "content_type": "application/x-www-form-urlencoded"},
            # Built by hand: the test client would spool a large file part to an unclosed temp file.
            {
                "data": b'--XX\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\n'
                + b"x" * limit
                + b"\r\n--XX--\r\n",
                "content_type": "multipart/form-data; boundary=XX",
            },
        ):
            before = (
                _snapshot(world) if method != "POST" or route.endpoint != "auth.logout" else None
            )
            response = fetch(world.client(role), url, method=method, **body)
            check_sane(world, response, f"{method} {url} oversized")
            assert response.status_code == 413, f"{method} {url}: {response.status_code}"
            if before is not None:
                assert _snapshot(world) == before


def stale_and_odd_sessions(world: World) -> list[dict[str, Any]]:
    """Session contents a server can meet: left over from before a restore or a deletion, or odd."""
    ghost = "00000000-0000-4000-8000-000000000000"
    return [
        {"respond": {"interview": ghost, "wave": world.slug}},  # the interview is gone
        {
            "respond": {
                "interview": ghost,
                "wave": "no-such-wave",
                "done": "no-such-wave",
                "language": "xx",
            }
        },
        {
            "respond": {"unit": 987654, "wave": world.slug}
        },  # a checked invitation whose unit is gone
        {"respond": {"unit": 99999999999999999999999, "wave": world.slug, "token": "not-a-uuid"}},
        {
            "respond": {
                "interview": "not-a-uuid",
                "wave": 5,
                "unit": "abc",
                "done": ["x"],
                "resume_code": {},
            }
        },
        {"respond": "not-a-dict", "csrf_token": 5},
        {"_user_id": "987654-0000", "_fresh": True},  # the account is gone
        {"_user_id": f"{world.users[Role.administrator].id}-stale"},  # the password changed since
        {"_user_id": "99999999999999999999999-x"},
        {"_user_id": ["x"], "_fresh": "yes"},
    ]


@pytest.mark.parametrize("route", _params(ROUTES, "session", ROUTE_IDS))
def test_stale_and_odd_sessions(world: World, route: Route) -> None:
    """Signed session cookies left from an older database, or holding odd values: never a 500."""
    serializer = world.app.session_interface.get_signing_serializer(world.app)  # type: ignore[attr-defined]
    assert serializer is not None
    url = url_for_values(route, good_values(world, route))
    cookies = [serializer.dumps(data) for data in stale_and_odd_sessions(world)] + [
        "garbage.not.signed"
    ]
    for cookie in cookies:
        # The session is read before any view: one method per route is enough.
        for method in ["GET" if "GET" in route.methods else min(route.methods)]:
            client = world.app.test_client()
            client.set_cookie("session", cookie)
            response = fetch(client, url, method=method, data={"x": "1"})
            check_sane(world, response, f"{method} {url} with session {cookie[:60]}")


# --- 4. headers, cookies, passwords, privacy ------------------------------------------------------


def test_session_and_remember_cookies_are_httponly_and_samesite(world: World) -> None:
    user = world.users[Role.analyst]
    client = world.app.test_client()
    response = client.post(
        "/auth/login", data={"email": user.email, "password": PASSWORD, "remember": "y"}
    )
    assert response.status_code == 302
    cookies = {c.split("=", 1)[0]: c for c in response.headers.getlist("Set-Cookie")}
    assert {"session", "remember_token"} <= set(cookies)
    for name in ("session", "remember_token"):
        flags = [f.strip().lower() for f in cookies[name].split(";")]
        assert "httponly" in flags and "samesite=lax" in flags, cookies[name]


@pytest.mark.parametrize(
    "app_config", [{"SESSION_COOKIE_SECURE": True, "REMEMBER_COOKIE_SECURE": True}]
)
def test_cookies_are_secure_when_configured(
    client: FlaskClient, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    user = make_user(Role.analyst)
    response = client.post(
        "/auth/login", data={"email": user.email, "password": PASSWORD, "remember": "y"}
    )
    cookies = response.headers.getlist("Set-Cookie")
    assert len(cookies) >= 2 and all("Secure" in c for c in cookies), cookies


def test_no_debug_mode_and_no_server_banner(world: World) -> None:
    assert not world.app.debug
    for path in ("/", "/nothing-here", "/api/nothing"):
        response = fetch(world.client(None), path)
        assert "Server" not in response.headers and "X-Powered-By" not in response.headers


def _all_text(app: Flask) -> str:
    with app.app_context():
        return "\n".join(
            repr(tuple(row))
            for table in db.metadata.sorted_tables
            for row in db.session.execute(sa.select(table))
        )


@pytest.mark.parametrize("app_config", [{"WTF_CSRF_ENABLED": False}])
def test_passwords_are_stored_hashed(
    app: Flask, client: FlaskClient, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    admin = make_user(Role.administrator)
    login(client, admin)
    created = client.post(
        "/manage/users/new",
        data={
            "email": "new@example.org",
            "name": "New",
            "role": "interviewer",
            "password": "Sentinel-Pass-4711",
            "confirm": "Sentinel-Pass-4711",
            "area": "0",
        },
    )
    assert created.status_code == 302
    changed = client.post(
        "/auth/password",
        data={"current": PASSWORD, "new": "Other-Sentinel-0815", "confirm": "Other-Sentinel-0815"},
    )
    assert changed.status_code == 302
    text = _all_text(app)
    assert "Sentinel-Pass-4711" not in text and "Other-Sentinel-0815" not in text
    assert PASSWORD not in text
    with app.app_context():
        hashes = list(db.session.scalars(sa.select(User.password_hash)))
    assert len(hashes) == 2 and all(h.startswith(("scrypt:", "pbkdf2:")) for h in hashes)


ADDRESS = "198.51.100.231"
FORWARDED = "203.0.113.199"
BROWSER = "SentinelPhone/9.9 (Handset QX-77)"


@pytest.mark.parametrize("app_config", [{"WTF_CSRF_ENABLED": False, "TRUSTED_PROXIES": 1}])
def test_respondents_leave_no_address_or_browser(
    app: Flask, make_wave: Callable[..., Any], caplog: pytest.LogCaptureFixture
) -> None:
    wave = make_wave(slug="privacy")
    caplog.set_level(logging.DEBUG)
    client = app.test_client()
    client.environ_base.update(
        {
            "REMOTE_ADDR": ADDRESS,
            "HTTP_USER_AGENT": BROWSER,
            "HTTP_X_FORWARDED_FOR": f"{FORWARDED}, {ADDRESS}",
            "HTTP_X_REAL_IP": FORWARDED,
        }
    )
    assert client.get(f"/s/{wave.slug}?lang=en").status_code == 200
    html = client.get(f"/s/{wave.slug}?lang=en").get_data(as_text=True)
    fields = dict(re.findall(r'name="(token|language)"[^>]*value="([^"]*)"', html))
    started = client.post(f"/s/{wave.slug}/start", data={**fields, "language": "en"})
    assert started.status_code == 302
    page = started.headers["Location"]
    for _ in range(10):  # answer every page "No" (or leave it) until the thank-you page
        if not page.startswith("/s/p/"):
            break
        html = client.get(page).get_data(as_text=True)
        hidden = dict(re.findall(r'name="(interview|version)"[^>]*value="([^"]*)"', html))
        answered = client.post(
            page, data={**hidden, "rob_yn": "2", "safety": "1", "action": "next"}
        )
        assert answered.status_code == 302, (page, answered.status_code)
        page = answered.headers["Location"]
    assert page.endswith("/s/done"), page
    with app.app_context():
        from surveyapp.models import Interview

        interview = db.session.scalar(sa.select(Interview))
        assert interview is not None and interview.answers.get("rob_yn") == 2
    text = _all_text(app)
    for sentinel in (ADDRESS, FORWARDED, "SentinelPhone", "QX-77", "203.0.113", "198.51.100"):
        assert sentinel not in text
    logged = [r.getMessage() for r in caplog.records if r.name == "surveyapp.requests"]
    assert any(line.startswith("POST /s/p/") for line in logged), logged  # the log was captured
    for record in caplog.records:
        line = record.getMessage() + repr(record.__dict__.get("args"))
        assert ADDRESS not in line and FORWARDED not in line and "SentinelPhone" not in line, line


#: (url, caller, words the 400 answer must contain): numbers str.isdigit() accepts and int()
#: refuses ("²"), or ids beyond PostgreSQL's integer, in the read API and observatory forms.
BAD_NUMBERS = (
    ("/api/v1/waves?limit=%C2%B2", API_CALLER, "limit"),
    ("/api/v1/waves?cursor=%C2%B2", API_CALLER, "cursor"),
    ("/api/v1/indicators?limit=" + "9" * 5000, API_CALLER, "limit"),
    ("/observatory/evaluation?before=%C2%B2&lang=en", None, "Choose a wave from the list"),
    ("/observatory/evaluation?after=2147483648&lang=en", None, "Choose a wave from the list"),
    ("/observatory/evaluation?before=" + "9" * 5000 + "&lang=en", None, "Choose a wave"),
    # in the page's language since 9c12138 (Spanish by default): asked in English here
    ("/observatory/regional?waves=%C2%B2&lang=en", None, "wave ids"),
    ("/observatory/regional?waves=1,2147483648&lang=en", None, "wave ids"),
    ("/observatory/regional.pdf?waves=" + "9" * 5000 + "&lang=en", None, "wave ids"),
)


@pytest.mark.parametrize(("url", "caller", "words"), BAD_NUMBERS)
def test_numbers_int_refuses_get_a_clear_400(
    world: World, url: str, caller: str | None, words: str
) -> None:
    response = fetch(world.client(caller), url)
    check_sane(world, response, url[:80])
    assert response.status_code == 400, (url[:80], response.status_code)
    assert words in response.get_data(as_text=True), url[:80]
