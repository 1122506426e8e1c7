"""Login and logout."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required, login_user, logout_user
from markupsafe import Markup

from ..extensions import db, limiter
from ..i18n import LANGUAGES
from ..models import User
from ..models.base import MAX_ID
from ..models.users import StaffSession
from ..services import audit, staff_sessions, twofactor
from ..services.users import (
    LoginOutcome,
    UserError,
    authenticate,
    register_failure,
    set_password,
)
from ..staff_texts import service_message, st
from .forms import CodeForm, DisableTwoFactorForm, EmptyForm, LoginForm, PasswordForm
from .session import safe_next

bp = Blueprint("auth", __name__, url_prefix="/auth")

#: Session key of a login waiting for its second factor (user id, password fingerprint, time).
PENDING = "twofactor_pending"


def _login_limit() -> str:
    return str(current_app.config["LOGIN_RATE_LIMIT"])


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login() -> ResponseReturnValue:
    """Staff login with lockout after repeated failures."""
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next"))
    if form.validate_on_submit():
        cfg = current_app.config
        result = authenticate(
            db.session,
            form.email.data or "",
            form.password.data or "",
            max_failed=int(cfg["LOGIN_MAX_FAILED"]),
            lockout=dt.timedelta(minutes=int(cfg["LOGIN_LOCKOUT_MINUTES"])),
        )
        db.session.commit()
        if result.outcome is LoginOutcome.ok and result.user is not None:
            user = result.user
            target = safe_next(form.next.data)
            remember = bool(form.remember.data)
            if user.has_two_factor:
                # The password was right; the login waits for the second factor.
                session[PENDING] = {
                    "user": user.id,
                    "fingerprint": user.session_fingerprint(),
                    "remember": remember,
                    "next": target,
                    "at": time.time(),
                }
                return redirect(url_for("auth.two_factor"))
            _finish_login(user, remember)
            return redirect(target or url_for("main.index"))
        # Same words for unknown email, wrong password and locked account: no account probing.
        form.password.errors = [
            st("login_failed", n=cfg["LOGIN_MAX_FAILED"], minutes=cfg["LOGIN_LOCKOUT_MINUTES"])
        ]
    return render_template("auth/login.html", form=form)


def _finish_login(user: User, remember: bool) -> None:
    """Start a staff session for this browser and log the user in."""
    cfg = current_app.config
    lifetime = int(cfg["REMEMBER_COOKIE_DURATION" if remember else "PERMANENT_SESSION_LIFETIME"])
    _row, token = staff_sessions.start(
        db.session,
        user,
        lifetime=dt.timedelta(seconds=lifetime),
        user_agent=request.user_agent.string or "",
    )
    db.session.commit()
    session.pop(PENDING, None)
    session.permanent = True  # expires after PERMANENT_SESSION_LIFETIME
    user.bind_session(token)
    login_user(user, remember=remember)


def _pending_user() -> tuple[User, dict[str, Any]] | None:
    """The user whose password was right a moment ago and who now owes the second factor."""
    pending = session.get(PENDING)
    if not isinstance(pending, dict) or not isinstance(pending.get("user"), int):
        return None
    waited = time.time() - float(pending.get("at") or 0)
    if not 0 <= waited <= int(current_app.config["TWO_FACTOR_LOGIN_SECONDS"]):
        session.pop(PENDING, None)
        return None
    user = db.session.get(User, pending["user"]) if 0 < pending["user"] <= MAX_ID else None
    if (
        user is None
        or not user.active
        or not user.has_two_factor
        or pending.get("fingerprint") != user.session_fingerprint()
    ):
        session.pop(PENDING, None)
        return None
    return user, pending


@bp.route("/2fa", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def two_factor() -> ResponseReturnValue:
    """Second step of a login: a code from the authenticator app, or a recovery code."""
    found = _pending_user()
    if found is None:
        flash(st("log_in_first"), "info")
        return redirect(url_for("auth.login"))
    user, pending = found
    form = CodeForm()
    if form.validate_on_submit():
        cfg = current_app.config
        if user.is_locked():
            ok = False
        else:
            ok = twofactor.verify(db.session, user, form.code.data or "")
            if not ok:
                register_failure(
                    db.session,
                    user,
                    max_failed=int(cfg["LOGIN_MAX_FAILED"]),
                    lockout=dt.timedelta(minutes=int(cfg["LOGIN_LOCKOUT_MINUTES"])),
                )
        db.session.commit()
        if ok:
            _finish_login(user, bool(pending.get("remember")))
            return redirect(safe_next(pending.get("next")) or url_for("main.index"))
        form.code.errors = [st("code_wrong", n=cfg["LOGIN_MAX_FAILED"])]
    return render_template("auth/two_factor.html", form=form)


@bp.route("/2fa/setup", methods=["GET", "POST"])
@login_required
def two_factor_setup() -> ResponseReturnValue:
    """Turn on two-factor authentication: scan the QR code, confirm with a first code."""
    user: User = current_user._get_current_object()
    form = CodeForm()
    if user.has_two_factor:
        left = twofactor.unused_recovery_codes(db.session, user)
        return render_template(
            "auth/two_factor_on.html",
            left=left,
            form=EmptyForm(),
            disable_form=DisableTwoFactorForm(),
            required=_two_factor_required(user),
        )
    if form.validate_on_submit() and user.totp_secret is not None:
        try:
            codes = twofactor.confirm_enrolment(db.session, user, form.code.data or "")
        except twofactor.TwoFactorError as exc:
            db.session.rollback()
            form.code.errors = [service_message(exc)]
        else:
            db.session.commit()
            return render_template("auth/recovery_codes.html", codes=codes, new=True)
    if user.totp_secret is None or request.method == "GET":
        uri = twofactor.start_enrolment(db.session, user)
        db.session.commit()
    else:
        uri = twofactor.provisioning_uri(user)
    return render_template(
        "auth/two_factor_setup.html",
        form=form,
        qr=Markup(twofactor.qr_svg(uri)),
        secret=user.totp_secret,
        required=_two_factor_required(user),
    )


@bp.route("/2fa/recovery-codes", methods=["POST"])
@login_required
def new_recovery_codes() -> ResponseReturnValue:
    """Replace the recovery codes (shown once)."""
    user: User = current_user._get_current_object()
    form = EmptyForm()
    if not form.validate_on_submit() or not user.has_two_factor:
        return redirect(url_for("auth.two_factor_setup"))
    codes = twofactor.new_recovery_codes(db.session, user)
    db.session.commit()
    return render_template("auth/recovery_codes.html", codes=codes, new=False)


@bp.route("/2fa/disable", methods=["POST"])
@login_required
def disable_two_factor() -> ResponseReturnValue:
    """Turn two-factor authentication off (with the password; not for roles that require it)."""
    user: User = current_user._get_current_object()
    form = DisableTwoFactorForm()
    if _two_factor_required(user):
        flash(st("role_requires"), "error")
    elif not form.validate_on_submit() or not user.check_password(form.password.data or ""):
        flash(st("wrong_password_stays_on"), "error")
    elif user.has_two_factor:
        twofactor.disable(db.session, user, by=user)
        db.session.commit()
        flash(st("two_factor_off"), "success")
    return redirect(url_for("auth.two_factor_setup"))


def _two_factor_required(user: User) -> bool:
    return user.role.value in set(current_app.config["TWO_FACTOR_REQUIRED_ROLES"])


#: What a user who must change a temporary password may still do.
PASSWORD_CHANGE_ENDPOINTS = frozenset({"auth.change_password", "auth.logout", "static"})


@bp.before_app_request
def require_own_password_and_two_factor() -> ResponseReturnValue | None:
    """A user whose password someone else set may only change it (and log out); then members
    of TWO_FACTOR_REQUIRED_ROLES without two-factor authentication may only set it up.

    The password comes first: the second factor is bound to an account whose password only
    its holder knows. Respondent pages, static files and the API are never touched (nor is
    the user loaded there).
    """
    if request.path.startswith(("/s/", "/static/", "/api/")) or request.path in (
        "/s",
        "/favicon.ico",
    ):
        return None
    if not current_user.is_authenticated:
        return None
    if current_user.must_change_password:
        if request.endpoint in PASSWORD_CHANGE_ENDPOINTS:
            return None
        flash(st("temporary_change_first"), "info")
        # The page asked for comes next (a GET only: a form post is not replayed).
        after = safe_next(request.full_path) if request.method == "GET" else None
        return redirect(url_for("auth.change_password", lang=_language_asked(), next=after))
    if request.path.startswith("/auth/") or current_user.has_two_factor:
        return None
    if not _two_factor_required(current_user):
        return None
    flash(st("set_up_to_continue"), "info")
    return redirect(url_for("auth.two_factor_setup", lang=_language_asked()))


def _language_asked() -> str | None:
    """A ``?lang=`` the redirected request asked for, kept for the page it is sent to (this
    check runs before the language is remembered); None leaves it out of the URL."""
    asked = request.args.get("lang", "")
    return asked if asked in LANGUAGES else None


@bp.route("/sessions")
@login_required
def sessions() -> ResponseReturnValue:
    """Where this account is logged in; any session can be ended."""
    user: User = current_user._get_current_object()
    idle = dt.timedelta(minutes=int(current_app.config["STAFF_SESSION_IDLE_MINUTES"]))
    return render_template(
        "auth/sessions.html",
        rows=staff_sessions.live_sessions(db.session, user, idle=idle),
        current_id=g.get("staff_session_id"),
        form=EmptyForm(),
    )


@bp.route("/sessions/<int:session_id>/end", methods=["POST"])
@login_required
def end_session(session_id: int) -> ResponseReturnValue:
    """End one of the user's own sessions (another browser is logged out at its next request)."""
    user: User = current_user._get_current_object()
    form = EmptyForm()
    row = db.session.get(StaffSession, session_id)
    if row is None or row.user_id != user.id:
        # Someone else's session looks like one that does not exist.
        flash(st("session_not_yours"), "error")
        return redirect(url_for("auth.sessions"))
    if form.validate_on_submit():
        staff_sessions.end(db.session, row, by=user, reason="ended by user")
        db.session.commit()
        if row.id == g.get("staff_session_id"):
            logout_user()
            flash(st("this_session_ended"), "info")
            return redirect(url_for("auth.login"))
        flash(st("session_ended"), "success")
    return redirect(url_for("auth.sessions"))


@bp.route("/logout", methods=["POST"])
def logout() -> ResponseReturnValue:
    """Log out (POST with CSRF token, so no link can log someone out)."""
    form = EmptyForm()
    if form.validate_on_submit() and current_user.is_authenticated:
        audit.record(
            db.session,
            "user.logout",
            user=current_user._get_current_object(),
            object_type="user",
            object_id=current_user.id,
        )
        row = db.session.get(StaffSession, g.get("staff_session_id") or 0)
        if row is not None:
            staff_sessions.end(
                db.session, row, by=current_user._get_current_object(), reason="logout"
            )
        db.session.commit()
        logout_user()
        flash(st("logged_out"), "info")
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password() -> ResponseReturnValue:
    """Any staff member changes their own password; one whose password was set by someone else
    (``must_change_password``) is sent here from every staff page until they do."""
    form = PasswordForm()
    user = current_user._get_current_object()
    if form.validate_on_submit():
        if not user.check_password(form.current.data or ""):
            form.current.errors = [st("current_wrong")]
        elif form.new.data == form.current.data:
            form.new.errors = [st("new_same_as_current")]
        else:
            try:
                set_password(db.session, user, form.new.data or "", by=user)
            except UserError as exc:
                db.session.rollback()
                form.new.errors = [service_message(exc)]
            else:
                # Every other session ends; this browser gets a new one under the new password.
                staff_sessions.end_all(db.session, user, by=user, reason="password changed")
                db.session.commit()
                _finish_login(user, remember=False)
                flash(st("password_changed"), "success")
                return redirect(safe_next(request.args.get("next")) or url_for("main.index"))
    return render_template(
        "auth/password.html",
        form=form,
        temporary=user.must_change_password,
        next=safe_next(request.args.get("next")),
    )
