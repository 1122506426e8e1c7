"""Field work index."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, render_template

from ..auth.decorators import role_required
from ..extensions import db
from ..models import Role, Wave, WaveStatus

bp = Blueprint("fieldwork", __name__, url_prefix="/fieldwork")

#: Who may open the field work pages (administrators always may).
FIELDWORK_ROLES = (Role.survey_manager, Role.supervisor, Role.interviewer)


@bp.route("/")
@role_required(*FIELDWORK_ROLES)
def index() -> str:
    """Open waves that accept tablet interviews."""
    waves = db.session.scalars(
        sa.select(Wave).where(Wave.status == WaveStatus.open).order_by(Wave.created_at.desc())
    ).all()
    tablet_waves = [w for w in waves if "tablet" in w.modes]
    return render_template("fieldwork/index.html", waves=tablet_waves)
