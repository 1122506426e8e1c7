"""Home page."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from ..models import Role

bp = Blueprint("main", __name__)


@bp.route("/")
def index() -> Response | str:
    """Public landing page; logged-in staff go straight to their area."""
    if not current_user.is_authenticated:
        return render_template("main/index.html")
    role = current_user.role
    if role in (Role.administrator, Role.survey_manager):
        return redirect(url_for("manage.index"))
    if role in (Role.supervisor, Role.interviewer):
        return redirect(url_for("fieldwork.index"))
    return redirect(url_for("observatory.index"))
