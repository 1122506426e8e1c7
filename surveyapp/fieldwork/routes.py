"""Field work index."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, render_template
from flask_login import current_user

from ..auth.decorators import role_required
from ..extensions import db
from ..models import Role, Wave, WaveStatus
from ..services.scope import scope_of

bp = Blueprint("fieldwork", __name__, url_prefix="/fieldwork")

#: Who may open the field work pages (administrators always may).
FIELDWORK_ROLES = (Role.survey_manager, Role.supervisor, Role.interviewer)


@bp.route("/")
@role_required(*FIELDWORK_ROLES)
def index() -> str:
    """Open waves that accept tablet interviews, those covering part of the user's area."""
    waves = db.session.scalars(
        sa.select(Wave).where(Wave.status == WaveStatus.open).order_by(Wave.created_at.desc())
    ).all()
    # a wave outside the area would link to review and quality pages that answer 404
    area_scope = scope_of(db.session, current_user._get_current_object())
    tablet_waves = [w for w in waves if "tablet" in w.modes and area_scope.sees_wave(w)]
    return render_template("fieldwork/index.html", waves=tablet_waves)
