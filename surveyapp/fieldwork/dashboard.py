"""The quality-control dashboard of a wave (``/fieldwork/waves/<id>/quality``).

Supervisors see their areas' units and interviews; the rules are services/dashboard.py's.
"""

from __future__ import annotations

from flask import render_template
from flask.typing import ResponseReturnValue

from ..auth.decorators import role_required
from ..extensions import db
from .review import REVIEW_ROLES, scope, wave_or_404
from .routes import bp


@bp.route("/waves/<int:wave_id>/quality")
@role_required(*REVIEW_ROLES)
def dashboard(wave_id: int) -> ResponseReturnValue:
    """Completes, partials, refusals, non-contacts, AAPOR rates and paradata flags."""
    # numpy and pandas load with the first dashboard, not in every server worker (issue 13)
    from ..services import dashboard as figures

    area_scope = scope()
    wave = wave_or_404(wave_id, area_scope)
    found = figures.dashboard(db.session, wave, within=area_scope.area_ids)
    return render_template(
        "fieldwork/dashboard.html",
        wave=wave,
        board=found,
        rules=figures,
    )
