"""Login and logout."""

from __future__ import annotations

import datetime as dt

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required, login_user, logout_user

from ..extensions import db, limiter
from ..services import audit
from ..services.users import LoginOutcome, UserError, authenticate, set_password
from .forms import EmptyForm, LoginForm, PasswordForm
from .session import safe_next

bp = Blueprint("auth", __name__, url_prefix="/auth")


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
            session.permanent = True  # expires after PERMANENT_SESSION_LIFETIME
            login_user(result.user, remember=bool(form.remember.data))
            return redirect(safe_next(form.next.data) or url_for("main.index"))
        # Same words for unknown email, wrong password and locked account: no account probing.
        form.password.errors = [
            "The email address or password is wrong, or the account is locked after "
            f"{cfg['LOGIN_MAX_FAILED']} failed attempts (it unlocks after "
            f"{cfg['LOGIN_LOCKOUT_MINUTES']} minutes)."
        ]
    return render_template("auth/login.html", form=form)


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
        db.session.commit()
        logout_user()
        flash("You have logged out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password() -> ResponseReturnValue:
    """Any staff member changes their own password (e.g. the temporary one from an administrator)."""
    form = PasswordForm()
    user = current_user._get_current_object()
    if form.validate_on_submit():
        if not user.check_password(form.current.data or ""):
            form.current.errors = ["The current password is wrong."]
        else:
            try:
                set_password(db.session, user, form.new.data or "", by=user)
            except UserError as exc:
                db.session.rollback()
                form.new.errors = [exc.message]
            else:
                db.session.commit()
                # The session id depends on the password: log in again under the new one.
                login_user(user)
                flash("Your password has been changed.", "success")
                return redirect(url_for("main.index"))
    return render_template("auth/password.html", form=form)
