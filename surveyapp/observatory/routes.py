"""Observatory index."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, render_template

from ..auth.decorators import role_required
from ..extensions import db
from ..models import Role, Wave, WaveStatus

bp = Blueprint("observatory", __name__, url_prefix="/observatory")

#: Who may open the observatory pages (administrators always may).
OBSERVATORY_ROLES = (Role.analyst, Role.survey_manager)


@bp.route("/")
@role_required(*OBSERVATORY_ROLES)
def index() -> str:
    """Waves with collected data."""
    waves = db.session.scalars(
        sa.select(Wave).where(Wave.status != WaveStatus.draft).order_by(Wave.created_at.desc())
    ).all()
    return render_template("observatory/index.html", waves=waves)
