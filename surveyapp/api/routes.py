"""Health and ping endpoints."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import csrf, db

bp = Blueprint("api", __name__, url_prefix="/api")
# API clients authenticate per request, not with a browser session, so no CSRF token.
csrf.exempt(bp)


@bp.route("/health")
def health() -> ResponseReturnValue:
    """200 when the database answers, 503 otherwise (for load balancers and monitors)."""
    try:
        db.session.execute(sa.text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="error", database="unavailable"), 503
    return jsonify(status="ok", database="ok")


@bp.route("/ping")
def ping() -> ResponseReturnValue:
    """No database, no session: the cheapest possible answer, for benchmarks."""
    return jsonify(pong=True)
