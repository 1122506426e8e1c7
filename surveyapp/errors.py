"""Error pages: JSON for API clients, HTML for browsers, never a traceback."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, Response, current_app, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException, InternalServerError

from .extensions import db
from .i18n import LANGUAGE_NAMES, asked_or_default_language, lookup
from .staff_texts import STAFF_ENDPOINTS, TEXTS, is_staff_page, page_language, st

#: What each error means to the person who got it.
MESSAGES: dict[int, str] = {
    400: "The request could not be understood. Please go back and try again.",
    401: "Please log in to continue.",
    403: "You do not have permission to see this page.",
    404: "This page does not exist. Check the address.",
    405: "This page cannot be used that way.",
    409: "Someone else changed this at the same time. Reload the page and try again.",
    413: "What you sent is too large.",
    429: "Too many attempts. Please wait a few minutes and try again.",
    503: (
        "The service cannot reach its data for a moment. What was saved before is safe; "
        "please try again in a few minutes."
    ),
    500: "Something went wrong on our side. Nothing you entered was lost by you; please try again later.",
}

TITLES: dict[int, str] = {
    400: "Bad request",
    401: "Login required",
    403: "Forbidden",
    404: "Page not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Request too large",
    429: "Too many requests",
    500: "Server error",
    503: "Temporarily unavailable",
}

CSRF_MESSAGE = "The form had expired or was not sent from this site. Reload the page and try again."

#: Errors a staff page or an observatory page says in its own language (staff_texts
#: ``error_<code>`` and ``error_<code>_title``); others, and every error elsewhere, are English.
STAFF_ERRORS = frozenset({400, 403, 404, 405, 409, 413, 429, 500, 503})


def is_observatory_page() -> bool:
    """This request is a visitor's observatory page: a route of its blueprint other than the
    staff uploads (:data:`~surveyapp.staff_texts.STAFF_ENDPOINTS`), or (a path no route
    answers: 404, 405) a path under its prefix."""
    if request.blueprint is not None or request.url_rule is not None:
        return request.blueprint == "observatory" and request.endpoint not in STAFF_ENDPOINTS
    prefix = current_app.blueprints["observatory"].url_prefix or ""
    return bool(prefix) and (request.path == prefix or request.path.startswith(prefix + "/"))


def wants_json() -> bool:
    """True for /api/ paths and clients that prefer JSON to HTML."""
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return (
        best == "application/json"
        and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]
    )


def error_response(
    code: int,
    message: str | None = None,
    *,
    staff_key: str | None = None,
    observatory_key: str | None = None,
    observatory_said: Callable[[str], str] | None = None,
) -> tuple[Response | str, int]:
    """Render an error as JSON or HTML with the given status code.

    On a staff page, an error of :data:`STAFF_ERRORS` is said in the page's language: its
    staff text ``error_<code>``, or ``staff_key`` (the staff text of ``message``). On an
    observatory page likewise in the visitor's language (?lang=, else the default), in the
    observatory's frame; ``observatory_key`` is the observatory text of ``message``, or
    ``observatory_said`` gives ``message`` in a language. Any other message stays English, as
    it does for API clients.
    """
    text = message or MESSAGES.get(code, "The request failed.")
    title = TITLES.get(code, "Error")
    if wants_json():
        return jsonify(error=title, message=text, status=code), code
    language = "en"
    said = staff_key or (f"error_{code}" if message is None else None)
    if (
        code in STAFF_ERRORS
        and (said or observatory_key or observatory_said)
        and is_observatory_page()
    ):
        return _observatory_error(code, said, observatory_key, observatory_said), code
    if said and code in STAFF_ERRORS and is_staff_page():
        language = page_language()  # inside a staff page's frame: in that page's language
        title, text = st(f"error_{code}_title"), st(said)
    return render_template(
        "errors/error.html", code=code, title=title, message=text, text_language=language
    ), code


def _observatory_error(
    code: int,
    staff_key: str | None,
    observatory_key: str | None,
    observatory_said: Callable[[str], str] | None = None,
) -> str:
    """The error page of an observatory page, words and frame in the visitor's language."""
    from .observatory.texts import TEXTS as OBSERVATORY_TEXTS

    language = asked_or_default_language()
    if observatory_said is not None:
        message = observatory_said(language)
    elif observatory_key:
        message = lookup(OBSERVATORY_TEXTS, observatory_key, language)
    else:
        message = lookup(TEXTS, staff_key or f"error_{code}", language)
    return render_template(
        "errors/observatory.html",
        code=code,
        title=lookup(TEXTS, f"error_{code}_title", language),
        message=message,
        home=lookup(TEXTS, "go_home", language),
        # what observatory/layout.html needs (its blueprint's context processor does not run
        # for a path no route answers)
        lang=language,
        language_names=LANGUAGE_NAMES,
        t=lambda key, **values: lookup(OBSERVATORY_TEXTS, key, language, **values),
    )


def _http_error(exc: HTTPException) -> Response | HTTPException:
    if exc.code is None or exc.code < 400:
        return exc
    if exc.code >= 500:
        return current_app.make_response(_server_error(exc))
    response = current_app.make_response(error_response(exc.code))
    for name, value in exc.get_headers():
        if name in ("Allow", "Retry-After", "WWW-Authenticate"):
            response.headers[name] = value
    return response


def _csrf_error(exc: CSRFError) -> tuple[Response | str, int]:
    return error_response(400, CSRF_MESSAGE, staff_key="error_csrf")


def _server_error(exc: Exception) -> tuple[Response | str, int]:
    original = getattr(exc, "original_exception", None) or exc
    current_app.logger.error(
        "unhandled error on %s %s", request.method, request.path, exc_info=original
    )
    db.session.rollback()
    return error_response(500)


#: Seconds a client is asked to wait after a database outage (Retry-After).
RETRY_AFTER = 60


def database_message(exc: Exception) -> str:
    """The first line of what the database driver said (no SQL, no parameters)."""
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0]


def database_unavailable(exc: OperationalError, where: str, response: Response) -> Response:
    """Log an outage on ``where`` (a path or route rule, never a code from the path), end
    the session's transaction and ask the client to retry ``response`` later."""
    current_app.logger.error(
        "database unavailable on %s %s: %s", request.method, where, database_message(exc)
    )
    try:
        db.session.rollback()
    except OperationalError:  # the connection itself is gone; the pool replaces it
        db.session.close()
    response.headers["Retry-After"] = str(RETRY_AFTER)
    return response


def _database_unavailable(exc: OperationalError) -> Response:
    """The database is down, restarting or locked (OperationalError): 503 with Retry-After,
    for monitors and clients to retry; logged for the operators."""
    return database_unavailable(exc, request.path, current_app.make_response(error_response(503)))


def _conflict(exc: Exception) -> tuple[Response | str, int]:
    # Two saves of the same row raced (optimistic concurrency): nothing was written.
    db.session.rollback()
    return error_response(409)


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(StaleDataError, _conflict)
    app.register_error_handler(OperationalError, _database_unavailable)
    app.register_error_handler(InternalServerError, _server_error)
    app.register_error_handler(HTTPException, _http_error)
