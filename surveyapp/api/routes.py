"""Health and ping endpoints."""

from __future__ import annotations

import functools

import sqlalchemy as sa
from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import csrf, db

bp = Blueprint("api", __name__, url_prefix="/api")
# API clients authenticate per request, not with a browser session, so no CSRF token.
csrf.exempt(bp)


@functools.cache
def _migrations() -> tuple[str, frozenset[str]]:
    """The newest migration this code ships (the schema it expects) and every revision."""
    from alembic.script import ScriptDirectory

    from .. import migrations_directory

    script = ScriptDirectory(str(migrations_directory()))
    head = script.get_current_head()
    assert head is not None  # the package ships its migrations
    return head, frozenset(s.revision for s in script.walk_revisions())


def schema_head() -> str:
    """The newest migration this code ships (the schema it expects)."""
    return _migrations()[0]


def schema_state() -> str:
    """``current``, ``unversioned`` (tables made without the migrations: tests, by hand),
    ``missing`` (no tables: ``surveyapp init`` not run) or ``behind``/``other`` (not the
    schema this code expects: ``surveyapp db upgrade`` not run after an upgrade, or a
    database of another version)."""
    engine = db.engine
    tables = sa.inspect(engine).get_table_names()
    if "alembic_version" not in tables:
        return "unversioned" if "waves" in tables else "missing"
    versions = set(db.session.scalars(sa.text("SELECT version_num FROM alembic_version")))
    head, known = _migrations()
    if versions == {head}:
        return "current"
    return "behind" if versions <= known else "other"


@bp.route("/health")
def health() -> ResponseReturnValue:
    """200 when the database answers with the schema this code expects, 503 otherwise (for
    load balancers and monitors), saying which."""
    try:
        db.session.execute(sa.text("SELECT 1"))
        schema = schema_state()
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="error", database="unavailable"), 503
    if schema not in ("current", "unversioned"):
        return jsonify(status="error", database="ok", schema=schema), 503
    return jsonify(status="ok", database="ok", schema=schema)


@bp.route("/ping")
def ping() -> ResponseReturnValue:
    """No database, no session: the cheapest possible answer, for benchmarks."""
    return jsonify(pong=True)
