"""The respondent blueprint (/s/): body limit, private headers, errors, the evaluator script."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    Response,
    current_app,
    request,
    url_for,
)
from flask.blueprints import BlueprintSetupState
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

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


# --- request hooks -------------------------------------------------------------------


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


# --- errors: the respondent's language and layout, never a traceback ---------------------


def error_page(status: int, body_key: str) -> ResponseReturnValue:
    db.session.rollback()
    try:
        language = ui_language()
    except Exception:  # the session or database may be what failed
        language = default_language()
    return render("respond/message.html", language, status, title_key="survey", body_key=body_key)


@bp.errorhandler(CSRFError)
def _csrf_error(exc: CSRFError) -> ResponseReturnValue:
    return error_page(400, "csrf")


@bp.errorhandler(HTTPException)
def _http_error(exc: HTTPException) -> ResponseReturnValue:
    keys = {404: "not_found", 413: "too_large", 429: "too_many"}
    status = exc.code or 400
    if status >= 500:
        return exc
    return error_page(status, keys.get(status, "bad_request"))


# --- the expression evaluator, from its one source ------------------------------------------

_EXPRESSIONS_JS: tuple[bytes, str] | None = None


def _expressions_js() -> tuple[bytes, str]:
    global _EXPRESSIONS_JS
    if _EXPRESSIONS_JS is None:
        body = resources.files("questionnaires").joinpath("js/expressions.js").read_bytes()
        _EXPRESSIONS_JS = (body, hashlib.sha256(body).hexdigest()[:16])
    return _EXPRESSIONS_JS


@bp.get("/expressions.js")
def expressions_js() -> ResponseReturnValue:
    """questionnaires/js/expressions.js, read from the installed package (never copied)."""
    body, etag = _expressions_js()
    response = Response(body, mimetype="text/javascript")
    response.set_etag(etag)
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response.make_conditional(request)


def expressions_version() -> str:
    return _expressions_js()[1]


_asset_versions: dict[str, str] = {}


@bp.app_template_global()
def respond_asset(filename: str) -> str:
    """URL of a respondent asset with a content hash, so it can be cached for good."""
    if filename == "expressions.js":
        return url_for("respond.expressions_js", v=expressions_version())
    version = _asset_versions.get(filename)
    if version is None:
        assert bp.static_folder is not None
        body = (Path(bp.root_path) / bp.static_folder / filename).read_bytes()
        version = _asset_versions.setdefault(filename, hashlib.sha256(body).hexdigest()[:16])
    return url_for("respond.static", filename=filename, v=version)


@bp.app_template_global()
def respond_options(f: Any, view: Any, kind: str, t: Callable[..., str]) -> Markup:
    """The radios or checkboxes of a choice question: what the ``options`` macro of
    respond/_questions.html wrote, character for character, at a fraction of the cost of a
    Jinja loop (the largest share of rendering a page with many options)."""
    regular = len(view.choices) - len(view.special_codes)
    chosen = (f.data or []) if kind == "checkboxes" else [f.data]
    input_type = "checkbox" if kind == "checkboxes" else "radio"
    k = escape(kind)
    fid, fname = escape(f.id), escape(f.name)
    divider = f'<div class="{k}__divider">{escape(t("or"))}</div>'
    parts = [f'\n\n\n<div class="{k}">\n  ']
    for index, (code, label) in enumerate(view.choices):
        value = str(code)
        parts.append("\n  ")
        if index == regular and view.special_codes and regular > 0:
            parts.append(divider)
        parts.append(
            f'\n  \n  <div class="{k}__item">\n    <input {"checked " if value in chosen else ""}'
            f'class="{k}__input" id="{fid}-{index}" name="{fname}" type="{input_type}" '
            f'value="{escape(value)}">\n    <label class="{k}__label" for="{fid}-{index}">'
            f"{escape(label)}</label>\n  </div>\n  "
        )
    parts.append("\n</div>")
    return Markup("".join(parts))
