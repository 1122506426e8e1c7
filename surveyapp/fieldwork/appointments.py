"""The appointments still to keep in a wave (``/fieldwork/waves/<id>/appointments``).

Area-scoped like the review pages: a supervisor sees the households of their areas whose last
visit set a day to come back and that have no finished interview yet. The rule is
services/attempts.py's (open_appointments).
"""

from __future__ import annotations

from flask import render_template
from flask.typing import ResponseReturnValue

from ..auth.decorators import role_required
from ..extensions import db
from ..models import utcnow
from ..services import attempts
from .review import REVIEW_ROLES, scope, wave_or_404
from .routes import bp


@bp.route("/waves/<int:wave_id>/appointments")
@role_required(*REVIEW_ROLES)
def appointments(wave_id: int) -> ResponseReturnValue:
    """Households to visit again on the day agreed, the earliest first."""
    area_scope = scope()
    wave = wave_or_404(wave_id, area_scope)
    found = attempts.open_appointments(db.session, wave, within=area_scope.area_ids)
    now = utcnow()
    return render_template(
        "fieldwork/appointments.html",
        wave=wave,
        rows=[(visit, attempts.appointment_due(visit, now)) for visit in found],
        limit=attempts.APPOINTMENTS_SHOWN,
    )
