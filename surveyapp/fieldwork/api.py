"""The interviewer app's JSON API (``/api/field``): login, assignments down, interviews up.

The protocol, with every error code, is in ``surveyapp/docs/fieldwork.md``.
Clients authenticate with ``Authorization: Bearer <token>`` (no cookies, so no
CSRF token); every error is JSON with a stable ``code``.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

from flask import Blueprint, Response, current_app, g, jsonify, request, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from ..errors import MESSAGES, TITLES
from ..extensions import csrf, db, limiter
from ..models import ApiToken, Interview, User
from ..security import direction_control, strict_json_body
from ..services import attempts as contact_attempts
from ..services import fieldwork, twofactor
from ..services.dispositions import aapor_code
from ..services.fieldwork import FieldworkError, iso
from ..services.users import LoginOutcome, authenticate

bp = Blueprint("field_api", __name__, url_prefix="/api/field")
# The app authenticates with a bearer token on every request, never a cookie: no CSRF token.
csrf.exempt(bp)

F = TypeVar("F", bound=Callable[..., Any])

#: HTTP status of each FieldworkError code.
STATUS: dict[str, int] = {
    "invalid_request": 400,
    "invalid_uuid": 400,
    "bad_credentials": 401,
    "code_required": 401,
    "bad_code": 401,
    "token_invalid": 401,
    "role_not_allowed": 403,
    "two_factor_setup": 403,
    "password_change": 403,
    "not_assigned": 403,
    "not_found": 404,
    "approved": 409,
    "changed": 409,
    "owner": 409,
    "instrument": 409,
    "wave_not_accepting": 409,
    "invalid": 422,
    "busy": 503,
}
#: Codes of errors raised by Flask or Werkzeug inside this blueprint's requests.
HTTP_CODES: dict[int, str] = {
    400: "invalid_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    429: "rate_limited",
}
BAD_CREDENTIALS = (
    "The email address or password is wrong, or the account is locked after repeated "
    "failed attempts."
)


# ---- errors --------------------------------------------------------------------------------------


def error(
    status: int,
    code: str,
    message: str,
    *,
    reason: str | None = None,
    params: dict[str, Any] | None = None,
    **extra: Any,
) -> Response:
    """An error's JSON: ``code`` (stable), ``message`` (English), ``reason`` (which case of the
    code; the code when it has one) and ``params`` (what the message names), from which the app
    writes the message in the interviewer's language."""
    response = jsonify(
        error=TITLES.get(status, "Error"),
        status=status,
        code=code,
        message=message,
        reason=reason or code,
        params=params or {},
        **extra,
    )
    response.status_code = status
    return response


@bp.errorhandler(FieldworkError)
def _fieldwork_error(exc: FieldworkError) -> Response:
    db.session.rollback()
    status = STATUS[exc.code]
    extra: dict[str, Any] = {}
    if exc.problems:
        extra["problems"] = [
            {"path": p.path, "message": p.message, "reason": p.reason, "params": dict(p.params)}
            for p in exc.problems
        ]
    response = error(status, exc.code, exc.message, reason=exc.reason, params=exc.params, **extra)
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="field"'
    if status == 503:
        response.headers["Retry-After"] = "5"
    return response


@bp.errorhandler(HTTPException)
def _http_error(exc: HTTPException) -> Response | HTTPException:
    if exc.code is None or exc.code < 400 or exc.code >= 500:
        return exc
    db.session.rollback()
    response = error(
        exc.code, HTTP_CODES.get(exc.code, "error"), MESSAGES.get(exc.code, "The request failed.")
    )
    for name, value in exc.get_headers():
        if name in ("Allow", "Retry-After"):
            response.headers[name] = value
    return response


@bp.before_request
def _refuse_large_bodies() -> None:
    """413 before any token check or database work (a body no view reads is still refused)."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if limit is not None and (request.content_length or 0) > int(limit):
        raise RequestEntityTooLarge()


@bp.after_request
def _finish(response: Response) -> Response:
    """No caching unless a view says otherwise; a ``code`` in JSON errors answered by the app's
    own checks before this blueprint's views (e.g. a NUL character anywhere in the request)."""
    response.headers.setdefault("Cache-Control", "no-store")
    if response.status_code >= 400 and response.is_json and not response.direct_passthrough:
        body = response.get_json(silent=True)
        if isinstance(body, dict) and "code" not in body:
            body["code"] = body["reason"] = HTTP_CODES.get(response.status_code, "error")
            body["params"] = {}
            response.set_data(json.dumps(body))
    return response


# ---- request helpers -----------------------------------------------------------------------------


def json_body() -> Any:
    """The request's JSON (strict: UTF-8, no NaN or Infinity), else FieldworkError invalid_request;
    parsed once per request (security.strict_json_body)."""
    if request.mimetype != "application/json":
        raise FieldworkError(
            "invalid_request", "Send the body as JSON with Content-Type: application/json."
        )
    try:
        return strict_json_body()
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise FieldworkError("invalid_request", "The body is not valid JSON.") from None


def current_login() -> fieldwork.FieldHolder:
    """The token's holder as the token check read it (ids, device; no ORM instance)."""
    return cast(fieldwork.FieldHolder, g.field_holder)


def token_required(view: F) -> F:
    """Let through requests with a usable field token of a user who does field work."""

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        scheme, _, plain = request.headers.get("Authorization", "").partition(" ")
        plain = plain.strip()
        if scheme.lower() != "bearer" or not plain or len(plain) > 200:
            raise FieldworkError(
                "token_invalid", "This device is not logged in. Log in again with a network."
            )
        cfg = current_app.config
        holder, touched = fieldwork.token_holder(
            db.session,
            plain,
            touch_after=dt.timedelta(seconds=int(cfg["FIELD_TOKEN_TOUCH_SECONDS"])),
        )
        if touched:
            db.session.commit()  # last_used_at, once a minute at most
        g.field_holder = holder
        return view(*args, **kwargs)

    wrapped.required_roles = frozenset(fieldwork.FIELD_ROLES)  # type: ignore[attr-defined]
    return cast(F, wrapped)


def user_json(user: User | fieldwork.FieldHolder) -> dict[str, Any]:
    return {"id": user.id, "name": user.name, "email": user.email, "role": user.role.value}


# ---- login and session ---------------------------------------------------------------------------


def _login_limit() -> str:
    return str(current_app.config["LOGIN_RATE_LIMIT"])


@bp.route("/login", methods=["POST"])
@limiter.limit(_login_limit)
def login() -> ResponseReturnValue:
    """Issue a device token for an email and password."""
    body = json_body()
    if not isinstance(body, dict):
        raise FieldworkError("invalid_request", "The body must be a JSON object.")
    email, password, device = body.get("email"), body.get("password"), body.get("device", "")
    if not isinstance(email, str) or not isinstance(password, str) or not isinstance(device, str):
        raise FieldworkError(
            "invalid_request", "Send email, password and device name, each as a string."
        )
    device_id = body.get("device_id")
    if device_id is not None and not isinstance(device_id, str):
        raise FieldworkError("invalid_request", "Send the device id as a string.")
    fieldwork.check_text([email, password, device, device_id or ""], "The login")
    char = direction_control(device)  # staff read the name on the devices page
    if char is not None:
        raise FieldworkError(
            "invalid_request",
            f"The device name holds an invisible character that reorders the text ({char}); "
            "type the name again.",
            reason="direction_control",
            params={"field": "device", "char": char},
        )
    if len(email) > 254 or len(password) > 1024:
        raise FieldworkError("bad_credentials", BAD_CREDENTIALS)
    cfg = current_app.config
    result = authenticate(
        db.session,
        email,
        password,
        max_failed=int(cfg["LOGIN_MAX_FAILED"]),
        lockout=dt.timedelta(minutes=int(cfg["LOGIN_LOCKOUT_MINUTES"])),
    )
    db.session.commit()  # failed attempts count even when the answer is an error
    if result.outcome is not LoginOutcome.ok or result.user is None:
        raise FieldworkError("bad_credentials", BAD_CREDENTIALS)
    _second_factor(result.user, body.get("code"))
    token, plain = fieldwork.issue_token(
        db.session,
        result.user,
        device=device,
        device_id=device_id,
        days=int(cfg["FIELD_TOKEN_DAYS"]),
    )
    db.session.commit()
    return jsonify(token=plain, expires_at=iso(token.expires_at), user=user_json(token.user))


def _second_factor(user: User, code: object) -> None:
    """The same second factor as the web login: a device token is a login too. Then what the
    website asks first, in its order: a temporary password changed, two-factor set up."""
    if user.has_two_factor:
        if code is None or code == "":
            raise FieldworkError(
                "code_required",
                "Enter the 6-digit code from your authenticator app (or a recovery code).",
            )
        if (
            not isinstance(code, str)
            or len(code) > 32
            or not twofactor.verify(db.session, user, code)
        ):
            db.session.commit()  # the failed attempt is audited
            raise FieldworkError(
                "bad_code", "That code is wrong or was already used. Try the next one."
            )
    if user.must_change_password:
        # Someone else set this password: the app cannot change it, the website can.
        db.session.commit()  # a used code stays used
        where = url_for("auth.change_password", _external=True)  # the tablet is elsewhere
        raise FieldworkError(
            "password_change",
            f"Your password is temporary: change it on the website first ({where}), then log "
            "in here with the new one.",
            params={"url": where},
        )
    if user.has_two_factor:
        return
    if user.role.value in set(current_app.config["TWO_FACTOR_REQUIRED_ROLES"]):
        raise FieldworkError(
            "two_factor_setup",
            "Your account needs two-factor authentication: set it up on the website first.",
        )


@bp.route("/logout", methods=["POST"])
@token_required
def logout() -> ResponseReturnValue:
    """End this device's token."""
    holder = current_login()
    token = db.session.get(ApiToken, holder.token_id)
    if token is None:  # deleted since the token check, with its user
        raise FieldworkError("token_invalid", "This device is not logged in. Log in again.")
    fieldwork.revoke_token(db.session, token, by=holder)
    db.session.commit()
    return Response(status=204)


@bp.route("/me")
@token_required
def me() -> ResponseReturnValue:
    holder = current_login()
    return jsonify(user=user_json(holder), device=holder.device, expires_at=iso(holder.expires_at))


# ---- assignments and instruments -----------------------------------------------------------------


@bp.route("/assignments")
@token_required
def assignments() -> ResponseReturnValue:
    """Waves, units and interviews of this interviewer; ETag over everything but server_time."""
    found = fieldwork.assignments(db.session, current_login())
    body = {
        "waves": [
            {
                "id": w.id,
                "name": w.name,
                "slug": w.slug,
                "status": w.status.value,
                "languages": list(w.languages),
                "default_language": w.instrument_version.default_language
                if w.instrument_version.default_language in w.languages
                else w.languages[0],
                "reference_start": w.reference_start.isoformat(),
                "reference_end": w.reference_end.isoformat(),
                "selection_method": w.selection_method.value,
                # what the interviewer reads out or hands over at the end (waves.support_notes)
                "support_notes": {
                    lang: note
                    for lang, note in (w.support_notes or {}).items()
                    if lang in w.languages
                },
                "instrument": {
                    "hash": w.instrument_version.content_hash,
                    "id": w.instrument_version.instrument_id,
                    "version": w.instrument_version.version,
                    "url": url_for(
                        "field_api.instrument", content_hash=w.instrument_version.content_hash
                    ),
                },
            }
            for w in found.waves
        ],
        "units": [
            {
                "id": u.id,
                "wave_id": u.wave_id,
                "external_id": u.external_id,
                "address": u.address,
                "area": {"code": u.area.code, "name": u.area.name} if u.area else None,
                "status": u.status.value,
                "selection_seed": u.selection_seed,
                "attempts": _attempts_json(found.attempts.get(u.id)),
                "disposition": aapor_code(u.disposition),
                "interviewed_elsewhere": u.id in found.elsewhere,
            }
            for u in found.units
        ],
        "interviews": [_interview_state(i, found.received.get(i.id)) for i in found.interviews],
    }
    etag = hashlib.sha256(
        json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")
    ).hexdigest()[:32]
    if request.if_none_match.contains(etag):
        response = Response(status=304)
    else:
        response = jsonify(server_time=iso(fieldwork.utcnow()), **body)
    response.set_etag(etag)
    response.headers["Cache-Control"] = "private, no-cache"
    return response


def _attempts_json(attempts: fieldwork.UnitAttempts | None) -> dict[str, Any]:
    if attempts is None:
        return {
            "count": 0,
            "last_outcome": None,
            "last_at": None,
            "appointment_date": None,
            "appointment_time": None,
        }
    return {
        "count": attempts.count,
        "last_outcome": attempts.last_outcome,
        "last_at": attempts.last_at,
        "appointment_date": _day(attempts.appointment_date),
        "appointment_time": _hour(attempts.appointment_time),
    }


def _day(value: dt.date | None) -> str | None:
    """An appointment's day as the app sends it, ``2026-12-15``."""
    return value.isoformat() if value is not None else None


def _hour(value: dt.time | None) -> str | None:
    """An appointment's time as the app sends it, ``15:00``."""
    return value.strftime("%H:%M") if value is not None else None


def _interview_state(interview: Interview, received_at: dt.datetime | None) -> dict[str, Any]:
    return {
        "uuid": interview.uuid,
        "wave_id": interview.wave_id,
        "sample_unit_id": interview.sample_unit_id,
        "revision": interview.revision,
        "status": interview.status.value,
        "review_status": interview.review_status.value if interview.review_status else None,
        "review_comment": interview.review_comment,
        "review_item": interview.review_item,
        "reviewed_at": iso(interview.reviewed_at),
        "received_at": iso(received_at),
    }


@bp.route("/instruments/<content_hash>")
@token_required
def instrument(content_hash: str) -> ResponseReturnValue:
    """The instrument document of a wave in this interviewer's assignments (all languages)."""
    for wave in fieldwork.field_waves(db.session, current_login()):
        if wave.instrument_version.content_hash == content_hash:
            response = jsonify(wave.instrument_version.document)
            response.headers["Cache-Control"] = "private, max-age=31536000, immutable"
            return response
    raise FieldworkError("not_found", "No questionnaire with this id is in your assignments.")


# ---- interviews ----------------------------------------------------------------------------------


def _upload_json(result: fieldwork.UploadResult) -> dict[str, Any]:
    return {
        "uuid": result.uuid,
        "revision": result.revision,
        "content_hash": result.content_hash,
        "duplicate": result.duplicate,
        "status": result.status.value,
        "review_status": result.review_status.value if result.review_status else None,
        "received_at": iso(result.received_at),
    }


def _retryable(exc: Exception) -> bool:
    """A race with another upload of the same interview (or SQLite's writer lock): try again."""
    if isinstance(exc, IntegrityError | StaleDataError):
        return True
    text = str(getattr(exc, "orig", exc)).lower()
    return isinstance(exc, OperationalError) and any(
        word in text for word in ("locked", "busy", "deadlock", "could not serialize")
    )


@bp.route("/interviews/<interview_uuid>", methods=["GET", "PUT"])
@token_required
def interview(interview_uuid: str) -> ResponseReturnValue:
    """GET: the server's latest revision; PUT: upload (see put_interview)."""
    if request.method == "PUT":
        return put_interview(interview_uuid)
    return get_interview(interview_uuid)


def put_interview(interview_uuid: str) -> ResponseReturnValue:
    """Upload an interview: idempotent by content hash, a new revision when the content changed."""
    fieldwork.check_uuid(interview_uuid)
    upload = fieldwork.parse_upload(json_body())
    holder = current_login()
    cfg = current_app.config
    attempts = max(1, int(cfg["FIELD_UPLOAD_ATTEMPTS"]))
    for attempt in range(attempts):
        try:
            result = fieldwork.upload_interview(
                db.session,
                interview_uuid,
                upload,
                by=holder,
                token_id=holder.token_id,
                max_paradata_bytes=int(cfg["FIELD_MAX_PARADATA_BYTES"]),
            )
            body = _upload_json(result)
            if not result.duplicate:
                db.session.commit()
            else:
                db.session.rollback()
            return jsonify(body), 201 if result.created else 200
        except (IntegrityError, StaleDataError, OperationalError) as exc:
            db.session.rollback()
            if not _retryable(exc):
                raise
            time.sleep(0.01 * (attempt + 1))
    raise FieldworkError(
        "busy", "The server is busy with other copies of this interview; it will be sent again."
    )


def get_interview(interview_uuid: str) -> ResponseReturnValue:
    """The server's latest revision of one of this interviewer's interviews."""
    interview = fieldwork.interview_of(db.session, interview_uuid, current_login())
    revision = fieldwork.latest_revision(db.session, interview)
    if revision is None:
        raise FieldworkError("not_found", "The server has no interview of yours with this id.")
    body = _upload_json(fieldwork.UploadResult.of(interview, revision, duplicate=False))
    body.update(
        wave_id=interview.wave_id,
        sample_unit_id=interview.sample_unit_id,
        instrument_hash=interview.instrument_version.content_hash,
        saved_at=revision.client_saved_at,
        answers=revision.answers,
        paradata=revision.paradata,
        language=revision.language,
        # The roster and draws this revision carried (none if it carried none): a tablet that
        # takes the server's version (a correction refused for good, an interview sent back to a
        # new tablet) takes its household list too, and sends it again with a later correction.
        household=revision.household,
        review_comment=interview.review_comment,
        review_item=interview.review_item,
    )
    return jsonify(body)


# ---- contact attempts ----------------------------------------------------------------------------


@bp.route("/attempts/<attempt_uuid>", methods=["PUT"])
@token_required
def put_attempt(attempt_uuid: str) -> ResponseReturnValue:
    """Record a visit to a unit: 201 stored, 200 the same body again, 409 ``changed`` otherwise."""
    fieldwork.check_uuid(attempt_uuid)
    body = contact_attempts.parse_attempt(json_body())
    holder = current_login()
    attempts = max(1, int(current_app.config["FIELD_UPLOAD_ATTEMPTS"]))
    for attempt in range(attempts):
        try:
            stored, created = contact_attempts.record_attempt(
                db.session, attempt_uuid, body, by=holder
            )
            answer = {
                "uuid": stored.uuid,
                "sample_unit_id": stored.sample_unit_id,
                "outcome": stored.outcome.value,
                "attempted_at": stored.attempted_at_text,
                "appointment_date": _day(stored.appointment_date),
                "appointment_time": _hour(stored.appointment_time),
                "received_at": iso(stored.received_at),
                "duplicate": not created,
                "disposition": aapor_code(stored.sample_unit.disposition),
            }
            if created:
                db.session.commit()
            else:
                db.session.rollback()
            return jsonify(answer), 201 if created else 200
        except (IntegrityError, StaleDataError, OperationalError) as exc:
            db.session.rollback()
            if not _retryable(exc):
                raise
            time.sleep(0.01 * (attempt + 1))
    raise FieldworkError("busy", "The server is busy; the visit will be sent again.")
