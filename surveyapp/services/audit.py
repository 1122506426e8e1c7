"""Audit log entries."""

from __future__ import annotations

from typing import Any

from ..models import AuditLog, User
from . import DBSession


def record(
    session: DBSession,
    action: str,
    *,
    user: User | None = None,
    object_type: str | None = None,
    object_id: object = None,
    details: dict[str, Any] | None = None,
) -> AuditLog:
    """Add an audit entry; ``details`` must never hold passwords, codes or answers."""
    entry = AuditLog(
        action=action,
        user_id=user.id if user is not None else None,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        details=details or {},
    )
    session.add(entry)
    session.flush()
    return entry
