"""Management pages."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, render_template

from ..auth.decorators import role_required
from ..extensions import db
from ..models import Role, Wave

bp = Blueprint("manage", __name__, url_prefix="/manage")

#: Who may manage waves (administrators always may).
MANAGER_ROLES = (Role.survey_manager,)


@bp.route("/")
@role_required(*MANAGER_ROLES)
def index() -> str:
    """All waves, newest first."""
    waves = db.session.scalars(sa.select(Wave).order_by(Wave.created_at.desc(), Wave.id.desc())).all()
    return render_template("manage/index.html", waves=waves)


# Placeholders replaced by the full management pages (next commits).
@bp.route("/waves/new")
@role_required(*MANAGER_ROLES)
def new_wave() -> str:
    return render_template("manage/index.html", waves=[])


@bp.route("/waves/<int:wave_id>")
@role_required(*MANAGER_ROLES)
def wave(wave_id: int) -> str:
    return render_template("manage/index.html", waves=[])


@bp.route("/users")
@role_required()
def users() -> str:
    return render_template("manage/index.html", waves=[])
