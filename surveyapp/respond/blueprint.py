"""The respondent blueprint (/s/): the blueprint, the code-guessing rate limit, error pages.

Request hooks are in :mod:`.hooks`, assets in :mod:`.assets`, question pages
written in Python in :mod:`.html` and :mod:`.options`; importing the package
registers them all.
"""

from __future__ import annotations

from flask import Blueprint, current_app, make_response, request
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from ..errors import database_unavailable
from ..extensions import db, limiter
from ..i18n import default_language
from .current import ui_language
from .views import render

bp = Blueprint(
    "respond",
    __name__,
    url_prefix="/s",
    static_folder="../static/respond",
    static_url_path="/static",
)


def _code_rate_limit() -> str:
    return str(current_app.config["RESPOND_CODE_RATE_LIMIT"])


code_limit = limiter.limit(_code_rate_limit, methods=["POST"])
code_link_limit = limiter.limit(_code_rate_limit)

#: Respondent endpoints without a rate limit of their own (the code and resume-code routes
#: have one): Flask-Limiter would spend ~0.08 ms of every page request finding that no limit
#: applies, about a tenth of a page's CPU. Skipped unless an operator configured default or
#: application-wide limits (RATELIMIT_DEFAULT, RATELIMIT_APPLICATION), which then apply.
UNLIMITED_ENDPOINTS = frozenset(
    {
        "respond.page",
        "respond.continue_survey",
        "respond.saved",
        "respond.leave",
        "respond.done",
        "respond.landing",
        "respond.start",
        "respond.expressions_js",
    }
)


@limiter.request_filter
def _unlimited_respondent_page() -> bool:
    if request.endpoint not in UNLIMITED_ENDPOINTS:
        return False
    config = current_app.config
    return not (config.get("RATELIMIT_DEFAULT") or config.get("RATELIMIT_APPLICATION"))


# --- errors: the respondent's language and layout, never a traceback ---------------------


def error_page(status: int, body_key: str) -> ResponseReturnValue:
    try:
        db.session.rollback()
    except OperationalError:  # the connection itself is gone; the pool replaces it
        db.session.close()
    try:
        language = ui_language()
    except Exception:  # the session or database may be what failed
        language = default_language()
    return render("respond/message.html", language, status, title_key="survey", body_key=body_key)


@bp.errorhandler(CSRFError)
def _csrf_error(exc: CSRFError) -> ResponseReturnValue:
    return error_page(400, "csrf")


@bp.errorhandler(OperationalError)
def _database_unavailable(exc: OperationalError) -> ResponseReturnValue:
    """The database is down, restarting or locked: the respondent's language, 503, retry."""
    rule = request.url_rule.rule if request.url_rule is not None else "/s/<unknown>"
    return database_unavailable(exc, rule, make_response(error_page(503, "unavailable")))


@bp.errorhandler(HTTPException)
def _http_error(exc: HTTPException) -> ResponseReturnValue:
    keys = {404: "not_found", 413: "too_large", 429: "too_many"}
    status = exc.code or 400
    if status >= 500:
        return exc
    return error_page(status, keys.get(status, "bad_request"))
