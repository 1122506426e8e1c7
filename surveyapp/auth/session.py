"""Flask-Login's user loader."""

from __future__ import annotations

import datetime as dt
import hmac
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app, flash, g, redirect, request, url_for
from flask.typing import ResponseReturnValue

from ..errors import error_response, wants_json
from ..extensions import db
from ..i18n import lookup
from ..models import User, utcnow
from ..models.base import parse_id
from ..models.users import StaffSession
from ..services import staff_sessions
from ..staff_texts import TEXTS, leaving_language, st


def load_user(user_id: str) -> User | None:
    """The logged-in user, or None when the account is gone, deactivated, its password changed,
    or its staff session ended, expired or went idle (services/staff_sessions.py)."""
    if not isinstance(user_id, str):  # a session written by something else
        return None
    number, _, rest = user_id.partition("-")
    fingerprint, _, token = rest.partition("-")
    user_number = parse_id(number)  # "²" or 5,000 digits (a crafted cookie) name nobody
    if user_number is None or not token:
        return None
    user = db.session.get(User, user_number)
    if user is None or not user.active:
        return None
    if not hmac.compare_digest(fingerprint, user.session_fingerprint()):
        return None  # the password changed since this session began
    idle = dt.timedelta(minutes=int(current_app.config["STAFF_SESSION_IDLE_MINUTES"]))
    live = staff_sessions.find_live(db.session, user.id, token, idle=idle)
    if live is None:
        return None
    touch = dt.timedelta(seconds=int(current_app.config["STAFF_SESSION_TOUCH_SECONDS"]))
    if staff_sessions.needs_touch(live, touch):
        # Its own short transaction: the request may not commit, and must not commit this for us.
        with db.engine.begin() as conn:
            conn.execute(
                sa.update(StaffSession)
                .where(StaffSession.id == live.id)
                .values(last_seen_at=utcnow())
            )
    user.bind_session(token)
    g.staff_session_id = live.id
    return user


def unauthorized() -> ResponseReturnValue:
    """Anonymous user on a protected page: 401 JSON for API clients, else the login page."""
    if wants_json():
        return error_response(401)
    # The login page speaks the language of the page asked for (an observatory page's own ?lang=
    # or default is not the staff language a browser would otherwise get).
    language = leaving_language()
    flash(lookup(TEXTS, "please_log_in", language) if language else st("please_log_in"), "info")
    return redirect(url_for("auth.login", lang=language, next=safe_next(request.full_path)))


def safe_next(target: str | None) -> str | None:
    """Keep only same-site relative paths as a post-login destination."""
    if not target:
        return None
    target = target.rstrip("?")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target:
        return None
    return target
