"""Request hooks of the respondent pages: the body limit first, private headers on every answer."""

from __future__ import annotations

from flask import Response, current_app, request
from flask.blueprints import BlueprintSetupState
from werkzeug.exceptions import RequestEntityTooLarge

from .blueprint import bp


def _limit_body() -> None:
    """Cap respondent bodies before anything (CSRF included) reads the form."""
    if request.path.startswith("/s/") and request.method == "POST":
        limit = int(current_app.config["RESPOND_MAX_BODY"])
        request.max_content_length = limit
        request.max_form_memory_size = limit
        if request.content_length is not None and request.content_length > limit:
            raise RequestEntityTooLarge()


@bp.record_once
def _install_body_limit(setup: BlueprintSetupState) -> None:
    app = setup.app
    # First in line: CSRFProtect's own before_request parses the form.
    app.before_request_funcs.setdefault(None, []).insert(0, _limit_body)


@bp.after_request
def _private_headers(response: Response) -> Response:
    """Nothing cached by proxies, no referrer leaves the site, only our own scripts run."""
    if request.endpoint not in ("respond.static", "respond.expressions_js"):
        response.headers["Cache-Control"] = "no-store"  # answers must not linger in caches
    elif request.args.get("v") and response.status_code == 200:
        # Versioned asset URLs change with the content: phones fetch each once.
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    )
    return response
