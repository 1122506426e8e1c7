"""Flask-Login's user loader."""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from flask import flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from ..errors import error_response, wants_json
from ..extensions import db
from ..models import User
from ..models.base import MAX_ID


def load_user(user_id: str) -> User | None:
    """The logged-in user, or None when the account is gone, deactivated, or its password changed."""
    if not isinstance(user_id, str):  # a session written by something else
        return None
    number, _, fingerprint = user_id.partition("-")
    if not number.isdigit() or int(number) > MAX_ID:
        return None
    user = db.session.get(User, int(number))
    if user is None or not user.active:
        return None
    if not hmac.compare_digest(fingerprint, user.session_fingerprint()):
        return None  # the password changed since this session began
    return user


def unauthorized() -> ResponseReturnValue:
    """Anonymous user on a protected page: 401 JSON for API clients, else the login page."""
    if wants_json():
        return error_response(401)
    flash("Please log in to see this page.", "info")
    return redirect(url_for("auth.login", next=safe_next(request.full_path)))


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
