"""The read API, ``/api/v1``: waves, areas, the indicator catalogue, indicator tables, microdata.

Clients send ``Authorization: Bearer <token>`` (a read token an administrator created,
:mod:`surveyapp.services.read_tokens`); no cookies, so no CSRF token. Every answer is
JSON, every error a problem document (RFC 9457, ``application/problem+json``). Lists
are pages (``limit``, ``cursor``, ``Link: rel="next"``); answers carry an ETag and
``If-None-Match`` gets 304. The reference is ``surveyapp/docs/api.md`` and the OpenAPI
description this module serves at ``/api/v1/openapi.json``.

The indicator rows are the observatory's: the same cached table, the same
:func:`~surveyapp.observatory.exports.export_rows` with its public blanking.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Sequence
from typing import Any, NoReturn, cast

import sqlalchemy as sa
from flask import Blueprint, Response, abort, current_app, g, jsonify, request, url_for
from flask.typing import ResponseReturnValue
from flask_limiter.util import get_remote_address
from sqlalchemy.exc import SQLAlchemyError

from ..errors import MESSAGES, TITLES
from ..extensions import csrf, db, limiter, relax_next_commit
from ..i18n import LANGUAGES, default_language
from ..models import ReadToken, Wave
from ..services import read_tokens, release_downloads
from ..services.indicator_rows import TableUnavailable, download_table
from ..services.read_tokens import TokenView
from ..services.release import Edition
from ..services.report_access import ReportRefused
from ..services.reports import NATIONAL, AreaNode, ReportError, wave_areas

log = logging.getLogger(__name__)

bp = Blueprint("api_v1", __name__, url_prefix="/api/v1")
# Clients authenticate with a bearer token on every request, never a cookie: no CSRF token.
csrf.exempt(bp)

PREFIX = "/api/v1"
PROBLEM_TYPE = "application/problem+json"
#: Endpoints anyone may read without a token.
OPEN_ENDPOINTS = frozenset({"api_v1.openapi"})
#: A page's limit or cursor: ASCII digits only (str.isdigit takes "²", which int() refuses).
_DIGITS = re.compile(r"[0-9]{1,9}")
#: Filters of the indicator table: each is a query parameter and the column it must equal.
ROW_FILTERS = ("indicator", "group", "domain_type", "domain")


# ---- errors: problem documents -------------------------------------------------------------------


def problem(
    status: int, detail: str, *, code: str | None = None, headers: dict[str, str] | None = None
) -> NoReturn:
    """Stop the request with a problem document."""
    response = jsonify(
        type="about:blank",
        title=TITLES.get(status, "Error"),
        status=status,
        detail=detail,
        code=code or _CODES.get(status, "error"),
    )
    response.status_code = status
    response.headers.update(headers or {})
    abort(response)


_CODES: dict[int, str] = {
    400: "invalid_request",
    401: "token_invalid",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "too_large",
    429: "rate_limited",
    500: "server_error",
    503: "unavailable",
}


@bp.after_app_request
def _problem_documents(response: Response) -> Response:
    """Every error under /api/v1 as a problem document, whoever answered it (an unknown path,
    the rate limiter, the observatory's helpers, the app's 500 page)."""
    if not request.path.startswith(PREFIX + "/") or response.status_code < 400:
        return response
    status = response.status_code
    body = response.get_json(silent=True) if response.is_json else None
    if isinstance(body, dict) and body.get("type") == "about:blank":
        response.mimetype = PROBLEM_TYPE
        return response
    detail = body.get("message") if isinstance(body, dict) else None
    document = {
        "type": "about:blank",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": str(detail or MESSAGES.get(status, "The request failed.")),
        "code": _CODES.get(status, "error"),
    }
    response.set_data(json.dumps(document))
    response.mimetype = PROBLEM_TYPE
    response.headers.pop("Content-Disposition", None)
    return response


# ---- tokens --------------------------------------------------------------------------------------


def _bearer() -> str | None:
    scheme, _, plain = request.headers.get("Authorization", "").partition(" ")
    plain = plain.strip()
    return plain if scheme.lower() == "bearer" and plain else None


def _token() -> ReadToken | None:
    """The token the request was made with, revoked or not (looked up once per request)."""
    if "read_token" not in g:
        plain = _bearer()
        g.read_token = read_tokens.token_for(db.session, plain) if plain else None
    return cast(ReadToken | None, g.read_token)


def _rate_key() -> str:
    """Rate limits count per token; requests without a known token count per client address."""
    token = _token() if request.endpoint not in OPEN_ENDPOINTS else None
    return f"read-token:{token.id}" if token is not None else f"addr:{get_remote_address()}"


def _rate_limit() -> str:
    return str(current_app.config["API_RATE_LIMIT"])


def _download_limit() -> str:
    return str(current_app.config["API_DOWNLOAD_RATE_LIMIT"])


def _release_sent(response: Response) -> bool:
    """Only a release sent counts as a download: a script asking again while the release
    is prepared (202, as api.md tells it to) or revalidating (304) must not use up the
    hourly limit before it gets the file."""
    return response.status_code == 200


limiter.limit(_rate_limit, key_func=_rate_key)(bp)


@bp.before_request
def _authenticate() -> None:
    if request.endpoint in OPEN_ENDPOINTS:
        return
    token = _token()
    if token is None:
        abort(_unauthorized("Send a read token: Authorization: Bearer <token>."))
    if not token.active:
        abort(_unauthorized("This token was revoked; ask an administrator for a new one."))
    g.token_view = TokenView.of(token)


def _unauthorized(detail: str) -> Response:
    response = jsonify(
        type="about:blank", title=TITLES[401], status=401, detail=detail, code="token_invalid"
    )
    response.status_code = 401
    response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@bp.after_request
def _record_use(response: Response) -> Response:
    """One audit row per request made with a known token (revoked ones included); its
    ``last_used_at`` at most once per API_TOKEN_TOUCH_SECONDS."""
    response.headers.setdefault("Cache-Control", "no-store")
    response.vary.add("Authorization")
    token = g.get("read_token")
    if token is None:
        return response
    token_id = token.id
    try:
        db.session.rollback()  # nothing a read view did is kept; the audit row commits alone
        _relax_commit()
        read_tokens.touch(
            token,
            every=dt.timedelta(seconds=int(current_app.config["API_TOKEN_TOUCH_SECONDS"])),
        )
        read_tokens.record_use(
            db.session,
            token,
            method=request.method,
            path=request.full_path.rstrip("?"),
            status=response.status_code,
        )
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()
        log.exception("could not record the use of read token %s", token_id)
    return response


def _relax_commit() -> None:
    """Let the audit row's commit return before it reaches the disk: a read is not worth an
    fsync. SQLite: extensions.relax_next_commit; PostgreSQL: ``synchronous_commit`` off for
    this transaction. Both are safe against the app crashing; a crash of the machine may
    lose the last rows, never corrupt anything."""
    if relax_next_commit(db.session):
        return
    if db.session.connection().dialect.name == "postgresql":
        db.session.execute(sa.text("SET LOCAL synchronous_commit TO OFF"))


def _view() -> TokenView:
    return cast(TokenView, g.token_view)


# ---- request helpers -----------------------------------------------------------------------------


def _language() -> str:
    language = request.args.get("lang") or default_language()
    if language not in LANGUAGES:
        problem(400, f"lang: choose one of {', '.join(LANGUAGES)}.")
    return language


def _page_args() -> tuple[int, int]:
    """``limit`` and the offset the ``cursor`` stands for; 400 naming the bad parameter."""
    cfg = current_app.config
    largest = int(cfg["API_MAX_PAGE_SIZE"])
    raw_limit = request.args.get("limit")
    limit = int(cfg["API_PAGE_SIZE"])
    if raw_limit is not None:
        if not _DIGITS.fullmatch(raw_limit) or not 1 <= int(raw_limit) <= largest:
            problem(400, f"limit: give a whole number from 1 to {largest}.")
        limit = int(raw_limit)
    cursor = request.args.get("cursor")
    offset = 0
    if cursor is not None:
        if not _DIGITS.fullmatch(cursor):
            problem(400, "cursor: give the next_cursor of a previous page, unchanged.")
        offset = int(cursor)
    return limit, offset


def _page(items: Sequence[Any], **body: Any) -> Response:
    """A page of ``items`` with ``next_cursor`` and a Link header (rel next and first)."""
    limit, offset = _page_args()
    shown = list(items[offset : offset + limit])
    following = offset + limit if offset + limit < len(items) else None
    links = [f'<{_url_with(cursor=None)}>; rel="first"']
    if following is not None:
        links.append(f'<{_url_with(cursor=str(following))}>; rel="next"')
    response = _cached(
        {**body, "data": shown, "total": len(items), "limit": limit, "next_cursor": _s(following)}
    )
    response.headers["Link"] = ", ".join(links)
    return response


def _s(value: int | None) -> str | None:
    return None if value is None else str(value)


def _url_with(**changes: str | None) -> str:
    args = request.args.to_dict()
    for name, value in changes.items():
        if value is None:
            args.pop(name, None)
        else:
            args[name] = value
    return url_for(cast(str, request.endpoint), **{**(request.view_args or {}), **args})


def _cached(body: dict[str, Any]) -> Response:
    """JSON with a strong ETag of its bytes: ``If-None-Match`` with it gets 304 and no body."""
    return _cacheable(
        current_app.response_class(
            json.dumps(body, ensure_ascii=False, separators=(",", ":")),
            mimetype="application/json",
        )
    )


def _cacheable(response: Response) -> Response:
    response.headers["Cache-Control"] = (
        f"private, max-age={int(current_app.config['API_CACHE_SECONDS'])}"
    )
    response.add_etag()
    return cast(Response, response.make_conditional(request))


def _refused(refused: ReportRefused) -> NoReturn:
    if refused.reason == "not_found":
        problem(404, "No such wave or area for this token.")
    problem(403, "This token may not see that: it is a public token, or limited to other areas.")


def _wave(wave_id: int) -> Wave:
    try:
        return _view().check_wave(db.session.get(Wave, wave_id))
    except ReportRefused as refused:
        _refused(refused)


def _wave_json(wave: Wave) -> dict[str, Any]:
    return {
        "id": wave.id,
        "name": wave.name,
        "slug": wave.slug,
        "status": wave.status.value,
        "public": wave.public_report,
        "reference_start": wave.reference_start.isoformat(),
        "reference_end": wave.reference_end.isoformat(),
        "links": {
            "areas": url_for("api_v1.areas", wave_id=wave.id),
            "indicators": url_for("api_v1.indicators", wave_id=wave.id),
            "microdata": url_for("api_v1.microdata", wave_id=wave.id),
        },
    }


def _area_json(area: AreaNode) -> dict[str, Any]:
    return {"key": area.key, "code": area.code, "name": area.name, "level": area.report_level}


# ---- routes --------------------------------------------------------------------------------------


@bp.route("/openapi.json")
def openapi() -> ResponseReturnValue:
    """The OpenAPI 3 description of this API (no token needed)."""
    from .openapi import description

    return _cached(
        description(
            largest_page=int(current_app.config["API_MAX_PAGE_SIZE"]),
            editions=release_downloads.EDITIONS,
            formats=release_downloads.FORMATS,
        )
    )


@bp.route("/waves")
def waves() -> ResponseReturnValue:
    """The waves the token sees, newest first."""
    found = db.session.scalars(_view().waves()).all()
    return _page([_wave_json(w) for w in found])


@bp.route("/waves/<int:wave_id>")
def wave(wave_id: int) -> ResponseReturnValue:
    return _cached(_wave_json(_wave(wave_id)))


@bp.route("/waves/<int:wave_id>/areas")
def areas(wave_id: int) -> ResponseReturnValue:
    """The areas the wave reports on that the token sees (country, states, municipalities)."""
    found = _wave(wave_id)
    shown = _view().areas(db.session, wave_areas(db.session, found))
    return _page([_area_json(a) for a in shown], wave_id=found.id)


@bp.route("/indicators")
def catalogue() -> ResponseReturnValue:
    """The standard indicators: id, group, name and definition in ``lang``, level, unit."""
    import pandas as pd

    from analysis.indicators.catalogue import catalogue_table

    language = _language()
    table = catalogue_table(language)
    rows = [
        {
            "id": record["indicator"],
            **{k: record[k] for k in ("group", "name", "definition", "level", "unit", "estimator")},
            "crime_type": None if pd.isna(record["crime_type"]) else int(record["crime_type"]),
        }
        for record in table.to_dict("records")
    ]
    return _page(rows, language=language)


@bp.route("/waves/<int:wave_id>/indicators")
def indicators(wave_id: int) -> ResponseReturnValue:
    """One area's indicator table (``area``, ``lang``, ``edition``, filters); 202 while built."""
    from ..observatory.exports import export_rows
    from ..observatory.jobs import report_settings, start_worker
    from ..services.coverage import not_measured

    found = _wave(wave_id)
    view = _view()
    language = _language()
    key = request.args.get("area") or NATIONAL
    try:
        public = view.edition(request.args.get("edition"))
        area = _area(found, key)
    except ReportRefused as refused:
        _refused(refused)
    if request.args.get("edition") not in (None, "public", "internal"):
        problem(400, "edition: choose public or internal.")
    _page_args()  # a bad limit or cursor is refused before any table is built
    try:
        table = download_table(
            db.session,
            found,
            settings=report_settings(),
            stale_after=int(current_app.config["REPORT_STALE_SECONDS"]),
            start_worker=start_worker,
        )
    except TableUnavailable as unavailable:
        _table_unavailable(unavailable)
    rows = export_rows(table, area, public=public, language=language)
    for name in ROW_FILTERS:
        wanted = request.args.get(name)
        if wanted is not None:
            rows = [r for r in rows if str(r[name]) == wanted]
    return _page(
        rows,
        wave={"id": found.id, "name": found.name, "slug": found.slug},
        area=_area_json(area),
        edition="public" if public else "internal",
        language=language,
        quality_rules=str(current_app.config["REPORT_QUALITY_RULES"]),
        # standard indicators the wave's questionnaire cannot measure (a national adaptation)
        not_measured=[
            {"indicator": n.indicator, "name": n.name, "items": list(n.items)}
            for n in not_measured(found.instrument_version, language)
        ],
    )


def _table_unavailable(unavailable: TableUnavailable) -> NoReturn:
    """404 without completed interviews, 503 when the build failed, 202 (with Retry-After and
    the address to ask again) while the table is built."""
    from ..observatory.texts import text

    output = unavailable.output
    if output is None:
        problem(404, text("no_data", "en"))
    if unavailable.failed:
        message = output.error or "The results could not be prepared."
        problem(503, f"{text('failed', 'en')}: {message}", headers={"Retry-After": "60"})
    seconds = int(current_app.config["REPORT_REFRESH_SECONDS"])
    response = jsonify(
        status=output.status.value, progress=output.progress, retry_after=seconds, url=request.url
    )
    response.status_code = 202
    response.headers["Retry-After"] = str(seconds)
    response.headers["Content-Location"] = request.full_path.rstrip("?")
    response.headers["Cache-Control"] = "no-store"
    abort(response)


def _area(wave: Wave, key: str) -> AreaNode:
    """The wave's area ``key`` if the token sees it; ReportRefused otherwise."""
    from ..services.report_build import find_area

    try:
        area = find_area(db.session, wave, key)
    except ReportError:
        raise ReportRefused("not_found") from None
    if not _view().sees_area(db.session, area):
        raise ReportRefused("forbidden")
    return area


@bp.route("/waves/<int:wave_id>/microdata")
def microdata(wave_id: int) -> ResponseReturnValue:
    """The microdata releases of the wave this token may download, one per edition and format."""
    found = _wave(wave_id)
    editions = release_downloads.token_editions(_view())
    if not editions:
        problem(403, "This token may not download microdata; ask an administrator.")
    releases = [
        {
            "edition": edition,
            "format": format_,
            "url": url_for(
                "api_v1.microdata_release", wave_id=found.id, edition=edition, format_=format_
            ),
        }
        for edition in editions
        for format_ in release_downloads.FORMATS
    ]
    return _page(releases, wave_id=found.id)


@bp.route("/waves/<int:wave_id>/microdata/<edition>/<format_>")
@limiter.limit(_download_limit, key_func=_rate_key, deduct_when=_release_sent)
def microdata_release(wave_id: int, edition: str, format_: str) -> ResponseReturnValue:
    """One release as a ZIP: files, codebook, (public) disclosure report, DDI XML; 202 while
    it is built (once per version of what it holds), as the indicator tables."""
    from ..observatory.jobs import start_worker
    from ..observatory.microdata import release_response

    found = _wave(wave_id)
    language = _language()
    editions = release_downloads.token_editions(_view())
    if edition not in release_downloads.EDITIONS:
        problem(404, f"edition: choose one of {', '.join(release_downloads.EDITIONS)}.")
    if format_ not in release_downloads.FORMATS:
        problem(404, f"format: choose one of {', '.join(release_downloads.FORMATS)}.")
    if edition not in editions:
        problem(403, f"This token may not download the {edition} edition.")
    try:
        release = release_downloads.ready_release(
            db.session,
            found,
            edition=cast(Edition, edition),
            format_=format_,
            language=language,
            stale_after=int(current_app.config["REPORT_STALE_SECONDS"]),
            start_worker=start_worker,
        )
    except release_downloads.ReleaseUnavailable as exc:
        db.session.rollback()
        problem(409, f"This release cannot be made: {exc.message}", code="release_unavailable")
    except TableUnavailable as unavailable:
        _table_unavailable(unavailable)
    name = release_downloads.archive_name(found, edition, format_, language)
    return _cacheable(release_response(release, name))  # its ETag is set: the body is not read
