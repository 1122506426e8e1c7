"""The respondent blueprint (/s/): the blueprint, the code-guessing rate limit, error pages.

Request hooks are in :mod:`.hooks`, assets in :mod:`.assets`, question pages
written in Python in :mod:`.html` and :mod:`.options`; importing the package
registers them all.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, current_app, make_response, request
from flask.blueprints import BlueprintSetupState
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
#: have one). Flask-Limiter's check of every request would spend about 0.08 ms of each
#: finding that no limit applies (a request filter runs only after most of that work), so
#: its check is skipped for them, unless an operator configured default or application-wide
#: limits (RATELIMIT_DEFAULT, RATELIMIT_APPLICATION), which then apply.
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


def _unless_unlimited(check: Callable[[], None]) -> Callable[[], None]:
    """Flask-Limiter's per-request check, skipped for :data:`UNLIMITED_ENDPOINTS`."""

    def check_request_limit() -> None:
        if request.endpoint in UNLIMITED_ENDPOINTS:
            config = current_app.config
            if not (config.get("RATELIMIT_DEFAULT") or config.get("RATELIMIT_APPLICATION")):
                return None
        return check()

    return check_request_limit


@bp.record_once
def _skip_limiter_on_unlimited_pages(setup: BlueprintSetupState) -> None:
    hooks = setup.app.before_request_funcs.get(None, [])
    for at, hook in enumerate(hooks):
        if hook == limiter._check_request_limit:
            hooks[at] = _unless_unlimited(hook)


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
