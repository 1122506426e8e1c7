"""Response headers and proxy handling that every deployment needs."""

from __future__ import annotations

import json
import math
from typing import Any

from flask import Flask, Response, request
from flask.typing import ResponseReturnValue
from markupsafe import Markup
from werkzeug.middleware.proxy_fix import ProxyFix

from .errors import error_response
from .requestlog import is_respondent_path

#: What a person is told when something they sent holds a NUL character.
NUL_MESSAGE = (
    "What you sent contains a NUL character (a zero byte), which no field accepts. "
    "Remove it (it often comes from copying out of another program) and try again."
)

#: Invisible characters that reorder the text around them (the embeddings, overrides and
#: isolates of Unicode's bidirectional algorithm, and its marks): in a wave name or a
#: household id they move a badge into the middle of a heading, or the words of a message.
#: No name, id or address of ours needs one; they are refused where staff type such text
#: and in uploaded files (:func:`direction_control`), as NUL is refused everywhere.
DIRECTION_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def direction_control(text: str) -> str | None:
    """The first character of :data:`DIRECTION_CONTROLS` in ``text`` as ``U+202E``, else None."""
    if DIRECTION_CONTROLS.isdisjoint(text):
        return None
    return next(f"U+{ord(c):04X}" for c in text if c in DIRECTION_CONTROLS)


def show_direction_controls(value: Any) -> Any:
    """``value`` with each character of :data:`DIRECTION_CONTROLS` written out as ``[U+202E]``.

    Every ``{{ … }}`` of every template goes through it (Jinja's ``finalize``): text stored
    before a rule refused these characters (a visit note or household initials from a
    tablet of an earlier version, a name from an old upload) can neither reorder the page
    around it nor hide that it holds one; the reader sees where it is. Markup keeps its
    type (the marker holds nothing to escape)."""
    if not isinstance(value, str) or DIRECTION_CONTROLS.isdisjoint(value):
        return value
    shown = "".join(f"[U+{ord(c):04X}]" if c in DIRECTION_CONTROLS else c for c in value)
    return Markup(shown) if isinstance(value, Markup) else shown


#: Where refuse_nul leaves the request's JSON body as :func:`parse_strict_json` read it
#: (in the WSGI environ: one per request, even when a test holds an application context open).
STRICT_JSON_KEY = "surveyapp.strict_json"

#: Staff areas whose pages must not be kept by browsers or shared caches.
PRIVATE_PREFIXES = ("/manage", "/fieldwork", "/observatory", "/auth")


def _headers(app: Flask) -> None:
    csp = app.config["CONTENT_SECURITY_POLICY"]

    def add(response: Response) -> Response:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if csp:
            response.headers.setdefault("Content-Security-Policy", csp)
        if request.path.startswith(PRIVATE_PREFIXES):
            response.headers["Cache-Control"] = "no-store"
        elif is_respondent_path(request.path) and response.mimetype == "text/html":
            # What the survey's own pages send, also on pages it does not render (405, 413 ...):
            # no copy in any cache, and the survey address passed to no other site.
            response.headers.setdefault("Cache-Control", "no-store")
            response.headers["Referrer-Policy"] = "no-referrer"
        return response

    app.after_request(add)


def _has_nul(value: Any) -> bool:
    """True when a string, or any key or string inside a JSON value, holds a NUL character."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("number out of range")
    return value


def parse_strict_json(data: bytes) -> Any:
    """JSON in UTF-8 without NaN, Infinity or numbers beyond a float's range; ValueError
    (UnicodeDecodeError included) or RecursionError otherwise."""
    return json.loads(data.decode("utf-8"), parse_constant=_reject_constant, parse_float=_finite)


def strict_json_body() -> Any:
    """The request's body by :func:`parse_strict_json`, parsed once per request: the parse
    refuse_nul made when it checked the body, else now (ValueError or RecursionError as there)."""
    if STRICT_JSON_KEY in request.environ:
        return request.environ[STRICT_JSON_KEY]
    return parse_strict_json(request.get_data(cache=False))  # 413 beyond MAX_CONTENT_LENGTH


def _json_body_for_nul_check() -> Any:
    """The JSON body as refuse_nul walks it: strictly parsed (and kept for the view, so that a
    tablet's upload is parsed once), else as Flask's lenient parser reads it (UTF-16, NaN ...),
    which raises RecursionError for nesting deeper than it goes."""
    try:
        body = parse_strict_json(request.get_data(cache=True))
    except (ValueError, RecursionError):
        return request.get_json(silent=True)
    request.environ[STRICT_JSON_KEY] = body
    return body


def refuse_nul() -> ResponseReturnValue | None:
    """400 for a NUL character in the path, query, form (names, values, file names) or JSON.

    PostgreSQL cannot store NUL in text and SQLite would keep it silently; no field
    needs it. Runs before every view (uploaded files' contents are checked by the
    CSV reader, by line).
    """
    found = "\x00" in request.path or any(
        _has_nul(k) or _has_nul(v) for k, v in request.args.items(multi=True)
    )
    if not found and request.method in ("POST", "PUT", "PATCH", "DELETE"):
        if request.is_json:
            try:
                body = _json_body_for_nul_check()
            except RecursionError:  # nested deeper than Python's parser goes: no body of ours is
                return error_response(400, "The JSON body is nested too deeply.")
            # JSON writes NUL only as the escape \u0000 (a raw NUL byte is not valid JSON text;
            # UTF-16 and UTF-32 bodies hold NUL bytes and are walked): a body with neither holds
            # none, and a tablet's interview (10-15 KiB) is not walked value by value
            raw = request.get_data(cache=True)
            found = (b"\x00" in raw or b"\\u0000" in raw) and _has_nul(body)
        else:
            found = any(
                _has_nul(k) or _has_nul(v) for k, v in request.form.items(multi=True)
            ) or any(
                _has_nul(k) or _has_nul(f.filename or "")
                for k, f in request.files.items(multi=True)
            )
    if found:
        return error_response(400, NUL_MESSAGE, staff_key="error_nul")
    return None


def register_security(app: Flask) -> None:
    """Refuse NUL characters; show stored direction controls; trust X-Forwarded-* from TRUSTED_PROXIES proxies; add the security headers."""
    app.before_request(refuse_nul)
    app.jinja_env.finalize = show_direction_controls
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies > 0:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies
        )
    if app.config["SECURITY_HEADERS"]:
        _headers(app)
