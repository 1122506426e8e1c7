"""Audit log entries."""

from __future__ import annotations

import functools
from typing import Any, cast

import sqlalchemy as sa

from ..models import AuditLog, utcnow
from . import Actor, DBSession


def record(
    session: DBSession,
    action: str,
    *,
    user: Actor | None = None,
    object_type: str | None = None,
    object_id: object = None,
    details: dict[str, Any] | None = None,
) -> AuditLog:
    """Add an audit entry; ``details`` must never hold passwords, codes or answers."""
    entry = AuditLog(**_values(action, user, object_type, object_id, details))
    session.add(entry)
    session.flush()
    return entry


def write(
    session: DBSession,
    action: str,
    *,
    user: Actor | None = None,
    object_type: str | None = None,
    object_id: object = None,
    details: dict[str, Any] | None = None,
) -> None:
    """:func:`record` in one Core INSERT, without the ORM's flush (which also writes whatever
    else the session holds): for a hot path that writes its own rows by Core."""
    session.connection().execute(
        _insert_statement(), _values(action, user, object_type, object_id, details)
    )


def _values(
    action: str,
    user: Actor | None,
    object_type: str | None,
    object_id: object,
    details: dict[str, Any] | None,
) -> dict[str, Any]:
    return {
        "created_at": utcnow(),
        "action": action,
        "user_id": user.id if user is not None else None,
        "object_type": object_type,
        "object_id": None if object_id is None else str(object_id),
        "details": details or {},
    }


@functools.cache
def _insert_statement() -> sa.Insert:
    return cast(sa.Table, AuditLog.__table__).insert()
